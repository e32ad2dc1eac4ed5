/// A Python name as a dictionary key, hashed with `ByteDigest` instead of SipHash (names are
/// short, and namespaces are looked up by name more than anything else).
struct NameKey: DigestKey, Sendable {
    let name: String
    /// `ByteDigest.of(name)`.
    let digest: UInt64

    init(_ name: String) {
        self.name = name
        digest = ByteDigest.of(name)
    }

    static func == (lhs: NameKey, rhs: NameKey) -> Bool {
        lhs.digest == rhs.digest && lhs.name == rhs.name
    }
}
