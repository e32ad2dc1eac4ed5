import ModuleScanner
import Testing

@testable import FastCollect

@Suite struct DottedTextTests {
    /// Which decorator texts are plain dotted names, split at the first dot, and the chain they spell.
    @Test(arguments: [
        ("pytest.mark.parametrize", "pytest|.mark.parametrize|attribute(attribute(name(pytest), mark), parametrize)"),
        ("cases", "cases||name(cases)"),
        ("_a1.b2", "_a1|.b2|attribute(name(_a1), b2)"),
        ("mark.été", "mark|.été|attribute(name(mark), été)"),
        ("a..b", "nil"),
        (".a", "nil"),
        ("a.", "nil"),
        ("", "nil"),
        ("1a", "nil"),
        ("a.1b", "nil"),
        ("a[0]", "nil"),
        ("(a).b", "nil"),
        ("a-b", "nil"),
    ])
    func dottedText(text: String, expected: String) {
        guard let dotted = DottedText(text) else {
            #expect(expected == "nil")
            return
        }
        #expect("\(dotted.head)|\(dotted.rest)|\(Self.render(dotted.expression))" == expected)
    }

    static func render(_ expression: PyExpression) -> String {
        switch expression {
        case .name(let name): return "name(\(name))"
        case .attribute(let base, let name): return "attribute(\(render(base)), \(name))"
        default: return "\(expression)"
        }
    }
}
