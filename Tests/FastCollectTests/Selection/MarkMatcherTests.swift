import Testing

import FastCollect

/// The items (short IDs) a `-m` value selects among `items`.
func selectByMark(_ value: String, _ items: [SelectionItem]) throws -> [String] {
    guard let expression = try Expression.compileMarkOption(value) else { return items.map(\.shortID) }
    return items.filter { MarkMatcher(marks: $0.marks).matches(expression) }.map(\.shortID)
}

@Suite struct MarkMatcherTests {
    @Test(arguments: SelectionFixtures.markCases)
    func selectsLikePytest(_ row: SelectionCase) throws {
        #expect(try selectByMark(row.expression, SelectionFixtures.items) == row.selected)
    }

    // testing/test_mark_expression.py's `mark_matcher` fixture and its tables.

    static let fixtureMarks: [(name: String, kwargs: [String: ExpressionValue])] = [
        ("number_mark", ["a": .int(1), "b": .int(2), "c": .int(3), "d": .int(999_999)]),
        ("builtin_matchers_mark", ["x": .bool(true), "y": .bool(false), "z": .pythonNone]),
        ("str_mark", ["m": .string("M"), "space": .string("with space"), "empty": .string(""),
                      "aaאבגדcc": .string("aaאבגדcc"), "אבגד": .string("אבגד")]),
    ]

    static let fixtureTable: [(String, Bool)] = [
        ("number_mark(a=1)", true),
        ("number_mark(b=2)", true),
        ("number_mark(a=1,b=2)", true),
        ("number_mark(a=1,     b=2)", true),
        ("number_mark(d=999999)", true),
        ("number_mark(a   =   1,b= 2,     c = 3)", true),
        ("number_mark(a=6)", false),
        ("number_mark(b=6)", false),
        ("number_mark(a=1,b=6)", false),
        ("number_mark(a=6,b=2)", false),
        ("number_mark(a   =   1,b= 2,     c = 6)", false),
        ("number_mark(a='1')", false),
        ("builtin_matchers_mark(x=True)", true),
        ("builtin_matchers_mark(x=False)", false),
        ("builtin_matchers_mark(y=True)", false),
        ("builtin_matchers_mark(y=False)", true),
        ("builtin_matchers_mark(z=None)", true),
        ("builtin_matchers_mark(z=False)", false),
        ("builtin_matchers_mark(z=True)", false),
        ("builtin_matchers_mark(z=0)", false),
        ("builtin_matchers_mark(z=1)", false),
        ("str_mark(m='M')", true),
        ("str_mark(m=\"M\")", true),
        ("str_mark(aaאבגדcc='aaאבגדcc')", true),
        ("str_mark(אבגד='אבגד')", true),
        ("str_mark(space='with space')", true),
        ("str_mark(empty='')", true),
        ("str_mark(empty=\"\")", true),
        ("str_mark(m='wrong')", false),
        ("str_mark(aaאבגדcc='wrong')", false),
        ("str_mark(אבגד='wrong')", false),
        ("str_mark(m='')", false),
        ("str_mark(m=\"\")", false),
        // and bare names
        ("number_mark", true),
        ("Number_mark", false),
        ("number", false),
        ("number_mark(e=1)", false),
        ("other_mark(a=1)", false),
    ]

    @Test func markMatcherFixture() throws {
        let matcher = MarkMatcher(marks: Self.fixtureMarks)
        for (input, expected) in Self.fixtureTable {
            #expect(try matcher.matches(Expression.compile(input)) == expected, "\(input)")
        }
    }

    // testing/test_mark.py: test_mark_option and test_mark_option_with_kwargs.

    @Test func markOption() throws {
        let items = [
            SelectionItem("test_mark_option.py::test_one", names: [], marks: [("xyz", [:])]),
            SelectionItem("test_mark_option.py::test_two", names: [], marks: [("xyz2", [:])]),
        ]
        let table: [(String, [String])] = [
            ("xyz", ["test_one"]),
            ("(((  xyz))  )", ["test_one"]),
            ("not not xyz", ["test_one"]),
            ("xyz and xyz2", []),
            ("xyz2", ["test_two"]),
            ("xyz or xyz2", ["test_one", "test_two"]),
        ]
        for (value, expected) in table {
            #expect(try selectByMark(value, items) == expected, "\(value)")
        }
    }

    @Test func markOptionWithKeywordArguments() throws {
        let items = [
            SelectionItem("test_mark_option_with_kwargs.py::test_one", names: [], marks: [
                ("car", [:]), ("car", ["ac": .bool(true)]), ("car", ["temp": .int(4)]), ("car", ["color": .string("red")]),
            ]),
            SelectionItem("test_mark_option_with_kwargs.py::test_two", names: [], marks: [
                ("car", [:]), ("car", ["ac": .bool(false)]), ("car", ["temp": .int(5)]), ("car", ["color": .string("blue")]),
            ]),
            SelectionItem("test_mark_option_with_kwargs.py::test_three", names: [], marks: [
                ("car", [:]), ("car", ["ac": .pythonNone]), ("car", ["temp": .int(-5)]),
            ]),
        ]
        let table: [(String, [String])] = [
            ("car(color='red')", ["test_one"]),
            ("car(color='red') or car(color='blue')", ["test_one", "test_two"]),
            ("car and not car(temp=5)", ["test_one", "test_three"]),
            ("car(temp=4)", ["test_one"]),
            ("car(temp=4) or car(temp=5)", ["test_one", "test_two"]),
            ("car(temp=4) and car(temp=5)", []),
            ("car(temp=-5)", ["test_three"]),
            ("car(ac=True)", ["test_one"]),
            ("car(ac=False)", ["test_two"]),
            ("car(ac=None)", ["test_three"]),
        ]
        for (value, expected) in table {
            #expect(try selectByMark(value, items) == expected, "\(value)")
        }
    }

    @Test func namesAndKeysCompareCodePoints() {
        // Python's str == compares code points; U+212B ANGSTROM SIGN is only canonically equal to U+00C5.
        let matcher = MarkMatcher(marks: [("\u{C5}", ["k\u{C5}": .string("\u{C5}")])])
        #expect(matcher("\u{C5}", nil))
        #expect(!matcher("\u{212B}", nil))
        #expect(matcher("\u{C5}", ["k\u{C5}": .string("\u{C5}")]))
        #expect(!matcher("\u{C5}", ["k\u{C5}": .string("\u{212B}")]))
        #expect(!matcher("\u{C5}", ["k\u{212B}": .string("\u{C5}")]))
    }

    // Python's == between the values a literal can denote.

    static let equality: [(ExpressionValue, ExpressionValue, Bool)] = [
        (.int(1), .bool(true), true),
        (.bool(true), .int(1), true),
        (.int(0), .bool(false), true),
        (.int(2), .bool(true), false),
        (.int(-1), .bool(true), false),
        (.pythonNone, .bool(false), false),
        (.pythonNone, .int(0), false),
        (.pythonNone, .string(""), false),
        (.pythonNone, .pythonNone, true),
        (.string("1"), .int(1), false),
        (.string("True"), .bool(true), false),
        (.string("a"), .string("a"), true),
        (.string("e\u{301}"), .string("\u{E9}"), false),
        (.integer("99999999999999999999"), .integer("99999999999999999999"), true),
        (.int(-7), .integer("-7"), true),
        (.bool(false), .bool(false), true),
    ]

    @Test func pythonEquality() {
        for (left, right, expected) in Self.equality {
            #expect(left.equalsInPython(right) == expected, "\(left) == \(right)")
        }
    }

    @Test func integerDigits() {
        #expect(ExpressionValue(integerDigits: "007") == .int(7))
        #expect(ExpressionValue(integerDigits: "-000") == .int(0))
        #expect(ExpressionValue(integerDigits: "-12") == .int(-12))
        #expect(ExpressionValue(integerDigits: "123456789012345678901234567890") == .integer("123456789012345678901234567890"))
        #expect(ExpressionValue(integerDigits: "") == nil)
        #expect(ExpressionValue(integerDigits: "-") == nil)
        #expect(ExpressionValue(integerDigits: "1.0") == nil)
        #expect(ExpressionValue(integerDigits: "٣") == nil)
    }
}
