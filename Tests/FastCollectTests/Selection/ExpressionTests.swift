#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

import FastCollect

// Expectations are pytest 9.0.3's: the tables of testing/test_mark_expression.py and
// testing/test_mark.py, plus rows whose column and reason came from running
// `_pytest.mark.expression.Expression.compile` on each input.

func compileError(_ input: String) -> ExpressionError? {
    do {
        _ = try Expression.compile(input)
        return nil
    } catch {
        return error
    }
}

/// pytest's test_basic matcher: `true` and `false` are the only names.
func truth(_ name: String, _ kwargs: [String: ExpressionValue]?) -> Bool {
    name == "true"
}

struct TruthCase: Sendable, CustomTestStringConvertible {
    var expression: String
    var expected: Bool
    var testDescription: String { "\(expression) -> \(expected)" }
    init(_ expression: String, _ expected: Bool) {
        self.expression = expression
        self.expected = expected
    }
}

struct ExpressionErrorCase: Sendable, CustomTestStringConvertible {
    var input: String
    var column: Int
    var reason: String
    var kind: ExpressionError.Kind
    var testDescription: String { input }
    init(_ input: String, _ column: Int, _ reason: String, _ kind: ExpressionError.Kind) {
        self.input = input
        self.column = column
        self.reason = reason
        self.kind = kind
    }
}

@Suite struct ExpressionTests {
    @Test func emptyIsFalse() throws {
        for input in ["", "   ", "\t"] {
            let expression = try Expression.compile(input)
            var asked = false
            #expect(expression.evaluate { _, _ in asked = true; return true } == false)
            #expect(!asked)
        }
    }

    static let basic: [TruthCase] = [
        TruthCase("true", true),
        TruthCase("false", false),
        TruthCase("not true", false),
        TruthCase("not false", true),
        TruthCase("not not true", true),
        TruthCase("not not false", false),
        TruthCase("true and true", true),
        TruthCase("true and false", false),
        TruthCase("false and true", false),
        TruthCase("true and true and true", true),
        TruthCase("true and true and false", false),
        TruthCase("true and true and not true", false),
        TruthCase("false or false", false),
        TruthCase("false or true", true),
        TruthCase("true or true", true),
        TruthCase("true or true or false", true),
        TruthCase("true and true or false", true),
        TruthCase("not true or true", true),
        TruthCase("(not true) or true", true),
        TruthCase("not (true or true)", false),
        TruthCase("true and true or false and false", true),
        TruthCase("true and (true or false) and false", false),
        TruthCase("true and (true or (not (not false))) and false", false),
        // test_syntax_oddities
        TruthCase("               true           ", true),
        TruthCase("               ((((((true))))))           ", true),
        TruthCase("     (         ((\t  (((true)))))  \t   \t)", true),
        TruthCase("(     true     and   (((false))))", false),
        TruthCase("not not not not true", true),
        TruthCase("not not not not not true", false),
        // precedence: not > and > or
        TruthCase("false and false or true", true),
        TruthCase("true or false and false", true),
        TruthCase("not false and false", false),
        TruthCase("not (false and false)", true),
        TruthCase("false or not false and true", true),
    ]

    @Test(arguments: basic)
    func evaluates(_ row: TruthCase) throws {
        #expect(try Expression.compile(row.expression).evaluate(truth) == row.expected)
    }

    @Test func backslashIsAnIdentifierCharacter() throws {
        let matcher: (String, [String: ExpressionValue]?) -> Bool = { name, _ in name == #"\nfoo\n"# }
        #expect(try Expression.compile(#"\nfoo\n"#).evaluate(matcher))
        #expect(try !Expression.compile("foo").evaluate(matcher))
        #expect(compileError("\nfoo\n")?.reason == "unexpected character \"\n\"")
    }

    static let validIdentifiers = [
        ".", "...", ":::", "a:::c", "a+-b", #"\nhe\\l\lo\n\t\rbye"#, "a/b", "אבגד", "aaאבגדcc", "a[bcd]",
        "1234", "1234abcd", "1234and", "1234or", "1234not", "notandor", "not_and_or", "not[and]or",
        "1234+5678", "123.232", "True", "False", "None", "if", "else", "while",
        // \w is Python's str.isalnum() or `_`: titlecase, modifier letters, any numeric character
        "ǅ", "ʰ", "²", "½", "Ⅻ", "〇", "٣", "一", "_", "Or", "AND", "nOt", "test_x.py::Test::t[1-2]",
    ]

    @Test(arguments: validIdentifiers)
    func validIdentifier(_ identifier: String) throws {
        var seen: [String] = []
        let result = try Expression.compile(identifier).evaluate { name, kwargs in
            seen.append(name)
            return name.unicodeScalars.elementsEqual(identifier.unicodeScalars) && kwargs == nil
        }
        #expect(result)
        #expect(seen == [identifier])
    }

    static let errors: [ExpressionErrorCase] = [
        // test_syntax_errors
        ExpressionErrorCase("(", 2, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase(" (", 3, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase(")", 1, "expected not OR left parenthesis OR identifier; got right parenthesis", .syntax),
        ExpressionErrorCase(") ", 1, "expected not OR left parenthesis OR identifier; got right parenthesis", .syntax),
        ExpressionErrorCase("not", 4, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("not not", 8, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("(not)", 5, "expected not OR left parenthesis OR identifier; got right parenthesis", .syntax),
        ExpressionErrorCase("and", 1, "expected not OR left parenthesis OR identifier; got and", .syntax),
        ExpressionErrorCase("ident and", 10, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("ident and or", 11, "expected not OR left parenthesis OR identifier; got or", .syntax),
        ExpressionErrorCase("ident ident", 7, "expected end of input; got identifier", .syntax),
        // test_keyword_option_wrong_arguments
        ExpressionErrorCase("foo or", 7, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("foo or or", 8, "expected not OR left parenthesis OR identifier; got or", .syntax),
        ExpressionErrorCase("(foo", 5, "expected right parenthesis; got end of input", .syntax),
        ExpressionErrorCase("foo bar", 5, "expected end of input; got identifier", .syntax),
        ExpressionErrorCase("or or", 1, "expected not OR left parenthesis OR identifier; got or", .syntax),
        ExpressionErrorCase("not or", 5, "expected not OR left parenthesis OR identifier; got or", .syntax),
        // test_invalid_idents
        ExpressionErrorCase("^", 1, "unexpected character \"^\"", .syntax),
        ExpressionErrorCase("*", 1, "unexpected character \"*\"", .syntax),
        ExpressionErrorCase("=", 1, "expected not OR left parenthesis OR identifier; got =", .syntax),
        ExpressionErrorCase("&", 1, "unexpected character \"&\"", .syntax),
        ExpressionErrorCase("%", 1, "unexpected character \"%\"", .syntax),
        ExpressionErrorCase("$", 1, "unexpected character \"$\"", .syntax),
        ExpressionErrorCase("#", 1, "unexpected character \"#\"", .syntax),
        ExpressionErrorCase("@", 1, "unexpected character \"@\"", .syntax),
        ExpressionErrorCase("!", 1, "unexpected character \"!\"", .syntax),
        ExpressionErrorCase("~", 1, "unexpected character \"~\"", .syntax),
        ExpressionErrorCase("{", 1, "unexpected character \"{\"", .syntax),
        ExpressionErrorCase("}", 1, "unexpected character \"}\"", .syntax),
        ExpressionErrorCase("\"", 1, "closing quote \"\"\" is missing", .syntax),
        ExpressionErrorCase("'", 1, "closing quote \"'\" is missing", .syntax),
        ExpressionErrorCase("|", 1, "unexpected character \"|\"", .syntax),
        ExpressionErrorCase(";", 1, "unexpected character \";\"", .syntax),
        ExpressionErrorCase("←", 1, "unexpected character \"←\"", .syntax),
        // test_invalid_kwarg_name_or_value
        ExpressionErrorCase("mark()", 6, "expected identifier; got right parenthesis", .syntax),
        ExpressionErrorCase("mark(True=False)", 6, "unexpected reserved python keyword `True`", .syntax),
        ExpressionErrorCase("mark(def=False)", 6, "unexpected reserved python keyword `def`", .syntax),
        ExpressionErrorCase("mark(class=False)", 6, "unexpected reserved python keyword `class`", .syntax),
        ExpressionErrorCase("mark(if=False)", 6, "unexpected reserved python keyword `if`", .syntax),
        ExpressionErrorCase("mark(else=False)", 6, "unexpected reserved python keyword `else`", .syntax),
        ExpressionErrorCase("mark(valid=False, def=1)", 19, "unexpected reserved python keyword `def`", .syntax),
        ExpressionErrorCase("mark(1)", 6, "not a valid python identifier 1", .syntax),
        ExpressionErrorCase("mark(var:=False", 6, "not a valid python identifier var:", .syntax),
        ExpressionErrorCase("mark(1=2)", 6, "not a valid python identifier 1", .syntax),
        ExpressionErrorCase("mark(/=2)", 6, "not a valid python identifier /", .syntax),
        ExpressionErrorCase("mark(var==", 10, "expected identifier; got =", .syntax),
        ExpressionErrorCase("mark(var)", 9, "expected =; got right parenthesis", .syntax),
        ExpressionErrorCase("mark(var=none)", 10, "unexpected character/s \"none\"", .syntax),
        ExpressionErrorCase("mark(var=1.1)", 10, "unexpected character/s \"1.1\"", .syntax),
        ExpressionErrorCase("mark(var=')", 10, "closing quote \"'\" is missing", .syntax),
        ExpressionErrorCase("mark(var=\")", 10, "closing quote \"\"\" is missing", .syntax),
        ExpressionErrorCase("mark(var=\"')", 10, "closing quote \"\"\" is missing", .syntax),
        ExpressionErrorCase("mark(var='\")", 10, "closing quote \"'\" is missing", .syntax),
        ExpressionErrorCase("mark(var='\\hugo')", 11, "escaping with \"\\\" not supported in marker expression", .syntax),
        ExpressionErrorCase("mark(empty_list=[])", 17, "unexpected character/s \"[]\"", .syntax),
        ExpressionErrorCase("'str'", 1, "expected not OR left parenthesis OR identifier; got string literal", .syntax),
        // The scanner is lazy: a bad character is seen only once the token before it is accepted.
        ExpressionErrorCase("a $", 3, "unexpected character \"$\"", .syntax),
        ExpressionErrorCase(") $", 1, "expected not OR left parenthesis OR identifier; got right parenthesis", .syntax),
        ExpressionErrorCase("a b $", 3, "expected end of input; got identifier", .syntax),
        ExpressionErrorCase("$ )", 1, "unexpected character \"$\"", .syntax),
        ExpressionErrorCase("a(x=1) or b(y=2, y=3) or $", 26, "unexpected character \"$\"", .syntax),
        // Only space and tab separate tokens; columns count code points.
        ExpressionErrorCase("a\nb", 2, "unexpected character \"\n\"", .syntax),
        ExpressionErrorCase("a\u{0}b", 2, "unexpected character \"\u{0}\"", .syntax),
        ExpressionErrorCase("\u{A0}a", 1, "unexpected character \"\u{A0}\"", .syntax),
        ExpressionErrorCase("a\u{3000}b", 2, "unexpected character \"\u{3000}\"", .syntax),
        ExpressionErrorCase("é $", 3, "unexpected character \"$\"", .syntax),
        ExpressionErrorCase("אבגד ← x", 6, "unexpected character \"←\"", .syntax),
        ExpressionErrorCase("a\u{307}", 2, "unexpected character \"\u{307}\"", .syntax),
        ExpressionErrorCase("😀", 1, "unexpected character \"😀\"", .syntax),
        ExpressionErrorCase("a😀 $", 2, "unexpected character \"😀\"", .syntax),
        // Strings: an unclosed quote first, then a backslash anywhere in the input (the first one).
        ExpressionErrorCase("a(x=\"y)", 5, "closing quote \"\"\" is missing", .syntax),
        ExpressionErrorCase("a(x='y' \\", 9, "escaping with \"\\\" not supported in marker expression", .syntax),
        ExpressionErrorCase("a\\b or c(x='y')", 2, "escaping with \"\\\" not supported in marker expression", .syntax),
        ExpressionErrorCase("c(x='y') or a\\b", 14, "escaping with \"\\\" not supported in marker expression", .syntax),
        ExpressionErrorCase("a\\b or c(x='y", 12, "closing quote \"'\" is missing", .syntax),
        ExpressionErrorCase("a(x='a\\b')", 7, "escaping with \"\\\" not supported in marker expression", .syntax),
        // Keyword arguments
        ExpressionErrorCase("a(x=1 y=2)", 7, "expected right parenthesis; got identifier", .syntax),
        ExpressionErrorCase("a(x=1,)", 7, "expected identifier; got right parenthesis", .syntax),
        ExpressionErrorCase("a(x=1)(y=2)", 7, "expected end of input; got left parenthesis", .syntax),
        ExpressionErrorCase("a(x=-)", 5, "unexpected character/s \"-\"", .syntax),
        ExpressionErrorCase("a(x=--1)", 5, "unexpected character/s \"--1\"", .syntax),
        ExpressionErrorCase("a(x=+1)", 5, "unexpected character/s \"+1\"", .syntax),
        ExpressionErrorCase("a(x=1.5)", 5, "unexpected character/s \"1.5\"", .syntax),
        ExpressionErrorCase("a(x=0x1)", 5, "unexpected character/s \"0x1\"", .syntax),
        ExpressionErrorCase("a(x=1e3)", 5, "unexpected character/s \"1e3\"", .syntax),
        ExpressionErrorCase("a(x=1_000)", 5, "unexpected character/s \"1_000\"", .syntax),
        ExpressionErrorCase("a(x=true)", 5, "unexpected character/s \"true\"", .syntax),
        ExpressionErrorCase("a(x=NONE)", 5, "unexpected character/s \"NONE\"", .syntax),
        ExpressionErrorCase("a(x=[1])", 5, "unexpected character/s \"[1]\"", .syntax),
        ExpressionErrorCase("a(x='1'", 8, "expected right parenthesis; got end of input", .syntax),
        ExpressionErrorCase("a(x=", 5, "expected identifier; got end of input", .syntax),
        ExpressionErrorCase("a(x", 4, "expected =; got end of input", .syntax),
        ExpressionErrorCase("a(", 3, "expected identifier; got end of input", .syntax),
        ExpressionErrorCase("a(x='1',", 9, "expected identifier; got end of input", .syntax),
        ExpressionErrorCase("a(1x=1)", 3, "not a valid python identifier 1x", .syntax),
        ExpressionErrorCase("a(x-y=1)", 3, "not a valid python identifier x-y", .syntax),
        ExpressionErrorCase("a(x.y=1)", 3, "not a valid python identifier x.y", .syntax),
        ExpressionErrorCase("a(é=1, 1=2)", 8, "not a valid python identifier 1", .syntax),
        ExpressionErrorCase("a(²=1)", 3, "not a valid python identifier ²", .syntax),
        ExpressionErrorCase("a(lambda=1)", 3, "unexpected reserved python keyword `lambda`", .syntax),
        ExpressionErrorCase("a(async=1)", 3, "unexpected reserved python keyword `async`", .syntax),
        ExpressionErrorCase("a(await=1)", 3, "unexpected reserved python keyword `await`", .syntax),
        ExpressionErrorCase("a(None=1)", 3, "unexpected reserved python keyword `None`", .syntax),
        ExpressionErrorCase("a(x=1) b", 8, "expected end of input; got identifier", .syntax),
        ExpressionErrorCase("(a))", 4, "expected end of input; got right parenthesis", .syntax),
        ExpressionErrorCase("((a)", 5, "expected right parenthesis; got end of input", .syntax),
        ExpressionErrorCase("a and (b or", 12, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("not (", 6, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("a or not", 9, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("a(x='1') and (", 15, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("'a'(x=1)", 1, "expected not OR left parenthesis OR identifier; got string literal", .syntax),
        ExpressionErrorCase("a(x='1'=2)", 8, "expected right parenthesis; got =", .syntax),
        ExpressionErrorCase("a(x,y=1)", 4, "expected =; got ,", .syntax),
        ExpressionErrorCase("a(=1)", 3, "expected identifier; got =", .syntax),
        ExpressionErrorCase("a(x=1,,y=2)", 7, "expected identifier; got ,", .syntax),
        ExpressionErrorCase("not not not", 12, "expected not OR left parenthesis OR identifier; got end of input", .syntax),
        ExpressionErrorCase("a and and b", 7, "expected not OR left parenthesis OR identifier; got and", .syntax),
        ExpressionErrorCase("a or (b and) c", 12, "expected not OR left parenthesis OR identifier; got right parenthesis", .syntax),
        // Python's compile() of the parsed expression: no text, column 1, first fault in source order.
        ExpressionErrorCase("a(x=1, x=2)", 1, "keyword argument repeated: x", .compile),
        ExpressionErrorCase("a(x=1,x=2)", 1, "keyword argument repeated: x", .compile),
        ExpressionErrorCase("a(__debug__=1)", 1, "cannot assign to __debug__", .compile),
        ExpressionErrorCase("a(x=1, __debug__=2, x=3)", 1, "keyword argument repeated: x", .compile),
        ExpressionErrorCase("a(__debug__=1, __debug__=2)", 1, "cannot assign to __debug__", .compile),
        ExpressionErrorCase("a(x=1, y=2, z=3, y=4, x=5)", 1, "keyword argument repeated: x", .compile),
        ExpressionErrorCase("b or a(x=1, x=2) or c(__debug__=1)", 1, "keyword argument repeated: x", .compile),
        ExpressionErrorCase("c(__debug__=1) or a(x=1, x=2)", 1, "cannot assign to __debug__", .compile),
        ExpressionErrorCase("a(x='1', x='1')", 1, "keyword argument repeated: x", .compile),
    ]

    @Test(arguments: errors)
    func rejects(_ row: ExpressionErrorCase) throws {
        let error = try #require(compileError(row.input))
        #expect(error.column == row.column)
        #expect(error.reason == row.reason)
        #expect(error.kind == row.kind)
        #expect(error.text == (row.kind == .compile ? nil : row.input))
        let text = row.kind == .compile ? "None" : row.input
        #expect(error.message == "\(text): at column \(row.column): \(row.reason)")
    }

    @Test func keywordArgumentsReachTheMatcher() throws {
        let expression = try Expression.compile(
            #"a(s='x y', e="", q="it's", i=-0042, z=0, t=True, f=False, n=None, u=١٢٣, b=99999999999999999999999)"#)
        var received: [String: ExpressionValue]?
        _ = expression.evaluate { name, kwargs in
            #expect(name == "a")
            received = kwargs
            return true
        }
        #expect(received == [
            "s": .string("x y"), "e": .string(""), "q": .string("it's"), "i": .int(-42), "z": .int(0),
            "t": .bool(true), "f": .bool(false), "n": .pythonNone, "u": .int(123),
            "b": .integer("99999999999999999999999"),
        ])
        #expect(try Expression.compile("a(x=-0)").evaluate { _, kwargs in kwargs == ["x": .integer("0")] })
        #expect(try Expression.compile("a(x = 1 , y\t=\t'2')").evaluate { _, kwargs in
            kwargs == ["x": .int(1), "y": .string("2")]
        })
    }

    @Test func identifiersAreAskedInOrderOnlyAsFarAsNeeded() throws {
        func asked(_ input: String, _ trueNames: Set<String>) throws -> [String] {
            var names: [String] = []
            _ = try Expression.compile(input).evaluate { name, _ in
                names.append(name)
                return trueNames.contains(name)
            }
            return names
        }
        #expect(try asked("a or b or c", ["a"]) == ["a"])
        #expect(try asked("a or b or c", ["c"]) == ["a", "b", "c"])
        #expect(try asked("a and b and c", []) == ["a"])
        #expect(try asked("a and b or c", []) == ["a", "c"])
        #expect(try asked("not a and b", ["a"]) == ["a"])
        #expect(try asked("(a or b) and c", ["b"]) == ["a", "b", "c"])
    }

    // MARK: - The -k and -m options (texts as printed by `pytest --co -q -k/-m EXPR`)

    @Test func keywordOption() throws {
        #expect(try Expression.compileKeywordOption("") == nil)
        #expect(try Expression.compileKeywordOption(" \t\u{A0}\u{3000}") == nil)
        #expect(try Expression.compileKeywordOption("  test_top")?.input == "test_top")
        #expect(try Expression.compileKeywordOption("\u{A0}\u{2003}a")?.input == "a")

        func message(_ value: String) -> String? {
            do {
                _ = try Expression.compileKeywordOption(value)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("  a b") == "Wrong expression passed to '-k': a b: at column 3: expected end of input; got identifier")
        #expect(message("a$b") == "Wrong expression passed to '-k': a$b: at column 2: unexpected character \"$\"")
        #expect(message("i\u{307}stanbul")
            == "Wrong expression passed to '-k': i\u{307}stanbul: at column 2: unexpected character \"\u{307}\"")
        #expect(message("foo or") == "Wrong expression passed to '-k': foo or: at column 7: expected not OR left parenthesis OR identifier; got end of input")
    }

    @Test func markOption() throws {
        #expect(try Expression.compileMarkOption("") == nil)
        let blanks = try #require(try Expression.compileMarkOption("  "))
        #expect(blanks.evaluate { _, _ in true } == false)

        func message(_ value: String) -> String? {
            do {
                _ = try Expression.compileMarkOption(value)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(" (") == "Wrong expression passed to '-m':  (: at column 3: expected not OR left parenthesis OR identifier; got end of input")
        #expect(message("a(x=1, x=2)") == "Wrong expression passed to '-m': None: at column 1: keyword argument repeated: x")
        #expect(message("a(__debug__=1)") == "Wrong expression passed to '-m': None: at column 1: cannot assign to __debug__")
        // test_marker_expr_eval_failure_handling
        #expect(message("NOT internal_err") == "Wrong expression passed to '-m': NOT internal_err: at column 5: expected end of input; got identifier")
        #expect(message("NOT (internal_err)") == "Wrong expression passed to '-m': NOT (internal_err): at column 18: expected =; got right parenthesis")
        #expect(message("bogus=") == "Wrong expression passed to '-m': bogus=: at column 6: expected end of input; got =")
    }

    // MARK: - Input on which pytest itself crashes: an error here, never a crash

    @Test func integersPythonCannotConvert() throws {
        let superscript = try #require(compileError("a(x=²)"))
        #expect(superscript.kind == .beyondPytest)
        #expect(superscript.column == 5)
        #expect(superscript.reason == "invalid literal for int() with base 10: '²'")

        let long = try #require(compileError("a(x=-" + String(repeating: "7", count: 4301) + ")"))
        #expect(long.kind == .beyondPytest)
        #expect(long.reason.hasPrefix("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits"))

        let longest = "a(x=" + String(repeating: "7", count: 4300) + ")"
        #expect(try Expression.compile(longest).evaluate { _, kwargs in
            kwargs == ["x": .integer(String(repeating: "7", count: 4300))]
        })
    }

    @Test func deepNestingNeedsNoStack() throws {
        // pytest answers up to about 315 levels and then dies with a RecursionError; fastcollect answers,
        // even on a 128 KiB thread stack.
        var results: [Bool] = []
        runOnThread(stackSize: 128 * 1024) {
            for depth in [300, 10_000, 100_000] {
                let parentheses = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
                results.append((try? Expression.compile(parentheses))?.evaluate { name, _ in name == "a" } ?? false)
                let negations = String(repeating: "not (", count: depth) + "a" + String(repeating: ")", count: depth)
                results.append((try? Expression.compile(negations))?.evaluate { name, _ in name == "a" } ?? false)
                let mixed = String(repeating: "(b or not (a and ", count: depth) + "a" + String(repeating: "))", count: depth)
                results.append((try? Expression.compile(mixed))?.evaluate { name, _ in name == "a" } ?? false)
            }
        }
        // `(b or not (a and X))` with a true and b false is `not X`: an even depth of negations of a.
        #expect(results == [true, true, true, true, true, true, true, true, true])
        // pytest says this for 200 levels; for 10,000 it would die first.
        for depth in [200, 10_000] {
            let unclosed = try #require(compileError(String(repeating: "(", count: depth) + "a"))
            #expect(unclosed.column == depth + 2)
            #expect(unclosed.reason == "expected right parenthesis; got end of input")
        }
    }

    @Test func longRunsOfOperatorsNeedNoRecursion() throws {
        let nots = try Expression.compile(String(repeating: "not ", count: 100_001) + "a")
        #expect(nots.evaluate { _, _ in false })
        #expect(!nots.evaluate { _, _ in true })

        let terms = 200_000
        var calls = 0
        let ors = try Expression.compile((0..<terms).map { "t\($0)" }.joined(separator: " or "))
        #expect(ors.evaluate { name, _ in calls += 1; return name == "t\(terms - 1)" })
        #expect(calls == terms)
        let ands = try Expression.compile((0..<terms).map { "t\($0)" }.joined(separator: " and "))
        #expect(!ands.evaluate { name, _ in name != "t\(terms - 1)" })

        let arguments = (0..<50_000).map { "k\($0)=\($0)" }.joined(separator: ", ")
        #expect(try Expression.compile("a(\(arguments))").evaluate { _, kwargs in kwargs?.count == 50_000 })
        let repeated = try #require(compileError("a(\(arguments), k49999=0)"))
        #expect(repeated.reason == "keyword argument repeated: k49999")

        let identifier = String(repeating: "x", count: 1 << 20)
        #expect(try Expression.compile(identifier).evaluate { name, _ in name == identifier })
        #expect(compileError(identifier + " $")?.column == (1 << 20) + 2)
    }

    // MARK: - Property: any expression tree, printed with minimal parentheses, evaluates like the tree

    @Test func randomExpressionsEvaluateLikeTheirTree() throws {
        var random = SplitMix64(seed: 0x5EED)
        let names = ["a", "b", "c", "d"]
        for _ in 0..<500 {
            let tree = BooleanTree.random(&random, depth: 6, names: names)
            let text = tree.render(&random)
            let expression = try Expression.compile(text)
            for assignment in 0..<16 {
                let value: (String, [String: ExpressionValue]?) -> Bool = { name, _ in
                    assignment >> names.firstIndex(of: name)! & 1 == 1
                }
                #expect(expression.evaluate(value) == tree.evaluate(value), "\(text)")
            }
        }
    }
}

/// A boolean expression over names, rendered the way a user might type it.
indirect enum BooleanTree {
    case name(String)
    case not(BooleanTree)
    case and(BooleanTree, BooleanTree)
    case or(BooleanTree, BooleanTree)

    static func random(_ generator: inout SplitMix64, depth: Int, names: [String]) -> BooleanTree {
        if depth == 0 || generator.next(5) == 0 {
            return .name(names[generator.next(names.count)])
        }
        let kind = generator.next(3)
        let left = random(&generator, depth: depth - 1, names: names)
        if kind == 0 {
            return .not(left)
        }
        let right = random(&generator, depth: depth - 1, names: names)
        return kind == 1 ? .and(left, right) : .or(left, right)
    }

    func evaluate(_ value: (String, [String: ExpressionValue]?) -> Bool) -> Bool {
        switch self {
        case let .name(name): return value(name, nil)
        case let .not(operand): return !operand.evaluate(value)
        case let .and(left, right): return left.evaluate(value) && right.evaluate(value)
        case let .or(left, right): return left.evaluate(value) || right.evaluate(value)
        }
    }

    private var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .not: return 3
        case .name: return 4
        }
    }

    /// Parentheses where precedence needs them, sometimes redundant ones; spaces and tabs at random.
    func render(_ random: inout SplitMix64, needing minimum: Int = 0) -> String {
        let blank = [" ", "  ", "\t", " \t "][random.next(4)]
        let body: String
        switch self {
        case let .name(name): body = name
        case let .not(operand): body = "not" + blank + operand.render(&random, needing: 3)
        case let .and(left, right): body = left.render(&random, needing: 2) + blank + "and" + blank + right.render(&random, needing: 2)
        case let .or(left, right): body = left.render(&random, needing: 1) + blank + "or" + blank + right.render(&random, needing: 1)
        }
        if precedence < minimum || random.next(8) == 0 {
            return "(" + [""," "][random.next(2)] + body + [""," "][random.next(2)] + ")"
        }
        return body
    }
}

/// A small deterministic generator for property tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

private final class ThreadBody: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Runs `body` on a new thread with the given stack size and waits for it.
func runOnThread(stackSize: Int, _ body: @escaping () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, stackSize)
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let created = pthread_create(&thread, &attributes, { context in
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context)
    precondition(created == 0)
    #if canImport(Darwin)
    pthread_join(thread!, nil)
    #else
    pthread_join(thread, nil)
    #endif
    pthread_attr_destroy(&attributes)
}
