import ModuleScanner
import Testing

@testable import FastCollect

/// Evaluators of one session share the values of class statements: the same answers as
/// without the cache, one evaluation per class, and budgets charged as if each evaluator had
/// made the class itself.
@Suite struct EvaluationCacheTests {
    static let source = """
        import enum


        class Base:
            pass


        class Color(Base, enum.Enum):
            RED = "r"
            GREEN = "g"


        values = [Color.RED, Color.GREEN]
        """

    static func evaluate(_ text: String, cache: EvaluationCache?, budget: Int = ValueEvaluator.defaultBudget) -> PyValue {
        let bytes = Array(source.utf8)
        let table = ModuleNameTable(summary: ModuleScanner.scan(bytes: bytes), source: bytes, cache: cache)
        let expression = Array(text.utf8).withUnsafeBufferPointer {
            PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count))
        }
        var evaluator = ValueEvaluator(resolver: table.resolver(line: Int32.max), budget: budget)
        return evaluator.evaluate(expression)
    }

    @Test func sharedClassesGiveTheAnswersOfFreshOnes() {
        let cache = EvaluationCache()
        for text in ["values", "Color.RED", "[c.value for c in Color]", "Base"] {
            let fresh = String(describing: Self.evaluate(text, cache: nil))
            #expect(String(describing: Self.evaluate(text, cache: cache)) == fresh, "\(text)")
            #expect(String(describing: Self.evaluate(text, cache: cache)) == fresh, "\(text), cached")
        }
    }

    /// Tables made for the same module in one session are different objects, so their scopes
    /// differ: only resolvers of one table share entries.
    @Test func oneEntryPerClassStatementOfATable() {
        let cache = EvaluationCache()
        let bytes = Array(Self.source.utf8)
        let table = ModuleNameTable(summary: ModuleScanner.scan(bytes: bytes), source: bytes, cache: cache)
        for line in [Int32(14), Int32.max] {
            var evaluator = ValueEvaluator(resolver: table.resolver(line: line))
            _ = evaluator.evaluate(.name("Color"))
        }
        #expect(cache.classes.count == 2)  // Color and its base
    }

    /// A budget too small to make the class is too small to take it from the cache.
    @Test func aSmallBudgetRunsOutAsWithoutTheCache() {
        let cache = EvaluationCache()
        _ = Self.evaluate("values", cache: cache)
        for budget in [1, 3, 8, 20] {
            let fresh = String(describing: Self.evaluate("values", cache: nil, budget: budget))
            #expect(String(describing: Self.evaluate("values", cache: cache, budget: budget)) == fresh, "budget \(budget)")
        }
    }
}
