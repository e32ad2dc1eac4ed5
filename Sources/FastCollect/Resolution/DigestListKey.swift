/// A value with a `ByteDigest`-style digest, which equal values share.
protocol ByteDigestible: Hashable {
    var byteDigest: UInt64 { get }
}

extension String: ByteDigestible {
    var byteDigest: UInt64 { ByteDigest.of(self) }
}

extension ClassKey: ByteDigestible {
    var byteDigest: UInt64 { digest }
}

/// A list as a dictionary key, hashed from its elements' digests: a function's argument names
/// (`NameListKey`), a module and the classes around a test (`ClassListKey`).
struct DigestListKey<Element: ByteDigestible>: Hashable {
    let elements: [Element]

    init(_ elements: [Element]) {
        self.elements = elements
    }

    func _rawHashValue(seed: Int) -> Int {
        var digest = UInt64(truncatingIfNeeded: elements.count)
        for element in elements { digest = (digest ^ element.byteDigest) &* 0x0000_0100_0000_01B3 }
        return ByteDigest.hashValue(digest, seed: seed)
    }
}

typealias NameListKey = DigestListKey<String>
typealias ClassListKey = DigestListKey<ClassKey>
