import Testing
@testable import ModuleScanner

/// A diagnostic as a table states it: kind, the text its range covers, and its line.
struct ExpectedDiagnostic: Equatable, Sendable, CustomStringConvertible {
    var kind: ScanErrorKind
    var text: String
    var line: Int32

    init(_ kind: ScanErrorKind, _ text: String, line: Int32 = 1) {
        self.kind = kind
        self.text = text
        self.line = line
    }

    var description: String { "\(kind) \(text.debugDescription) line \(line)" }
}

/// A source with an error: the diagnostics it must produce (each with its range) and the
/// tokens, which show that the scan went on to the end.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var source: [UInt8]
    var tokens: [Expected]?
    var diagnostics: [ExpectedDiagnostic]
    /// When false, `diagnostics` need only appear among the diagnostics found.
    var exact: Bool
    var label: String

    init(_ source: String, _ tokens: [Expected]?, _ diagnostics: [ExpectedDiagnostic], exact: Bool = true) {
        self.init(bytes: Array(source.utf8), tokens, diagnostics, exact: exact, label: source)
    }

    init(bytes: [UInt8], _ tokens: [Expected]?, _ diagnostics: [ExpectedDiagnostic], exact: Bool = true, label: String? = nil) {
        self.source = bytes
        self.tokens = tokens
        self.diagnostics = diagnostics
        self.exact = exact
        self.label = label ?? String(decoding: bytes, as: UTF8.self)
    }

    var testDescription: String { String(label.debugDescription.prefix(80)) }
}

extension LexerTests {
    @Suite struct Errors {
        static let replacement = "\u{FFFD}"

        static let cases: [ErrorCase] = [
            ErrorCase("x = 'abc\ny = 1\n", [
                .name("x"), .equal, .string("'abc"), .newline, .name("y"), .equal, .number("1"), .newline,
            ], [ExpectedDiagnostic(.unterminatedString, "'abc")]),
            ErrorCase("x = 'a\\\n", [.name("x"), .equal, .string("'a\\\n"), .endNewline],
                      [ExpectedDiagnostic(.unterminatedString, "'a\\\n")]),
            ErrorCase("x = '''abc\ny\n", [.name("x"), .equal, .string("'''abc\ny\n"), .endNewline],
                      [ExpectedDiagnostic(.unterminatedTripleQuotedString, "'''abc\ny\n")]),
            ErrorCase("f'abc\nx\n", [
                .fStart("f'"), .fMiddle("abc"), Expected(.fStringEnd, ""), .newline, .name("x"), .newline,
            ], [ExpectedDiagnostic(.unterminatedString, "f'abc")]),
            ErrorCase("f'''{x}\n", [
                .fStart("f'''"), .lbrace, .name("x"), .rbrace, .fMiddle("\n"), Expected(.fStringEnd, ""), .endNewline,
            ], [ExpectedDiagnostic(.unterminatedTripleQuotedString, "f'''{x}\n")]),
            ErrorCase("f'{x\n", [.fStart("f'"), .lbrace, .name("x"), .nl, .endNewline],
                      [ExpectedDiagnostic(.unterminatedString, "f'{x\n")]),
            ErrorCase("f'{x:abc'\n", [
                .fStart("f'"), .lbrace, .name("x"), .colon, .fMiddle("abc"), .fEnd("'"), .newline,
            ], [ExpectedDiagnostic(.invalidSyntax, "'")]),
            ErrorCase("f'a}b'\n", [.fStart("f'"), .fMiddle("a}b"), .fEnd("'"), .newline],
                      [ExpectedDiagnostic(.invalidSyntax, "}")]),
            ErrorCase("x)\ny\n", [.name("x"), .rparen, .newline, .name("y"), .newline],
                      [ExpectedDiagnostic(.unmatchedBracket, ")")]),
            ErrorCase("}\n", [.rbrace, .newline], [ExpectedDiagnostic(.unmatchedBracket, "}")]),
            ErrorCase("(]\ny\n", [.lparen, .rbracket, .newline, .name("y"), .newline],
                      [ExpectedDiagnostic(.mismatchedBracket, "]")]),
            ErrorCase("x = [1,\n{2)]\n", [
                .name("x"), .equal, .lbracket, .number("1"), .comma, .nl, .lbrace, .number("2"), .rparen, .rbracket,
                .newline,
            ], [ExpectedDiagnostic(.mismatchedBracket, ")", line: 2)]),
            ErrorCase("foo(\nx\n", [.name("foo"), .lparen, .nl, .name("x"), .nl, .endNewline],
                      [ExpectedDiagnostic(.unclosedBracket, "(")]),
            ErrorCase("if a:\n    b\n  c\nd\n", [
                .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("    "), .name("b"), .newline, .name("c"),
                .newline, .dedent, .name("d"), .newline,
            ], [ExpectedDiagnostic(.inconsistentDedent, "  ", line: 3)]),
            ErrorCase("if a:\n\tb\n        c\n", [
                .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("\t"), .name("b"), .newline, .name("c"),
                .newline, .dedent,
            ], [ExpectedDiagnostic(.tabsInconsistent, "        ", line: 3)]),
            ErrorCase("if a:\n        b\n\tc\n", [
                .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("        "), .name("b"), .newline,
                .name("c"), .newline, .dedent,
            ], [ExpectedDiagnostic(.tabsInconsistent, "\t", line: 3)]),
            ErrorCase("x = 1\0\ny\n", [
                .name("x"), .equal, .number("1"), .unknown("\0"), .newline, .name("y"), .newline,
            ], [ExpectedDiagnostic(.nulByte, "\0")]),
            ErrorCase("'a\0b' # c\0\n", [.string("'a\0b'"), .comment("# c\0"), .newline],
                      [ExpectedDiagnostic(.nulByte, "\0"), ExpectedDiagnostic(.nulByte, "\0")]),
            ErrorCase(bytes: Array("x = ".utf8) + [0xFF, 0x0A], [.name("x"), .equal, .unknown(replacement), .newline],
                      [ExpectedDiagnostic(.invalidUTF8, replacement)]),
            ErrorCase(bytes: Array("ab".utf8) + [0xFF] + Array("cd\n".utf8),
                      [.name("ab"), .unknown(replacement), .name("cd"), .newline],
                      [ExpectedDiagnostic(.invalidUTF8, replacement)]),
            ErrorCase(bytes: [0x27, 0xC3, 0x28, 0x27, 0x0A], [.string("'\(replacement)('"), .newline],
                      [ExpectedDiagnostic(.invalidUTF8, replacement)]),
            ErrorCase(bytes: Array("# ".utf8) + [0xC0, 0xAF, 0x0A], [.comment("# \(replacement)\(replacement)"), .nl],
                      [ExpectedDiagnostic(.invalidUTF8, replacement), ExpectedDiagnostic(.invalidUTF8, replacement)]),
            ErrorCase("a $ b ? c ` d\n", [
                .name("a"), .unknown("$"), .name("b"), .unknown("?"), .name("c"), .unknown("`"), .name("d"), .newline,
            ], [
                ExpectedDiagnostic(.invalidCharacter, "$"), ExpectedDiagnostic(.invalidCharacter, "?"),
                ExpectedDiagnostic(.invalidCharacter, "`"),
            ]),
            ErrorCase("x = 1 \\ 2\n", [.name("x"), .equal, .number("1"), .unknown("\\"), .number("2"), .newline],
                      [ExpectedDiagnostic(.lineContinuationError, "\\")]),
            ErrorCase("x = \\", [.name("x"), .equal, .unknown("\\"), .endNewline],
                      [ExpectedDiagnostic(.lineContinuationError, "\\")]),
            ErrorCase("x = 1 \\\n", [.name("x"), .equal, .number("1"), .endNewline],
                      [ExpectedDiagnostic(.lineContinuationError, "\\\n")]),
            ErrorCase("0777 + 0_7\n", [.number("0"), .number("777"), .op(.plus, "+"), .number("0"), .name("_7"), .newline],
                      [ExpectedDiagnostic(.invalidNumber, "0"), ExpectedDiagnostic(.invalidNumber, "0")]),
            ErrorCase("1_ 0x 0b2 0b12 1abc 1e\n", [
                .number("1"), .name("_"), .number("0"), .name("x"), .number("0"), .name("b2"), .number("0b1"),
                .number("2"), .number("1"), .name("abc"), .number("1"), .name("e"), .newline,
            ], [
                ExpectedDiagnostic(.invalidNumber, "1"), ExpectedDiagnostic(.invalidNumber, "0"),
                ExpectedDiagnostic(.invalidNumber, "0"), ExpectedDiagnostic(.invalidNumber, "0b1"),
                ExpectedDiagnostic(.invalidNumber, "1"), ExpectedDiagnostic(.invalidNumber, "1"),
            ]),
            ErrorCase("1.__class__\n", [.number("1."), .name("__class__"), .newline], [ExpectedDiagnostic(.invalidNumber, "1.")]),
            ErrorCase(String(repeating: "(", count: 250) + String(repeating: ")", count: 250) + "\nx\n", nil,
                      [ExpectedDiagnostic(.nestingTooDeep, "(")]),
            ErrorCase(String(repeating: "f'{", count: 160) + "x" + String(repeating: "}'", count: 160) + "\n", nil,
                      [ExpectedDiagnostic(.nestingTooDeep, "f'")], exact: false),
            ErrorCase((0...IndentationStack.maxDepth).map { String(repeating: " ", count: $0) + "if a:\n" }.joined()
                        + String(repeating: " ", count: IndentationStack.maxDepth + 1) + "b\n",
                      nil, [ExpectedDiagnostic(.nestingTooDeep, String(repeating: " ", count: IndentationStack.maxDepth + 1), line: 102)]),
        ]

        @Test(arguments: cases, LineEnding.allCases)
        func errorsAreRecordedAndTheScanGoesOn(_ table: ErrorCase, _ ending: LineEnding) {
            let source = table.source.flatMap { $0 == 0x0A ? Array(ending.rawValue.utf8) : [$0] }
            let result = lex(bytes: source)
            if let tokens = table.tokens {
                #expect(result.tokens == tokens.map { Expected($0.kind, ending.apply($0.text)) })
            }
            let found = result.diagnostics.map { ExpectedDiagnostic($0.kind, result.text($0.range), line: $0.line) }
            let expected = table.diagnostics.map { ExpectedDiagnostic($0.kind, ending.apply($0.text), line: $0.line) }
            if table.exact {
                #expect(found == expected)
            } else {
                for diagnostic in expected {
                    #expect(found.contains(diagnostic), "\(found)")
                }
            }
            #expect(result.raw.last.map { Int($0.end) <= source.count } ?? true)
        }

        static let cookieCases: [ErrorCase] = [
            ErrorCase(bytes: Array("# -*- coding: latin-1 -*-\nx = 'caf".utf8) + [0xE9] + Array("'\n".utf8), [
                .comment("# -*- coding: latin-1 -*-"), .nl, .name("x"), .equal, .string("'caf\(replacement)'"), .newline,
            ], []),
            ErrorCase(bytes: Array("#!/usr/bin/python\n# vim: set fileencoding=ISO_8859-15 :\nn".utf8) + [0xE9, 0x0A], [
                .comment("#!/usr/bin/python"), .nl, .comment("# vim: set fileencoding=ISO_8859-15 :"), .nl,
                .name("n\(replacement)"), .newline,
            ], []),
            ErrorCase("# coding=utf8\nx\n", [.comment("# coding=utf8"), .nl, .name("x"), .newline], []),
            ErrorCase("# coding: uft-8\n", [.comment("# coding: uft-8"), .nl], [ExpectedDiagnostic(.invalidEncoding, "uft-8")]),
            ErrorCase(bytes: [0xEF, 0xBB, 0xBF] + Array("# coding: latin-1\n".utf8), [.comment("# coding: latin-1"), .nl],
                      [ExpectedDiagnostic(.invalidEncoding, "latin-1")]),
            ErrorCase(bytes: [0xEF, 0xBB, 0xBF] + Array("# coding: utf-8\n".utf8), [.comment("# coding: utf-8"), .nl], []),
            ErrorCase("x = 1\n# coding: bogus\n", [.name("x"), .equal, .number("1"), .newline, .comment("# coding: bogus"), .nl], []),
            ErrorCase("\n\n# coding: bogus\n", [.nl, .nl, .comment("# coding: bogus"), .nl], []),
            ErrorCase(bytes: Array("\n# coding: utf-8\nx = '".utf8) + [0xE9, 0x27, 0x0A], [
                .nl, .comment("# coding: utf-8"), .nl, .name("x"), .equal, .string("'\(replacement)'"), .newline,
            ], [ExpectedDiagnostic(.invalidUTF8, replacement, line: 3)]),
        ]

        @Test(arguments: cookieCases, LineEnding.allCases)
        func codingCookiesDecideWhetherUTF8IsValidated(_ table: ErrorCase, _ ending: LineEnding) {
            errorsAreRecordedAndTheScanGoesOn(table, ending)
        }

        @Test func aLoneCRIsALineBreakForTheLexer() {
            let result = lex("x = 1\ry = 2\r\nz\n")
            #expect(result.tokens == [
                .name("x"), .equal, .number("1"), Expected(.newline, "\r"), .name("y"), .equal, .number("2"),
                Expected(.newline, "\r\n"), .name("z"), .newline,
            ])
            #expect(result.lines == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3])
        }
    }
}
