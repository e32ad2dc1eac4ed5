import ModuleScanner

/// What a module or class contributes to the collection tree, in pytest's order.
indirect enum ModuleEntry: Sendable {
    case function(name: String, line: Int32, file: String, decl: FunctionDecl?)
    /// A parametrized function: one item per id suffix (nil: no brackets), and per item its
    /// params of a scope wider than function (`params` is empty when there are none) and the
    /// marks its parameter set adds (`marks` is empty when none does).
    case parametrized(
        name: String, line: Int32, file: String, decl: FunctionDecl, ids: [String?], params: [[ScopeReorder.Param]],
        marks: [[String]] = [])
    case testClass(name: String, line: Int32, unitTest: Bool, ref: ClassRef?, children: [ModuleEntry])
}

/// A warning pytest would show in its warnings summary: where it was raised (nil for
/// configuration warnings) and its text lines as the summary prints them.
public struct CollectionWarning: Sendable, Equatable {
    /// The summary's location line (`test_x.py:12`, `../lib/x.py:3`: pytest's `bestrelpath`
    /// from the invocation directory).
    public var location: String?
    /// The indented lines under it (`  /abs/test_x.py:12: PytestCollectionWarning: …`).
    public var lines: [String]
    /// The test module whose collection raised it (its location may be in a module it imports).
    public var origin: String?
    /// The `warnings.warn_explicit` call that raises it (nil for configuration warnings).
    public var raised: Raised?

    /// What pytest passes to `warnings.warn_explicit`: enough for a plugin to raise the same
    /// warning without importing the module.
    public struct Raised: Sendable, Equatable {
        public var category: String
        public var message: String
        public var filename: String
        public var lineno: Int32
    }

    public init(location: String?, lines: [String], raised: Raised? = nil) {
        self.location = location
        self.lines = lines
        self.raised = raised
    }

    /// A warning raised at a line of a file, shown with that line's source; `invocationDirectory`
    /// is where pytest ran (the summary's locations are relative to it).
    static func located(
        category: String, message: String, file: String, line: Int32, sourceLine: String, invocationDirectory: String
    ) -> CollectionWarning {
        let relative = ConfigPath.bestrelpath(from: invocationDirectory, to: file)
        var lines = ["  \(file):\(line): \(category): \(message)"]
        if !sourceLine.isEmpty { lines.append("    \(sourceLine)") }
        return CollectionWarning(
            location: "\(relative):\(line)", lines: lines,
            raised: Raised(category: category, message: message, filename: file, lineno: line))
    }

    /// A `PytestConfigWarning` raised while reading the configuration.
    static func config(_ message: String) -> CollectionWarning {
        CollectionWarning(location: nil, lines: ["  PytestConfigWarning: \(message)"])
    }
}
