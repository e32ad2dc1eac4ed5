import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `fastcollect` with its collection cache on: a second run prints the first run's
/// output from the cache, and every edit to the tree shows in the next run exactly as a run
/// without the cache (`-p no:cacheprovider`) shows it.
struct CollectionCacheCommandTests {
    private struct Run {
        var stdout: String
        var stderr: String
        var exitCode: Int32

        /// stdout without the summary's time (`… in 0.01s`).
        var lines: [String] {
            stdout.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                guard let range = line.range(of: " in ", options: .backwards) else { return String(line) }
                return String(line[..<range.lowerBound])
            }
        }
    }

    /// The built executable, a tree of `files` and an empty cache folder, once the files are
    /// old enough for the cache to trust (files changed less than two seconds before a run are
    /// never trusted to it); nil, with an issue, when there is no executable.
    private static func prepare(_ files: [String: String]) throws -> (binary: URL, root: String, cache: String)? {
        guard let binary = GoldenRun.fastcollectBinary else {
            Issue.record("fastcollect executable not found; build it or set FASTCOLLECT_BIN")
            return nil
        }
        let root = try TemporaryTree.make(files)
        let cache = TemporaryTree.make()
        usleep(2_100_000)
        return (binary, root, cache)
    }

    private func run(_ binary: URL, _ arguments: [String], in directory: String, cache: String) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = GoldenRun.environment
        environment["FASTCOLLECT_CACHE_DIR"] = cache
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
            exitCode: process.terminationStatus)
    }

    @Test("a repeated run is served from the cache; edits, new and removed files show at once")
    func repeatedRunsAndEdits() throws {
        guard
            let (binary, root, cache) = try Self.prepare([
                "tests/test_a.py": "def test_one(): pass\n",
                "tests/test_b.py": "from helpers import Base\n\n\nclass Checks(Base):\n    def test_x(self): pass\n",
            ])
        else { return }
        let arguments = ["--collect-only", "-q", "--timings", "tests"]
        func cold() throws -> Run { try run(binary, arguments + ["-p", "no:cacheprovider"], in: root, cache: cache) }

        let first = try run(binary, arguments, in: root, cache: cache)
        #expect(first.stderr.contains("fastcollect: result cached ("), "\(first.stderr)")
        #expect(first.lines == ["tests/test_a.py::test_one", "", "1 test collected", ""])
        let second = try run(binary, arguments, in: root, cache: cache)
        #expect(second.stderr.contains("cache hit"), "\(second.stderr)")
        #expect(second.lines == first.lines)
        #expect(second.exitCode == first.exitCode)
        let json = arguments.filter { $0 != "-q" } + ["--format=json"]
        _ = try run(binary, json, in: root, cache: cache)
        #expect(try run(binary, json, in: root, cache: cache).stderr.contains("cache hit"))
        // Files beside the tests that no answer depended on (pytest's own cache, coverage data).
        try TemporaryTree.write(root + "/.coverage", "\n")
        try TemporaryTree.write(root + "/.pytest_cache/v/cache/nodeids", "[]\n")
        let unrelated = try run(binary, arguments, in: root, cache: cache)
        #expect(unrelated.stderr.contains("cache hit"), "\(unrelated.stderr)")
        #expect(unrelated.lines == first.lines)
        // A module beside `tests`: not collected, so `-q` still holds; JSON lists every module
        // a listing made, so its entry is stale.
        try TemporaryTree.write(root + "/test_beside.py", "def test_beside(): pass\n")
        #expect(try run(binary, arguments, in: root, cache: cache).stderr.contains("cache hit"))
        let jsonAfter = try run(binary, json, in: root, cache: cache)
        #expect(jsonAfter.stderr.contains("cached result stale (\(root) changed)"), "\(jsonAfter.stderr)")
        #expect(jsonAfter.stdout.contains("test_beside.py"))

        try TemporaryTree.write(root + "/tests/test_a.py", "def test_one(): pass\n\n\ndef test_two(): pass\n")
        let edited = try run(binary, arguments, in: root, cache: cache)
        #expect(edited.stderr.contains("cached result stale (\(root)/tests/test_a.py changed)"), "\(edited.stderr)")
        #expect(edited.lines.contains("tests/test_a.py::test_two"))
        #expect(edited.lines == (try cold()).lines)

        // `helpers` was missing: now it makes `Checks` a TestCase.
        try TemporaryTree.write(root + "/tests/helpers.py", "import unittest\n\n\nclass Base(unittest.TestCase):\n    pass\n")
        let imported = try run(binary, arguments, in: root, cache: cache)
        #expect(imported.lines.contains("tests/test_b.py::Checks::test_x"), "\(imported.stdout)")
        #expect(imported.lines == (try cold()).lines)

        TemporaryTree.remove(root + "/tests/test_a.py")
        let removed = try run(binary, arguments, in: root, cache: cache)
        #expect(!removed.stdout.contains("test_a.py"))
        #expect(removed.lines == (try cold()).lines)
    }

    /// The virtualenv checks read a folder's listing instead of `stat`ing `pyvenv.cfg` and
    /// `conda-meta/history`; what they looked at must still be an input of the cached result.
    @Test("a folder that stops or starts being a virtualenv shows at once")
    func virtualenvFolders() throws {
        guard
            let (binary, root, cache) = try Self.prepare([
                "tests/test_a.py": "def test_one(): pass\n",
                "tests/env/pyvenv.cfg": "home = /usr/bin\n",
                "tests/env/test_env.py": "def test_env(): pass\n",
                "tests/conda/conda-meta/other.json": "{}\n",
                "tests/conda/test_conda.py": "def test_conda(): pass\n",
            ])
        else { return }
        let arguments = ["--collect-only", "-q", "--timings", "tests"]
        func cold() throws -> Run { try run(binary, arguments + ["-p", "no:cacheprovider"], in: root, cache: cache) }

        let first = try run(binary, arguments, in: root, cache: cache)
        #expect(first.lines == ["tests/conda/test_conda.py::test_conda", "tests/test_a.py::test_one", "", "2 tests collected", ""])
        #expect(try run(binary, arguments, in: root, cache: cache).stderr.contains("cache hit"))

        TemporaryTree.remove(root + "/tests/env/pyvenv.cfg")
        let unvenved = try run(binary, arguments, in: root, cache: cache)
        #expect(unvenved.stderr.contains("cached result stale"), "\(unvenved.stderr)")
        #expect(unvenved.lines.contains("tests/env/test_env.py::test_env"))
        #expect(unvenved.lines == (try cold()).lines)

        usleep(2_100_000)
        _ = try run(binary, arguments, in: root, cache: cache)
        try TemporaryTree.write(root + "/tests/conda/conda-meta/history", "\n")
        let conda = try run(binary, arguments, in: root, cache: cache)
        #expect(conda.stderr.contains("cached result stale"), "\(conda.stderr)")
        #expect(!conda.stdout.contains("test_conda"))
        #expect(conda.lines == (try cold()).lines)
    }

    @Test("-p no:cacheprovider neither reads nor writes the cache")
    func cacheProviderOff() throws {
        guard let (binary, root, cache) = try Self.prepare(["test_a.py": "def test_one(): pass\n"]) else { return }
        let result = try run(binary, ["--collect-only", "-q", "--timings", "-p", "no:cacheprovider"], in: root, cache: cache)
        #expect(result.lines == ["test_a.py::test_one", "", "1 test collected", ""])
        #expect(!result.stderr.contains("cache"), "\(result.stderr)")
        #expect((try FileManager.default.contentsOfDirectory(atPath: cache)).isEmpty)
    }
}
