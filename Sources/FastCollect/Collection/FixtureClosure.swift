import ModuleScanner

/// The fixtures an item requests, as pytest's `getfixtureclosure` computes `item.fixturenames`:
/// autouse fixtures, the function's own arguments and `usefixtures`, then every fixture those
/// fixtures request, transitively, through the definitions visible from the item (its class,
/// its module, the conftest.py files above it, and pytest's own plugins).
struct FixtureClosure {
    /// A fixture definition: the names it requests and whether it is autouse.
    struct Definition {
        var requests: [String]
        var autouse: Bool
        /// Where it is defined and its `@pytest.fixture(…)` decorator, when that passes `params=`.
        var parametrized: (file: String, decorator: Decorator)?
        /// The `scope=` it declares: 0 session, 1 package, 2 module, 3 class, 4 function (default,
        /// and for a scope given by a callable).
        var scopeRank: Int = 4
    }

    /// pytest's scope order, widest first.
    static func scopeRank(_ scope: String) -> Int {
        ["session": 0, "package": 1, "module": 2, "class": 3, "function": 4][scope] ?? 4
    }

    /// Fixtures of pytest's own plugins that request other fixtures.
    static let builtinRequests: [String: [String]] = [
        "testdir": ["pytester"], "pytester": ["request", "tmp_path_factory", "monkeypatch"],
        "tmp_path": ["request", "tmp_path_factory"], "tmpdir": ["tmp_path"], "capsys": ["request"],
        "capfd": ["request"], "caplog": ["request"], "recwarn": [], "monkeypatch": [],
    ]

    /// Definitions by name, the nearest scope last (class over module over conftest.py).
    private var definitions: [NameKey: [Definition]] = [:]
    /// Autouse fixture names in the order pytest registers them (outermost scope first).
    private(set) var autouse: [String] = []
    /// True when a definition passes `params=`: only then can a closure hold a parametrized fixture.
    private(set) var hasParametrized = false
    /// Closures already computed for these definitions; replaced whenever they change, so
    /// copies share it only while they are equal.
    private var memo = Memo()

    private final class Memo {
        var closures: [NameListKey: [String]] = [:]
    }

    /// Adds the fixtures defined by `members` (a conftest.py, a module or a class body) of `module`.
    mutating func add(_ members: [Member], of module: LoadedModule, inClass: Bool) {
        // Members that define no fixture (most class bodies) leave the closures as they were.
        var memoIsShared = true
        for member in members {
            guard case .function(let fn) = member, fn.guardKind.mayRunOnImport,
                let decorator = fn.decorators.first(where: Self.isFixtureDecorator)
            else { continue }
            var name = fn.name
            var isAutouse = false
            var hasParams = false
            var scopeRank = 4
            if let range = decorator.arguments, let text = module.literalText(range, maxTokens: 1_000_000) {
                isAutouse = text.containsBytes("autouse=True")
                hasParams = text.containsBytes("params=")
                if let renamed = Self.keywordString("name", in: text) { name = renamed }
                if let scope = Self.keywordString("scope", in: text) { scopeRank = Self.scopeRank(scope) }
            }
            if memoIsShared {
                memo = Memo()
                memoIsShared = false
            }
            let requests = Self.argumentNames(fn, inClass: inClass)
            definitions[NameKey(name), default: []].append(
                Definition(
                    requests: requests, autouse: isAutouse, parametrized: hasParams ? (module.path, decorator) : nil,
                    scopeRank: scopeRank))
            if isAutouse && !autouse.contains(name) { autouse.append(name) }
            if hasParams { hasParametrized = true }
        }
    }

    /// The string value of `key="…"` in a call's argument text without white space.
    private static func keywordString(_ key: String, in text: String) -> String? {
        for quote in ["\"", "'"] {
            guard let found = text.utf8Offset(of: key + "=" + quote) else { continue }
            let start = found + key.utf8.count + 2
            guard let end = text.utf8Offset(of: quote, from: start) else { continue }
            return String(decoding: text.utf8.dropFirst(start).prefix(end - start), as: UTF8.self)
        }
        return nil
    }

    /// `item.fixturenames` for a function with `arguments`.
    func closure(arguments: [String]) -> [String] {
        let key = NameListKey(arguments)
        if let known = memo.closures[key] { return known }
        let result = computeClosure(arguments: arguments)
        memo.closures[key] = result
        return result
    }

    private func computeClosure(arguments: [String]) -> [String] {
        var result: [String] = []
        var seen = Set<NameKey>()
        var queue = autouse + arguments
        var index = 0
        while index < queue.count, index < 10_000 {
            let name = queue[index]
            index += 1
            guard seen.insert(NameKey(name)).inserted else { continue }
            result.append(name)
            if let defs = definitions[NameKey(name)] {
                for def in defs { queue += def.requests }
            } else if let requests = Self.builtinRequests[name] {
                queue += requests
            }
        }
        return result
    }

    /// The nearest definition of `name` (class over module over conftest.py).
    func definition(_ name: String) -> Definition? { definitions[NameKey(name)]?.last }

    static func isFixtureDecorator(_ decorator: Decorator) -> Bool {
        let name = decorator.name
        return name == "fixture" || name.hasSuffix(".fixture") || name == "yield_fixture"
            || name.hasSuffix(".yield_fixture")
    }

    /// `getfuncargnames`: parameters without defaults are not tracked by the summary, so all
    /// named parameters count, minus `self`/`cls` of methods.
    static func argumentNames(_ fn: FunctionDecl, inClass: Bool) -> [String] {
        var names = fn.parameters
        let isStatic = fn.decorators.contains { $0.name == "staticmethod" }
        if inClass && !isStatic, !names.isEmpty { names.removeFirst() }
        return names
    }
}
