/// One step of a compiled expression. The program keeps a single boolean: `match` sets it,
/// `not` flips it, and the jumps implement `and`/`or` short-circuiting.
enum ExpressionInstruction: Sendable, Equatable {
    /// Sets the value to the matcher's answer for `Expression.atoms[index]`.
    case match(Int)
    case not
    /// Skips to the given instruction, keeping the value, when the value is true.
    case jumpIfTrue(Int)
    /// Skips to the given instruction, keeping the value, when the value is false.
    case jumpIfFalse(Int)
}
