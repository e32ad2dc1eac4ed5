/// Names kept as their UTF-8 bytes in one buffer, for sorting positions by name: comparing
/// slices of one buffer retains nothing per comparison, and moving positions instead of
/// whole entries (a declaration each) costs several times less.
struct NameBytes {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(reservingCapacity count: Int = 0) {
        ends.reserveCapacity(count)
    }

    /// Adds a name at the next position.
    mutating func append(_ name: String) {
        bytes.append(contentsOf: name.utf8)
        ends.append(bytes.count)
    }

    /// True when the names, in the order they were added, are already in `sorted()` order.
    var isSorted: Bool {
        bytes.withUnsafeBufferPointer { all in
            var previous = UnsafeBufferPointer(rebasing: all[0..<0])
            var start = 0
            for (position, end) in ends.enumerated() {
                let name = UnsafeBufferPointer(rebasing: all[start..<end])
                if position > 0 && PathOrder.compare(previous, name) > 0 { return false }
                previous = name
                start = end
            }
            return true
        }
    }

    /// `positions` in `sorted()` order of their names (code point order, which is UTF-8 byte
    /// order); equal names in position order, as Python's stable sort leaves positions given
    /// in increasing order.
    func sorted(_ positions: [Int]) -> [Int] {
        bytes.withUnsafeBufferPointer { all in
            func name(_ position: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: all[(position == 0 ? 0 : ends[position - 1])..<ends[position]])
            }
            return positions.sorted { a, b in
                let order = PathOrder.compare(name(a), name(b))
                return order != 0 ? order < 0 : a < b
            }
        }
    }
}
