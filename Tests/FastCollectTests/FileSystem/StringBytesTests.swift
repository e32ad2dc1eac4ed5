import Testing

@testable import FastCollect

@Suite struct StringBytesTests {
    @Test(arguments: [
        ("", "", ""), ("a", "", ""), ("", "::", ""), ("test_x.py", "::", "TestA"),
        ("/r/é", "/", "ü.py"), (String(repeating: "long/", count: 40), "::", "test_name[1-2]"),
        ("x", "::", String(repeating: "ß", count: 30)),
    ])
    func joiningIsConcatenation(_ first: String, _ second: String, _ third: String) {
        let joined = String.joining(first, second, third)
        #expect(joined == first + second + third)
        #expect(joined.utf8.count == first.utf8.count + second.utf8.count + third.utf8.count)
    }

    @Test func bytePrefixes() {
        #expect("test_x".hasBytePrefix("test"))
        #expect("test".hasBytePrefix("test"))
        #expect("".hasBytePrefix(""))
        #expect("__init__".hasBytePrefix("__"))
        #expect(!"tes".hasBytePrefix("test"))
        #expect(!"Test_x".hasBytePrefix("test"))
        #expect(!"_x".hasBytePrefix("__"))
        #expect(!"t\u{E9}st".hasBytePrefix("test"))
    }

    /// Byte search agrees with `firstRange(of:)` on ASCII needles, whatever the haystack holds.
    @Test(arguments: [
        ("autouse=True, scope='module'", "autouse=True"), ("scope='module'", "autouse=True"), ("", "x"), ("x", ""),
        ("params=[1, 2]", "params="), ("é, params=", "params="), ("a/site-packages/b", "/site-packages/"),
        ("parametriz", "parametrize"), ("ppparametrize", "parametrize"), ("name=\"db\"", "name=\""),
        (String(repeating: "ab", count: 50) + "abc", "abc"),
    ])
    func byteSearchFindsWhatCharacterSearchFinds(_ text: String, _ needle: String) {
        let expected = text.firstRange(of: needle).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
        #expect(text.utf8Offset(of: needle) == expected)
        #expect(text.containsBytes(needle) == (expected != nil))
    }

    @Test func byteSearchStartsWhereAsked() {
        #expect("a'b'c'".utf8Offset(of: "'", from: 2) == 3)
        #expect("a'b".utf8Offset(of: "'", from: 2) == nil)
        #expect("abc".utf8Offset(of: "", from: 3) == 3)
        #expect("abc".utf8Offset(of: "", from: 4) == nil)
    }
}
