import ModuleScanner

/// The value an expression names in a module, as far as static reading can tell.
enum Resolved: Sendable {
    case classRef(ClassRef)
    case known(KnownClass)
    case function(FunctionDecl, file: String)
    /// A module: its file, or nil for one without readable source.
    case module(file: String?, dotted: String)
    /// A lambda or another callable that is a function object.
    case lambda
    /// A builtin function (`len`): callable, but not a function object.
    case builtinFunction
    /// An instance of a class defined in source (`Checker()`).
    case instance(ClassRef)
    /// A value that is not a class or function (a literal, a call result…), or unknown.
    case value
    case unknown(String)
}

/// Every module the collector has read, and the cross-file questions about them: what a name
/// or dotted expression refers to, and a class's MRO. Reads non-test modules on demand.
final class ModuleGraph {
    let locator: ModuleLocator
    /// Workers reading modules ahead of resolution, when a pool is on.
    @exclusivity(unchecked) var prefetcher: ModulePrefetcher?
    /// Modules the session will collect: they keep their bytes until it has (it releases them).
    /// Any other module loaded here, read for its declarations, lets its bytes go at once; the
    /// few later uses of them read the file again (fewer pages to fault in than to keep them).
    @exclusivity(unchecked) var collectedPaths: Set<PathKey> = []
    /// The interpreter's standard library, when found (see `SitePackages.standardLibrary`).
    @exclusivity(unchecked) var standardLibrary: String?
    @exclusivity(unchecked) private var modules: [PathKey: LoadedModule] = [:]
    /// The module `module(_:)` answered last, and the namespace `namespace(_:)` answered last
    /// from its cache.
    @exclusivity(unchecked) private var lastModule: LoadedModule?
    @exclusivity(unchecked) private var lastNamespace: (path: String, namespace: Namespace)?
    @exclusivity(unchecked) private var namespaces: [PathKey: Namespace] = [:]
    @exclusivity(unchecked) private var classInfos: [ClassKey: ClassInfo] = [:]
    @exclusivity(unchecked) private var classNamespaces: [ClassKey: Namespace] = [:]
    @exclusivity(unchecked) private var testMembers: [ClassKey: [(name: String, binding: Binding)]] = [:]
    /// `ClassFactory.read` per function statement (file, offset, classmethod or not).
    @exclusivity(unchecked) private var classFactories: [String: ClassFactory?] = [:]
    /// Imports resolved: absolute ones per package root (they resolve alike from every module
    /// under it), relative ones per importing file.
    @exclusivity(unchecked) private var moduleCache: [ImportKey: Resolved] = [:]
    /// `LoadedModule.valueShape` per value range (by its start), with the range it was read for.
    @exclusivity(unchecked) private var valueShapes: [ClassKey: (range: Range<Int32>, shape: LoadedModule.ValueShape)] = [:]

    /// Module namespaces and class infos being built (a cycle reads as empty).
    @exclusivity(unchecked) private var namespacesInProgress: Set<PathKey> = []
    @exclusivity(unchecked) private var classesInProgress: Set<ClassKey> = []
    /// `module.name` for modules with source, once resolved.
    @exclusivity(unchecked) private var moduleAttributes: [PathNameKey: Resolved] = [:]
    /// A module-level name's final binding, resolved (`resolveName`).
    @exclusivity(unchecked) private var moduleNames: [PathNameKey: Resolved] = [:]
    /// Time spent reading and scanning modules on demand (`--timings`).
    @exclusivity(unchecked) private(set) var loadSeconds = 0.0

    init(locator: ModuleLocator) {
        self.locator = locator
    }

    /// Registers a module scanned elsewhere (e.g. on a worker thread).
    func insert(_ module: LoadedModule) {
        InputLog.note(module.path, module.stamp)
        modules[PathKey(module.path)] = module
        if lastModule?.path == module.path { lastModule = module }
    }

    func module(_ path: String) -> LoadedModule? {
        // Asked for the same module many times in a row (a class's values, its bases).
        if let last = lastModule, last.path == path { return last }
        let key = PathKey(path)
        if let module = modules[key] {
            lastModule = module
            return module
        }
        let start = MonotonicClock.now()
        let loaded = prefetcher?.take(path) ?? LoadedModule.load(path: path)
        InputLog.note(path, loaded.stamp)
        if !collectedPaths.contains(key) && !path.hasSuffix("/conftest.py") { loaded.releaseSource() }
        modules[key] = loaded
        lastModule = loaded
        loadSeconds += MonotonicClock.since(start)
        return loaded
    }

    /// `module.valueShape(range)`, read once: a base class body's values are asked about
    /// again for every subclass collected, and reading one lexes its tokens.
    func valueShape(_ range: Range<Int32>, in module: LoadedModule) -> LoadedModule.ValueShape {
        let key = ClassKey(file: module.path, pathDigest: module.pathDigest, offset: range.lowerBound)
        if let known = valueShapes[key], known.range == range { return known.shape }
        let shape = module.valueShape(range)
        valueShapes[key] = (range, shape)
        return shape
    }

    /// The module's `__dict__` order and bindings.
    func namespace(_ path: String) -> Namespace {
        if let last = lastNamespace, last.path == path { return last.namespace }
        let key = PathKey(path)
        if let cached = namespaces[key] {
            lastNamespace = (path, cached)
            return cached
        }
        guard let module = module(path), let summary = module.summary else { return Namespace() }
        if let prebuilt = module.prebuilt?.module {
            namespaces[key] = prebuilt
            return prebuilt
        }
        guard namespacesInProgress.insert(key).inserted else { return Namespace() }
        defer { namespacesInProgress.remove(key) }
        let namespace = Namespace(members: summary.members) { [unowned self] moduleName, level in
            self.starNames(from: path, module: moduleName, level: level)
        }
        namespaces[key] = namespace
        return namespace
    }

    private func starNames(from path: String, module moduleName: String, level: Int) -> [(String, Binding)]? {
        guard case .module(let file?, _) = resolveModule(moduleName, level: level, from: path) else { return nil }
        let target = namespace(file)
        var names = target.order.filter { !$0.hasBytePrefix("_") }
        if case .value(let decl)? = target["__all__"], let value = decl.value,
            let listed = self.module(file)?.stringList(value)
        {
            names = listed
        }
        return names.map { ($0, Binding.imported(module: moduleName, level: level, name: $0)) }
    }

    /// The bindings of a class body whose names start with `test` or are `runTest`, in order
    /// (cached): all that unittest's loader looks at.
    func testPrefixedMembers(_ ref: ClassRef) -> [(name: String, binding: Binding)] {
        if let cached = testMembers[ref.key] { return cached }
        let body = classNamespace(ref)
        // Built as the labelled tuple type itself: an unlabelled array would be cast element by
        // element on return.
        var members: [(name: String, binding: Binding)] = []
        // unittest's `testMethodPrefix`, and `runTest`.
        for (position, name) in body.order.enumerated() where name.hasBytePrefix("test") || name == "runTest" {
            members.append((name, body.binding(at: position)))
        }
        testMembers[ref.key] = members
        return members
    }

    /// The class body's `__dict__` order and bindings (cached).
    func classNamespace(_ ref: ClassRef) -> Namespace {
        let key = ref.key
        if let cached = classNamespaces[key] { return cached }
        let namespace =
            modules[PathKey(ref.file)]?.prebuilt?.classBodies[ref.decl.range.lowerBound] ?? Namespace(members: ref.decl.members)
        classNamespaces[key] = namespace
        return namespace
    }

    // MARK: Names

    /// Resolves the module `dotted` imported (with `level` leading dots) from `path`.
    func resolveModule(_ dotted: String, level: Int, from path: String) -> Resolved {
        let key = ImportKey(
            dotted: dotted, level: level,
            origin: level > 0 || dotted.isEmpty ? path : locator.packageContext(of: path).basedir)
        if let cached = moduleCache[key] { return cached }
        let result = findModule(dotted, level: level, from: path)
        moduleCache[key] = result
        return result
    }

    private func findModule(_ dotted: String, level: Int, from path: String) -> Resolved {
        guard let (file, full) = locator.importedModule(dotted, level: level, from: path) else {
            return .unknown("relative import beyond top-level package")
        }
        return .module(file: file, dotted: full)
    }

    /// What `name` is bound to at module level in `path` (builtins last); with `line`, the
    /// binding in force when that line runs.
    func resolveName(_ name: String, in path: String, before line: Int32? = nil, depth: Int = 0) -> Resolved {
        guard depth < 64 else { return .unknown(name) }
        let namespace = namespace(path)
        let key = PathNameKey(file: path, name: name)
        let isFinal = line == nil || !namespace.isRebound(name)
        if isFinal, let cached = moduleNames[key] { return cached }
        if let binding = line.map({ namespace.binding(name, before: $0) }) ?? namespace[name] {
            let result = resolve(binding, in: path, depth: depth + 1)
            if isFinal { if case .unknown = result {} else { moduleNames[key] = result } }
            return result
        }
        if let known = KnownModules.builtinClass(name) { return .known(known) }
        if KnownModules.isBuiltinValue(name) { return .value }
        if KnownModules.isBuiltinFunction(name) { return .builtinFunction }
        return .unknown(name)
    }

    func resolve(_ binding: Binding, in path: String, depth: Int) -> Resolved {
        switch binding {
        case .function(let decl):
            return .function(decl, file: path)
        case .classDecl(let decl):
            return .classRef(ClassRef(file: path, qualname: [decl.name], decl: decl))
        case .module(let dotted):
            return resolveModule(dotted, level: 0, from: path)
        case .imported(let moduleName, let level, let name):
            let target = resolveModule(moduleName, level: level, from: path)
            return attribute(name, of: target, depth: depth + 1)
        case .value(let decl):
            guard decl.op != .augmented, let range = decl.value, let module = module(path) else { return .value }
            switch valueShape(range, in: module) {
            case .dotted(let parts):
                return resolveDotted(parts, in: path, depth: depth + 1)
            case .lambda:
                return .lambda
            case .call(let callee, let first):
                switch resolveDotted(callee, in: path, depth: depth + 1) {
                case .known(let known) where known.name == "functools.partial":
                    // pytest unwraps a partial to the function it wraps (get_real_func).
                    guard let first else { return .value }
                    if case .function(let decl, let file) = resolveDotted(first, in: path, depth: depth + 1) {
                        return .function(decl, file: file)
                    }
                    return .value
                case .classRef(let ref):
                    return .instance(ref)
                default:
                    return .value
                }
            case .importCall(let function, let dotted, let attributes):
                // `__import__("a.b")` gives package `a`; `import_module("a.b")` gives `a.b`.
                let target: String
                switch function {
                case ["__import__"]:
                    target = dotted.dottedHead
                case ["importlib", "import_module"], ["import_module"]:
                    target = dotted
                default:
                    return .value
                }
                var current = resolveModule(target, level: 0, from: path)
                for attribute in attributes { current = self.attribute(attribute, of: current, depth: depth + 1) }
                return current
            case .other:
                return .value
            }
        }
    }

    /// Resolves `a.b.C` as written in module `path` (at `line`, when given).
    func resolveDotted(_ parts: [String], in path: String, before line: Int32? = nil, depth: Int = 0) -> Resolved {
        guard let first = parts.first, depth < 64 else { return .unknown(parts.joined(separator: ".")) }
        var current = resolveName(first, in: path, before: line, depth: depth + 1)
        for part in parts.dropFirst() {
            current = attribute(part, of: current, depth: depth + 1)
        }
        return current
    }

    /// `value.name`.
    func attribute(_ name: String, of value: Resolved, depth: Int) -> Resolved {
        guard depth < 64 else { return .unknown(name) }
        switch value {
        case .module(let file?, let dotted):
            let key = PathNameKey(file: file, name: name)
            if let cached = moduleAttributes[key] { return cached }
            if let binding = namespace(file)[name] {
                let result = resolve(binding, in: file, depth: depth + 1)
                // A module's final bindings never change: the answer holds for every caller
                // (unless a cycle or the depth bound cut it short).
                if case .unknown = result {} else { moduleAttributes[key] = result }
                return result
            }
            if let sub = locator.submoduleFile(name, ofPackage: file) { return .module(file: sub, dotted: dotted + "." + name) }
            if namespace(file).hasUnresolvedStarImport { return .unknown(dotted + "." + name) }
            return .unknown(dotted + "." + name)
        case .module(nil, let dotted):
            if let known = KnownModules.knownClass(module: dotted, name: name) { return .known(known) }
            let full = dotted + "." + name
            if KnownModules.isStandardLibrary(dotted) {
                // A name starting with a capital is a class by the standard library's convention;
                // anything else may be a submodule.
                if let first = name.utf8.first, first >= 0x41 && first <= 0x5A {
                    return .known(KnownModules.standardLibraryClass(module: dotted, name: name))
                }
                return .module(file: nil, dotted: full)
            }
            return .unknown(full)
        case .classRef(let ref):
            if case .classDecl(let nested)? = classNamespace(ref)[name] {
                return .classRef(ClassRef(file: ref.file, qualname: ref.qualname + [name], decl: nested))
            }
            return .unknown(ref.qualname.joined(separator: ".") + "." + name)
        default:
            return .unknown(name)
        }
    }

    /// True when applying `decorator` (written in `file`) to a class binds the name to a
    /// function instead: `contextlib.ContextDecorator` instances and `@contextmanager`
    /// functions wrap what they decorate in a function.
    func decoratorMakesFunction(_ decorator: Decorator, in file: String) -> Bool {
        let parts = decorator.name.dottedParts()
        guard !parts.isEmpty else { return false }
        switch resolveDotted(parts, in: file) {
        case .classRef(let ref):
            guard decorator.arguments != nil else { return false }
            return classInfo(ref).mro.contains { entry in
                if case .known(let known) = entry { return known == .contextDecorator }
                return false
            }
        case .function(let fn, _):
            return decorator.arguments != nil
                && fn.decorators.contains { $0.name == "contextmanager" || $0.name == "contextlib.contextmanager" }
        case .known(let known):
            return known == .contextDecorator && decorator.arguments != nil
        default:
            return false
        }
    }

    // MARK: Classes

    /// The class's MRO and derived facts (cached).
    func classInfo(_ ref: ClassRef) -> ClassInfo {
        if let cached = classInfos[ref.key] { return cached }
        let info = computeClassInfo(ref, depth: 0)
        classInfos[ref.key] = info
        return info
    }

    private func computeClassInfo(_ ref: ClassRef, depth: Int) -> ClassInfo {
        var baseMROs: [[MROEntry]] = []
        var baseInfos: [ClassInfo] = []
        var direct: [MROEntry] = []
        var unresolved: [String] = []
        let key = ref.key
        if classesInProgress.contains(key) || depth > 100 {
            return ClassInfo(
                ref: ref, mro: [.source(ref)], isTestCase: false, hasInit: false, hasNew: false,
                isAbstract: false, unresolvedBases: ["<cyclic or too deep>"])
        }
        classesInProgress.insert(key)
        defer { classesInProgress.remove(key) }
        var opaque: [String] = []
        for base in ref.decl.bases {
            let entry = resolveBase(base, in: ref, depth: depth)
            direct.append(entry)
            let lineage = lineage(of: entry, depth: depth)
            baseMROs.append(lineage.mro)
            if let info = lineage.info { baseInfos.append(info) }
            unresolved += lineage.unresolved
            opaque += lineage.opaque
        }
        if direct.isEmpty {
            direct = [.known(.object)]
            baseMROs = [[.known(.object)]]
        }
        // One base class with source: its MRO and facts carry over (C3 of one base is its MRO).
        if direct.count == 1, baseInfos.count == 1 {
            let base = baseInfos[0]
            var info = base
            info.ref = ref
            info.mro = [.source(ref)] + base.mro
            info.unresolvedBases = unresolved
            info.opaqueBases = opaque
            let body = classNamespace(ref)
            if body["__init__"] != nil || Self.generatesInit(ref.decl, source: module(ref.file)) { info.hasInit = true }
            if body["__new__"] != nil { info.hasNew = true }
            if ref.decl.keywords.contains(where: { $0.name == "metaclass" && $0.value.hasSuffix("ABCMeta") }) {
                info.isABC = true
            }
            info.isAbstract = info.isABC && hasAbstractMethods(info.mro)
            return info
        }
        let mro = [MROEntry.source(ref)] + Self.linearize(baseMROs + [direct])
        var isTestCase = false, hasInit = false, hasNew = false, isABC = false
        for entry in mro {
            switch entry {
            case .source(let r):
                let body = classNamespace(r)
                if body["__init__"] != nil || Self.generatesInit(r.decl, source: module(r.file)) { hasInit = true }
                if body["__new__"] != nil { hasNew = true }
                if r.decl.keywords.contains(where: { $0.name == "metaclass" && $0.value.hasSuffix("ABCMeta") }) {
                    isABC = true
                }
            case .known(let known):
                isTestCase = isTestCase || known.isTestCase
                hasInit = hasInit || known.hasInit
                hasNew = hasNew || known.hasNew
                isABC = isABC || known.isABC
            case .unknown, .made:
                break
            }
        }
        let isAbstract = isABC && hasAbstractMethods(mro)
        return ClassInfo(
            ref: ref, mro: mro, isTestCase: isTestCase, hasInit: hasInit, hasNew: hasNew,
            isAbstract: isAbstract, unresolvedBases: unresolved, isABC: isABC, opaqueBases: opaque)
    }

    /// What one base brings to a class: its MRO (itself first), its class info when it has
    /// source, and the unresolved bases and unread namespaces along that MRO.
    private func lineage(of entry: MROEntry, depth: Int)
        -> (mro: [MROEntry], info: ClassInfo?, unresolved: [String], opaque: [String])
    {
        switch entry {
        case .source(let base):
            let info = baseInfo(base, depth: depth)
            return (info.mro, info, info.unresolvedBases, info.opaqueBases)
        case .known(let known):
            return (known == .object ? [entry] : [entry, .known(.object)], nil, [], [])
        case .unknown(let text):
            return ([entry], nil, [text], [])
        case .made(let made):
            return ([entry] + made.baseMRO, nil, made.unresolvedBases, [made.text] + made.opaqueBases)
        }
    }

    /// A base's class info while another's is computed: cached, or computed one level deeper.
    private func baseInfo(_ ref: ClassRef, depth: Int) -> ClassInfo {
        if let cached = classInfos[ref.key] { return cached }
        let info = computeClassInfo(ref, depth: depth + 1)
        if !classesInProgress.contains(ref.key) { classInfos[ref.key] = info }
        return info
    }

    /// `@dataclass` (unless `init=False`) and attrs' class decorators write an `__init__`.
    private static func generatesInit(_ decl: ClassDecl, source: LoadedModule?) -> Bool {
        for decorator in decl.decorators {
            let name = decorator.name
            let last = name.dottedLast
            let isDataclass = last == "dataclass" && (name == "dataclass" || name.hasSuffix("dataclasses.dataclass"))
            let isAttrs = ["attr.s", "attr.attrs", "attr.define", "attrs.define", "attr.frozen", "attrs.frozen",
                "attr.mutable", "attrs.mutable", "define", "frozen"].contains(name)
            guard isDataclass || isAttrs else { continue }
            if let range = decorator.arguments, let text = source?.literalText(range), text.containsBytes("init=False") {
                continue
            }
            return true
        }
        return false
    }

    private func resolveBase(_ text: String, in ref: ClassRef, depth: Int) -> MROEntry {
        var expression = Substring(text)
        if let offset = text.utf8Offset(ofByte: UInt8(ascii: "(")), text.utf8.last == UInt8(ascii: ")") {
            let paren = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
            // `namedtuple("Point", …)`: a call to a standard-library class factory.
            let callee = expression[..<paren].dottedParts(keepingEmpty: true)
            guard !callee.isEmpty, callee.allSatisfy({ Self.isIdentifier($0) }) else { return .unknown(text) }
            if let made = madeClass(text, callee: callee, in: ref, depth: depth) { return .made(made) }
            switch resolveBaseName(callee, in: ref, depth: depth) {
            case .module(nil, let dotted):
                return KnownModules.classMadeBy(dotted).map(MROEntry.known) ?? .unknown(text)
            case .known(let known):
                return KnownModules.classMadeBy(known.name).map(MROEntry.known) ?? .unknown(text)
            default:
                return .unknown(text)
            }
        }
        if let offset = text.utf8Offset(ofByte: UInt8(ascii: "[")) {
            expression = expression[..<text.utf8.index(text.utf8.startIndex, offsetBy: offset)]
        }
        let parts = expression.dottedParts(keepingEmpty: true)
        guard !parts.isEmpty, parts.allSatisfy({ Self.isIdentifier($0) }) else { return .unknown(text) }
        switch resolveBaseName(parts, in: ref, depth: depth) {
        case .classRef(let base):
            return .source(base)
        case .known(let known):
            return .known(known)
        case .module(nil, let dotted) where KnownModules.isStandardLibrary(dotted):
            // What a base names must be a class (a module there fails the import), so a
            // lower-case standard-library attribute (`datetime.datetime`) is one of its classes.
            guard let dot = dotted.utf8.lastIndex(of: UInt8(ascii: ".")) else { return .unknown(text) }
            let module = String(dotted[..<dot])
            let name = String(dotted[dotted.index(after: dot)...])
            return .known(KnownModules.knownClass(module: module, name: name)
                ?? KnownModules.standardLibraryClass(module: module, name: name))
        default:
            return .unknown(text)
        }
    }

    /// The class a base-list call `callee(…)` makes when the callee is a `ClassFactory`: a
    /// module-level function, or a method found on a class's MRO (a classmethod's `cls` is the
    /// class it was looked up on).
    private func madeClass(_ text: String, callee: [String], in ref: ClassRef, depth: Int) -> MadeClass? {
        guard depth < 64 else { return nil }
        var receiver: ClassRef?
        let function: FunctionDecl
        let file: String
        if callee.count > 1, case .classRef(let owner) = resolveBaseName(Array(callee.dropLast()), in: ref, depth: depth) {
            guard let (decl, definedIn) = method(callee[callee.count - 1], of: owner, depth: depth) else { return nil }
            receiver = owner
            function = decl
            file = definedIn
        } else if case .function(let decl, let definedIn) = resolveBaseName(callee, in: ref, depth: depth) {
            function = decl
            file = definedIn
        } else {
            return nil
        }
        let decorators = function.decorators.map(\.name)
        guard decorators.count <= 1 else { return nil }
        let isClassMethod = decorators == ["classmethod"]
        guard decorators.isEmpty || isClassMethod || decorators == ["staticmethod"],
            !isClassMethod || receiver != nil,
            let factory = classFactory(function, in: file, isClassMethod: isClassMethod)
        else { return nil }
        let bytes = Array(text.utf8)
        guard case .call(_, let arguments) = bytes.withUnsafeBufferPointer({
            PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count))
        }) else { return nil }
        var direct: [MROEntry] = []
        for base in factory.bases {
            let entry: MROEntry
            switch base {
            case .receiver:
                guard let receiver else { return nil }
                entry = .source(receiver)
            case .argument(let index, let name):
                guard let argument = Self.argument(index: index, name: name, in: arguments),
                    let dotted = argument.dottedName
                else { return nil }
                entry = resolveBase(dotted, in: ref, depth: depth + 1)
            case .global(let parts):
                switch resolveDotted(parts, in: file, depth: depth + 1) {
                case .classRef(let found): entry = .source(found)
                case .known(let known): entry = .known(known)
                default: return nil
                }
            }
            direct.append(entry)
        }
        var baseMROs: [[MROEntry]] = []
        var unresolved: [String] = []
        var opaque: [String] = []
        for entry in direct {
            if case .unknown = entry { return nil }
            let lineage = lineage(of: entry, depth: depth)
            baseMROs.append(lineage.mro)
            unresolved += lineage.unresolved
            opaque += lineage.opaque
        }
        return MadeClass(
            text: text, key: ref.key.description + ":" + text, baseMRO: Self.linearize(baseMROs + [direct]),
            unresolvedBases: unresolved, opaqueBases: opaque, namespaceKeys: factory.namespaceKeys)
    }

    /// The first binding of `name` along `owner`'s MRO, when it is a function statement.
    private func method(_ name: String, of owner: ClassRef, depth: Int) -> (FunctionDecl, String)? {
        for entry in baseInfo(owner, depth: depth).mro {
            switch entry {
            case .source(let cls):
                guard let binding = classNamespace(cls)[name] else { continue }
                if case .function(let decl) = binding { return (decl, cls.file) }
                return nil
            case .known(let known):
                if known == .object { continue }
                return nil
            case .made(let made):
                if made.namespaceKeys.contains(name) { return nil }
            case .unknown:
                return nil
            }
        }
        return nil
    }

    private func classFactory(_ decl: FunctionDecl, in file: String, isClassMethod: Bool) -> ClassFactory? {
        let key = file + "@" + String(decl.range.lowerBound) + (isClassMethod ? "c" : "f")
        if let cached = classFactories[key] { return cached }
        let factory = module(file).flatMap { ClassFactory.read(decl, isClassMethod: isClassMethod, source: $0.source) }
        classFactories[key] = .some(factory)
        return factory
    }

    /// The argument a call passes for parameter `name` at `index` (after `cls`): nil when it is
    /// left to its default or hidden in `*args`/`**kwargs`.
    private static func argument(index: Int, name: String, in arguments: [PyArgument]) -> PyExpression? {
        var positional: [PyExpression] = []
        for argument in arguments {
            switch argument {
            case .positional(let value): positional.append(value)
            case .keyword(let keyword, let value) where keyword == name: return value
            case .keyword: break
            case .starred, .doubleStarred: return nil
            }
        }
        return index < positional.count ? positional[index] : nil
    }

    /// A dotted name in a class statement's base list: evaluated where the statement runs, so
    /// for a class nested in a class body the enclosing body's names (bound before it) come
    /// first, then the module's.
    private func resolveBaseName(_ parts: [String], in ref: ClassRef, depth: Int) -> Resolved {
        if ref.qualname.count > 1, let enclosing = enclosingClass(of: ref),
            let binding = classNamespace(enclosing).binding(parts[0], before: ref.decl.line)
        {
            var current: Resolved
            if case .classDecl(let decl) = binding {
                current = .classRef(ClassRef(file: ref.file, qualname: enclosing.qualname + [decl.name], decl: decl))
            } else {
                current = resolve(binding, in: ref.file, depth: depth + 1)
            }
            for part in parts.dropFirst() { current = attribute(part, of: current, depth: depth + 1) }
            return current
        }
        let line: Int32? = ref.qualname.count == 1 ? ref.decl.line : nil
        return resolveDotted(parts, in: ref.file, before: line, depth: depth)
    }

    /// The class whose body holds the statement of nested class `ref`.
    private func enclosingClass(of ref: ClassRef) -> ClassRef? {
        guard let members = module(ref.file)?.summary?.members else { return nil }
        var level = members
        var path: [String] = []
        var parent: ClassDecl?
        for name in ref.qualname.dropLast() {
            guard let next = level.lazy.compactMap({ member -> ClassDecl? in
                if case .classDecl(let decl) = member, decl.name == name,
                    decl.range.contains(ref.decl.range.lowerBound)
                {
                    return decl
                }
                return nil
            }).first
            else { return nil }
            path.append(name)
            parent = next
            level = next.members
        }
        return parent.map { ClassRef(file: ref.file, qualname: path, decl: $0) }
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        if first >= 0x30 && first <= 0x39 { return false }
        return s.utf8.allSatisfy { $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 >= 0x80 }
    }

    /// C3 linearisation; falls back to depth-first order when the hierarchy is inconsistent.
    /// Entries are numbered once, and each number's count of appearances in the sequences'
    /// tails is kept up to date as heads are taken, so no step searches the tails.
    static func linearize(_ sequences: [[MROEntry]]) -> [MROEntry] {
        enum EntryID: Hashable {
            case source(ClassKey), known(String), unknown(String), made(String)
        }
        func id(_ e: MROEntry) -> EntryID {
            switch e {
            case .source(let r): return .source(r.key)
            case .known(let k): return .known(k.name)
            case .unknown(let t): return .unknown(t)
            case .made(let m): return .made(m.key)
            }
        }
        var numbers: [EntryID: Int] = [:]
        var seqs: [[(number: Int, entry: MROEntry)]] = []
        for sequence in sequences where !sequence.isEmpty {
            seqs.append(
                sequence.map { entry in (numbers.number(of: id(entry)).number, entry) })
        }
        var inTails = [Int](repeating: 0, count: numbers.count)
        for seq in seqs { for element in seq.dropFirst() { inTails[element.number] += 1 } }
        var heads = [Int](repeating: 0, count: seqs.count)
        var taken = [Bool](repeating: false, count: numbers.count)
        var result: [MROEntry] = []
        var guardCount = 0
        while heads.indices.contains(where: { heads[$0] < seqs[$0].count }) && guardCount < 10_000 {
            guardCount += 1
            var chosen: (number: Int, entry: MROEntry)?
            for index in seqs.indices where heads[index] < seqs[index].count {
                let head = seqs[index][heads[index]]
                if inTails[head.number] == 0 {
                    chosen = head
                    break
                }
            }
            guard let next = chosen else {
                // Inconsistent: keep a depth-first order without duplicates.
                for index in seqs.indices {
                    for element in seqs[index][heads[index]...] where !taken[element.number] {
                        taken[element.number] = true
                        result.append(element.entry)
                    }
                }
                return result
            }
            result.append(next.entry)
            taken[next.number] = true
            for index in seqs.indices where heads[index] < seqs[index].count && seqs[index][heads[index]].number == next.number {
                heads[index] += 1
                if heads[index] < seqs[index].count { inTails[seqs[index][heads[index]].number] -= 1 }
            }
        }
        return result
    }

    private func hasAbstractMethods(_ mro: [MROEntry]) -> Bool {
        var resolvedNames = Set<String>()
        for entry in mro {
            guard case .source(let r) = entry else { continue }
            let body = classNamespace(r)
            for (position, name) in body.order.enumerated() where resolvedNames.insert(name).inserted {
                if case .function(let fn) = body.binding(at: position),
                    fn.decorators.contains(where: { $0.name == "abstractmethod" || $0.name.hasSuffix(".abstractmethod") })
                {
                    return true
                }
            }
        }
        return false
    }
}

extension ModuleGraph {
    /// Where a standard-library class is defined (`unittest.TestSuite` is `class TestSuite` in
    /// unittest/suite.py, imported by unittest/__init__.py), read from the interpreter's
    /// standard library; nil when it is not found there. Only warnings need it: what such a
    /// class is for collection comes from `KnownModules`.
    func standardLibraryDefinition(of known: KnownClass) -> (file: String, decl: ClassDecl)? {
        guard let library = standardLibrary, let dot = known.name.lastIndex(of: ".") else { return nil }
        let module = locator.find(known.name[..<dot].dottedParts(), in: library)
        return definition(of: String(known.name[known.name.index(after: dot)...]), in: module, library: library, depth: 0)
    }

    /// The class statement `name` is bound to in `file`, following `from … import name`.
    private func definition(of name: String, in file: String?, library: String, depth: Int)
        -> (file: String, decl: ClassDecl)?
    {
        guard depth < 8, let file else { return nil }
        switch namespace(file)[name] {
        case .classDecl(let decl)?:
            return (file, decl)
        case .imported(let module, let level, let imported)?:
            // Inside the library every absolute import is a standard-library one, which the
            // locator leaves unsearched: look it up in the library itself.
            let next = level > 0
                ? locator.importedModule(module, level: level, from: file)?.file
                : locator.find(module.dottedParts(), in: library)
            return definition(of: imported, in: next, library: library, depth: depth + 1)
        default:
            return nil
        }
    }
}
