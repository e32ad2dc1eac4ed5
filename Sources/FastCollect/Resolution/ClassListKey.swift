/// A list of classes (a module and the classes around a test) as a cache key.
struct ClassListKey: Hashable {
    let keys: [ClassKey]

    init(_ keys: [ClassKey]) {
        self.keys = keys
    }

    func _rawHashValue(seed: Int) -> Int {
        var digest = UInt64(truncatingIfNeeded: keys.count)
        for key in keys { digest = (digest ^ key.digest) &* 0x0000_0100_0000_01B3 }
        return ByteDigest.hashValue(digest, seed: seed)
    }
}
