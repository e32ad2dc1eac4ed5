/// A list of names (a function's arguments) as a dictionary key, hashed with `ByteDigest`.
struct NameListKey: Hashable {
    let names: [String]

    init(_ names: [String]) {
        self.names = names
    }

    func _rawHashValue(seed: Int) -> Int {
        var digest = UInt64(truncatingIfNeeded: names.count)
        for name in names { digest = (digest ^ ByteDigest.of(name)) &* 0x0000_0100_0000_01B3 }
        return ByteDigest.hashValue(digest, seed: seed)
    }
}
