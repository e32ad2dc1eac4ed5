import Testing

@testable import FastCollect

@Suite struct DoctestTextTests {
    @Test(arguments: [
        (">>> 1 + 1\n2\n", true), ("text\n   >>> x\n", true), (">>>\n", true), (">>>x\n", false),
        ("no examples\n", false), ("\t>>> tab indent\n", false), ("", false),
    ])
    func examples(_ text: String, _ expected: Bool) {
        #expect(DoctestText.hasExamples(Array(text.utf8)) == expected)
    }
}
