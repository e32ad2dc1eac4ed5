/// pytest's `python_classes` and `python_functions` name tests (`_matches_prefix_or_glob_option`).
struct NameRules: Sendable {
    private let classes: PrefixOrGlobMatcher
    private let functions: PrefixOrGlobMatcher

    init(pythonClasses: [String], pythonFunctions: [String]) {
        classes = PrefixOrGlobMatcher(pythonClasses)
        functions = PrefixOrGlobMatcher(pythonFunctions)
    }

    func matchesClass(_ name: String) -> Bool { classes.matches(name) }
    func matchesFunction(_ name: String) -> Bool { functions.matches(name) }

    /// Any class whose bases are not all known may be a `unittest.TestCase`.
    func couldBeTestCaseName(_ name: String) -> Bool { true }
}
