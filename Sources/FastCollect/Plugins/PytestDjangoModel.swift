import ModuleScanner

/// pytest-django's `pytest_collection_modifyitems`: items are stably sorted the way Django's
/// runner orders them: `TestCase`s and tests using `db` first, then transactional ones
/// (`TransactionTestCase`, `transactional_db`, `live_server`), then the rest.
/// Active when the configuration names pytest-django's settings (`DJANGO_SETTINGS_MODULE`,
/// `django_find_project`, `DJANGO_CONFIGURATION`) or the environment sets the settings module.
enum PytestDjangoModel {
    static func isActive(_ config: PytestConfig, environment: [String: String] = ProcessEnvironment.current) -> Bool {
        if environment["DJANGO_SETTINGS_MODULE"] != nil { return true }
        return ["DJANGO_SETTINGS_MODULE", "django_find_project", "DJANGO_CONFIGURATION"].contains {
            config.raw($0) != nil
        }
    }

    static func reorder(_ items: [Int32], session: CollectionSession) -> [Int32] {
        var numbered: [(order: Int, index: Int, item: Int32)] = []
        numbered.reserveCapacity(items.count)
        var cache: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            numbered.append((orderNumber(item, session: session, cache: &cache), index, item))
        }
        numbered.sort { $0.order != $1.order ? $0.order < $1.order : $0.index < $1.index }
        return numbered.map(\.item)
    }

    private static func orderNumber(_ item: Int32, session: CollectionSession, cache: inout [String: Int]) -> Int {
        if let ref = session.enclosingClassRef(of: item) {
            if let cached = cache[ref.key] { return cached }
            let mro = session.graph.classInfo(ref).mro
            let isTransactional = mro.contains { isDjangoClass($0, "TransactionTestCase") }
            let number: Int
            if isTransactional {
                number = mro.contains { isDjangoClass($0, "TestCase") } ? 0 : 1
            } else {
                number = functionNumber(item, session: session)
            }
            cache[ref.key] = number
            return number
        }
        return functionNumber(item, session: session)
    }

    private static func functionNumber(_ item: Int32, session: CollectionSession) -> Int {
        let fixtures = session.functionDecls[item]?.parameters ?? []
        if fixtures.contains("transactional_db") || fixtures.contains("live_server") { return 1 }
        if fixtures.contains("db") { return 0 }
        return 2
    }

    /// True for `django.test.testcases.<name>` read from Django's source.
    private static func isDjangoClass(_ entry: MROEntry, _ name: String) -> Bool {
        guard case .source(let ref) = entry else { return false }
        return ref.qualname == [name] && ref.file.hasSuffix("/django/test/testcases.py")
    }
}
