import Testing

import FastCollect

/// The items (short IDs) a `-k` value selects among `items`, or the error pytest stops with.
func selectByKeyword(_ value: String, _ items: [SelectionItem]) throws -> [String] {
    guard let expression = try Expression.compileKeywordOption(value) else { return items.map(\.shortID) }
    return try items.filter { try KeywordMatcher(names: $0.names).matches(expression) }.map(\.shortID)
}

@Suite struct KeywordMatcherTests {
    @Test(arguments: SelectionFixtures.keywordCases)
    func selectsLikePytest(_ row: SelectionCase) throws {
        #expect(try selectByKeyword(row.expression, SelectionFixtures.items) == row.selected)
    }

    // testing/test_mark.py, each module named after its test as pytester names it.

    @Test func keywordOptionCustom() throws {
        let items = ["test_interface", "test_nointer", "test_pass", "test_1", "test_2"].map {
            SelectionItem("test_keyword_option_custom.py::\($0)", names: ["test_keyword_option_custom.py", $0], marks: [])
        }
        let table: [(String, [String])] = [
            ("interface", ["test_interface"]),
            ("not interface", ["test_nointer", "test_pass", "test_1", "test_2"]),
            ("pass", ["test_pass"]),
            ("not pass", ["test_interface", "test_nointer", "test_1", "test_2"]),
            ("not not not (pass)", ["test_interface", "test_nointer", "test_1", "test_2"]),
            ("1 or 2", ["test_1", "test_2"]),
            ("not (1 or 2)", ["test_interface", "test_nointer", "test_pass"]),
        ]
        for (value, expected) in table {
            #expect(try selectByKeyword(value, items) == expected, "\(value)")
        }
    }

    @Test func keywordOptionParametrize() throws {
        let items = ["test_func[None]", "test_func[1.3]", "test_func[2-3]"].map {
            SelectionItem("test_keyword_option_parametrize.py::\($0)",
                          names: ["test_keyword_option_parametrize.py", $0, "parametrize", "pytestmark"], marks: [])
        }
        #expect(try selectByKeyword("None", items) == ["test_func[None]"])
        #expect(try selectByKeyword("[1.3]", items) == ["test_func[1.3]"])
        #expect(try selectByKeyword("2-3", items) == ["test_func[2-3]"])
    }

    @Test func selectSimple() throws {
        let items = [
            SelectionItem("test_select_simple.py::test_one", names: ["test_select_simple.py", "test_one"], marks: []),
            SelectionItem("test_select_simple.py::TestClass::test_method_one",
                          names: ["test_select_simple.py", "TestClass", "test_method_one"], marks: []),
        ]
        #expect(try selectByKeyword("test_one", items) == ["test_one"])
        #expect(try selectByKeyword("est_on", items) == ["test_one"])
        #expect(try selectByKeyword("TestClass and test", items) == ["TestClass::test_method_one"])
    }

    @Test(arguments: ["__", "+", ".."])
    func noMagicValues(_ value: String) throws {
        let item = SelectionItem("test_no_magic_values.py::test_one", names: ["test_no_magic_values.py", "test_one"], marks: [])
        #expect(try selectByKeyword(value, [item]) == [])
    }

    @Test func keywordExtra() throws {
        let item = SelectionItem("test_keyword_extra.py::test_one", names: ["test_keyword_extra.py", "test_one", "mykeyword"], marks: [])
        #expect(try selectByKeyword("mykeyword", [item]) == ["test_one"])
    }

    // Call parameters are a usage error only when evaluation reaches them (checked with
    // `pytest --co -k`: "py or a(x=1)" selects everything; "test_top or a(x=1)" stops with the error).

    @Test func callParametersAreAnErrorWhenReached() throws {
        let error = #expect(throws: KeywordMatcher.CallParametersError.self) {
            try selectByKeyword("test_top or a(x=1)", SelectionFixtures.items)
        }
        #expect(error?.message == "Keyword expressions do not support call parameters.")
        #expect(throws: KeywordMatcher.CallParametersError.self) {
            try selectByKeyword("nonexistent_mark(non_supported='kwarg')", SelectionFixtures.items)
        }
        #expect(try selectByKeyword("py or a(x=1)", SelectionFixtures.items).count == SelectionFixtures.items.count)
        #expect(try selectByKeyword("not py and a(x=1)", SelectionFixtures.items) == [])
        #expect(try selectByKeyword("a(x=1)", []) == [])
    }

    @Test func directCalls() throws {
        let matcher = KeywordMatcher(names: ["test_Foo[1-2]", "Test_Module.py"])
        #expect(try matcher("foo[1", nil))
        #expect(try matcher("MODULE.PY", nil))
        #expect(try matcher("test_", [:]))
        #expect(try !matcher("foo_", nil))
        #expect(try !KeywordMatcher(names: []).callAsFunction("a", nil))
        #expect(throws: KeywordMatcher.CallParametersError()) { try matcher("foo", ["a": .int(1)]) }
    }

    // Python's str.lower(): full mappings, Final_Sigma, no case folding; substring over code points.
    // Expected values are Python's `subname.lower() in name.lower()`.

    static let lowercaseCases: [(name: String, subname: String, expected: Bool)] = [
        ("test_ΑΣ_x", "ΑΣ", true),
        ("test_ΑΣ_x", "ας", true),
        ("test_ΑΣ_x", "ασ", false),
        ("test_ΑΣ_x", "ΣΑ", false),
        ("ΣΑΣ", "σας", true),
        ("ΣΑΣ", "ΣΑΣ", true),
        ("ΑΣ'Α", "ασ'α", true),
        ("ΑΣ.", "ας.", true),
        ("test_İstanbul", "İstanbul", true),
        ("test_İstanbul", "i\u{307}stanbul", true),
        ("test_İstanbul", "istanbul", false),
        ("test_straße", "STRAßE", true),
        ("test_straße", "STRASSE", false),
        ("ǅemal", "ǆ", true),
        ("ＡＢＣ", "ａｂｃ", true),
        ("café", "cafe\u{301}", false),
        ("cafe\u{301}", "cafe", true),
        ("Kelvin\u{212A}", "kelvink", true),
        ("\u{212B}ngström", "\u{E5}ngström", true),
    ]

    @Test func pythonLowercase() throws {
        for row in Self.lowercaseCases {
            #expect(try KeywordMatcher(names: [row.name]).callAsFunction(row.subname, nil) == row.expected,
                    "\(row.subname) in \(row.name)")
        }
    }
}
