/// An identifier of an expression with its keyword arguments: nil for a bare `name`,
/// never empty for `name(key=value, ...)`.
struct ExpressionAtom: Sendable, Equatable {
    var name: String
    var kwargs: [String: ExpressionValue]?
}
