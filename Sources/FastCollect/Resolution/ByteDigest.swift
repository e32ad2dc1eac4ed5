/// A cheap 64-bit digest of bytes and the step that turns a digest into a dictionary's hash
/// value. The cache keys (`PathKey`, `ClassKey`, `NameKey`) hand Swift's `Dictionary` their
/// hash through `_rawHashValue(seed:)`: SipHash's set-up and finalisation cost more than the
/// digest of a path's tail or of a short name (a tenth of Django's instructions were hashing).
enum ByteDigest {
    /// Mixes `bytes[start...]` into `seed`, eight bytes at a time; a tail shorter than eight
    /// bytes is read as the last eight bytes when there are that many (overlapping the step
    /// before), else byte by byte.
    static func mix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into seed: UInt64) -> UInt64 {
        var digest = seed
        var index = start
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return digest }
        let count = bytes.count
        while index &+ 8 <= count {
            digest = (digest ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            digest ^= digest >> 29
            index &+= 8
        }
        guard index < count else { return digest }
        if count &- start >= 8 {
            digest = (digest ^ base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            return digest ^ (digest >> 29)
        }
        while index < count {
            digest = (digest ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
            index &+= 1
        }
        return digest
    }

    /// The digest of a string's UTF-8 bytes (only its last `tail` bytes when it has more),
    /// seeded with their whole count.
    @inline(__always)
    static func of(_ text: String, tail: Int = .max) -> UInt64 {
        let count = text.utf8.count
        let seed = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        let start = count > tail ? count &- tail : 0
        return text.utf8.withContiguousStorageIfAvailable { mix($0, from: start, into: seed) }
            ?? Array(text.utf8).withUnsafeBufferPointer { mix($0, from: start, into: seed) }
    }

    /// A hash value for a dictionary whose storage has `seed`: the digest and the seed through
    /// SplitMix64's finaliser, so that the low bits a dictionary uses as a bucket depend on
    /// every bit of both.
    @inline(__always)
    static func hashValue(_ digest: UInt64, seed: Int) -> Int {
        var z = digest ^ UInt64(bitPattern: Int64(seed))
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: z ^ (z >> 31))
    }
}
