import Foundation
import Testing

@testable import FastCollect

/// `sys.version_info` in branch conditions: known from the environment's `pyvenv.cfg`, and
/// otherwise not known (the tests under it are kept and reported). Run as a process, since the
/// interpreter version is the session's.
@Suite struct StaticBranchesTests {
    static let module = """
        import sys

        if sys.version_info < (3,):
            def test_py2(): pass
        if sys.version_info[:2] >= (3, 11):
            def test_since_311(): pass
        if sys.version_info.major == 3 and sys.version_info.minor > 11:
            def test_since_312(): pass

        """

    private func collect(version: String?) throws -> (stdout: String, stderr: String) {
        guard let binary = GoldenRun.fastcollectBinary else {
            Issue.record("fastcollect executable not found; build it or set FASTCOLLECT_BIN")
            return ("", "")
        }
        let root = try TemporaryTree.make(["project/test_version.py": Self.module])
        var environment = GoldenRun.environment
        if let version {
            try TemporaryTree.write(root + "/venv/pyvenv.cfg", "home = /usr/bin\nversion = \(version)\n")
            environment["VIRTUAL_ENV"] = root + "/venv"
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--collect-only", "-q", "-p", "no:cacheprovider", "--report-dynamic"]
        process.currentDirectoryURL = URL(fileURLWithPath: root + "/project")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func versionFromTheEnvironmentSettlesTheBranches() throws {
        let (stdout, _) = try collect(version: "3.11.7")
        let ids = stdout.split(separator: "\n").filter { $0.contains("::") }
        #expect(ids == ["test_version.py::test_since_311"])
        #expect(stdout.contains("none\n0 files with tests that could not be expanded statically"))
    }

    @Test func withoutAnEnvironmentTheTestsAreKeptAndReported() throws {
        let (stdout, _) = try collect(version: nil)
        let ids = stdout.split(separator: "\n").filter { $0.contains("::") }
        #expect(ids == ["test_version.py::test_py2", "test_version.py::test_since_311", "test_version.py::test_since_312"])
        #expect(stdout.contains("test_py2 is defined on line 4 under a condition that is not known statically"))
    }
}
