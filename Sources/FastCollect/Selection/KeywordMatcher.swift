/// pytest's `KeywordMatcher` for `-k`: an ident matches an item when its lowercase form is a
/// substring of the lowercase form of one of the item's names (Python's `str.lower()`, code points).
public struct KeywordMatcher: Sendable {
    /// pytest's `UsageError` for `-k "name(key=value)"`. pytest raises it only when evaluation reaches
    /// that ident for some item, so `-k "x or f(a=1)"` is fine while every item matches `x`.
    public struct CallParametersError: Error, Sendable, Equatable, CustomStringConvertible {
        public init() {}
        /// The text pytest prints after `ERROR: ` (exit code 4).
        public var message: String { "Keyword expressions do not support call parameters." }
        public var description: String { message }
    }

    /// Every name lowercased, one after another; `ends[i]` is where name `i` stops.
    private let lowered: [UInt8]
    private let ends: [Int]

    /// The names pytest 9.0.3's `KeywordMatcher.from_item` gathers for an item (checked with real pytest):
    /// - `name` of each node in the item's chain except the Session and the outermost directory, the
    ///   Session's child (the `--confcutdir`, by default the ini file's directory, else the rootdir):
    ///   each directory or package below it (`tests`, `sub_dir`), the module file with its suffix
    ///   (`test_mod.py`, so `-k py` matches every test), each enclosing class, outer and nested, and the
    ///   item name with its parameter id (`test_param[Alpha]`). Never paths (`sub_dir/test_mod.py`),
    ///   node types, parametrize argnames, fixture names, nor `__init__` of a package.
    /// - The keys of the test function's `__dict__`: attributes assigned to it (`test_x.flag = 1`),
    ///   `pytestmark` when a mark decorator sits on the function itself (not on its class or module),
    ///   `__wrapped__` and the wrapped function's attributes under `functools.wraps`, e.g.
    ///   `__unittest_skip__` and `__unittest_skip_why__` from `@unittest.skip`.
    /// - The name of every mark of `item.iter_markers()`: the function's own (including `parametrize`,
    ///   `usefixtures`, `skip`…), those of `pytest.param(..., marks=...)` for its parameter set, its
    ///   class's and base classes', the module's `pytestmark`, and any added by hooks or fixtures.
    /// - `extra_keyword_matches` of each node: pytest adds none itself, only plugins do.
    public init(names: some Sequence<String>) {
        var lowered: [UInt8] = []
        var ends: [Int] = []
        for name in names {
            Self.appendPythonLowercased(name, to: &lowered)
            ends.append(lowered.count)
        }
        self.lowered = lowered
        self.ends = ends
    }

    /// pytest's `KeywordMatcher.__call__`: `subname.lower() in name.lower()` for any name.
    public func callAsFunction(
        _ subname: String, _ kwargs: [String: ExpressionValue]?
    ) throws(CallParametersError) -> Bool {
        if let kwargs, !kwargs.isEmpty {
            throw CallParametersError()
        }
        let isASCII = subname.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 }
        } ?? subname.utf8.allSatisfy { $0 < 0x80 }
        if isASCII {
            let count = subname.utf8.count
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
                for (index, byte) in subname.utf8.enumerated() {
                    buffer[index] = Self.asciiLowercased(byte)
                }
                return contains(UnsafeBufferPointer(buffer))
            }
        }
        var needle: [UInt8] = []
        Self.appendPythonLowercased(subname, to: &needle)
        return needle.withUnsafeBufferPointer(contains)
    }

    /// Evaluates a `-k` expression against this item's names.
    public func matches(_ expression: Expression) throws(CallParametersError) -> Bool {
        try expression.evaluate(callAsFunction)
    }

    private func contains(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        lowered.withUnsafeBufferPointer { haystack in
            var start = 0
            for end in ends {
                defer { start = end }
                guard end - start >= needle.count else { continue }
                var candidate = start
                while candidate <= end - needle.count {
                    var offset = 0
                    while offset < needle.count && haystack[candidate + offset] == needle[offset] {
                        offset += 1
                    }
                    if offset == needle.count {
                        return true
                    }
                    candidate += 1
                }
            }
            return false
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// Python's `str.lower()` in UTF-8: full lowercase mappings (`İ` → `i̇`), and `Σ` → `ς` in
    /// final position (`Final_Sigma`), as CPython's `lower_ucs4` does.
    static func appendPythonLowercased(_ text: String, to out: inout [UInt8]) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                out.append(asciiLowercased(byte))
            }
            return
        }
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.isASCII {
                out.append(asciiLowercased(UInt8(scalar.value)))
            } else if scalar.value == 0x3A3 {
                out.append(contentsOf: (isFinalSigma(scalars, at: index) ? "\u{3C2}" : "\u{3C3}").utf8)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
    }

    /// CPython's `handle_capital_sigma`: a cased letter before (skipping case-ignorables) and none after.
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0 && scalars[before].properties.isCaseIgnorable {
            before -= 1
        }
        guard before >= 0 && scalars[before].properties.isCased else { return false }
        var after = index + 1
        while after < scalars.count && scalars[after].properties.isCaseIgnorable {
            after += 1
        }
        return after == scalars.count || !scalars[after].properties.isCased
    }
}
