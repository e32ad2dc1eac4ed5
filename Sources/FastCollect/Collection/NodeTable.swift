/// A value per collection node, kept in an array indexed by the node's number: the session's
/// per-node facts are read for every item, and an index costs less than hashing a key.
public struct NodeTable<Value> {
    private var values: [Value?] = []

    public init() {}

    /// The table holding `dictionary`'s values at their nodes.
    public init(_ dictionary: [Int32: Value]) {
        for (node, value) in dictionary { self[node] = value }
    }

    /// The value at `node`, nil when it has none (a negative `node` has none).
    public subscript(node: Int32) -> Value? {
        get {
            let index = Int(node)
            return index >= 0 && index < values.count ? values[index] : nil
        }
        set {
            let index = Int(node)
            precondition(index >= 0, "NodeTable: negative node \(node)")
            if index < values.count {
                values[index] = newValue
                return
            }
            guard newValue != nil else { return }
            // Nodes are numbered as they are made: most values go to the node just added.
            if index > values.count { values.append(contentsOf: repeatElement(nil, count: index - values.count)) }
            values.append(newValue)
        }
    }

    public subscript(node: Int32, default value: @autoclosure () -> Value) -> Value {
        get { self[node] ?? value() }
        set { self[node] = newValue }
    }
}

extension NodeTable: Sendable where Value: Sendable {}
