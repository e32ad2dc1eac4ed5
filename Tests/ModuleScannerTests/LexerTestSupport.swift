import Testing
@testable import ModuleScanner

/// A line-ending style every lexer table runs under: the table's sources and expected texts
/// are written with LF and converted.
enum LineEnding: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case lf = "\n"
    case cr = "\r"
    case crlf = "\r\n"

    var testDescription: String {
        switch self {
        case .lf: "LF"
        case .cr: "CR"
        case .crlf: "CRLF"
        }
    }

    func apply(_ text: String) -> String {
        self == .lf ? text : text.replacingNewlines(with: rawValue)
    }
}

extension String {
    func replacingNewlines(with ending: String) -> String {
        var result = ""
        for character in unicodeScalars {
            if character == "\n" { result += ending } else { result.unicodeScalars.append(character) }
        }
        return result
    }
}

/// One expected token: its kind and its exact text.
struct Expected: Equatable, Sendable, CustomStringConvertible {
    var kind: TokenKind
    var text: String

    init(_ kind: TokenKind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    var description: String { "\(kind) \(text.debugDescription)" }
}

/// A lexer table row: a source and the tokens it lexes to (the final `.endOfFile` left out).
struct LexCase: Sendable, CustomTestStringConvertible {
    var source: String
    var tokens: [Expected]
    var testDescription: String { source.debugDescription }

    init(_ source: String, _ tokens: [Expected]) {
        self.source = source
        self.tokens = tokens
    }
}

/// Everything a lexer run produced, with token texts decoded for comparison.
struct LexResult {
    var tokens: [Expected]
    var raw: [Token]
    var lines: [Int32]
    var diagnostics: [ScanDiagnostic]
    var bytes: [UInt8]

    func text(_ range: Range<Int32>) -> String {
        String(decoding: bytes[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
    }
}

func lex(_ source: String) -> LexResult {
    lex(bytes: Array(source.utf8))
}

func lex(bytes: [UInt8], limit: Int = 1_000_000) -> LexResult {
    bytes.withUnsafeBufferPointer { buffer in
        var lexer = Lexer(source: buffer)
        var tokens: [Expected] = []
        var raw: [Token] = []
        var lines: [Int32] = []
        while raw.count < limit {
            let token = lexer.next()
            if token.kind == .endOfFile { break }
            raw.append(token)
            lines.append(lexer.tokenStartLine)
            let text = String(decoding: buffer[Int(token.start)..<Int(token.end)], as: UTF8.self)
            tokens.append(Expected(token.kind, text))
        }
        return LexResult(tokens: tokens, raw: raw, lines: lines, diagnostics: lexer.diagnostics, bytes: bytes)
    }
}

/// Shorthands for the tables, written as implicit members: `.name("x")`, `.newline`.
extension Expected {
    static func name(_ text: String) -> Expected { Expected(.name, text) }
    static func number(_ text: String) -> Expected { Expected(.number, text) }
    static func string(_ text: String) -> Expected { Expected(.string, text) }
    static func op(_ kind: TokenKind, _ text: String) -> Expected { Expected(kind, text) }
    static func keyword(_ kind: TokenKind, _ text: String) -> Expected { Expected(kind, text) }
    static func comment(_ text: String) -> Expected { Expected(.comment, text) }
    static func indent(_ text: String) -> Expected { Expected(.indent, text) }
    static func fStart(_ text: String) -> Expected { Expected(.fStringStart, text) }
    static func fMiddle(_ text: String) -> Expected { Expected(.fStringMiddle, text) }
    static func fEnd(_ text: String) -> Expected { Expected(.fStringEnd, text) }
    static func unknown(_ text: String) -> Expected { Expected(.unknown, text) }
    static let newline = Expected(.newline, "\n")
    static let nl = Expected(.nonLogicalNewline, "\n")
    static let dedent = Expected(.dedent, "")
    /// The NEWLINE the lexer adds at the end of a file that does not end with a line break.
    static let endNewline = Expected(.newline, "")
    static let endNL = Expected(.nonLogicalNewline, "")
    static let lparen = Expected(.leftParen, "("), rparen = Expected(.rightParen, ")")
    static let lbrace = Expected(.leftBrace, "{"), rbrace = Expected(.rightBrace, "}")
    static let lbracket = Expected(.leftBracket, "["), rbracket = Expected(.rightBracket, "]")
    static let colon = Expected(.colon, ":"), comma = Expected(.comma, ","), equal = Expected(.equal, "=")
    static let dot = Expected(.dot, "."), exclamation = Expected(.exclamation, "!")
}
