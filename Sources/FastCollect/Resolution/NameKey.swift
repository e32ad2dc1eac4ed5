/// A Python name as a dictionary key, hashed with `ByteDigest` instead of SipHash (names are
/// short, and namespaces are looked up by name more than anything else).
struct NameKey: Hashable, Sendable {
    let name: String

    init(_ name: String) {
        self.name = name
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }

    func _rawHashValue(seed: Int) -> Int {
        ByteDigest.hashValue(ByteDigest.of(name), seed: seed)
    }

    static func == (lhs: NameKey, rhs: NameKey) -> Bool {
        lhs.name == rhs.name
    }
}
