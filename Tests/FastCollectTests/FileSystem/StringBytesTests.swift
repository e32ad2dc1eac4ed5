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
}
