/// Positions of names in a list, found by hashing: an open-addressing table whose slots hold
/// 32 bits of a name's mixed `ByteDigest` and its position, so a probe compares one word and
/// only a matching word compares the names. What `Namespace` binds and looks up most.
struct NameTable: Sendable {
    /// Per slot: the tag (high 32 bits), then position + 1 (0: empty). The tag's low bits are
    /// the slot the probe starts from.
    private var slots: [UInt64]

    /// An empty table: no storage until the first name.
    init() { slots = [] }

    /// A table sized for `count` names without growing.
    init(capacity count: Int) {
        var size = 8
        while size < count &* 2 { size &<<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// The position of `name` in `names`, where the table has put it.
    func position(of name: String, in names: [String]) -> Int? {
        guard !slots.isEmpty else { return nil }
        return probe(name, Self.tag(name), in: names).position
    }

    /// The position of `name` in `names`; when it is not there, records it at `names.count`
    /// (where the caller then appends it) and returns nil. One digest and one probe for both.
    mutating func positionOrInsert(_ name: String, in names: [String]) -> Int? {
        if (names.count &+ 1) &* 2 > slots.count { grow() }
        let tag = Self.tag(name)
        let (slot, position) = probe(name, tag, in: names)
        if position == nil { slots[slot] = tag | UInt64(names.count &+ 1) }
        return position
    }

    /// Walks the slots from the one `tag` starts at: the position of `name` when a slot holds
    /// it, else nil and the empty slot where the walk ended (the table is never full).
    @inline(__always)
    private func probe(_ name: String, _ tag: UInt64, in names: [String]) -> (slot: Int, position: Int?) {
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: tag >> 32) & mask
        while true {
            let word = slots[slot]
            if word == 0 { return (slot, nil) }
            if word & 0xFFFF_FFFF_0000_0000 == tag {
                let position = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) &- 1
                if names[position] == name { return (slot, position) }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// A table of `names` at their positions.
    static func of(_ names: [String]) -> NameTable {
        var table = NameTable(capacity: names.count)
        for (position, name) in names.enumerated() { table.put(tag(name) | UInt64(position &+ 1)) }
        return table
    }

    /// The digest through SplitMix64's finaliser (every bit depends on every byte), high half.
    @inline(__always)
    private static func tag(_ name: String) -> UInt64 {
        UInt64(bitPattern: Int64(ByteDigest.hashValue(ByteDigest.of(name), seed: 0))) & 0xFFFF_FFFF_0000_0000
    }

    private mutating func put(_ word: UInt64) {
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: word >> 32) & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = word
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: Swift.max(8, old.count &* 2))
        for word in old where word != 0 { put(word) }
    }
}
