import Foundation
import Testing

@testable import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// Every bad-input kind: the tree is generated here (BadInputCorpus), fastcollect runs on it as
/// GoldenTests run it, and its normalised stdout and exit code must be pytest's
/// (BadInputExpectations, written by scripts/make-bad-input-cases.py).
///
/// Run as root, fastcollect runs under `setpriv --bounding-set -dac_override,-dac_read_search`
/// (as pytest did), so that file modes bind root too and the unreadable cases are unreadable.
@Suite("Bad input against pytest 9.0.3")
struct BadInputTests {
    static let caseNames = BadInputCorpus.cases.keys.sorted()

    @Test("fastcollect prints what pytest prints", arguments: caseNames)
    func matchesPytest(_ name: String) throws {
        guard let expectation = BadInputExpectations.cases[name] else {
            Issue.record("no expectation for \(name): run scripts/make-bad-input-cases.py")
            return
        }
        guard let binary = GoldenRun.fastcollectBinary else {
            Issue.record("fastcollect executable not found next to the test binary; set FASTCOLLECT_BIN")
            return
        }
        let scratch = try GoldenRun.makeScratch()
        let root = scratch.path + "/tree"
        mkdir(root, 0o755)
        var tree = BadInputTree(root: root)
        defer {
            tree.restoreModes()
            try? FileManager.default.removeItem(atPath: scratch.path)
        }
        try BadInputCorpus.cases[name]!(&tree)
        #expect(tree.fingerprint() == expectation.fingerprint,
                "the tree of \(name) differs from the one make-bad-input-cases.py gave pytest")
        tree.finish()
        for run in expectation.runs {
            let result = try Self.run(binary: binary.path, arguments: run.arguments, directory: root)
            let roots = Set([Self.realPath(root), root]).sorted { $0.count > $1.count }
            let actual = GoldenNormaliser.normalise(result.stdout, roots: roots)
            let expected = Array(run.stdout.utf8)
            if actual != expected {
                Issue.record(Comment(rawValue: "\(name) \(run.arguments.joined(separator: " ")): stdout differs (- pytest, + fastcollect)\n"
                    + GoldenLineDiff.unified(expected: expected, actual: actual) + "\nstderr: " + result.stderr.prefix(2000)))
            }
            #expect(result.exitCode == run.exitCode, "\(name) \(run.arguments): exit \(result.exitCode), pytest exits \(run.exitCode)")
        }
    }

    @Test("the corpus covers at least the 20 kinds, each with an expectation")
    func corpusIsComplete() {
        #expect(BadInputCorpus.cases.count >= 20)
        #expect(Set(BadInputCorpus.cases.keys) == Set(BadInputExpectations.cases.keys))
        for (name, expectation) in BadInputExpectations.cases {
            #expect(!expectation.runs.isEmpty, "\(name) has no runs")
        }
    }

    /// pytest 9.0.3 cannot collect a 1,000-deep tree: `Session.genitems` recurses once per
    /// folder and fails with RecursionError (INTERNALERROR, exit 3) past about 950 levels.
    /// That is a limit of CPython's stack, not a rule of collection; fastcollect walks without
    /// recursion and collects the test, with the node ID pytest gives at depth 300.
    @Test("a 1,000-deep tree is collected without recursion")
    func thousandDeepTree() throws {
        guard let binary = GoldenRun.fastcollectBinary else {
            Issue.record("fastcollect executable not found")
            return
        }
        let scratch = try GoldenRun.makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch.path) }
        let root = scratch.path + "/tree"
        mkdir(root, 0o755)
        let tree = BadInputTree(root: root)
        let deep = BadInputCorpus.deepPath(1000)
        try tree.file(deep + "/test_deep.py", BadInputCorpus.good)
        try tree.file("test_ok.py", BadInputCorpus.good)
        let result = try Self.run(binary: binary.path, arguments: ["--co", "-q"], directory: root)
        let actual = String(decoding: GoldenNormaliser.normalise(result.stdout, roots: [Self.realPath(root), root]), as: UTF8.self)
        #expect(actual == "\(deep)/test_deep.py::test_ok\ntest_ok.py::test_ok\n\n2 tests collected in <T>\n")
        #expect(result.exitCode == 0)
    }

    /// Two symlinks back to the parent in one folder: pytest follows both until the kernel's
    /// 40-symlink limit, 2^40 paths, and does not finish. fastcollect follows loops as pytest
    /// does up to 4,096 loop entries (one loop, as in the symlink-loop case, takes 40), then
    /// reports `OSError: [Errno 40]` for each loop it no longer enters and ends.
    @Test("two symlink loops in one folder end with errors instead of 2^40 paths")
    func twoSymlinkLoops() throws {
        guard let binary = GoldenRun.fastcollectBinary else {
            Issue.record("fastcollect executable not found")
            return
        }
        let scratch = try GoldenRun.makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch.path) }
        let root = scratch.path + "/tree"
        mkdir(root, 0o755)
        let tree = BadInputTree(root: root)
        try tree.file("a/test_a.py", BadInputCorpus.good)
        try tree.symlink("a/l1", to: "..")
        try tree.symlink("a/l2", to: "..")
        let result = try Self.run(binary: binary.path, arguments: ["--co", "-q"], directory: root)
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.exitCode == 2)
        #expect(text.contains("E   OSError: [Errno 40] Too many levels of symbolic links: '"))
        #expect(text.contains("\n4097 tests collected, "), "\(text.suffix(300))")
    }

    /// A file listed and then gone before it is read: pytest's import raises
    /// `FileNotFoundError: [Errno 2] No such file or directory: '<path>'`; the other files load.
    @Test("a file that vanishes between listing and reading is an error of that file alone")
    func vanishedFile() throws {
        let root = TemporaryTree.make()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = (0..<40).map { "\(root)/test_\($0).py" }
        for path in paths { try TemporaryTree.write(path, "def test_ok():\n    pass\n") }
        unlink(paths[17])  // listed (it is in `paths`), gone when the loader reads it
        for workers in [1, 4] {
            let prefetcher = ModulePrefetcher(paths: paths, workers: workers, searchRoots: [root], importDepth: 0)
            let loaded = paths.map { prefetcher.take($0) ?? LoadedModule.load(path: $0) }
            _ = prefetcher.finish()
            #expect(loaded.map(\.path) == paths)
            #expect(loaded[17].readError == .notFound)
            #expect(loaded[17].readError.map { "\($0.exceptionName): \($0.message)" } == "FileNotFoundError: [Errno 2] No such file or directory")
            #expect(loaded.enumerated().allSatisfy { $0.offset == 17 || $0.element.summary?.members.count == 1 })
        }
    }

    // MARK: running

    struct Output {
        var stdout: [UInt8]
        var stderr: String
        var exitCode: Int32
    }

    static func run(binary: String, arguments: [String], directory: String) throws -> Output {
        let process = Process()
        if geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--bounding-set", "-dac_override,-dac_read_search", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = GoldenRun.environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderrData = LockedData()
        let reader = Thread { stderrData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !stderrData.isSet { usleep(1_000) }
        return Output(stdout: Array(stdout), stderr: String(decoding: stderrData.value, as: UTF8.self),
                      exitCode: process.terminationStatus)
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Stderr bytes handed from the reading thread to the test.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var done = false
    func set(_ value: Data) { lock.withLock { data = value; done = true } }
    var isSet: Bool { lock.withLock { done } }
    var value: Data { lock.withLock { data } }
}
