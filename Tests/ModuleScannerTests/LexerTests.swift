import Testing
@testable import ModuleScanner

/// Token tables: each source lexes to exactly the listed kinds and texts, under LF, CR and
/// CRLF line endings alike, with no diagnostics.
@Suite struct LexerTests {
    static let namesCases: [LexCase] = [
        LexCase("x = y\n", [.name("x"), .equal, .name("y"), .newline]),
        LexCase("_private __dunder__ x1 _2\n", [.name("_private"), .name("__dunder__"), .name("x1"), .name("_2"), .newline]),
        LexCase("café = naïve_1\n", [.name("café"), .equal, .name("naïve_1"), .newline]),
        LexCase("λ = 名前 + ŝ\n", [.name("λ"), .equal, .name("名前"), .op(.plus, "+"), .name("ŝ"), .newline]),
        LexCase("x𝔘y\n", [.name("x𝔘y"), .newline]),
        LexCase("iff classy Trues nonlocals fo a1nd\n", [
            .name("iff"), .name("classy"), .name("Trues"), .name("nonlocals"), .name("fo"), .name("a1nd"), .newline,
        ]),
        LexCase("print(x)\n", [.name("print"), .lparen, .name("x"), .rparen, .newline]),
    ]

    static let keywordsCases: [LexCase] = [
        LexCase("if a and not b or c is None: pass\n", [
            .keyword(.kwIf, "if"), .name("a"), .keyword(.kwAnd, "and"), .keyword(.kwNot, "not"), .name("b"),
            .keyword(.kwOr, "or"), .name("c"), .keyword(.kwIs, "is"), .keyword(.kwNone, "None"), .colon,
            .keyword(.kwPass, "pass"), .newline,
        ]),
        LexCase("""
            False None True and as assert async await break class continue def del elif else except \
            finally for from global if import in is lambda nonlocal not or pass raise return try while with yield

            """, [
                .keyword(.kwFalse, "False"), .keyword(.kwNone, "None"), .keyword(.kwTrue, "True"),
                .keyword(.kwAnd, "and"), .keyword(.kwAs, "as"), .keyword(.kwAssert, "assert"),
                .keyword(.kwAsync, "async"), .keyword(.kwAwait, "await"), .keyword(.kwBreak, "break"),
                .keyword(.kwClass, "class"), .keyword(.kwContinue, "continue"), .keyword(.kwDef, "def"),
                .keyword(.kwDel, "del"), .keyword(.kwElif, "elif"), .keyword(.kwElse, "else"),
                .keyword(.kwExcept, "except"), .keyword(.kwFinally, "finally"), .keyword(.kwFor, "for"),
                .keyword(.kwFrom, "from"), .keyword(.kwGlobal, "global"), .keyword(.kwIf, "if"),
                .keyword(.kwImport, "import"), .keyword(.kwIn, "in"), .keyword(.kwIs, "is"),
                .keyword(.kwLambda, "lambda"), .keyword(.kwNonlocal, "nonlocal"), .keyword(.kwNot, "not"),
                .keyword(.kwOr, "or"), .keyword(.kwPass, "pass"), .keyword(.kwRaise, "raise"),
                .keyword(.kwReturn, "return"), .keyword(.kwTry, "try"), .keyword(.kwWhile, "while"),
                .keyword(.kwWith, "with"), .keyword(.kwYield, "yield"), .newline,
            ]),
        LexCase("match x:\n    case _:\n        type = 1\n", [
            .name("match"), .name("x"), .colon, .newline, .indent("    "), .name("case"), .name("_"), .colon,
            .newline, .indent("        "), .name("type"), .equal, .number("1"), .newline, .dedent, .dedent,
        ]),
        LexCase("true none FALSE\n", [.name("true"), .name("none"), .name("FALSE"), .newline]),
    ]

    static let numbersCases: [LexCase] = [
        LexCase("0x1F 0XdeadBEEF 0x_ff 0xdead_beef\n", [
            .number("0x1F"), .number("0XdeadBEEF"), .number("0x_ff"), .number("0xdead_beef"), .newline,
        ]),
        LexCase("0o17 0O7 0o_1 0b1010 0B1 0b_1_0\n", [
            .number("0o17"), .number("0O7"), .number("0o_1"), .number("0b1010"), .number("0B1"), .number("0b_1_0"),
            .newline,
        ]),
        LexCase("0 00 0_0 7 1_000_000 123\n", [
            .number("0"), .number("00"), .number("0_0"), .number("7"), .number("1_000_000"), .number("123"), .newline,
        ]),
        LexCase("3.14 1. .5 1_0.0_1 09.5 00.0\n", [
            .number("3.14"), .number("1."), .number(".5"), .number("1_0.0_1"), .number("09.5"), .number("00.0"), .newline,
        ]),
        LexCase("1e10 1E-5 1.5e+3 .5e1 1.e2 0e0 1_0e1_0\n", [
            .number("1e10"), .number("1E-5"), .number("1.5e+3"), .number(".5e1"), .number("1.e2"), .number("0e0"),
            .number("1_0e1_0"), .newline,
        ]),
        LexCase("1j 1.5J 1_0.0_1e1_0j 0j 1e5j .5j 07j\n", [
            .number("1j"), .number("1.5J"), .number("1_0.0_1e1_0j"), .number("0j"), .number("1e5j"), .number(".5j"),
            .number("07j"), .newline,
        ]),
        LexCase("1if x else 2\n", [.number("1"), .keyword(.kwIf, "if"), .name("x"), .keyword(.kwElse, "else"), .number("2"), .newline]),
        LexCase("1 .real x.y 1.e2\n", [.number("1"), .dot, .name("real"), .name("x"), .dot, .name("y"), .number("1.e2"), .newline]),
        LexCase("x[1:2]\n", [.name("x"), .lbracket, .number("1"), .colon, .number("2"), .rbracket, .newline]),
    ]

    static let operatorsCases: [LexCase] = [
        LexCase("( ) [ ] { } : , ; . ... @ -> := ~\n", [
            .lparen, .rparen, .lbracket, .rbracket, .lbrace, .rbrace, .colon, .comma, .op(.semicolon, ";"), .dot,
            .op(.ellipsis, "..."), .op(.at, "@"), .op(.rightArrow, "->"), .op(.colonEqual, ":="), .op(.tilde, "~"),
            .newline,
        ]),
        LexCase("+ - * / // % ** | & ^ << >>\n", [
            .op(.plus, "+"), .op(.minus, "-"), .op(.star, "*"), .op(.slash, "/"), .op(.doubleSlash, "//"),
            .op(.percent, "%"), .op(.doubleStar, "**"), .op(.vbar, "|"), .op(.amper, "&"), .op(.circumflex, "^"),
            .op(.leftShift, "<<"), .op(.rightShift, ">>"), .newline,
        ]),
        LexCase("< > = == != <= >=\n", [
            .op(.less, "<"), .op(.greater, ">"), .equal, .op(.equalEqual, "=="), .op(.notEqual, "!="),
            .op(.lessEqual, "<="), .op(.greaterEqual, ">="), .newline,
        ]),
        LexCase("+= -= *= /= //= %= **= |= &= ^= <<= >>= @=\n", [
            .op(.plusEqual, "+="), .op(.minusEqual, "-="), .op(.starEqual, "*="), .op(.slashEqual, "/="),
            .op(.doubleSlashEqual, "//="), .op(.percentEqual, "%="), .op(.doubleStarEqual, "**="),
            .op(.vbarEqual, "|="), .op(.amperEqual, "&="), .op(.circumflexEqual, "^="), .op(.leftShiftEqual, "<<="),
            .op(.rightShiftEqual, ">>="), .op(.atEqual, "@="), .newline,
        ]),
        LexCase("a**=b//=c>>=d<<=e...f\n", [
            .name("a"), .op(.doubleStarEqual, "**="), .name("b"), .op(.doubleSlashEqual, "//="), .name("c"),
            .op(.rightShiftEqual, ">>="), .name("d"), .op(.leftShiftEqual, "<<="), .name("e"), .op(.ellipsis, "..."),
            .name("f"), .newline,
        ]),
        LexCase("x->y:=z<>w..v\n", [
            .name("x"), .op(.rightArrow, "->"), .name("y"), .op(.colonEqual, ":="), .name("z"), .op(.less, "<"),
            .op(.greater, ">"), .name("w"), .dot, .dot, .name("v"), .newline,
        ]),
        LexCase("a ! b\n", [.name("a"), .exclamation, .name("b"), .newline]),
        LexCase("@decorator\ndef f(*a, **k) -> int: ...\n", [
            .op(.at, "@"), .name("decorator"), .newline, .keyword(.kwDef, "def"), .name("f"), .lparen, .op(.star, "*"),
            .name("a"), .comma, .op(.doubleStar, "**"), .name("k"), .rparen, .op(.rightArrow, "->"), .name("int"),
            .colon, .op(.ellipsis, "..."), .newline,
        ]),
    ]

    static let stringsCases: [LexCase] = [
        LexCase(#"'a' "b" '''c''' """d"""\#n"#, [.string("'a'"), .string(#""b""#), .string("'''c'''"), .string(#""""d""""#), .newline]),
        LexCase(#"'' "" '''''' """"""\#n"#, [.string("''"), .string(#""""#), .string("''''''"), .string(#""""""""#), .newline]),
        LexCase("r'a' R'a' b'a' B'a' u'a' U'a'\n", [
            .string("r'a'"), .string("R'a'"), .string("b'a'"), .string("B'a'"), .string("u'a'"), .string("U'a'"), .newline,
        ]),
        LexCase("rb'a' Rb'a' bR'a' BR'a' br'a' rB'a'\n", [
            .string("rb'a'"), .string("Rb'a'"), .string("bR'a'"), .string("BR'a'"), .string("br'a'"), .string("rB'a'"), .newline,
        ]),
        LexCase("ur'a' bu'a' ff'a'\n", [
            .name("ur"), .string("'a'"), .name("bu"), .string("'a'"), .name("ff"), .string("'a'"), .newline,
        ]),
        LexCase(#"'a\'b' "a\"b" '\\' 'x\ny' r'\'' r"\\"\#n"#, [
            .string(#"'a\'b'"#), .string(#""a\"b""#), .string(#"'\\'"#), .string(#"'x\ny'"#), .string(#"r'\''"#),
            .string(#"r"\\""#), .newline,
        ]),
        LexCase("'ab\\\ncd' + 1\n", [.string("'ab\\\ncd'"), .op(.plus, "+"), .number("1"), .newline]),
        LexCase("x = '''a\nb\n'''\n", [.name("x"), .equal, .string("'''a\nb\n'''"), .newline]),
        LexCase(#"'"' "'" '''it's''' """say "hi" """ '''a''b'''\#n"#, [
            .string(#"'"'"#), .string(#""'""#), .string("'''it's'''"), .string(#""""say "hi" """"#), .string("'''a''b'''"),
            .newline,
        ]),
        LexCase("'é' b'\\xff' '\\N{DASH}'\n", [.string("'é'"), .string("b'\\xff'"), .string("'\\N{DASH}'"), .newline]),
        LexCase("('a'\n 'b')\n", [.lparen, .string("'a'"), .nl, .string("'b'"), .rparen, .newline]),
    ]

    static let fStringsCases: [LexCase] = [
        LexCase("f'a{b}c'\n", [.fStart("f'"), .fMiddle("a"), .lbrace, .name("b"), .rbrace, .fMiddle("c"), .fEnd("'"), .newline]),
        LexCase("F\"{x}\" rf'{y}' fR'z' Rf\"\"\n", [
            .fStart("F\""), .lbrace, .name("x"), .rbrace, .fEnd("\""), .fStart("rf'"), .lbrace, .name("y"), .rbrace,
            .fEnd("'"), .fStart("fR'"), .fMiddle("z"), .fEnd("'"), .fStart("Rf\""), .fEnd("\""), .newline,
        ]),
        LexCase(#"f"{x["a"]}"\#n"#, [
            .fStart("f\""), .lbrace, .name("x"), .lbracket, .string(#""a""#), .rbracket, .rbrace, .fEnd("\""), .newline,
        ]),
        LexCase("f'{f'{x}'}'\n", [
            .fStart("f'"), .lbrace, .fStart("f'"), .lbrace, .name("x"), .rbrace, .fEnd("'"), .rbrace, .fEnd("'"), .newline,
        ]),
        LexCase(#"f"{f"{f"{1}"}"}"\#n"#, [
            .fStart("f\""), .lbrace, .fStart("f\""), .lbrace, .fStart("f\""), .lbrace, .number("1"), .rbrace,
            .fEnd("\""), .rbrace, .fEnd("\""), .rbrace, .fEnd("\""), .newline,
        ]),
        LexCase("f'{x:>10}'\n", [.fStart("f'"), .lbrace, .name("x"), .colon, .fMiddle(">10"), .rbrace, .fEnd("'"), .newline]),
        LexCase("f'{x:{w}.{p}f}'\n", [
            .fStart("f'"), .lbrace, .name("x"), .colon, .lbrace, .name("w"), .rbrace, .fMiddle("."), .lbrace, .name("p"),
            .rbrace, .fMiddle("f"), .rbrace, .fEnd("'"), .newline,
        ]),
        LexCase("f'{x:{y:>3}}'\n", [
            .fStart("f'"), .lbrace, .name("x"), .colon, .lbrace, .name("y"), .colon, .fMiddle(">3"), .rbrace, .rbrace,
            .fEnd("'"), .newline,
        ]),
        LexCase("f'{{a}} {b} }}{{'\n", [
            .fStart("f'"), .fMiddle("{{a}} "), .lbrace, .name("b"), .rbrace, .fMiddle(" }}{{"), .fEnd("'"), .newline,
        ]),
        LexCase("f'{x!r} {y!s:^5}'\n", [
            .fStart("f'"), .lbrace, .name("x"), .exclamation, .name("r"), .rbrace, .fMiddle(" "), .lbrace, .name("y"),
            .exclamation, .name("s"), .colon, .fMiddle("^5"), .rbrace, .fEnd("'"), .newline,
        ]),
        LexCase("f'{x=} {y = !r}'\n", [
            .fStart("f'"), .lbrace, .name("x"), .equal, .rbrace, .fMiddle(" "), .lbrace, .name("y"), .equal,
            .exclamation, .name("r"), .rbrace, .fEnd("'"), .newline,
        ]),
        LexCase("f'{a!=b}'\n", [.fStart("f'"), .lbrace, .name("a"), .op(.notEqual, "!="), .name("b"), .rbrace, .fEnd("'"), .newline]),
        LexCase("f'{(lambda: 1)()}{d[1:2]}{ {1: 2} }'\n", [
            .fStart("f'"), .lbrace, .lparen, .keyword(.kwLambda, "lambda"), .colon, .number("1"), .rparen, .lparen,
            .rparen, .rbrace, .lbrace, .name("d"), .lbracket, .number("1"), .colon, .number("2"), .rbracket, .rbrace,
            .lbrace, .lbrace, .number("1"), .colon, .number("2"), .rbrace, .rbrace, .fEnd("'"), .newline,
        ]),
        LexCase("f'{x:=5}'\n", [.fStart("f'"), .lbrace, .name("x"), .colon, .fMiddle("=5"), .rbrace, .fEnd("'"), .newline]),
        LexCase("f'''a\n{b\n}c'''\n", [
            .fStart("f'''"), .fMiddle("a\n"), .lbrace, .name("b"), .nl, .rbrace, .fMiddle("c"), .fEnd("'''"), .newline,
        ]),
        LexCase("f'''{x # note\n}'''\n", [
            .fStart("f'''"), .lbrace, .name("x"), .comment("# note"), .nl, .rbrace, .fEnd("'''"), .newline,
        ]),
        LexCase("f'\\N{EM DASH} {x}' f'\\{x}' rf'\\{x}'\n", [
            .fStart("f'"), .fMiddle("\\N{EM DASH} "), .lbrace, .name("x"), .rbrace, .fEnd("'"),
            .fStart("f'"), .fMiddle("\\"), .lbrace, .name("x"), .rbrace, .fEnd("'"),
            .fStart("rf'"), .fMiddle("\\"), .lbrace, .name("x"), .rbrace, .fEnd("'"), .newline,
        ]),
        LexCase("f'a\\'b' f\"{x:'^5}\"\n", [
            .fStart("f'"), .fMiddle("a\\'b"), .fEnd("'"), .fStart("f\""), .lbrace, .name("x"), .colon, .fMiddle("'^5"),
            .rbrace, .fEnd("\""), .newline,
        ]),
        LexCase("x = f\"\"\"{\n    a}\"\"\"\ny\n", [
            .name("x"), .equal, .fStart("f\"\"\""), .lbrace, .nl, .name("a"), .rbrace, .fEnd("\"\"\""), .newline,
            .name("y"), .newline,
        ]),
        LexCase("t'a{b}c' tr'{x}'\n", [
            Expected(.tStringStart, "t'"), Expected(.tStringMiddle, "a"), .lbrace, .name("b"), .rbrace,
            Expected(.tStringMiddle, "c"), Expected(.tStringEnd, "'"), Expected(.tStringStart, "tr'"), .lbrace,
            .name("x"), .rbrace, Expected(.tStringEnd, "'"), .newline,
        ]),
    ]

    static let linesCases: [LexCase] = [
        LexCase("# only\nx = 1  # trailing\n", [
            .comment("# only"), .nl, .name("x"), .equal, .number("1"), .comment("# trailing"), .newline,
        ]),
        LexCase("x = 1 + \\\n    2\n", [.name("x"), .equal, .number("1"), .op(.plus, "+"), .number("2"), .newline]),
        LexCase("if a and \\\n        b:\n    c\n", [
            .keyword(.kwIf, "if"), .name("a"), .keyword(.kwAnd, "and"), .name("b"), .colon, .newline, .indent("    "),
            .name("c"), .newline, .dedent,
        ]),
        LexCase("foo(a,\n    b)\n", [.name("foo"), .lparen, .name("a"), .comma, .nl, .name("b"), .rparen, .newline]),
        LexCase("[\n# c\n\n]\n", [.lbracket, .nl, .comment("# c"), .nl, .nl, .rbracket, .newline]),
        LexCase("\n\nx\n", [.nl, .nl, .name("x"), .newline]),
        LexCase("  \n\t\nx\n  # c\n", [.nl, .nl, .name("x"), .newline, .comment("# c"), .nl]),
        LexCase("x", [.name("x"), .endNewline]),
        LexCase("x  ", [.name("x"), .endNewline]),
        LexCase("x\n  ", [.name("x"), .newline]),
        LexCase("# c", [.comment("# c"), .endNL]),
        LexCase("x # c", [.name("x"), .comment("# c"), .endNewline]),
        LexCase("", []),
        LexCase("\n", [.nl]),
        LexCase("x = [\n    1,\n  2]\ny\n", [
            .name("x"), .equal, .lbracket, .nl, .number("1"), .comma, .nl, .number("2"), .rbracket, .newline,
            .name("y"), .newline,
        ]),
        LexCase("x;y\n", [.name("x"), .op(.semicolon, ";"), .name("y"), .newline]),
        LexCase("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n", [
            .comment("#!/usr/bin/env python"), .nl, .comment("# -*- coding: utf-8 -*-"), .nl,
        ]),
    ]

    static let indentationCases: [LexCase] = [
        LexCase("if a:\n    b\nc\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("    "), .name("b"), .newline, .dedent,
            .name("c"), .newline,
        ]),
        LexCase("if a:\n  if b:\n    if c:\n      d\ne\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("  "), .keyword(.kwIf, "if"), .name("b"),
            .colon, .newline, .indent("    "), .keyword(.kwIf, "if"), .name("c"), .colon, .newline,
            .indent("      "), .name("d"), .newline, .dedent, .dedent, .dedent, .name("e"), .newline,
        ]),
        LexCase("if a:\n  if b:\n    c\n  d\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("  "), .keyword(.kwIf, "if"), .name("b"),
            .colon, .newline, .indent("    "), .name("c"), .newline, .dedent, .name("d"), .newline, .dedent,
        ]),
        LexCase("if a:\n  if b:\n    c\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("  "), .keyword(.kwIf, "if"), .name("b"),
            .colon, .newline, .indent("    "), .name("c"), .newline, .dedent, .dedent,
        ]),
        LexCase("if a:\n  b", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("  "), .name("b"), .endNewline, .dedent,
        ]),
        LexCase("if a:\n\tb\n\tc\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("\t"), .name("b"), .newline, .name("c"),
            .newline, .dedent,
        ]),
        LexCase("if a:\n\tif b:\n\t    c\nd\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("\t"), .keyword(.kwIf, "if"), .name("b"),
            .colon, .newline, .indent("\t    "), .name("c"), .newline, .dedent, .dedent, .name("d"), .newline,
        ]),
        LexCase("if a:\n    b\n\u{0C}    c\n\u{0C}d\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("    "), .name("b"), .newline, .name("c"),
            .newline, .dedent, .name("d"), .newline,
        ]),
        LexCase("if a:\n    b\n  # c\n\n    d\n", [
            .keyword(.kwIf, "if"), .name("a"), .colon, .newline, .indent("    "), .name("b"), .newline,
            .comment("# c"), .nl, .nl, .name("d"), .newline, .dedent,
        ]),
        LexCase("class A:\n    def f(self):\n        return [\n  1,\n]\n    x = 2\n", [
            .keyword(.kwClass, "class"), .name("A"), .colon, .newline, .indent("    "), .keyword(.kwDef, "def"),
            .name("f"), .lparen, .name("self"), .rparen, .colon, .newline, .indent("        "),
            .keyword(.kwReturn, "return"), .lbracket, .nl, .number("1"), .comma, .nl, .rbracket, .newline, .dedent,
            .name("x"), .equal, .number("2"), .newline, .dedent,
        ]),
        LexCase("\u{FEFF}x = 1\n", [.name("x"), .equal, .number("1"), .newline]),
        LexCase("\u{FEFF}  # c\nx\n", [.comment("# c"), .nl, .name("x"), .newline]),
    ]

    @Test(arguments: namesCases, LineEnding.allCases) func names(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    @Test(arguments: keywordsCases, LineEnding.allCases) func keywords(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    @Test(arguments: numbersCases, LineEnding.allCases) func numbers(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    @Test(arguments: operatorsCases, LineEnding.allCases) func operators(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    @Test(arguments: stringsCases, LineEnding.allCases) func strings(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    @Test(arguments: fStringsCases, LineEnding.allCases) func fStrings(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    @Test(arguments: linesCases, LineEnding.allCases) func lines(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    @Test(arguments: indentationCases, LineEnding.allCases) func indentation(_ table: LexCase, _ ending: LineEnding) {
        check(table, ending)
    }

    private func check(_ table: LexCase, _ ending: LineEnding) {
        let result = lex(ending.apply(table.source))
        let expected = table.tokens.map { Expected($0.kind, ending.apply($0.text)) }
        #expect(result.tokens == expected)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }
}
