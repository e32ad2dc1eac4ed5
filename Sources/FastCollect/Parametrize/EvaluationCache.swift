/// Values the evaluators of one collection share: a class statement's value (its bases,
/// enum members, whether instances are plain) is the same wherever a decorator names it, and
/// SQLAlchemy's suite names the same library classes in hundreds of decorators.
public final class EvaluationCache {
    /// A class statement by its body's scope (which names the module and the class path) and name.
    struct ClassKey: Hashable {
        var scope: AnyHashable
        var name: String
    }

    /// Each class's value and the evaluation steps it took, charged again to an evaluator that
    /// takes it from here, so that budgets run out where they did without the cache.
    var classes: [ClassKey: (value: PyValue, cost: Int)] = [:]

    public init() {}
}
