import Testing

@testable import FastCollect

/// The cache keys hashed from `ByteDigest`s: keys that are equal have equal hashes, also for
/// strings that are canonically equivalent but not the same bytes (String's `==` calls a
/// precomposed "é" and "e" with a combining acute equal; their digests differ).
@Suite struct DigestKeyTests {
    static let composed = (0..<2000).map { "n\($0)\u{E9}" }
    static let decomposed = (0..<2000).map { "n\($0)e\u{301}" }

    @Test func stringsAloneCallThemEqual() {
        #expect(Self.composed[0] == Self.decomposed[0])
        #expect(Array(Self.composed[0].utf8) != Array(Self.decomposed[0].utf8))
    }

    /// Each set holds both forms of every name: before the keys compared digests, the count
    /// depended on which equal keys the table's probing happened to meet (3,989 of 4,000 in one run).
    @Test func bothFormsAreDistinctKeys() {
        let names = Self.composed + Self.decomposed
        #expect(Set(names.map(NameKey.init)).count == names.count)
        #expect(Set(names.map { PathNameKey(file: "/t/test_x.py", name: $0) }).count == names.count)
        #expect(Set(names.map { ImportKey(dotted: $0, level: 1, origin: "/t/test_x.py") }).count == names.count)
        #expect(Set(names.map { NameListKey(["self", $0]) }).count == names.count)
        #expect(Set(names.map { PathKey("/t/" + $0 + ".py") }).count == names.count)
        #expect(NameKey(Self.composed[0]) != NameKey(Self.decomposed[0]))
    }

    @Test func sameBytesAreEqualKeysWithEqualHashes() {
        let name = String(decoding: Array(Self.composed[7].utf8), as: UTF8.self)
        #expect(NameKey(name) == NameKey(Self.composed[7]))
        #expect(NameKey(name).hashValue == NameKey(Self.composed[7]).hashValue)
        #expect(ImportKey(dotted: "a.b", level: 0, origin: "/r") == ImportKey(dotted: "a.b", level: 0, origin: "/r"))
        #expect(ImportKey(dotted: "a.b", level: 0, origin: "/r") != ImportKey(dotted: "a.b", level: 1, origin: "/r"))
        #expect(NameListKey(["a", "b"]) == NameListKey(["a", "b"]))
        #expect(NameListKey(["a", "b"]) != NameListKey(["b", "a"]))
    }
}
