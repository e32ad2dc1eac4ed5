/// The kinds of token in a `-k`/`-m` expression (pytest's `TokenType`); a raw value is the name
/// pytest prints in `expected X; got Y`.
enum ExpressionTokenKind: String, Sendable {
    case leftParenthesis = "left parenthesis"
    case rightParenthesis = "right parenthesis"
    case or = "or"
    case and = "and"
    case not = "not"
    case identifier = "identifier"
    case endOfInput = "end of input"
    case equal = "="
    case stringLiteral = "string literal"
    case comma = ","
}
