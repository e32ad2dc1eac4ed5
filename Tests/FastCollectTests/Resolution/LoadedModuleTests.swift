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
