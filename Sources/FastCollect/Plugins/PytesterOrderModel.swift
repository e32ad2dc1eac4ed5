import ModuleScanner

/// The `pytest_collection_modifyitems` hook of pytest's own `testing/conftest.py`, recognised by
/// its text: items whose fixture closure holds `pytester` go last (those that spawn a process
/// or run `runpytest_subprocess` at the very end), `slow`-marked ones too. Doctest items have
/// `fixturenames` in pytest 9 (the hook's `AttributeError` branch no longer runs), so they are
/// classified like functions. The partition keeps the collection order within each group.
enum PytesterOrderModel {
    /// True when a conftest.py's source defines the hook this models.
    static func isDefined(byConftest source: [UInt8]) -> Bool {
        let text = String(decoding: source, as: UTF8.self)
        return text.contains("def pytest_collection_modifyitems") && text.contains("\"pytester\" in fixtures")
            && text.contains("fast_items + neutral_items + slow_items + slowest_items")
    }

    enum Group: Int {
        case fast, neutral, slow, slowest
    }

    private struct FunctionKey: Hashable {
        var parent: Int32
        var offset: Int32
    }

    /// The items regrouped, and the marks the hook adds (`slow` to every `pytester` item,
    /// `uses_pexpect` to those that spawn).
    static func reorder(_ items: [Int32], session: CollectionSession, applies: (Int32) -> Bool)
        -> (items: [Int32], addedMarks: [Int32: [String]])
    {
        var groups: [[Int32]] = [[], [], [], []]
        var added: [Int32: [String]] = [:]
        // The items of one function under one parent (its parametrizations) share a fixture
        // closure and a body: classify them once.
        var byFunction: [FunctionKey: (Group, [String])] = [:]
        for item in items {
            guard applies(item) else {
                groups[Group.fast.rawValue].append(item)
                continue
            }
            let key = session.functionDecls[item].map {
                FunctionKey(parent: session.nodes[Int(item)].parent, offset: $0.range.lowerBound)
            }
            let group: Group
            let marks: [String]
            if let key, let known = byFunction[key] {
                (group, marks) = known
            } else {
                (group, marks) = classify(item, session: session)
                if let key { byFunction[key] = (group, marks) }
            }
            groups[group.rawValue].append(item)
            if !marks.isEmpty { added[item] = marks }
        }
        return (groups.flatMap { $0 }, added)
    }

    private static func classify(_ item: Int32, session: CollectionSession) -> (Group, [String]) {
        let fixtures = session.fixtureNames(of: item)
        if fixtures.contains("pytester") {
            let names = session.functionBodyNames(["spawn_pytest", "spawn", "runpytest_subprocess"], of: item)
            if names.contains("spawn_pytest") || names.contains("spawn") { return (.slowest, ["uses_pexpect", "slow"]) }
            if names.contains("runpytest_subprocess") { return (.slowest, ["slow"]) }
            return (.slow, ["slow"])
        }
        return (session.hasMarker(item, "slow") ? .slowest : .fast, [])
    }
}
