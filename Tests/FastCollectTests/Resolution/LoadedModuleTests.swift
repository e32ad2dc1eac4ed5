import Testing

@testable import FastCollect

/// A loaded module lets its bytes go after its collection and reads them again when asked.
@Suite struct LoadedModuleTests {
    static let text = "import pytest\n\n\n@pytest.mark.slow\ndef test_a():\n    pass\n"

    @Test func releasedBytesAreReadAgainUnchanged() throws {
        let root = try TemporaryTree.make(["test_a.py": LoadedModuleTests.text])
        let module = LoadedModule.load(path: root + "/test_a.py")
        let before = module.source
        let rereads = LoadedModule.sourceRereads
        module.releaseSource()
        #expect(module.source == before)
        #expect(Array(LoadedModuleTests.text.utf8) == before)
        #expect(LoadedModule.sourceRereads >= rereads + 1)
        // Read once, kept: the line of the mark comes from the bytes read again.
        #expect(module.lineAndText(atLine: 4) == (4, "@pytest.mark.slow"))
    }

    /// `names` finds names, not text: a word in a string or comment, or inside a longer name,
    /// is not one, and a range holding none of the words is answered without tokens.
    @Test func namesAreTokensNotText() throws {
        let text = """
            def test_a(pytester):
                pytester.spawn_pytest("x")  # runpytest_subprocess
                s = "spawn"
                spawned = 1
            """
        let root = try TemporaryTree.make(["test_a.py": text + "\n"])
        let module = LoadedModule.load(path: root + "/test_a.py")
        let whole = Int32(0)..<Int32(text.utf8.count)
        #expect(module.names(["spawn_pytest", "spawn", "runpytest_subprocess"], in: whole) == ["spawn_pytest"])
        #expect(module.names(["pytester", "missing"], in: whole) == ["pytester"])
        #expect(module.names(["absent_name"], in: whole).isEmpty)
        #expect(module.names(["spawn_pytest"], in: Int32(0)..<Int32(10)).isEmpty)
    }

    @Test(arguments: [
        ("", "", true), ("a", "", false), ("", "abc", true), ("abc", "abc", true), ("abcd", "abc", false),
        ("bc", "abc", true), ("aab", "aaab", true), ("ab", "aXbaXb", false), ("spawn", "spawnsspawn", true),
        // The search anchors on the rarest byte (`w`, `b`, `z`, `1`): matches at either end,
        // anchors whose match would start before the haystack or run past its end.
        ("spawn", "spawn", true), ("spawn", "xspawn", true), ("spawn", "wspawn", true), ("spawn", "spaw", false),
        ("spawn", "wwwww", false), ("spawn", "pawn_spaw", false), ("subprocess", "runpytest_subprocess", true),
        ("subprocess", "ubprocess_subprocesx", false), ("az", "zaz", true), ("az", "za", false), ("x1", "1x1", true),
    ])
    func occursIsSubstringSearch(_ needle: String, _ haystack: String, _ expected: Bool) {
        let found = Array(needle.utf8).withUnsafeBufferPointer { n in
            Array(haystack.utf8).withUnsafeBufferPointer { h in LoadedModule.occurs(n, in: h) }
        }
        #expect(found == expected)
    }

    /// The summary's ranges point into the bytes first read: a file that changed length since
    /// reads as empty, and every range into it is clamped (no crash, no wrong text).
    @Test func aFileThatChangedReadsAsEmpty() throws {
        let root = try TemporaryTree.make(["test_a.py": LoadedModuleTests.text])
        let module = LoadedModule.load(path: root + "/test_a.py")
        module.releaseSource()
        try TemporaryTree.write(root + "/test_a.py", "def test_b():\n    pass\n")
        #expect(module.source.isEmpty)
        #expect(module.lineAndText(atLine: 4) == (1, ""))
    }

    @Test func aFileThatVanishedReadsAsEmpty() throws {
        let root = try TemporaryTree.make(["test_a.py": LoadedModuleTests.text])
        let module = LoadedModule.load(path: root + "/test_a.py")
        module.releaseSource()
        TemporaryTree.remove(root + "/test_a.py")
        #expect(module.source.isEmpty)
        #expect(module.summary != nil)
    }
}
