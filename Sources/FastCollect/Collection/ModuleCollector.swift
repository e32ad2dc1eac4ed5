import ModuleScanner

/// Applies pytest's `PyCollector` rules (python.py, unittest.py) to one module: which names of
/// its `__dict__` become test classes and functions, and in what order.
struct ModuleCollector {
    let graph: ModuleGraph
    let rules: NameRules
    let collectImportedTests: Bool
    /// Where pytest runs: warning locations are relative to it.
    let invocationDirectory: String
    /// `name.attr = value` statements of the module being collected, by `name.attr`.
    var attributeAssignments: [String: AssignmentDecl] = [:]
    /// Expands parametrize marks (nil: no expansion).
    var parametrize: ParametrizeExpander?
    /// The classes (outermost first) around the names being made into items.
    var classStack: [ClassRef] = []
    var moduleNodeID = ""
    /// SQLAlchemy's plugin decides what is collected (see `SQLAlchemyModel`).
    var sqlalchemyPlugin = false
    /// Whether `twisted.trial.unittest` has been imported by the time this module is collected
    /// (`TwistedTrial`).
    var trialUnittestImported: () -> Bool = { false }

    /// Results for one module.
    struct Result {
        var entries: [ModuleEntry] = []
        /// A `pytest.fail` raised while collecting (a generator test): the module fails.
        var failure: String?
        var warnings: [CollectionWarning] = []
        /// Reasons the module may hold tests that static reading can't see.
        var dynamicReasons: [String] = []
        /// A `runTest` item was made because `twisted.trial.unittest` was not imported yet
        /// (`TwistedTrial`): importing it earlier would take the item away.
        var keptTrialRunTest = false
    }

    /// pytest's IGNORED_ATTRIBUTES: names never offered to `pytest_pycollect_makeitem`.
    static let ignoredAttributes: Set<String> = [
        "__builtins__", "__cached__", "__class__", "__delattr__", "__dict__", "__dir__", "__doc__", "__eq__",
        "__file__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__",
        "__init_subclass__", "__le__", "__loader__", "__lt__", "__module__", "__name__", "__ne__", "__new__",
        "__package__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__spec__",
        "__str__", "__subclasshook__", "__weakref__",
    ]

    /// Whether `name` is one of `ignoredAttributes`; each of them starts with `__`, which most
    /// names do not, so the set is asked (a hash) only for those that do.
    static func isIgnoredAttribute(_ name: String) -> Bool {
        name.hasBytePrefix("__") && ignoredAttributes.contains(name)
    }

    mutating func collect(modulePath path: String, moduleNodeID: String) -> Result {
        var result = Result()
        self.moduleNodeID = moduleNodeID
        let namespace = graph.namespace(path)
        if namespace.hasUnresolvedStarImport {
            result.dynamicReasons.append("a star import whose module could not be read")
        }
        if case .value(let decl)? = namespace["__test__"], isFalsy(decl, in: path) {
            return result
        }
        if namespace["pytest_generate_tests"] != nil {
            result.dynamicReasons.append("module defines pytest_generate_tests")
        }
        attributeAssignments = [:]
        if let summary = graph.module(path)?.summary {
            for assignment in summary.attributeAssignments
            where assignment.guardKind.mayRunOnImport {
                attributeAssignments[assignment.targets[0]] = assignment
            }
            for write in summary.namespaceWrites where write.guardKind.mayRunOnImport {
                let how = write.callee == "exec" ? "runs exec()" : "writes into \(write.callee)()"
                result.dynamicReasons.append("module-level code on line \(write.line) \(how): the names it binds are not known")
            }
            for call in summary.calls where call.guardKind.mayRunOnImport {
                if let first = graph.module(path)?.firstName(in: call.arguments),
                    case .classDecl? = namespace[first]
                {
                    result.dynamicReasons.append(
                        "module-level call \(call.callee)(\(first), …) on line \(call.line) may add tests to \(first)")
                }
            }
        }
        var entries: [ModuleEntry] = []
        for (position, name) in namespace.order.enumerated() where !Self.isIgnoredAttribute(name) {
            let binding = namespace.binding(at: position)
            // `import x` binds a module: never a test.
            if case .module = binding { continue }
            let resolved = graph.resolve(binding, in: path, depth: 0)
            if !collectImportedTests, isImported(resolved, modulePath: path) { continue }
            makeItem(
                name: name, resolved: resolved, parentNodeID: moduleNodeID, modulePath: path,
                into: &entries, result: &result, depth: 0)
        }
        result.entries = entries
        return result
    }

    /// A test defined in a block whose running is not known statically (an `if` on another
    /// module's value, a `try`, a loop): pytest may collect it, another definition, or nothing.
    private func noteConditional(_ name: String, _ kind: GuardKind, _ line: Int32, into result: inout Result) {
        guard kind == .conditional else { return }
        result.dynamicReasons.append("\(name) is defined on line \(line) under a condition that is not known statically")
    }

    private func isImported(_ resolved: Resolved, modulePath: String) -> Bool {
        switch resolved {
        case .classRef(let ref): return ref.file != modulePath
        case .function(_, let file): return file != modulePath
        default: return false
        }
    }

    /// `pytest_pycollect_makeitem`: the unittest plugin's hook first, then python.py's.
    private mutating func makeItem(
        name: String, resolved: Resolved, parentNodeID: String, modulePath: String,
        into entries: inout [ModuleEntry], result: inout Result, depth: Int
    ) {
        if sqlalchemyPlugin {
            switch resolved {
            case .classRef(let ref):
                let info = graph.classInfo(ref)
                guard SQLAlchemyModel.isTestBase(info), !name.hasBytePrefix("_") else {
                    if !info.unresolvedBases.isEmpty && !name.hasBytePrefix("_") {
                        result.dynamicReasons.append(
                            "class \(name) has bases that could not be resolved: "
                                + info.unresolvedBases.joined(separator: ", "))
                    }
                    return
                }
                noteMetaclass(name, info, into: &result)
                noteOpaqueBases(name, info, into: &result)
                if let reason = SQLAlchemyModel.expansionReason(info, graph: graph, combinations: parametrize == nil) {
                    result.dynamicReasons.append(reason)
                    return
                }
                var names = [name]
                if let parametrize, SQLAlchemyModel.hasClassCombinations(ref.decl) {
                    switch parametrize.sqlalchemyClassNames(ref) {
                    case .success(let generated): names = generated
                    case .failure(let failure):
                        result.dynamicReasons.append(failure.reason)
                        return
                    }
                }
                for name in names {
                    let nodeID = String.joining(parentNodeID, "::", name)
                    entries.append(
                        .testClass(
                            name: name, line: ref.decl.line, unitTest: false, ref: ref,
                            children: classChildren(
                                info: info, nodeID: nodeID, parentNodeID: parentNodeID, result: &result, depth: depth)))
                }
                return
            case .function, .lambda:
                guard depth > 0, name.hasBytePrefix("test_") else { return }
            default:
                return
            }
        }
        switch resolved {
        case .classRef(let ref):
            if ref.decl.decorators.contains(where: { graph.decoratorMakesFunction($0, in: ref.file) }) {
                if rules.matchesFunction(name) {
                    entries.append(.function(name: name, line: ref.decl.line, file: ref.file, decl: nil))
                }
                return
            }
            let info = graph.classInfo(ref)
            if info.isTestCase {
                guard !info.isAbstract else { return }
                noteConditional(name, ref.decl.guardKind, ref.decl.line, into: &result)
                noteMetaclass(name, info, into: &result)
                entries.append(unitTestCase(name: name, info: info, result: &result))
                return
            }
            let matches = rules.matchesClass(name) || testAttributeIsTrue(info)
            if !info.unresolvedBases.isEmpty && (matches || rules.couldBeTestCaseName(name)) {
                result.dynamicReasons.append(
                    "class \(name) has bases that could not be resolved: "
                        + info.unresolvedBases.joined(separator: ", "))
            }
            guard matches, !info.isAbstract else { return }
            noteMetaclass(name, info, into: &result)
            noteOpaqueBases(name, info, into: &result)
            noteConditional(name, ref.decl.guardKind, ref.decl.line, into: &result)
            let nodeID = String.joining(parentNodeID, "::", name)
            entries.append(
                .testClass(
                    name: name, line: ref.decl.line, unitTest: false, ref: ref,
                    children: classChildren(info: info, nodeID: nodeID, parentNodeID: parentNodeID, result: &result, depth: depth)))
        case .known(let known):
            if known.isTestCase {
                entries.append(.testClass(name: name, line: 0, unitTest: true, ref: nil, children: []))
            } else if rules.matchesClass(name), known != .object, known.hasInit || known.hasNew,
                let (file, decl) = graph.standardLibraryDefinition(of: known)
            {
                // A standard-library class under a test name: pytest warns at its definition.
                let what = known.hasInit ? "__init__" : "__new__"
                let (line, text) = graph.module(file)?.lineAndText(at: decl.range.lowerBound) ?? (decl.line, "")
                result.warnings.append(
                    CollectionWarning.located(
                        category: "PytestCollectionWarning",
                        message: "cannot collect test class '\(decl.name)' because it has a \(what) constructor (from: \(parentNodeID))",
                        file: file, line: line, sourceLine: text, invocationDirectory: invocationDirectory))
            }
        case .function(let decl, let file):
            let testAttribute = depth == 0 ? attributeLiteral(name + ".__test__", in: file) : nil
            guard rules.matchesFunction(name) || testAttribute == "True", !isFixture(decl) else { return }
            if decl.decorators.contains(where: { $0.name == "property" || $0.name.hasSuffix(".setter") }) { return }
            if let testAttribute, LiteralTruth.isFalsy(testAttribute) { return }
            if decl.isGenerator {
                result.failure = result.failure ?? "'yield' keyword is allowed in fixtures, but not in tests (\(name))"
                return
            }
            noteConditional(name, decl.guardKind, decl.line, into: &result)
            if let parametrize {
                switch parametrize.expand(decl, classes: classStack, modulePath: file, nodeID: String.joining(parentNodeID, "::", name)) {
                case .plain:
                    break
                case .ids(let ids, let params, let marks):
                    entries.append(
                        .parametrized(
                            name: name, line: decl.line, file: file, decl: decl, ids: ids, params: params, marks: marks))
                    return
                case .dynamic(let reason):
                    result.dynamicReasons.append("\(name): \(reason)")
                case .failure(let message):
                    result.failure = result.failure ?? message
                    return
                }
            }
            entries.append(.function(name: name, line: decl.line, file: file, decl: decl))
        case .lambda:
            guard rules.matchesFunction(name) else { return }
            entries.append(.function(name: name, line: 0, file: modulePath, decl: nil))
        case .unknown(let what):
            if rules.matchesFunction(name) || rules.matchesClass(name) {
                result.dynamicReasons.append("\(name) is bound to \(what), which could not be resolved")
            }
        case .instance(let ref):
            guard rules.matchesFunction(name) else { return }
            // Callable instances are not functions: pytest warns where their __call__ is.
            for entry in graph.classInfo(ref).mro {
                guard case .source(let cls) = entry,
                    case .function(let call)? = graph.classNamespace(cls)["__call__"]
                else { continue }
                let (line, text) = graph.module(cls.file)?.lineAndText(at: call.range.lowerBound) ?? (call.line, "")
                result.warnings.append(
                    CollectionWarning.located(
                        category: "PytestCollectionWarning",
                        message: "cannot collect '\(name)' because it is not a function.", file: cls.file, line: line,
                        sourceLine: text, invocationDirectory: invocationDirectory))
                return
            }
        case .builtinFunction:
            // `getfslineno` finds no file for a builtin: pytest's location is `.:0`.
            guard rules.matchesFunction(name) else { return }
            result.warnings.append(
                CollectionWarning(
                    location: ".:0",
                    lines: ["  :0: PytestCollectionWarning: cannot collect '\(name)' because it is not a function."],
                    raised: .init(
                        category: "PytestCollectionWarning",
                        message: "cannot collect '\(name)' because it is not a function.", filename: "", lineno: 0)))
        case .module, .value:
            return
        }
    }

    private mutating func classChildren(
        info: ClassInfo, nodeID: String, parentNodeID: String, result: inout Result, depth: Int
    ) -> [ModuleEntry] {
        if let test = lookupInMRO("__test__", info), case .value(let decl, let file) = test, isFalsy(decl, in: file) {
            return []
        }
        if info.hasInit || info.hasNew {
            let what = info.hasInit ? "__init__" : "__new__"
            let (line, text) = graph.module(info.ref.file)?.lineAndText(at: info.ref.decl.range.lowerBound)
                ?? (info.ref.decl.line, "")
            result.warnings.append(
                CollectionWarning.located(
                    category: "PytestCollectionWarning",
                    message: "cannot collect test class '\(info.ref.decl.name)' because it has a \(what) constructor (from: \(parentNodeID))",
                    file: info.ref.file, line: line, sourceLine: text, invocationDirectory: invocationDirectory))
            return []
        }
        guard depth < 100 else { return [] }
        for entry in info.mro {
            if case .source(let cls) = entry, graph.classNamespace(cls)["pytest_generate_tests"] != nil {
                result.dynamicReasons.append("class \(info.ref.decl.name) defines pytest_generate_tests")
                break
            }
        }
        classStack.append(info.ref)
        defer { classStack.removeLast() }
        // A name once, from the first class of the MRO that binds it.
        let bodies = info.mro.compactMap { entry -> (ClassRef, Namespace)? in
            guard case .source(let ref) = entry else { return nil }
            return (ref, graph.classNamespace(ref))
        }
        var firstBinders = FirstBinders(bodySizes: bodies.map { $0.1.order.count })
        var groups: [[ModuleEntry]] = []
        for (ref, body) in bodies {
            var group: [ModuleEntry] = []
            for (position, name) in body.order.enumerated() where !Self.isIgnoredAttribute(name) {
                guard firstBinders.claim(name) else { continue }
                let binding = body.binding(at: position)
                let resolved: Resolved
                switch binding {
                case .classDecl(let nested):
                    resolved = .classRef(ClassRef(file: ref.file, qualname: ref.qualname + [name], decl: nested))
                case .function(let decl):
                    resolved = .function(decl, file: ref.file)
                default:
                    resolved = resolveInClassBody(binding, body: body, ref: ref)
                }
                makeItem(
                    name: name, resolved: resolved, parentNodeID: nodeID, modulePath: ref.file,
                    into: &group, result: &result, depth: depth + 1)
            }
            groups.append(group)
        }
        return groups.reversed().flatMap { $0 }
    }

    /// A class body's `test_alias = test_beta` names what the body bound before that line;
    /// other names resolve at module level.
    private func resolveInClassBody(_ binding: Binding, body: Namespace, ref: ClassRef) -> Resolved {
        if case .value(let decl) = binding, let range = decl.value, let module = graph.module(ref.file),
            case .dotted(let parts) = graph.valueShape(range, in: module), parts.count == 1,
            let earlier = body.binding(parts[0], before: decl.line)
        {
            switch earlier {
            case .function(let fn): return .function(fn, file: ref.file)
            case .classDecl(let nested):
                return .classRef(ClassRef(file: ref.file, qualname: ref.qualname + [parts[0]], decl: nested))
            default: break
            }
        }
        return graph.resolve(binding, in: ref.file, depth: 0)
    }

    /// `unittest.TestLoader.getTestCaseNames`: callable attributes starting with `test` anywhere
    /// in the MRO, sorted; `runTest` when there are none.
    private func unitTestCase(name: String, info: ClassInfo, result: inout Result) -> ModuleEntry {
        if let test = lookupInMRO("__test__", info), case .value(let decl, let file) = test, isFalsy(decl, in: file) {
            return .testClass(name: name, line: info.ref.decl.line, unitTest: true, ref: info.ref, children: [])
        }
        // Each name once: the first class of the MRO that binds it shadows the others.
        var shadowing = FirstBinders(
            bodySizes: info.mro.map { entry in
                guard case .source(let ref) = entry else { return 0 }
                return graph.testPrefixedMembers(ref).count
            })
        var methods = NamedEntries()
        var hasRunTest = false
        var runTestIsTrials = false
        for entry in info.mro {
            switch entry {
            case .source(let ref):
                for (member, binding) in graph.testPrefixedMembers(ref) {
                    guard shadowing.claim(member) else { continue }
                    // `testPrefixedMembers` gives names starting with `test`, and `runTest`.
                    if member == "runTest" {
                        hasRunTest = true
                        runTestIsTrials = ref.file.hasSuffix(TwistedTrial.runTestFile)
                        continue
                    }
                    switch binding {
                    case .function(let decl):
                        if decl.decorators.contains(where: { $0.name == "property" }) { continue }
                        noteConditional(member, decl.guardKind, decl.line, into: &result)
                        methods.add(member, decl.line, ref.file, decl)
                    case .classDecl(let decl):
                        noteConditional(member, decl.guardKind, decl.line, into: &result)
                        methods.add(member, decl.line, ref.file, nil)
                    case .value, .imported, .module:
                        switch graph.resolve(binding, in: ref.file, depth: 0) {
                        case .function(let decl, let file): methods.add(member, decl.line, file, decl)
                        case .classRef(let r): methods.add(member, r.decl.line, r.file, nil)
                        case .lambda, .builtinFunction: methods.add(member, 0, ref.file, nil)
                        case .unknown(let what):
                            result.dynamicReasons.append("\(name).\(member) is bound to \(what), which could not be resolved")
                        default: break
                        }
                    }
                }
            case .unknown(let text):
                result.dynamicReasons.append("unittest class \(name) has a base that could not be resolved: \(text)")
            case .made(let made):
                result.dynamicReasons.append(
                    "unittest class \(name) inherits from \(made.text), a class made at run time whose namespace is not read")
            case .known:
                break
            }
        }
        var children = methods.sortedByName()
        if children.isEmpty && hasRunTest && !(runTestIsTrials && trialUnittestImported()) {
            if runTestIsTrials { result.keptTrialRunTest = true }
            children = [.function(name: "runTest", line: info.ref.decl.line, file: info.ref.file, decl: nil)]
        }
        return .testClass(name: name, line: info.ref.decl.line, unitTest: true, ref: info.ref, children: children)
    }

    /// Function entries and, at the same positions, their names. Not an array of labelled
    /// tuples: a tuple holding strings is copied through the runtime's generic tuple witness
    /// (2 % of Django's instructions in unittest discovery).
    private struct NamedEntries {
        private var entries: [ModuleEntry] = []
        private var names = NameBytes()

        mutating func add(_ name: String, _ line: Int32, _ file: String, _ decl: FunctionDecl?) {
            entries.append(.function(name: name, line: line, file: file, decl: decl))
            names.append(name)
        }

        /// The entries in `sorted()` order of their names.
        func sortedByName() -> [ModuleEntry] {
            // Test methods are often written in alphabetical order already.
            names.isSorted ? entries : names.sorted(Array(entries.indices)).map { entries[$0] }
        }
    }

    /// The names claimed along an MRO: the first class body that binds a name has it. A
    /// body's names are distinct, so with one body holding names (most classes) no set of
    /// names is kept at all.
    private struct FirstBinders {
        private let remembers: Bool
        private var claimed = Set<NameKey>()

        init(bodySizes: [Int]) {
            let sizes = bodySizes.filter { $0 > 0 }
            remembers = sizes.count > 1
            if remembers { claimed = Set(minimumCapacity: sizes.reduce(0, +)) }
        }

        /// True when `name` is claimed now; false when an earlier body had it.
        mutating func claim(_ name: String) -> Bool {
            !remembers || claimed.insert(NameKey(name)).inserted
        }
    }

    /// A collected class inheriting from factory-made classes: their namespaces (tests,
    /// `__init__`, marks) are not read.
    private func noteOpaqueBases(_ name: String, _ info: ClassInfo, into result: inout Result) {
        guard !info.opaqueBases.isEmpty else { return }
        result.dynamicReasons.append(
            "class \(name) inherits from classes made at run time whose namespaces are not read: "
                + info.opaqueBases.joined(separator: ", "))
    }

    /// Metaclasses that leave a class body's names as they are.
    private static let plainMetaclasses: Set<String> = ["type", "ABCMeta", "abc.ABCMeta"]

    /// A class made by a metaclass of its own (on it or a class of its MRO) may gain or lose
    /// methods as it is created: pytest reads the class after that.
    private func noteMetaclass(_ name: String, _ info: ClassInfo, into result: inout Result) {
        for entry in info.mro {
            guard case .source(let ref) = entry,
                let metaclass = ref.decl.keywords.first(where: { $0.name == "metaclass" })?.value,
                !Self.plainMetaclasses.contains(metaclass)
            else { continue }
            result.dynamicReasons.append("class \(name) is made by metaclass \(metaclass), which may add or remove tests")
            return
        }
    }

    private enum Attribute {
        case value(AssignmentDecl, file: String)
        case other
    }

    private func lookupInMRO(_ attribute: String, _ info: ClassInfo) -> Attribute? {
        for entry in info.mro {
            guard case .source(let ref) = entry else { continue }
            let body = graph.classNamespace(ref)
            if let binding = body[attribute] {
                if case .value(let decl) = binding { return .value(decl, file: ref.file) }
                return .other
            }
        }
        return nil
    }

    private func testAttributeIsTrue(_ info: ClassInfo) -> Bool {
        guard case .value(let decl, let file)? = lookupInMRO("__test__", info), let range = decl.value,
            let module = graph.module(file)
        else { return false }
        return module.literalText(range) == "True"
    }

    /// The literal text assigned by a module-level `target = …` statement (`f.__test__`).
    private func attributeLiteral(_ target: String, in file: String) -> String? {
        guard let decl = attributeAssignments[target], let range = decl.value else { return nil }
        return graph.module(file)?.literalText(range)
    }

    private func isFalsy(_ decl: AssignmentDecl, in file: String) -> Bool {
        guard let range = decl.value, let module = graph.module(file), let text = module.literalText(range) else {
            return false
        }
        return LiteralTruth.isFalsy(text)
    }

    private func isFixture(_ decl: FunctionDecl) -> Bool {
        decl.decorators.contains(where: FixtureClosure.isFixtureDecorator)
    }
}
