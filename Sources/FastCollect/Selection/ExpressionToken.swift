/// One token of a `-k`/`-m` expression: its kind and the UTF-8 byte range it covers in the input.
struct ExpressionToken: Sendable, Equatable {
    var kind: ExpressionTokenKind
    var start: Int
    var end: Int
}
