/// What a token is. Operators and keywords have a kind each, so that readers of the token
/// stream compare kinds, never text. Soft keywords (`match`, `case`, `type`, `_`) are names.
public enum TokenKind: UInt8, Sendable {
    // Structure
    case endOfFile
    /// End of a logical line (tokenize's NEWLINE).
    case newline
    /// A line break that does not end a logical line: blank lines, comment-only lines,
    /// breaks inside brackets (tokenize's NL).
    case nonLogicalNewline
    case indent
    case dedent
    case comment

    // Atoms
    case name
    case number
    /// A complete string literal (not an f-string or t-string).
    case string
    case fStringStart
    case fStringMiddle
    case fStringEnd
    case tStringStart
    case tStringMiddle
    case tStringEnd
    /// `!` inside an f-string replacement field.
    case exclamation
    /// A byte the lexer could not place in any token; an error was recorded for it.
    case unknown

    // Operators and delimiters
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case colon, comma, semicolon, dot, ellipsis, at, rightArrow, colonEqual
    case plus, minus, star, slash, doubleSlash, percent, doubleStar
    case vbar, amper, circumflex, tilde, leftShift, rightShift
    case less, greater, equal, equalEqual, notEqual, lessEqual, greaterEqual
    case plusEqual, minusEqual, starEqual, slashEqual, doubleSlashEqual, percentEqual
    case doubleStarEqual, vbarEqual, amperEqual, circumflexEqual, leftShiftEqual
    case rightShiftEqual, atEqual

    // Keywords
    case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak
    case kwClass, kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor
    case kwFrom, kwGlobal, kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr
    case kwPass, kwRaise, kwReturn, kwTry, kwWhile, kwWith, kwYield

    /// True for the keyword kinds.
    @inlinable public var isKeyword: Bool {
        rawValue >= TokenKind.kwFalse.rawValue && rawValue <= TokenKind.kwYield.rawValue
    }

    /// True for the operator and delimiter kinds.
    @inlinable public var isOperator: Bool {
        (rawValue >= TokenKind.leftParen.rawValue && rawValue <= TokenKind.atEqual.rawValue)
            || self == .exclamation
    }

    /// True for tokens that carry no meaning for a parser: comments and non-logical newlines.
    @inlinable public var isTrivia: Bool { self == .comment || self == .nonLogicalNewline }
}
