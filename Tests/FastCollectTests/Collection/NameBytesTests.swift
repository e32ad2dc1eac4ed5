import Testing

@testable import FastCollect

@Suite struct NameBytesTests {
    /// Random name lists (repeats, shared prefixes, non-ASCII) against `sorted()` of the same
    /// strings: the positions come out in code point order, ties in position order, and
    /// `isSorted` is true exactly when that order is the order they were added in.
    @Test func sortsLikePythonSortedAndKnowsWhenNothingMoves() {
        var random = SplitMix64(seed: 0x50_27ED)
        let pool = ["test", "test_a", "test_b", "test_a1", "testZ", "test_é", "test_e", "t", "", "test_名"]
        for round in 0..<500 {
            var names = NameBytes()
            var strings: [String] = []
            for _ in 0..<random.next(9) {
                let name = pool[random.next(pool.count)]
                names.append(name)
                strings.append(name)
            }
            let expected = strings.indices.sorted { a, b in
                let (x, y) = (Array(strings[a].unicodeScalars.map(\.value)), Array(strings[b].unicodeScalars.map(\.value)))
                return x != y ? x.lexicographicallyPrecedes(y) : a < b
            }
            let sorted = names.sorted(Array(strings.indices))
            #expect(sorted == expected, "round \(round): \(strings)")
            #expect(names.isSorted == (expected == Array(strings.indices)), "round \(round): \(strings)")
        }
    }
}
