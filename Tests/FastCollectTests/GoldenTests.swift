// Golden tests: fastcollect's whole output against what real pytest printed.
//
// Fixtures/golden/<case>/tree/...                 the project (the working directory of every run)
// Fixtures/golden/<case>/runs/<NN>-<slug>.args    one argument per line; the file ends with a newline
// Fixtures/golden/<case>/runs/<NN>-<slug>.stdout  pytest 9.0.3's stdout, normalised
// Fixtures/golden/<case>/runs/<NN>-<slug>.exit    pytest's exit code
//
// scripts/make-golden.sh writes .stdout and .exit by running
// `python -m pytest -p no:cacheprovider ARGS` in a temporary copy of the tree.
// Each run here does the same with the built `fastcollect ARGS` (found next to
// the test binary; FASTCOLLECT_BIN overrides): a fresh copy of the tree at
// /tmp/fastcollect-golden-XXXXXXXX/tree (8 characters of [a-z0-9], so the path
// has the length make-golden.py's has: pytest cuts some summary lines at 80
// columns after an absolute path), environment PATH, HOME, LANG=C.UTF-8,
// TERM=dumb, PYTHONDONTWRITEBYTECODE=1, PYTHONIOENCODING=utf-8, PYTHONHASHSEED=0
// (no COLUMNS, no PYTEST_ADDOPTS), stdout not a tty.
//
// Normalisation, identical to scripts/make-golden.py (which documents each rule
// in full; change both together): stdout is taken as UTF-8 bytes (pytest's
// is always valid UTF-8; fastcollect's is not decoded, so invalid UTF-8 is a
// difference), split on "\n", and line by line
//   1. the tree's absolute path (symlinks resolved, and as given) -> `<ROOT>`;
//   2. a line starting with `platform ` -> `platform <PLATFORM>`;
//   3. a line starting with `plugins: ` is dropped;
//   4. a trailing ` in 1.23s` (+ ` (0:00:01)`) before an optional ` ===` fill
//      -> ` in <T>`; a `=… title …=` line is then drawn again at width 80 the
//      way pytest's `sep` draws it (its fill depends on the duration's length);
//   5. in the ERRORS section each `____ ERROR … ____` block keeps its header
//      and only the last body line starting with `E   ` (a body without one is
//      kept whole);
//   6. in the warnings summary, pointers into pytest's own source go:
//      location lines containing `/_pytest/` are dropped,
//      `  …/_pytest/x.py:12: Text` becomes `  Text`, and the four-space
//      indented pytest source lines after it (up to the next empty line) are
//      dropped.
// Then the lines are joined with "\n" again and compared byte for byte, with
// the exit code.

import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Golden output against pytest 9.0.3")
struct GoldenTests {
    @Test("fastcollect prints what pytest prints", arguments: GoldenRun.all)
    func matchesPytest(_ run: GoldenRun) throws {
        let expected = try run.expectedStdout()
        let expectedExit = try run.expectedExit()
        guard let binary = GoldenRun.fastcollectBinary else {
            Issue.record(
                """
                fastcollect executable not found next to the test binary \
                (looked in: \(GoldenRun.binarySearchDirectories.map(\.path).joined(separator: ", "))). \
                Build it (`swift build --product fastcollect`) or set FASTCOLLECT_BIN.
                """)
            return
        }
        let result = try run.runFastcollect(binary: binary)
        let actual = GoldenNormaliser.normalise(result.stdout, roots: result.roots)

        if actual != expected {  // bytes, not String: String == ignores Unicode normalisation differences
            var message = "\(run): stdout differs from pytest's (- pytest, + fastcollect)\n"
            message += "args: \(run.arguments.joined(separator: " "))\n"
            message += GoldenLineDiff.unified(expected: expected, actual: actual)
            if !result.stderr.isEmpty {
                message += "\nfastcollect stderr:\n" + result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                    .prefix(30).joined(separator: "\n")
            }
            Issue.record(Comment(rawValue: message))
        }
        if result.timedOut {
            Issue.record("\(run): fastcollect did not finish within \(Int(GoldenRun.timeout)) s and was killed")
        } else if result.signalled {
            Issue.record("\(run): fastcollect was killed by signal \(result.exitCode), pytest exits \(expectedExit)")
        } else if result.exitCode != expectedExit {
            Issue.record("\(run): exit code \(result.exitCode), pytest exits \(expectedExit)")
        }
    }

    @Test("the golden fixtures are complete")
    func fixturesAreComplete() throws {
        let runs = GoldenRun.all
        #expect(runs.count >= 40, "found only \(runs.count) golden runs under \(GoldenRun.goldenDirectory.path)")
        let cases = Dictionary(grouping: runs, by: \.caseName)
        #expect(cases.count >= 15)
        for (name, caseRuns) in cases {
            let slugs = Set(caseRuns.map(\.runName))
            for required in ["01-q", "02-tree", "03-qq"] {
                #expect(slugs.contains(required), "case \(name) lacks the run \(required)")
            }
            for run in caseRuns {
                #expect(!run.arguments.isEmpty, "\(run) has no arguments")
                _ = try run.expectedStdout()
                _ = try run.expectedExit()
            }
        }
    }

    @Test("normalisation matches scripts/make-golden.py", arguments: GoldenNormaliser.examples.indices)
    func normalisationExample(_ index: Int) {
        let (raw, expected) = GoldenNormaliser.examples[index]
        let once = GoldenNormaliser.normalise(raw, roots: ["/tmp/x/tree"])
        #expect(Array(once.utf8) == Array(expected.utf8), "\(GoldenLineDiff.unified(expected: expected, actual: once))")
        #expect(Array(GoldenNormaliser.normalise(once, roots: ["/tmp/x/tree"]).utf8) == Array(once.utf8), "not idempotent")
    }

    @Test("the line diff shows a one-byte change")
    func diffShowsChange() {
        let diff = GoldenLineDiff.unified(expected: "a\nb\nc\nd\n", actual: "a\nb\nc!\nd\n")
        #expect(diff.contains("-c\n+c!"), "\(diff)")
        #expect(diff.contains("@@ -1,4 +1,4 @@"), "\(diff)")
        #expect(GoldenLineDiff.unified(expected: "x\n", actual: "x").contains("lacks the final newline"))
        #expect(GoldenLineDiff.unified(expected: "x\n", actual: "x\n").contains("no line differs"))
        #expect(GoldenLineDiff.unified(expected: "a\n", actual: "a \n").contains("+a ⏎"))
        #expect(GoldenLineDiff.unified(expected: "a\n", actual: "a\r\n").contains("+a\\r"))
    }
}

/// One golden run: a fixture case's tree plus one `.args` file and its expected output.
struct GoldenRun: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    let caseName: String
    let runName: String
    let treeDirectory: URL
    let runsDirectory: URL
    let arguments: [String]

    var description: String { "\(caseName)/\(runName)" }
    var testDescription: String { description }

    static let timeout: TimeInterval = 60

    static let goldenDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden", isDirectory: true)

    /// Every `<case>/runs/*.args` on disk, sorted by case and run.
    static let all: [GoldenRun] = {
        let fm = FileManager.default
        guard let cases = try? fm.contentsOfDirectory(atPath: goldenDirectory.path) else { return [] }
        var runs: [GoldenRun] = []
        for caseName in cases.sorted() {
            let caseDir = goldenDirectory.appendingPathComponent(caseName, isDirectory: true)
            let tree = caseDir.appendingPathComponent("tree", isDirectory: true)
            let runsDir = caseDir.appendingPathComponent("runs", isDirectory: true)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: tree.path, isDirectory: &isDir), isDir.boolValue,
                  let files = try? fm.contentsOfDirectory(atPath: runsDir.path)
            else { continue }
            for file in files.sorted() where file.hasSuffix(".args") {
                let runName = String(file.dropLast(".args".count))
                let argsText = (try? String(contentsOf: runsDir.appendingPathComponent(file), encoding: .utf8)) ?? ""
                runs.append(GoldenRun(
                    caseName: caseName, runName: runName, treeDirectory: tree,
                    runsDirectory: runsDir, arguments: parseArguments(argsText)))
            }
        }
        return runs
    }()

    /// One argument per line; the final newline ends the last argument.
    static func parseArguments(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        guard bytes.last == 0x0A else { return [] }
        return GoldenNormaliser.split(Array(bytes.dropLast())).map { String(decoding: $0, as: UTF8.self) }
    }

    func expectedStdout() throws -> [UInt8] {
        Array(try Data(contentsOf: runsDirectory.appendingPathComponent(runName + ".stdout")))
    }

    func expectedExit() throws -> Int32 {
        let url = runsDirectory.appendingPathComponent(runName + ".exit")
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let code = Int32(text) else {
            throw GoldenFixtureError.badExitFile(url.path, text)
        }
        return code
    }

    // MARK: locating the executable

    static let binarySearchDirectories: [URL] = {
        var dirs: [URL] = []
        if let first = CommandLine.arguments.first, !first.isEmpty {
            let url = URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let resolved = URL(fileURLWithPath: realPath(url.path) ?? url.path)
            dirs.append(resolved.deletingLastPathComponent())
            dirs.append(url.standardizedFileURL.deletingLastPathComponent())
        }
        dirs.append(Bundle.main.bundleURL)
        dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            dirs.append(bundle.bundleURL.deletingLastPathComponent())
        }
        var seen = Set<String>()
        return dirs.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }()

    static let fastcollectBinary: URL? = {
        if let override = ProcessInfo.processInfo.environment["FASTCOLLECT_BIN"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        for dir in binarySearchDirectories {
            let candidate = dir.appendingPathComponent("fastcollect")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    // MARK: running

    struct Result {
        var stdout: [UInt8]
        var stderr: String
        var exitCode: Int32
        var signalled: Bool
        var timedOut: Bool
        var roots: [String]
    }

    /// Runs fastcollect in a fresh copy of the tree, like make-golden.py runs pytest.
    func runFastcollect(binary: URL) throws -> Result {
        let fm = FileManager.default
        let scratch = try Self.makeScratch()
        defer { try? fm.removeItem(at: scratch) }
        let work = scratch.appendingPathComponent("tree", isDirectory: true)
        try fm.copyItem(at: treeDirectory, to: work)
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: stdoutURL.path, contents: nil)
        _ = fm.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = work
        var environment = Self.environment
        // The cache is on, as for users; its entries stay in the scratch folder.
        environment["FASTCOLLECT_CACHE_DIR"] = scratch.appendingPathComponent("cache").path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        let deadline = Date().addingTimeInterval(Self.timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                process.waitUntilExit()
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()

        let roots = Set([realPath(work.path) ?? work.path, work.path]).sorted { $0.count > $1.count }
        let stdout = Array(try Data(contentsOf: stdoutURL))
        var stderr = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        for root in roots { stderr = stderr.replacingOccurrences(of: root, with: "<ROOT>") }
        return Result(stdout: stdout, stderr: stderr, exitCode: process.terminationStatus,
                      signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut, roots: roots)
    }

    /// `/tmp/fastcollect-golden-` and eight random characters of [a-z0-9], created empty.
    static func makeScratch() throws -> URL {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        while true {
            let name = "fastcollect-golden-" + String((0..<8).map { _ in alphabet.randomElement()! })
            let url = URL(fileURLWithPath: "/tmp", isDirectory: true).appendingPathComponent(name, isDirectory: true)
            if mkdir(url.path, 0o700) == 0 { return url }
            if errno != EEXIST { throw GoldenFixtureError.cannotCreate(url.path, errno) }
        }
    }

    static let environment: [String: String] = {
        let env = ProcessInfo.processInfo.environment
        var result = [
            "PATH": env["PATH"] ?? "/usr/bin:/bin",
            "HOME": env["HOME"] ?? "/tmp",
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONHASHSEED": "0",
        ]
        // A sanitizer build of fastcollect runs with the options `scripts/sanitize.sh` set.
        for key in ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS"] { result[key] = env[key] }
        return result
    }()
}

enum GoldenFixtureError: Error, CustomStringConvertible {
    case badExitFile(String, String)
    case cannotCreate(String, Int32)

    var description: String {
        switch self {
        case let .badExitFile(path, text): "\(path) does not hold an exit code: \(text)"
        case let .cannotCreate(path, code): "cannot create \(path): errno \(code)"
        }
    }
}

private func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// The normalisation of scripts/make-golden.py, rule for rule, on UTF-8 bytes.
enum GoldenNormaliser {
    typealias Bytes = [UInt8]

    static func normalise(_ text: String, roots: [String]) -> String {
        String(decoding: normalise(Bytes(text.utf8), roots: roots), as: UTF8.self)
    }

    /// Works on the raw bytes: pytest's output is always valid UTF-8, so not
    /// decoding is the same as make-golden.py's strict decode, and invalid
    /// UTF-8 from fastcollect stays a difference.
    static func normalise(_ stdout: Bytes, roots: [String]) -> Bytes {
        let rootBytes = roots.filter { !$0.isEmpty }.map { Bytes($0.utf8) }
        let lines = split(stdout)
        var out: [Bytes] = []
        enum Section { case none, errors, warnings }
        var section = Section.none
        var errorBlock: [Bytes]? = nil
        var droppingSource = false

        func flushErrorBlock() {
            guard let block = errorBlock else { return }
            if let last = block.last(where: { hasPrefix($0, "E   ") }) {
                out.append(last)
            } else {
                out.append(contentsOf: block)
            }
            errorBlock = nil
        }

        for raw in lines {
            var line = raw
            for root in rootBytes { line = replace(line, root, with: Bytes("<ROOT>".utf8)) }
            if hasPrefix(line, "platform ") { line = Bytes("platform <PLATFORM>".utf8) }
            if hasPrefix(line, "plugins: ") { continue }
            line = normaliseDuration(line)

            if hasPrefix(line, "====") {
                flushErrorBlock()
                droppingSource = false
                if isSection(line, "ERRORS") {
                    section = .errors
                } else if isSection(line, "warnings summary") {
                    section = .warnings
                } else {
                    section = .none
                }
                out.append(line)
                continue
            }

            switch section {
            case .errors:
                if hasPrefix(line, "____") {
                    flushErrorBlock()
                    out.append(line)
                    errorBlock = []
                } else if errorBlock != nil {
                    errorBlock!.append(line)
                } else {
                    out.append(line)
                }
            case .warnings:
                if hasPrefix(line, "-- Docs:") {
                    section = .none
                    droppingSource = false
                    out.append(line)
                    continue
                }
                if droppingSource {
                    if line.isEmpty {
                        droppingSource = false
                    } else if hasPrefix(line, "    ") {
                        continue
                    }
                }
                if find(line, Bytes("/_pytest/".utf8), from: 0) != nil {
                    if let rewritten = rewritePytestPointer(line) {
                        out.append(rewritten)
                        droppingSource = true
                    }
                    continue
                }
                out.append(line)
            case .none:
                out.append(line)
            }
        }
        flushErrorBlock()

        var joined = Bytes()
        for (index, line) in out.enumerated() {
            if index > 0 { joined.append(0x0A) }
            joined.append(contentsOf: line)
        }
        return joined
    }

    /// Rule 4: ` in 1.23s`, optionally ` (0:00:01)`, optionally ` ===`, at the end of a line;
    /// a `=… title …=` line is drawn again as pytest's `sep` would draw it with the new title.
    static func normaliseDuration(_ line: Bytes) -> Bytes {
        guard let at = findLast(line, Bytes(" in ".utf8)) else { return line }
        var rest = Bytes(line[(at + 4)...])
        var fill = Bytes()
        var stripped = rest
        while stripped.last == UInt8(ascii: "=") { stripped.removeLast() }
        if stripped.count != rest.count {
            guard stripped.last == UInt8(ascii: " ") else { return line }
            fill = Bytes(rest[(stripped.count - 1)...])
            rest = Bytes(stripped.dropLast())
        }
        if let paren = find(rest, Bytes(" (".utf8), from: 0) {
            let inner = Bytes(rest[(paren + 2)...])
            guard inner.last == UInt8(ascii: ")") else { return line }
            let clock = inner.dropLast()
            guard !clock.isEmpty, clock.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ":") }) else { return line }
            rest = Bytes(rest[..<paren])
        }
        guard rest.last == UInt8(ascii: "s") else { return line }
        let number = rest.dropLast()
        guard let dot = number.firstIndex(of: UInt8(ascii: ".")) else { return line }
        let whole = number[number.startIndex..<dot]
        let fraction = number[(dot + 1)...]
        guard !whole.isEmpty, whole.allSatisfy(isDigit), fraction.count == 2, fraction.allSatisfy(isDigit) else {
            return line
        }
        let new = Bytes(line[..<at]) + Bytes(" in <T>".utf8)
        guard !fill.isEmpty else { return new }
        // A `sep("=", title)` line: draw it again at width 80 for the new title.
        let lead = line.prefix(while: { $0 == UInt8(ascii: "=") }).count
        guard lead > 0, lead < line.count, line[lead] == UInt8(ascii: " "), lead + 1 <= at else { return new + fill }
        let title = Bytes(new[(lead + 1)...])
        let titleLength = String(decoding: title, as: UTF8.self).unicodeScalars.count
        let n = max((80 - titleLength - 2) / 2, 1)
        let bar = Bytes(repeating: UInt8(ascii: "="), count: n)
        var drawn = bar + [UInt8(ascii: " ")] + title + [UInt8(ascii: " ")] + bar
        if titleLength + 2 + 2 * n + 1 <= 80 { drawn.append(UInt8(ascii: "=")) }
        return drawn
    }

    /// `=… title …=` as written by pytest's `sep("=", title)`.
    static func isSection(_ line: Bytes, _ title: String) -> Bool {
        guard line.first == UInt8(ascii: "=") else { return false }
        var inner = line[...]
        while inner.first == UInt8(ascii: "=") { inner = inner.dropFirst() }
        while inner.last == UInt8(ascii: "=") { inner = inner.dropLast() }
        return Bytes(inner) == Bytes(" \(title) ".utf8)
    }

    /// Rule 6: `  /x/_pytest/y.py:12: Text` -> `  Text`; nil when the line is not of that shape.
    static func rewritePytestPointer(_ line: Bytes) -> Bytes? {
        guard hasPrefix(line, "  "), !hasPrefix(line, "   ") else { return nil }
        let body = Bytes(line.dropFirst(2))
        var search = 0
        while let colon = find(body, [UInt8(ascii: ":")], from: search) {
            var end = colon + 1
            while end < body.count, isDigit(body[end]) { end += 1 }
            if end > colon + 1, end + 2 <= body.count,
               body[end] == UInt8(ascii: ":"), body[end + 1] == UInt8(ascii: " ") {
                return Bytes("  ".utf8) + Bytes(body[(end + 2)...])
            }
            search = colon + 1
        }
        return nil
    }

    // MARK: byte helpers

    static func split(_ bytes: Bytes) -> [Bytes] {
        var lines: [Bytes] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(Bytes(bytes[start..<index]))
            start = index + 1
        }
        lines.append(Bytes(bytes[start...]))
        return lines
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func hasPrefix(_ line: Bytes, _ prefix: String) -> Bool {
        let p = Bytes(prefix.utf8)
        return line.count >= p.count && Bytes(line[..<p.count]) == p
    }

    static func find(_ haystack: Bytes, _ needle: Bytes, from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], Bytes(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func findLast(_ haystack: Bytes, _ needle: Bytes) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if Bytes(haystack[i..<(i + needle.count)]) == needle { return i }
            i -= 1
        }
        return nil
    }

    /// Left to right, non-overlapping, like Python's `str.replace`.
    static func replace(_ line: Bytes, _ needle: Bytes, with replacement: Bytes) -> Bytes {
        guard let first = find(line, needle, from: 0) else { return line }
        var out = Bytes(line[..<first])
        var i = first
        while let hit = find(line, needle, from: i) {
            out.append(contentsOf: line[i..<hit])
            out.append(contentsOf: replacement)
            i = hit + needle.count
        }
        out.append(contentsOf: line[i...])
        return out
    }

    /// The same examples as SELF_TESTS in scripts/make-golden.py (root `/tmp/x/tree`).
    static let examples: [(String, String)] = [
        (
            "=========== test session starts ===========\n"
                + "platform linux -- Python 3.11.7, pytest-9.0.3, pluggy-1.7.0\n"
                + "rootdir: /tmp/x/tree\n"
                + "plugins: anyio-4.0.0\n"
                + "collected 1 item\n"
                + "\n"
                + "<Dir tree>\n"
                + "  <Module test_a.py>\n"
                + "    <Function test_x[ran in 1.00s]>\n"
                + "\n"
                + "=========== 1 test collected in 0.01s ============\n",
            "=========== test session starts ===========\n"
                + "platform <PLATFORM>\n"
                + "rootdir: <ROOT>\n"
                + "collected 1 item\n"
                + "\n"
                + "<Dir tree>\n"
                + "  <Module test_a.py>\n"
                + "    <Function test_x[ran in 1.00s]>\n"
                + "\n"
                + "=========================== 1 test collected in <T> ============================\n"
        ),
        (
            "==== ERRORS ====\n"
                + "____ ERROR collecting test_bad.py ____\n"
                + "/venv/lib/_pytest/python.py:507: in importtestmodule\n"
                + "    mod = import_path(\n"
                + "E     File \"/tmp/x/tree/test_bad.py\", line 1\n"
                + "E       def test_x(:\n"
                + "E                  ^\n"
                + "E   SyntaxError: invalid syntax\n"
                + "____ ERROR collecting test_none.py ____\n"
                + "'yield' keyword is allowed in fixtures, but not in tests (test_gen)\n"
                + "==== warnings summary ====\n"
                + "../../venv/lib/python3.11/site-packages/_pytest/config/__init__.py:1434\n"
                + "  /venv/lib/python3.11/site-packages/_pytest/config/__init__.py:1434: PytestConfigWarning: Unknown config option: x\n"
                + "  \n"
                + "    self._warn_or_fail_if_strict(f\"Unknown config option: {key}\\n\")\n"
                + "\n"
                + "test_a.py:4\n"
                + "  /tmp/x/tree/test_a.py:4: PytestCollectionWarning: cannot collect 'TestC'\n"
                + "    class TestC:\n"
                + "\n"
                + "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n"
                + "==== short test summary info ====\n"
                + "ERROR test_bad.py\n"
                + "!!!! Interrupted: 1 error during collection !!!!\n"
                + "1 test collected, 1 error in 12.34s (0:00:12)\n"
                + "= not a sep line in 1.00s =x\n"
                + "====== 12 tests collected in 123.45s (0:02:03) =====\n",
            "==== ERRORS ====\n"
                + "____ ERROR collecting test_bad.py ____\n"
                + "E   SyntaxError: invalid syntax\n"
                + "____ ERROR collecting test_none.py ____\n"
                + "'yield' keyword is allowed in fixtures, but not in tests (test_gen)\n"
                + "==== warnings summary ====\n"
                + "  PytestConfigWarning: Unknown config option: x\n"
                + "  \n"
                + "\n"
                + "test_a.py:4\n"
                + "  <ROOT>/test_a.py:4: PytestCollectionWarning: cannot collect 'TestC'\n"
                + "    class TestC:\n"
                + "\n"
                + "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n"
                + "==== short test summary info ====\n"
                + "ERROR test_bad.py\n"
                + "!!!! Interrupted: 1 error during collection !!!!\n"
                + "1 test collected, 1 error in <T>\n"
                + "= not a sep line in 1.00s =x\n"
                + "========================== 12 tests collected in <T> ===========================\n"
        ),
    ]
}

/// A small unified line diff (longest common subsequence, three lines of context).
enum GoldenLineDiff {
    static func unified(expected: String, actual: String, context: Int = 3) -> String {
        unified(expected: Array(expected.utf8), actual: Array(actual.utf8), context: context)
    }

    /// Lines are compared as bytes and decoded only for display.
    static func unified(expected: [UInt8], actual: [UInt8], context: Int = 3) -> String {
        let a = lines(expected)
        let b = lines(actual)
        var header = "--- pytest (expected)\n+++ fastcollect (actual)\n"
        if (expected.last == 0x0A) != (actual.last == 0x0A) {
            header += "(one side lacks the final newline)\n"
        }
        guard a.count * b.count <= 4_000_000 else {
            return header + "(outputs too long to diff: \(a.count) vs \(b.count) lines)\n"
        }
        // lcs[i][j]: length of the LCS of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(Int, Int), del(Int), ins(Int) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append(.same(i, j)); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                ops.append(.del(i)); i += 1
            } else {
                ops.append(.ins(j)); j += 1
            }
        }
        // Group changes with their context into hunks.
        let changed = ops.indices.filter { if case .same = ops[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return header + "(no line differs)\n" }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(ops.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        var out = header
        for hunk in hunks {
            var aStart = -1, bStart = -1, aCount = 0, bCount = 0
            var body = ""
            for op in ops[hunk] {
                switch op {
                case let .same(x, y):
                    if aStart < 0 { aStart = x }; if bStart < 0 { bStart = y }
                    aCount += 1; bCount += 1
                    body += " \(String(decoding: a[x], as: UTF8.self))\n"
                case let .del(x):
                    if aStart < 0 { aStart = x }
                    aCount += 1
                    body += "-\(visible(a[x]))\n"
                case let .ins(y):
                    if bStart < 0 { bStart = y }
                    bCount += 1
                    body += "+\(visible(b[y]))\n"
                }
            }
            out += "@@ -\(max(aStart, 0) + 1),\(aCount) +\(max(bStart, 0) + 1),\(bCount) @@\n" + body
        }
        return out
    }

    /// A changed line with control characters escaped and trailing whitespace marked by `⏎`.
    private static func visible(_ bytes: [UInt8]) -> String {
        let line = String(decoding: bytes, as: UTF8.self)
        var out = ""
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        if bytes.last == UInt8(ascii: " ") { out += "⏎" }
        return out
    }

    /// The lines of a text; a final newline ends the last line rather than starting an empty one.
    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts = GoldenNormaliser.split(bytes)
        if bytes.last == 0x0A { parts.removeLast() }
        return parts
    }
}
