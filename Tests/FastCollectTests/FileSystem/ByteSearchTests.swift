import Testing

@testable import FastCollect

@Suite struct ByteSearchTests {
    /// Against a position-by-position comparison, from every start: the first match, not any.
    @Test func findsTheFirstOccurrenceFromEveryStart() {
        var random = SplitMix64(seed: 0xB17E)
        let alphabet = Array("aes_t(".utf8)
        for round in 0..<500 {
            let haystack = (0..<random.next(40)).map { _ in alphabet[random.next(alphabet.count)] }
            let needle = (0..<random.next(4)).map { _ in alphabet[random.next(alphabet.count)] }
            for start in 0...(haystack.count + 1) {
                var expected: Int?
                if start <= haystack.count {
                    expected = (start...haystack.count).first { position in
                        position + needle.count <= haystack.count
                            && Array(haystack[position..<(position + needle.count)]) == needle
                    }
                }
                let found = haystack.withUnsafeBufferPointer { h in
                    needle.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: h, from: start) }
                }
                #expect(found == expected, "round \(round): \(needle) in \(haystack) from \(start)")
            }
        }
    }

    /// The offset of a byte against the position-by-position answer, in ASCII and multi-byte
    /// text, small and large strings.
    @Test(arguments: ["", "a.b", "...", "naïve.x", "名前.y", "no dot", "tail.", "a_long_module_name_past_fifteen_bytes.x"])
    func utf8OffsetOfAByte(text: String) {
        let expected = Array(text.utf8).firstIndex(of: UInt8(ascii: "."))
        #expect(text.utf8Offset(ofByte: UInt8(ascii: ".")) == expected)
    }
}
