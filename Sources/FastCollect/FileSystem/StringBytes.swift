/// Strings handled as their UTF-8 bytes where names and paths are made and tested tens of
/// thousands of times a run: joined in one allocation (`a + b + c` allocates and copies twice),
/// prefixes compared byte by byte.
extension String {
    /// True when the UTF-8 bytes of the string start with those of `prefix` (the ASCII
    /// prefixes names are tested for; no comparison of Unicode characters).
    func hasBytePrefix(_ prefix: StaticString) -> Bool {
        var bytes = utf8.makeIterator()
        for index in 0..<prefix.utf8CodeUnitCount where bytes.next() != prefix.utf8Start[index] { return false }
        return true
    }

    /// The offset of the first `byte` in the string's UTF-8 bytes, nil when there is none. The
    /// generic `firstIndex(of:)` and `contains(_:)` of a UTF-8 view step through its indices
    /// (300–600 instructions for a short name).
    func utf8Offset(ofByte byte: UInt8) -> Int? {
        utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: byte) } ?? utf8.firstIndex(of: byte).map {
            utf8.distance(from: utf8.startIndex, to: $0)
        }
    }

    /// The offset of the first occurrence of `needle`'s UTF-8 bytes in the string's at or after
    /// `start`, nil when there is none (`ByteSearch`). For the ASCII needles the collector looks
    /// for in source text (`autouse=True`, `parametrize`): `contains` and `firstRange(of:)` of
    /// the string processing library match characters at some 20,000 instructions a call.
    func utf8Offset(of needle: String, from start: Int = 0) -> Int? {
        var text = self
        var pattern = needle
        return text.withUTF8 { haystack in pattern.withUTF8 { ByteSearch.firstOffset(of: $0, in: haystack, from: start) } }
    }

    /// True when `needle`'s UTF-8 bytes occur in the string's (see `utf8Offset(of:from:)`).
    func containsBytes(_ needle: String) -> Bool {
        utf8Offset(of: needle) != nil
    }

    /// `first + second + third`, copied once into a buffer of the final size.
    static func joining(_ first: String, _ second: String, _ third: String) -> String {
        var first = first
        var second = second
        var third = third
        return first.withUTF8 { a in
            second.withUTF8 { b in
                third.withUTF8 { c in
                    String(unsafeUninitializedCapacity: a.count + b.count + c.count) { buffer in
                        var offset = 0
                        func copy(_ part: UnsafeBufferPointer<UInt8>) {
                            guard let base = part.baseAddress, part.count > 0 else { return }
                            (buffer.baseAddress! + offset).update(from: base, count: part.count)
                            offset += part.count
                        }
                        copy(a)
                        copy(b)
                        copy(c)
                        return offset
                    }
                }
            }
        }
    }
}
