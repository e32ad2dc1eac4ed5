import ModuleScanner

/// Finds the `parametrize` calls pytest makes for a test function and expands them into the
/// items' id suffixes, using one `ModuleNameTable` per module for names and `ModuleGraph` for
/// what other modules hold (class bases, imported decorators).
final class ParametrizeExpander {
    private let graph: ModuleGraph
    private let options: IdOptions
    private let fixtures: (String, [ClassRef]) -> FixtureClosure
    @exclusivity(unchecked) private var tables: [PathKey: ModuleNameTable] = [:]
    private let evaluationCache = EvaluationCache()
    @exclusivity(unchecked) private var membersInProgress: Set<String> = []

    init(graph: ModuleGraph, fixtures: @escaping (String, [ClassRef]) -> FixtureClosure, options: IdOptions) {
        self.graph = graph
        self.fixtures = fixtures
        self.options = options
    }

    private func table(_ path: String) -> ModuleNameTable? {
        if let table = tables[PathKey(path)] { return table }
        guard let module = graph.module(path), let summary = module.summary else { return nil }
        let made = ModuleNameTable(
            summary: summary, source: module.source,
            importer: { [unowned self] module, level, name in self.member(module, level: level, name, from: path) },
            moduleNames: { [unowned self] module, level in self.moduleNames(module, level: level, from: path) }, cache: evaluationCache)
        tables[PathKey(path)] = made
        return made
    }

    /// The classes SQLAlchemy's plugin generates from a class-level `@testing.combinations`
    /// (`SQLAlchemyModel`), or why their names cannot be known.
    func sqlalchemyClassNames(_ ref: ClassRef) -> Result<[String], MarkLookupFailure> {
        guard let table = table(ref.file), let module = graph.module(ref.file) else {
            return .failure(MarkLookupFailure(reason: "module of class \(ref.decl.name) not readable"))
        }
        var ids: [[String]] = []
        let resolver = table.resolver(line: ref.decl.firstLine)
        var evaluator = ValueEvaluator(resolver: resolver)
        for decorator in ref.decl.decorators.reversed() where decorator.name.hasSuffix("combinations") {
            guard let range = decorator.arguments else {
                return .failure(MarkLookupFailure(reason: "@\(decorator.name) without arguments"))
            }
            let arguments = module.source.withUnsafeBufferPointer { PyExpressionParser.parseArguments(source: $0, range: range) }
            var positional: [PyValue] = []
            for expression in arguments.positional {
                if case .starred(let inner) = expression {
                    switch evaluator.elements(of: evaluator.evaluate(inner)) {
                    case .values(let items): positional.append(contentsOf: items)
                    case .failure(let reason):
                        return .failure(MarkLookupFailure(reason: "class \(ref.decl.name) multiplied by @combinations: \(reason)"))
                    }
                } else {
                    positional.append(evaluator.evaluate(expression))
                }
            }
            let keywords = arguments.keywords.map { ($0.0, evaluator.evaluate($0.1)) }
            guard let found = SQLAlchemyModel.combinationIds(positional, keywords) else {
                let reason = positional.lazy.compactMap(\.opaqueReason).first ?? "combination ids not known"
                return .failure(MarkLookupFailure(reason: "class \(ref.decl.name) multiplied by @combinations: \(reason)"))
            }
            ids.append(found)
        }
        return .success(SQLAlchemyModel.generatedClassNames(ref.decl.name, ids))
    }

    /// The truth of a decorator call's first argument (`unittest.skipIf(sys.platform == "win32", …)`)
    /// where the decorator is written in `file`; nil when not known.
    func firstArgumentTruth(_ decorator: Decorator, in file: String) -> Bool? {
        guard let range = decorator.arguments, let table = table(file), let module = graph.module(file) else { return nil }
        let arguments = module.source.withUnsafeBufferPointer { PyExpressionParser.parseArguments(source: $0, range: range) }
        guard let first = arguments.positional.first else { return nil }
        var evaluator = ValueEvaluator(resolver: table.resolver(line: decorator.line), budget: 10_000)
        return PyValues.truthy(evaluator.evaluate(first))
    }

    /// The names the module `dotted` (`level` leading dots) binds at its top level in `__dict__` order, after the
    /// attributes the import system sets; nil when its source is not read or a star import is
    /// not resolved.
    private func moduleNames(_ dotted: String, level: Int, from path: String) -> [String]? {
        guard case .module(let file?, _) = graph.resolveModule(dotted, level: level, from: path) else { return nil }
        let namespace = graph.namespace(file)
        guard !namespace.hasUnresolvedStarImport else { return nil }
        let dunders = ["__name__", "__doc__", "__package__", "__loader__", "__spec__", "__file__", "__cached__", "__builtins__"]
        return dunders + namespace.order.filter { !dunders.contains($0) }
    }

    /// `from module import name` (`level` leading dots) in the module at `path`: what the
    /// imported module binds `name` to, else its submodule `name`; nil when the module has no
    /// readable source (then only known library objects are understood).
    private func member(_ module: String, level: Int, _ name: String, from path: String) -> NameBinding? {
        guard case .module(let file?, let dotted) = graph.resolveModule(module, level: level, from: path) else { return nil }
        // Imports that go round in a circle (or too deep) bind nothing that can be known.
        let key = dotted + "\u{0}" + name
        guard !membersInProgress.contains(key), membersInProgress.count < 64 else {
            return .unknown("import of \(dotted).\(name) goes round in a circle")
        }
        // An answer found with no other import in progress depends on nothing but the module
        // and the name: decorators ask for the same few (`testing.combinations`) again and again.
        let isOutermost = membersInProgress.isEmpty
        let cacheKey = MemberKey(file: PathKey(file), dotted: dotted, name: name)
        if isOutermost, let known = members[cacheKey] { return known }
        membersInProgress.insert(key)
        defer { membersInProgress.remove(key) }
        let binding = memberBinding(name, of: file, dotted: dotted, from: path)
        if isOutermost { members[cacheKey] = .some(binding) }
        return binding
    }

        private struct MemberKey: DigestKey {
        let file: PathKey
        let dotted: String
        let name: String
        let digest: UInt64

        init(file: PathKey, dotted: String, name: String) {
            self.file = file
            self.dotted = dotted
            self.name = name
            digest = file.digest &+ ByteDigest.of(dotted) &* 31 &+ ByteDigest.of(name)
        }

        static func == (lhs: MemberKey, rhs: MemberKey) -> Bool {
            lhs.digest == rhs.digest && lhs.name == rhs.name && lhs.dotted == rhs.dotted && lhs.file == rhs.file
        }
    }

    /// `member` answers found with no import in progress.
    @exclusivity(unchecked) private var members: [MemberKey: NameBinding?] = [:]

    private func memberBinding(_ name: String, of file: String, dotted: String, from path: String) -> NameBinding? {
        // pytest's public names are `_pytest`'s objects re-exported; those whose calls are
        // modelled are taken as the public ones, the rest (classes) are read from source.
        if dotted == "_pytest" || dotted.hasPrefix("_pytest."),
            ["param", "raises", "warns", "RaisesGroup", "RaisesExc", "HIDDEN_PARAM", "mark"].contains(name)
        {
            return .imported("pytest." + name)
        }
        let isPackage = file.hasSuffix("/__init__.py")
        switch name {
        case "__name__": return .value(.str(dotted))
        case "__file__", "__cached__": return .value(.str(file))
        case "__package__": return .value(.str(isPackage ? dotted : dotted.split(separator: ".").dropLast().joined(separator: ".")))
        case "__doc__": return .value(graph.module(file)?.summary?.docstring == nil ? PyValue.none : PyValue.object("str"))
        case "__loader__": return .value(.object("SourceFileLoader"))
        case "__spec__": return .value(.object("ModuleSpec"))
        case "__builtins__": return .value(.object("dict"))
        case "__path__":
            guard isPackage else { return .unknown("__path__ of module \(dotted)") }
            return .value(.list([.str(FilePath.parent(file))]))
        default: break
        }
        if let binding = table(file)?.moduleBinding(name) { return binding }
        if isPackage, case .module(_?, let submodule) = graph.resolveModule(dotted + "." + name, level: 0, from: path) {
            return .module(submodule)
        }
        return nil
    }

    /// `@pytest.fixture(params=…)` calls for the parametrized fixtures in the function's closure,
    /// in `metafunc.fixturenames` order.
    private func fixtureCalls(_ function: FunctionDecl, classes: [ClassRef], modulePath: String) -> [ParametrizeCall] {
        let closure = fixtures(modulePath, classes)
        // Most functions see no fixture with `params=`: their closure need not be worked out here.
        guard closure.hasParametrized else { return [] }
        var calls: [(rank: Int, call: ParametrizeCall)] = []
        for name in closure.closure(arguments: FixtureClosure.argumentNames(function, inClass: !classes.isEmpty)) {
            guard let definition = closure.definition(name), let (file, decorator) = definition.parametrized,
                let range = decorator.arguments, let module = graph.module(file), let table = table(file)
            else { continue }
            let resolver = table.resolver(line: decorator.line)
            module.source.withUnsafeBufferPointer { buffer in
                calls.append(
                    (definition.scopeRank, ParametrizeCall(kind: .fixture(name), source: buffer, arguments: range, resolver: resolver)))
            }
        }
        // `metafunc.fixturenames` is the closure stably sorted by scope, widest first.
        return calls.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.call)
    }

    /// What became of one function.
    enum Outcome {
        /// Not parametrized: one item named after the function.
        case plain
        /// One item per id suffix (nil: the item has no brackets), with each item's params of a
        /// scope wider than function (empty when no call has such a scope) and the marks its
        /// parameter sets add (`pytest.param(marks=…)`; empty when none does).
        case ids([String?], params: [[ScopeReorder.Param]], marks: [[String]])
        case dynamic(String)
        /// pytest fails collecting the module with this message.
        case failure(String)
    }

    func expand(_ function: FunctionDecl, classes: [ClassRef], modulePath: String, nodeID: String) -> Outcome {
        guard let table = table(modulePath) else { return .plain }
        // Classes of this module the method sits in; marks of classes read from elsewhere
        // (bases in other modules) are looked for by name.
        let localPath = classes.filter { $0.file == modulePath }.map(\.decl)
        var classPath = localPath.count == classes.count ? localPath : []
        if !classes.isEmpty && classPath.isEmpty || !basesAreLocal(classes, modulePath) {
            if classes.contains(where: { mroHasParametrize($0) }) {
                return .dynamic("a class above \(function.name) is parametrized through bases in other modules")
            }
            classPath = []
        }
        let calls = table.parametrizeCalls(for: function, classPath: classPath) { path in
            self.importedDecorator(path, from: modulePath)
        }
        switch calls {
        case .failure(let failure):
            // A decorator or mark that cannot be identified may be a parametrize mark under
            // another name (`cases = pytest.mark.parametrize(…)` read through a star import).
            return .dynamic(failure.reason)
        case .success(let marks):
            var fixtureList = fixtureCalls(function, classes: classes, modulePath: modulePath)
            // A parametrize mark takes over a fixture of the same name: only then are the marks'
            // argnames needed before the real expansion.
            if !fixtureList.isEmpty && !marks.isEmpty,
                case .items(_, let signatures) = Parametrization.expand(
                    marks, functionName: function.name, nodeID: nodeID, firstLine: Int(function.firstLine), options: options)
            {
                let covered = Set(signatures.flatMap(\.argnames))
                fixtureList.removeAll { call in
                    if case .fixture(let name) = call.kind { return covered.contains(name) }
                    return false
                }
            }
            let list = fixtureList + marks
            if list.isEmpty { return .plain }
            switch Parametrization.expand(list, functionName: function.name, nodeID: nodeID, firstLine: Int(function.firstLine), options: options) {
            case .items(let items, let signatures):
                return .ids(
                    items.map(\.id),
                    params: scopedParams(items, signatures, classes: classes, modulePath: modulePath),
                    marks: items.contains(where: { !$0.marks.isEmpty }) ? items.map(\.marks) : [])
            case .dynamic(let reason): return .dynamic(reason)
            case .failure(let message): return .failure(message)
            }
        }
    }

    /// Each item's `callspec.indices` entries whose `_arg2scope` is wider than function.
    private func scopedParams(
        _ items: [ParametrizedItem], _ signatures: [ParametrizeSignature], classes: [ClassRef], modulePath: String
    ) -> [[ScopeReorder.Param]] {
        var closure: FixtureClosure?
        let scopes = signatures.map { signature -> ScopeReorder.Scope? in
            if let scope = signature.scope { return ScopeReorder.Scope(scope) }
            // `_find_parametrized_scope`: all argnames indirect -> the narrowest of their fixtures' scopes.
            guard case .mark = signature.kind, !signature.argnames.isEmpty,
                signature.indirect.count == signature.argnames.count
            else { return nil }
            if closure == nil { closure = fixtures(modulePath, classes) }
            var narrowest: ScopeReorder.Scope?
            for name in signature.argnames {
                guard let definition = closure?.definition(name) else { continue }
                guard let scope = fixtureScope(definition) else { return nil }
                narrowest = scope.rawValue > (narrowest?.rawValue ?? -1) ? scope : narrowest
            }
            return narrowest
        }
        guard scopes.contains(where: { $0 != nil }) else { return [] }
        // `_recompute_direct_params_indices`: a direct argname's index is the item's position.
        return items.enumerated().map { position, item in
            var params: [ScopeReorder.Param] = []
            for (call, scope) in scopes.enumerated() {
                guard let scope, call < item.indices.count else { continue }
                let signature = signatures[call]
                for argname in signature.argnames {
                    let index = signature.indirect.contains(argname) ? item.indices[call] : position
                    params.append(ScopeReorder.Param(argname: argname, index: index, scope: scope))
                }
            }
            return params
        }
    }

    /// The `scope=` of a fixture whose decorator is known (parametrized ones); nil for function
    /// scope or when the decorator is not known.
    private func fixtureScope(_ definition: FixtureClosure.Definition) -> ScopeReorder.Scope? {
        guard let (file, decorator) = definition.parametrized, let range = decorator.arguments,
            let text = graph.module(file)?.literalText(range, maxTokens: 100_000)
        else { return nil }
        for quote in ["\"", "'"] {
            for name in ["session", "package", "module", "class"] where text.contains("scope=" + quote + name + quote) {
                return ScopeReorder.Scope(name)
            }
        }
        return nil
    }

    /// A decorator imported from another module: a parametrize mark only if that module binds
    /// the name to one (then its values live there: dynamic); anything else is some other decorator.
    private func importedDecorator(_ path: String, from modulePath: String) -> ParametrizeCall.Lookup {
        if path.hasSuffix(".parametrize") { return .unknown("parametrize mark imported from \(path)") }
        let parts = path.dottedParts()
        guard parts.count >= 2 else { return .other }
        if case .module(let file?, _) = graph.resolveModule(parts.dropLast().joined(separator: "."), level: 0, from: modulePath),
            case .value(let decl)? = graph.namespace(file)[parts[parts.count - 1]], let range = decl.value,
            let text = graph.module(file)?.literalText(range, maxTokens: 100_000), text.containsBytes("parametrize")
        {
            return .unknown("parametrize mark \(path) defined in another module")
        }
        return .other
    }

    private func basesAreLocal(_ classes: [ClassRef], _ modulePath: String) -> Bool {
        classes.allSatisfy { ref in
            graph.classInfo(ref).mro.allSatisfy { entry in
                switch entry {
                case .source(let base): return base.file == modulePath
                case .known(let known): return known == .object
                case .unknown, .made: return false
                }
            }
        }
    }

    private func mroHasParametrize(_ ref: ClassRef) -> Bool {
        graph.classInfo(ref).mro.contains { entry in
            guard case .source(let cls) = entry else { return false }
            if cls.decl.decorators.contains(where: { $0.name.hasSuffix("parametrize") }) { return true }
            if case .value(let decl)? = graph.classNamespace(cls)["pytestmark"], let range = decl.value,
                let text = graph.module(cls.file)?.literalText(range, maxTokens: 100_000)
            {
                return text.containsBytes("parametrize")
            }
            return false
        }
    }
}
