/// A compiled `-k`/`-m` match expression, pytest 9.0.3's `mark/expression.py`:
///
///     expression: expr? EOF
///     expr:       and_expr ('or' and_expr)*
///     and_expr:   not_expr ('and' not_expr)*
///     not_expr:   'not' not_expr | '(' expr ')' | ident kwargs?
///
///     ident:      (\w|:|\+|-|\.|\[|\]|\\|/)+
///     kwargs:     ('(' name '=' value ( ', ' name '=' value )*  ')')
///     name:       a valid ident, but not a reserved keyword
///     value:      (unescaped) string literal | (-)?[0-9]+ | 'False' | 'True' | 'None'
///
/// An empty expression is false; an ident (with or without kwargs) is whatever the matcher says;
/// `or`/`and`/`not` are the usual, short-circuiting, boolean operators. `True`, `False`, `None`
/// are plain idents. Neither compiling nor evaluating recurses, so any depth of nesting works (pytest
/// itself dies with a `RecursionError` beyond about 320 parentheses or 950 `not`s).
public struct Expression: Sendable {
    /// The expression as compiled.
    public let input: String
    let program: [ExpressionInstruction]
    let atoms: [ExpressionAtom]

    /// pytest's `Expression.compile`; the error carries pytest's column and reason.
    public static func compile(_ input: String) throws(ExpressionError) -> Expression {
        var parser = try ExpressionParser(input)
        try parser.expression()
        return Expression(input: input, program: parser.program, atoms: parser.atoms)
    }

    /// pytest's handling of a `-k` value: leading whitespace (`str.lstrip()`) is dropped and nothing
    /// left means no selection (nil). Errors carry the `Wrong expression passed to '-k'` prefix.
    public static func compileKeywordOption(_ value: String) throws(ExpressionError) -> Expression? {
        let stripped = ExpressionCharacters.pythonLeftStripped(value)
        guard !stripped.isEmpty else { return nil }
        return try compile(stripped, for: .keyword)
    }

    /// pytest's handling of a `-m` value: only the empty string means no selection (nil); a value of
    /// blanks compiles to an always-false expression, deselecting everything.
    public static func compileMarkOption(_ value: String) throws(ExpressionError) -> Expression? {
        guard !value.isEmpty else { return nil }
        return try compile(value, for: .mark)
    }

    private static func compile(_ input: String, for option: ExpressionError.Option) throws(ExpressionError) -> Expression {
        do {
            return try compile(input)
        } catch {
            var error = error
            error.option = option
            throw error
        }
    }

    /// pytest's `Expression.evaluate`: `matcher(name, nil)` for a bare ident, `matcher(name, kwargs)`
    /// (never empty) for `name(key=value, ...)`. Idents are asked in order, only as far as needed.
    public func evaluate<Failure: Error>(
        _ matcher: (String, [String: ExpressionValue]?) throws(Failure) -> Bool
    ) throws(Failure) -> Bool {
        var value = false
        var index = 0
        while index < program.count {
            switch program[index] {
            case let .match(atom):
                value = try matcher(atoms[atom].name, atoms[atom].kwargs)
            case .not:
                value.toggle()
            case let .jumpIfTrue(target):
                if value {
                    index = target
                    continue
                }
            case let .jumpIfFalse(target):
                if !value {
                    index = target
                    continue
                }
            }
            index += 1
        }
        return value
    }
}
