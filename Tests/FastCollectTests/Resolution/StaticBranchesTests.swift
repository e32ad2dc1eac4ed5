import Foundation
import Testing

@testable import FastCollect

/// What the environment's `pyvenv.cfg` tells about a module's own code: `sys.version_info` in
/// branch conditions (otherwise not known: the tests under it are kept and reported), and
/// whether `pytest.importorskip` finds its module. Run as a process, since the environment is
/// the session's.
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

    private func collect(
        version: String?, module: String = StaticBranchesTests.module, extraConfig: String = "",
        arguments: [String] = ["--collect-only", "-q", "-p", "no:cacheprovider", "--report-dynamic"]
    ) throws -> (stdout: String, stderr: String) {
        guard let binary = GoldenRun.fastcollectBinary else {
            Issue.record("fastcollect executable not found; build it or set FASTCOLLECT_BIN")
            return ("", "")
        }
        let root = try TemporaryTree.make(["project/test_version.py": module])
        var environment = GoldenRun.environment
        if let version {
            // An interpreter with its standard library, and a virtualenv made from it.
            try TemporaryTree.write(root + "/python/lib/python3.11/os.py", "")
            try TemporaryTree.write(root + "/venv/lib/python3.11/site-packages/installed.py", "")
            try TemporaryTree.write(
                root + "/venv/pyvenv.cfg", "home = \(root)/python/bin\nversion = \(version)\n" + extraConfig)
            environment["VIRTUAL_ENV"] = root + "/venv"
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
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

    /// `pytest.importorskip` of a module found nowhere skips the module in a closed environment
    /// (`include-system-site-packages = false`); elsewhere it is kept and reported.
    @Test func importorskipOfAMissingModule() throws {
        let module = """
            import pytest
            missing = pytest.importorskip("not_installed_anywhere")

            def test_needs_it(): pass

            """
        let closed = try collect(version: "3.11.7", module: module, extraConfig: "include-system-site-packages = false\n")
        #expect(closed.stdout.hasPrefix("\nno tests collected"))
        let json = try collect(
            version: "3.11.7", module: module, extraConfig: "include-system-site-packages = false\n",
            arguments: ["--collect-only", "--format=json", "-p", "no:cacheprovider"])
        #expect(json.stdout.contains("\"skipped\": 1"))
        #expect(json.stdout.contains("\"order_sensitive\": false, \"skipped\": true"))
        let open = try collect(version: "3.11.7", module: module, extraConfig: "include-system-site-packages = true\n")
        #expect(open.stdout.hasPrefix("test_version.py::test_needs_it\n"))
        #expect(open.stdout.contains("pytest.importorskip(\"not_installed_anywhere\") on line 2: whether it imports is not known"))
    }
}
