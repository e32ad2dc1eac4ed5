/// A dictionary key that keeps its `ByteDigest` and hashes with it (no SipHash). Its `==`
/// compares the digest first: equal keys must hash alike, and `==` on strings alone is
/// canonical equivalence, under which a precomposed "é" and "e" with a combining acute (other
/// bytes, other digests) would be equal keys hashed apart.
protocol DigestKey: Hashable {
    var digest: UInt64 { get }
}

extension DigestKey {
    func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    func _rawHashValue(seed: Int) -> Int {
        ByteDigest.hashValue(digest, seed: seed)
    }
}
