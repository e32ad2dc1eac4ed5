import ModuleScanner

/// What a test module's own code does to its collection when pytest imports it: an
/// unconditional `pytest.skip(…, allow_module_level=True)` skips it, one without that flag
/// fails it, and `pytest.importorskip("name")` skips it when `name` cannot be imported.
enum ModuleLevelSkip: Equatable {
    /// The statement on `line` skips the module: it has no tests.
    case skipped(line: Int32)
    /// pytest fails collecting the module with this message.
    case error(String)
    /// The module may be skipped; static reading cannot tell (the reason).
    case unknown(String)

    /// `outcomes.skip`'s message for a module-level call without `allow_module_level=True`.
    static let notAllowedMessage =
        "Using pytest.skip outside of a test will skip the entire module. If that's your intention, pass "
        + "`allow_module_level=True`. If you want to skip a specific test or an entire class, use the "
        + "@pytest.mark.skip or @pytest.mark.skipif decorators."

    /// What a chain of modules run in turn does (package `__init__.py` files, then the
    /// module): the first that skips or fails decides, unless one before it may skip, which
    /// leaves a failure not known (a skip stays a skip).
    static func first(of outcomes: [ModuleLevelSkip?]) -> ModuleLevelSkip? {
        var unknown: ModuleLevelSkip?
        for case let outcome? in outcomes {
            switch outcome {
            case .skipped: return outcome
            case .error: return unknown ?? outcome
            case .unknown: unknown = unknown ?? outcome
            }
        }
        return unknown
    }

    /// The first module-level statement (in a block whose running is known, or the first whose
    /// running is not) that skips or fails the module; nil when none does. `importable` says
    /// whether a module can be imported (nil: not known); `namespace` is asked for only when a
    /// statement may be such a call.
    static func find(
        in module: LoadedModule, namespace: () -> Namespace, importable: (String) -> Bool?
    ) -> ModuleLevelSkip? {
        guard let summary = module.summary else { return nil }
        // Every spelling holds "skip", its import line too.
        let mentionsSkip = module.source.withUnsafeBufferPointer { source in
            StaticString("skip").withUTF8Buffer { ByteSearch.firstOffset(of: $0, in: source) != nil }
        }
        guard mentionsSkip else { return nil }
        let spellings = Spellings(summary.members)
        guard !spellings.isEmpty else { return nil }
        var candidates: [(line: Int32, guardKind: GuardKind, callee: String, arguments: PyArguments)] = []
        module.source.withUnsafeBufferPointer { source in
            for call in summary.calls where spellings.matches(call.callee) {
                candidates.append(
                    (call.line, call.guardKind, call.callee, PyExpressionParser.parseArguments(source: source, range: call.arguments)))
            }
            // `np = pytest.importorskip("numpy")`.
            for case .assignment(let decl) in summary.members where decl.op == .assign {
                guard let range = decl.value, spellings.startsCall(source, range) else { continue }
                guard case .call(let callee, let arguments) = PyExpressionParser.parseExpression(source: source, range: range),
                    let dotted = callee.dottedName
                else { continue }
                candidates.append((decl.line, decl.guardKind, dotted, PyArguments(arguments)))
            }
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort { $0.line < $1.line }
        let namespace = namespace()
        var firstUnknown: ModuleLevelSkip?
        for candidate in candidates {
            guard candidate.guardKind.mayRunOnImport,
                let function = pytestFunction(candidate.callee, namespace: namespace, line: candidate.line)
            else { continue }
            let outcome: ModuleLevelSkip?
            switch function {
            case "skip": outcome = skipOutcome(candidate.arguments, line: candidate.line)
            default: outcome = importOutcome(candidate.arguments, line: candidate.line, importable: importable)
            }
            guard let outcome else { continue }
            if candidate.guardKind == .conditional {
                firstUnknown = firstUnknown ?? .unknown("module-level code on line \(candidate.line) may skip the module")
                continue
            }
            if case .unknown = outcome {
                firstUnknown = firstUnknown ?? outcome
                continue
            }
            return outcome
        }
        return firstUnknown
    }

    /// How the module can spell a call of pytest's `skip` or `importorskip`, from its imports
    /// (`pytest.skip` after `import pytest`, `sk` after `from pytest import skip as sk`): a cheap
    /// test before anything is parsed or looked up.
    private struct Spellings {
        /// Names bound to pytest (or `_pytest.outcomes`): `name.skip(…)`.
        var modules: [String] = []
        /// Names bound to the functions themselves.
        var functions: [String] = []

        init(_ members: [Member]) {
            for case .importDecl(let decl) in members where decl.level == 0 {
                for (name, asName) in decl.names {
                    if !decl.isFrom {
                        if name == "pytest" || name == "_pytest.outcomes" { modules.append(asName ?? name) }
                    } else if decl.module == "pytest" || decl.module == "_pytest.outcomes" {
                        if name == "skip" || name == "importorskip" { functions.append(asName ?? name) }
                    } else if decl.module == "_pytest", name == "outcomes" {
                        modules.append(asName ?? name)
                    }
                }
            }
        }

        var isEmpty: Bool { modules.isEmpty && functions.isEmpty }

        func matches(_ callee: String) -> Bool {
            if functions.contains(callee) { return true }
            guard let dot = callee.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
            let attribute = callee.utf8[callee.utf8.index(after: dot)...]
            guard attribute.elementsEqual("skip".utf8) || attribute.elementsEqual("importorskip".utf8) else { return false }
            return modules.contains { $0.utf8.elementsEqual(callee.utf8[..<dot]) }
        }

        /// True when the text at `range` starts with a call of one of the spellings.
        func startsCall(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int32>) -> Bool {
            let start = Int(range.lowerBound), end = Int(range.upperBound)
            for name in functions {
                if let after = Self.prefix(name, source, start, end), Self.opensCall(source, after, end) { return true }
            }
            for name in modules {
                guard let after = Self.prefix(name, source, start, end), after < end, source[after] == UInt8(ascii: ".") else {
                    continue
                }
                for attribute in ["skip", "importorskip"] {
                    if let next = Self.prefix(attribute, source, after + 1, end), Self.opensCall(source, next, end) { return true }
                }
            }
            return false
        }

        /// Where the text from `start` continues after `word`; nil when it does not start with it.
        private static func prefix(_ word: String, _ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
            var index = start
            for byte in word.utf8 {
                guard index < end, source[index] == byte else { return nil }
                index += 1
            }
            return index
        }

        private static func opensCall(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
            var index = start
            while index < end, source[index] == UInt8(ascii: " ") { index += 1 }
            return index < end && source[index] == UInt8(ascii: "(")
        }
    }

    /// `skip` or `importorskip` when `callee` names pytest's (through `import pytest`,
    /// `from pytest import skip` and aliases); nil otherwise.
    private static func pytestFunction(_ callee: String, namespace: Namespace, line: Int32) -> String? {
        let parts = callee.dottedParts()
        guard let head = parts.first else { return nil }
        let path: String
        switch namespace.binding(head, before: line) {
        case .module(let dotted)?: path = ([dotted] + parts.dropFirst()).joined(separator: ".")
        case .imported(let module, 0, let name)?: path = ([module, name] + parts.dropFirst()).joined(separator: ".")
        default: return nil
        }
        switch path {
        case "pytest.skip", "_pytest.outcomes.skip": return "skip"
        case "pytest.importorskip", "_pytest.outcomes.importorskip": return "importorskip"
        default: return nil
        }
    }

    private static func skipOutcome(_ arguments: PyArguments, line: Int32) -> ModuleLevelSkip {
        // skip(reason="", *, allow_module_level=False)
        guard let flag = arguments.keywords.last(where: { $0.0 == "allow_module_level" })?.1 else {
            if arguments.keywords.contains(where: { $0.0 == "**" }) {
                return .unknown("pytest.skip on line \(line) with arguments that are not known")
            }
            return .error(notAllowedMessage)
        }
        switch flag {
        case .bool(true): return .skipped(line: line)
        case .bool(false), .none: return .error(notAllowedMessage)
        default: return .unknown("pytest.skip on line \(line) with allow_module_level not known")
        }
    }

    private static func importOutcome(_ arguments: PyArguments, line: Int32, importable: (String) -> Bool?) -> ModuleLevelSkip? {
        let name = arguments.positional.first ?? arguments.keywords.first(where: { $0.0 == "modname" })?.1
        guard case .string(let module)? = name else {
            return .unknown("pytest.importorskip on line \(line) of a module not known")
        }
        let minversion = arguments.positional.count > 1 || arguments.keywords.contains { $0.0 == "minversion" }
        switch importable(module) {
        case true?:
            return minversion ? .unknown("pytest.importorskip(\"\(module)\") on line \(line) asks for a version not known") : nil
        case false?: return .skipped(line: line)
        case nil: return .unknown("pytest.importorskip(\"\(module)\") on line \(line): whether it imports is not known")
        }
    }
}
