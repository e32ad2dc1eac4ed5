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
        // Per class statement: 0 or 1 for a `TransactionTestCase` subclass, nil for any other
        // class (its items are numbered one by one).
        var classNumbers: [ObjectIdentifier: Int?] = [:]
        // Per parent node: the number of its items that add nothing to it (most unittest methods).
        var parentNumbers: [Int32: Int] = [:]
        for (index, item) in items.enumerated() {
            let number: Int
            if session.addsNothingToItsParent(item) {
                let parent = session.nodes[Int(item)].parent
                if let cached = parentNumbers[parent] {
                    number = cached
                } else {
                    number = orderNumber(item, session: session, classNumbers: &classNumbers)
                    parentNumbers[parent] = number
                }
            } else {
                number = orderNumber(item, session: session, classNumbers: &classNumbers)
            }
            numbered.append((number, index, item))
        }
        numbered.sort { $0.order != $1.order ? $0.order < $1.order : $0.index < $1.index }
        return numbered.map(\.item)
    }

    /// `get_order_number`: 0 for tests using the database, 1 for transactional ones, 2 for the rest.
    private static func orderNumber(
        _ item: Int32, session: CollectionSession, classNumbers: inout [ObjectIdentifier: Int?]
    ) -> Int {
        if let ref = session.enclosingClassRef(of: item) {
            let key = ObjectIdentifier(ref)
            let number: Int?
            if let cached = classNumbers[key] {
                number = cached
            } else {
                let mro = session.graph.classInfo(ref).mro
                if mro.contains(where: { isDjangoClass($0, "TransactionTestCase") }) {
                    number = mro.contains { isDjangoClass($0, "TestCase") } ? 0 : 1
                } else {
                    number = nil
                }
                classNumbers[key] = number
            }
            if let number { return number }
        }
        return functionNumber(item, session: session)
    }

    /// The closest `django_db` mark (`transaction=`/`reset_sequences=` make it transactional),
    /// then `item.fixturenames`: `transactional_db` or `live_server`, else `db`.
    private static func functionNumber(_ item: Int32, session: CollectionSession) -> Int {
        var usesDatabase = false
        var transactional = false
        if let mark = session.marks(of: item).first(where: { $0.name == "django_db" }) {
            usesDatabase = true
            transactional = isTrue(mark.kwargs["transaction"]) || isTrue(mark.kwargs["reset_sequences"])
        }
        let fixtures = session.fixtureNames(of: item)
        transactional = transactional || fixtures.contains("transactional_db") || fixtures.contains("live_server")
        usesDatabase = usesDatabase || fixtures.contains("db")
        return transactional ? 1 : usesDatabase ? 0 : 2
    }

    private static func isTrue(_ value: ExpressionValue?) -> Bool {
        switch value {
        case .bool(let flag)?: return flag
        case .integer(let digits)?: return digits != "0"
        case .string(let text)?: return !text.isEmpty
        default: return false
        }
    }

    /// True for `django.test.testcases.<name>` read from Django's source.
    static func isDjangoClass(_ entry: MROEntry, _ name: String) -> Bool {
        guard case .source(let ref) = entry else { return false }
        return ref.qualname == [name] && ref.file.hasSuffix("/django/test/testcases.py")
    }
}
