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
struct DigestListKey<Element: ByteDigestible>: DigestKey {
    let elements: [Element]
    let digest: UInt64

    init(_ elements: [Element]) {
        self.elements = elements
        var digest = UInt64(truncatingIfNeeded: elements.count)
        for element in elements { digest = (digest ^ element.byteDigest) &* 0x0000_0100_0000_01B3 }
        self.digest = digest
    }

    static func == (lhs: DigestListKey, rhs: DigestListKey) -> Bool {
        lhs.digest == rhs.digest && lhs.elements == rhs.elements
    }
}

typealias NameListKey = DigestListKey<String>
typealias ClassListKey = DigestListKey<ClassKey>
