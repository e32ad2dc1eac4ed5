import Foundation
import Testing

@testable import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// The collection cache on real files: what is recorded, what makes an entry stale, what is
/// never stored. The input log is process-wide, so these run one at a time.
@Suite(.serialized)
struct CollectionCacheTests {
    private let output = RecordedOutput(
        chunks: [.init(kind: 0, bytes: Array("tests/test_a.py::test_one\n".utf8)), .init(kind: 3, bytes: Array("1 test collected".utf8))],
        exitCode: 0)
    private let key = Array("arg=--collect-only\0".utf8)

    /// Records what a collection of `root` would look at: the folder's listing, a module read,
    /// a missing conftest and a missing `conda-meta/history` one level further down.
    private func record(_ root: String) -> InputLog {
        let log = InputLog.begin()
        defer { InputLog.end() }
        _ = DirectoryLister.list(root + "/tests")
        _ = SourceFile.read(path: root + "/tests/test_a.py")
        _ = DirectoryLister.kind(of: root + "/tests/conftest.py")
        _ = DirectoryLister.kind(of: root + "/tests/conda-meta/history")
        return log
    }

    private func makeTree() throws -> (root: String, cache: CollectionCache) {
        let root = try TemporaryTree.make(["tests/test_a.py": "def test_one(): pass\n"])
        return (root, CollectionCache(directory: root + "/cache"))
    }

    private func stored(_ cache: CollectionCache, _ log: InputLog) -> CollectionCache.StoreOutcome {
        cache.store(key: key, log: log, output: output, racyWindow: 0)
    }

    @Test("a stored result comes back while nothing changed; missing names a logged folder answers for are not inputs")
    func roundTrip() throws {
        let (root, cache) = try makeTree()
        #expect(cache.lookup(key: key).isAbsent)
        #expect(stored(cache, record(root)) == .stored(inputs: 2))
        guard case .hit(let found, let checked) = cache.lookup(key: key) else {
            Issue.record("no hit")
            return
        }
        #expect(found == output)
        #expect(checked == 2)
        #expect(cache.lookup(key: Array("arg=-q\0".utf8)).isAbsent)
    }

    @Test("editing a read file makes the entry stale")
    func editedFile() throws {
        let (root, cache) = try makeTree()
        #expect(stored(cache, record(root)) == .stored(inputs: 2))
        try TemporaryTree.write(root + "/tests/test_a.py", "def test_one(): pass\ndef test_two(): pass\n")
        #expect(cache.lookup(key: key).staleness == root + "/tests/test_a.py")
    }

    @Test("a file appearing where one was missing makes the entry stale", arguments: ["tests/conftest.py", "tests/conda-meta/history", "tests/test_b.py"])
    func newFile(_ relative: String) throws {
        let (root, cache) = try makeTree()
        #expect(stored(cache, record(root)) == .stored(inputs: 2))
        try TemporaryTree.write(root + "/" + relative, "\n")
        #expect(cache.lookup(key: key).staleness == root + "/tests")
    }

    @Test("a removed file makes the entry stale")
    func removedFile() throws {
        let (root, cache) = try makeTree()
        #expect(stored(cache, record(root)) == .stored(inputs: 2))
        TemporaryTree.remove(root + "/tests/test_a.py")
        #expect(cache.lookup(key: key).staleness == root + "/tests")
    }

    @Test("a missing path below a folder that was not logged stays an input of its own")
    func missingOutsideLoggedFolders() throws {
        let (root, cache) = try makeTree()
        let log = InputLog.begin()
        _ = DirectoryLister.kind(of: root + "/elsewhere/module.py")
        InputLog.end()
        #expect(stored(cache, log) == .stored(inputs: 1))
        try TemporaryTree.write(root + "/elsewhere/module.py", "\n")
        #expect(cache.lookup(key: key).staleness == root + "/elsewhere/module.py")
    }

    @Test("an existence check depends on the kind of file only, a listing on the folder's entries")
    func existenceChecks() throws {
        let (root, cache) = try makeTree()
        try TemporaryTree.write(root + "/marker", "\n")
        let log = InputLog.begin()
        _ = DirectoryLister.kind(of: root + "/tests")
        _ = DirectoryLister.kind(of: root + "/marker")
        _ = SourceFile.read(path: root + "/tests/test_a.py")
        _ = DirectoryLister.list(root + "/tests")  // the same folder, listed: now its entries count
        InputLog.end()
        #expect(stored(cache, log) == .stored(inputs: 3))
        try TemporaryTree.write(root + "/marker", "longer text\n")
        try TemporaryTree.write(root + "/unrelated.txt", "\n")
        guard case .hit = cache.lookup(key: key) else {
            Issue.record("an edit that no answer depended on made the entry stale")
            return
        }
        TemporaryTree.remove(root + "/marker")
        mkdir(root + "/marker", 0o755)
        #expect(cache.lookup(key: key).staleness == root + "/marker")
        rmdir(root + "/marker")
        try TemporaryTree.write(root + "/marker", "\n")
        try TemporaryTree.write(root + "/tests/notes.txt", "\n")
        #expect(cache.lookup(key: key).staleness == root + "/tests")
    }

    @Test("a path seen at two levels is kept at the higher one; a different kind is a change")
    func levels() throws {
        let (root, cache) = try makeTree()
        let log = InputLog.begin()
        _ = DirectoryLister.kind(of: root + "/tests/test_a.py")
        _ = SourceFile.read(path: root + "/tests/test_a.py")
        InputLog.end()
        #expect(log.inputs()?.map(\.stamp.level) == [.content])
        #expect(stored(cache, log) == .stored(inputs: 1))
        try TemporaryTree.write(root + "/tests/test_a.py", "def test_one(): pass\n\n")
        #expect(cache.lookup(key: key).staleness == root + "/tests/test_a.py")

        let changed = InputLog.begin()
        _ = DirectoryLister.kind(of: root + "/tests/test_a.py")
        TemporaryTree.remove(root + "/tests/test_a.py")
        mkdir(root + "/tests/test_a.py", 0o755)
        _ = DirectoryLister.kind(of: root + "/tests/test_a.py")
        InputLog.end()
        #expect(changed.inputs() == nil)
    }

    @Test("nothing is stored when a file changed while the run read it, or shortly before")
    func unstableInputs() throws {
        let (root, cache) = try makeTree()
        let log = InputLog.begin()
        _ = SourceFile.read(path: root + "/tests/test_a.py")
        try TemporaryTree.write(root + "/tests/test_a.py", "def test_one(): pass\n\n\n")
        _ = SourceFile.read(path: root + "/tests/test_a.py")
        InputLog.end()
        #expect(stored(cache, log) == .inputsChanged)
        // Just written: within the racy window, whatever the file system's granularity.
        #expect(cache.store(key: key, log: record(root), output: output) == .inputsTooRecent(path: root + "/tests"))
        #expect(cache.lookup(key: key).isAbsent)
    }

    @Test("reads on other threads are not recorded")
    func otherThreads() throws {
        let (root, cache) = try makeTree()
        let log = InputLog.begin()
        var thread = pthread_t()
        let path = UnsafeMutablePointer<String>.allocate(capacity: 1)
        path.initialize(to: root + "/tests/test_a.py")
        pthread_create(&thread, nil, { argument in
            _ = SourceFile.read(path: argument!.assumingMemoryBound(to: String.self).pointee)
            return nil
        }, path)
        pthread_join(thread, nil)
        path.deinitialize(count: 1)
        path.deallocate()
        InputLog.end()
        #expect(stored(cache, log) == .stored(inputs: 0))
    }

    @Test("beyond the entry limit the least recently used entries go, down to three quarters")
    func pruning() throws {
        let (root, cache) = try makeTree()
        let log = record(root)
        func key(_ index: Int) -> [UInt8] { Array("arg=\(index)\0".utf8) }
        for index in 0..<CollectionCache.entryLimit {
            #expect(cache.store(key: key(index), log: log, output: output, racyWindow: 0) == .stored(inputs: 2))
            // Entry `index` was last used `index` seconds after the epoch: the order is certain.
            var times = [timespec(tv_sec: index, tv_nsec: 0), timespec(tv_sec: index, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, cache.entryPath(key(index)), &times, 0) == 0)
        }
        guard case .hit = cache.lookup(key: key(0)) else {
            Issue.record("entry 0 not found")
            return
        }
        #expect(cache.store(key: key(CollectionCache.entryLimit), log: log, output: output, racyWindow: 0) == .stored(inputs: 2))
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { $0.hasSuffix(".cache") }
        #expect(left.count == CollectionCache.entryLimit * 3 / 4)
        #expect(!cache.lookup(key: key(0)).isAbsent, "the entry used last was removed")
        #expect(cache.lookup(key: key(1)).isAbsent, "the entry used longest ago was kept")
        #expect(!cache.lookup(key: key(CollectionCache.entryLimit)).isAbsent)
    }

    @Test("a damaged entry is a miss, never a crash", arguments: [0, 7, 20, 40, 100, 300])
    func damagedEntry(_ keep: Int) throws {
        let (root, cache) = try makeTree()
        #expect(stored(cache, record(root)) == .stored(inputs: 2))
        let path = cache.entryPath(key)
        let size = Int(FileStamp.of(path).size)
        #expect(truncate(path, off_t(min(keep, size - 1))) == 0)
        #expect(cache.lookup(key: key).isAbsent)
    }
}

extension CollectionCache.Lookup {
    var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }

    /// The changed path a stale lookup names, nil otherwise.
    var staleness: String? {
        if case .stale(let changed) = self { return changed }
        return nil
    }
}
