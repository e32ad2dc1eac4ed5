import Testing

@testable import FastCollect

@Suite struct PathKeyTests {
    @Test func equalPathsMakeEqualKeys() {
        let long = "/root/project/tests/" + String(repeating: "deep/", count: 20) + "test_x.py"
        for path in ["", "/", "a", "/r/é/ü.py", long] {
            #expect(PathKey(path) == PathKey(String(decoding: Array(path.utf8), as: UTF8.self)))
            #expect(PathKey(path).hashValue == PathKey(path + "").hashValue)
        }
    }

    /// Two paths that differ only before the hashed tail share a digest; the key still tells
    /// them apart, and a dictionary keeps both.
    @Test func pathsSharingTheirTailStayDistinct() {
        let tail = "/a_long_common_directory_name/and_more/test_module.py"
        let first = "/one" + tail
        let second = "/two" + tail
        #expect(PathKey.digest(of: first) == PathKey.digest(of: second))
        #expect(PathKey(first) != PathKey(second))
        var table: [PathKey: Int] = [:]
        table[PathKey(first)] = 1
        table[PathKey(second)] = 2
        #expect(table[PathKey(first)] == 1 && table[PathKey(second)] == 2 && table.count == 2)
    }

    @Test func theTailAndLengthChangeTheDigest() {
        #expect(PathKey.digest(of: "/r/test_a.py") != PathKey.digest(of: "/r/test_b.py"))
        #expect(PathKey.digest(of: "/r/x.py") != PathKey.digest(of: "/rr/x.py"))
        #expect(PathKey.digest(of: "") != PathKey.digest(of: "/"))
    }
}
