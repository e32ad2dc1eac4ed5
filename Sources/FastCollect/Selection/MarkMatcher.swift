/// pytest's `MarkMatcher` for `-m`: `name` matches when the item carries a mark of exactly that name,
/// `name(key=value, ...)` when one such mark has all those keyword arguments with Python-equal values.
public struct MarkMatcher: Sendable {
    private let marks: [(name: String, kwargs: [String: ExpressionValue])]

    /// The item's marks as `item.iter_markers()` yields them (its own, its parameter set's, its classes'
    /// and their bases', its module's), each with its keyword arguments; positional arguments play no
    /// part. An argument whose value equals no literal (a list, `1.5`, an object) may be left out.
    public init(marks: [(name: String, kwargs: [String: ExpressionValue])]) {
        self.marks = marks
    }

    /// pytest's `MarkMatcher.__call__`.
    public func callAsFunction(_ name: String, _ kwargs: [String: ExpressionValue]?) -> Bool {
        for mark in marks where mark.name.utf8.elementsEqual(name.utf8) {
            guard let kwargs else { return true }
            let all = kwargs.allSatisfy { key, value in
                guard let index = mark.kwargs.index(forKey: key) else { return false }
                let entry = mark.kwargs[index]
                return entry.key.utf8.elementsEqual(key.utf8) && entry.value.equalsInPython(value)
            }
            if all {
                return true
            }
        }
        return false
    }

    /// Evaluates a `-m` expression against this item's marks.
    public func matches(_ expression: Expression) -> Bool {
        expression.evaluate(callAsFunction)
    }
}
