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
            ends.indices.dropFirst().allSatisfy { PathOrder.compare(name($0 - 1, in: all), name($0, in: all)) <= 0 }
        }
    }

    /// The bytes of the name at `position`, in `all` (the buffer's bytes).
    private func name(_ position: Int, in all: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: all[(position == 0 ? 0 : ends[position - 1])..<ends[position]])
    }

    /// `positions` in `sorted()` order of their names (code point order, which is UTF-8 byte
    /// order); equal names in position order, as Python's stable sort leaves positions given
    /// in increasing order.
    func sorted(_ positions: [Int]) -> [Int] {
        bytes.withUnsafeBufferPointer { all in
            positions.sorted { a, b in
                let order = PathOrder.compare(name(a, in: all), name(b, in: all))
                return order != 0 ? order < 0 : a < b
            }
        }
    }
}
