/// pytest's `Scanner` over the UTF-8 bytes of an expression: one token of lookahead, lexed lazily,
/// so a bad character is reported only when the parser reaches it, exactly as in pytest.
struct ExpressionScanner {
    let input: String
    let bytes: [UInt8]
    private(set) var current: ExpressionToken
    /// pytest rejects any string literal when the input holds a backslash anywhere, pointing at the first.
    private let firstBackslash: Int?

    init(_ input: String) throws(ExpressionError) {
        self.input = input
        bytes = Array(input.utf8)
        firstBackslash = bytes.firstIndex(of: UInt8(ascii: "\\"))
        current = ExpressionToken(kind: .endOfInput, start: 0, end: 0)
        current = try lex(from: 0)
    }

    /// pytest's `accept`: consumes and returns the current token if it has `kind` (end of input stays current).
    mutating func accept(_ kind: ExpressionTokenKind) throws(ExpressionError) -> ExpressionToken? {
        guard current.kind == kind else { return nil }
        let token = current
        if kind != .endOfInput {
            current = try lex(from: token.end)
        }
        return token
    }

    /// pytest's `accept(..., reject=True)`.
    mutating func expect(_ kind: ExpressionTokenKind) throws(ExpressionError) -> ExpressionToken {
        guard let token = try accept(kind) else { throw reject([kind]) }
        return token
    }

    /// pytest's `reject`: `expected A OR B; got C` at the current token.
    func reject(_ expected: [ExpressionTokenKind]) -> ExpressionError {
        let names = expected.map(\.rawValue).joined(separator: " OR ")
        return error(at: current.start, "expected \(names); got \(current.kind.rawValue)")
    }

    func text(of token: ExpressionToken) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// An error at a byte offset, reported at its 1-based code point column as pytest does.
    func error(at offset: Int, _ reason: String, kind: ExpressionError.Kind = .syntax) -> ExpressionError {
        var column = 1
        for byte in bytes[..<offset] where byte & 0xC0 != 0x80 {
            column += 1
        }
        return ExpressionError(kind: kind, text: input, column: column, reason: reason)
    }

    private func lex(from start: Int) throws(ExpressionError) -> ExpressionToken {
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            let single: ExpressionTokenKind?
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                position += 1
                continue
            case UInt8(ascii: "("): single = .leftParenthesis
            case UInt8(ascii: ")"): single = .rightParenthesis
            case UInt8(ascii: "="): single = .equal
            case UInt8(ascii: ","): single = .comma
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                return try stringLiteral(at: position)
            default: single = nil
            }
            if let single {
                return ExpressionToken(kind: single, start: position, end: position + 1)
            }
            let end = ExpressionCharacters.identifierEnd(bytes, from: position)
            guard end > position else {
                let scalar = ExpressionCharacters.decodeScalar(bytes, at: position).scalar
                throw error(at: position, "unexpected character \"\(Character(scalar))\"")
            }
            return ExpressionToken(kind: keywordKind(position..<end), start: position, end: end)
        }
        return ExpressionToken(kind: .endOfInput, start: position, end: position)
    }

    private func stringLiteral(at start: Int) throws(ExpressionError) -> ExpressionToken {
        let quote = bytes[start]
        guard let close = bytes[(start + 1)...].firstIndex(of: quote) else {
            throw error(at: start, "closing quote \"\(Character(Unicode.Scalar(quote)))\" is missing")
        }
        if let firstBackslash {
            throw error(at: firstBackslash, #"escaping with "\" not supported in marker expression"#)
        }
        return ExpressionToken(kind: .stringLiteral, start: start, end: close + 1)
    }

    private func keywordKind(_ range: Range<Int>) -> ExpressionTokenKind {
        let word = bytes[range]
        if word.elementsEqual("or".utf8) { return .or }
        if word.elementsEqual("and".utf8) { return .and }
        if word.elementsEqual("not".utf8) { return .not }
        return .identifier
    }
}
