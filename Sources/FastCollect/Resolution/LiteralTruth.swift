/// Python truthiness of a literal written without white space (`False`, `0`, `[]`…): what
/// `__test__ = …` and SQLAlchemy's `__backend__ = …` flags are read as.
enum LiteralTruth {
    private static let falsy: Set<String> = ["False", "None", "0", "''", "\"\"", "()", "[]", "{}"]

    static func isFalsy(_ text: String) -> Bool { falsy.contains(text) }
}
