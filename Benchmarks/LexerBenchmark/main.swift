// fastcollect-lexbench DIR [--runs N] [--warmup N]
//
// Reads every .py file below DIR into memory, then times, on one thread, the lexer alone
// (`Lexer.next()` to the end of each file) and the declaration reader (`ModuleScanner.scan`)
// over all of them, and prints the median, min and max throughput in MB/s (10^6 bytes/s).
// Rates are measured on the wall clock and on the thread's CPU clock (`cpu_…`: what one core
// does, less disturbed by other processes). One line per stage, key=value pairs, for
// Benchmarks/run.py:
//   lexbench stage=lexer files=1936 bytes=12405560 runs=7 median_mbps=… min_mbps=… max_mbps=…
//     cpu_median_mbps=… cpu_min_mbps=… cpu_max_mbps=… tokens=2197765

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModuleScanner

/// The command line: a directory, how many timed runs and warm-up runs.
struct LexBenchOptions {
    var directory = ""
    var runs = 7
    var warmup = 1

    static func parse(_ arguments: [String]) -> LexBenchOptions? {
        var options = LexBenchOptions()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--runs", "--warmup":
                index += 1
                guard index < arguments.count, let value = Int(arguments[index]), value >= 0 else { return nil }
                if argument == "--runs" { options.runs = max(1, value) } else { options.warmup = value }
            default:
                if argument.hasPrefix("-") || !options.directory.isEmpty { return nil }
                options.directory = argument
            }
            index += 1
        }
        return options.directory.isEmpty ? nil : options
    }
}

/// Every .py file below a directory, read whole, in a stable order (names sorted per folder).
func readPythonFiles(below root: String) -> [[UInt8]] {
    var files: [[UInt8]] = []
    var pending = [root]
    var visited = 0
    while let directory = pending.popLast() {
        visited += 1
        if visited > 1_000_000 { break }
        guard let handle = opendir(directory) else { continue }
        var names: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            var info = stat()
            // lstat: symlinked folders are not followed, so a loop cannot hold us.
            guard lstat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                names.append((name, true))
            } else if kind == S_IFREG, name.hasSuffix(".py") {
                names.append((name, false))
            }
        }
        closedir(handle)
        names.sort { $0.name < $1.name }
        for entry in names where !entry.isDirectory {
            if let bytes = readWhole(directory + "/" + entry.name) { files.append(bytes) }
        }
        for entry in names.reversed() where entry.isDirectory {
            pending.append(directory + "/" + entry.name)
        }
    }
    return files
}

func readWhole(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    let size = Int(info.st_size)
    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    while filled < size {
        let got = bytes.withUnsafeMutableBytes { buffer in
            read(descriptor, buffer.baseAddress! + filled, size - filled)
        }
        if got <= 0 { break }
        filled += got
    }
    if filled < size { bytes.removeLast(size - filled) }
    return bytes
}

/// Seconds on the monotonic clock (wall) or of this thread's CPU time, which a busy shared
/// machine disturbs less.
func now(_ clock: clockid_t) -> Double {
    var spec = timespec()
    clock_gettime(clock, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Lexes every file to its end; returns the number of tokens (so the work cannot be elided).
func lexAll(_ files: [[UInt8]]) -> Int {
    var tokens = 0
    for file in files {
        file.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            while lexer.next().kind != .endOfFile { tokens &+= 1 }
        }
    }
    return tokens
}

/// Reads the declarations of every file; returns the number of module-level members.
func scanAll(_ files: [[UInt8]]) -> Int {
    var members = 0
    for file in files {
        members &+= file.withUnsafeBufferPointer { ModuleScanner.scan($0).members.count }
    }
    return members
}

func measure(
    stage: String, files: [[UInt8]], bytes: Int, options: LexBenchOptions, body: ([[UInt8]]) -> Int
) {
    var count = 0
    for _ in 0..<options.warmup { count = body(files) }
    var wallRates: [Double] = []
    var cpuRates: [Double] = []
    for _ in 0..<options.runs {
        let wallStart = now(CLOCK_MONOTONIC)
        let cpuStart = now(CLOCK_THREAD_CPUTIME_ID)
        count = body(files)
        let cpuSeconds = max(now(CLOCK_THREAD_CPUTIME_ID) - cpuStart, 1e-9)
        let wallSeconds = max(now(CLOCK_MONOTONIC) - wallStart, 1e-9)
        wallRates.append(Double(bytes) / wallSeconds / 1e6)
        cpuRates.append(Double(bytes) / cpuSeconds / 1e6)
    }
    wallRates.sort()
    cpuRates.sort()
    let countName = stage == "lexer" ? "tokens" : "members"
    print(
        "lexbench stage=\(stage) files=\(files.count) bytes=\(bytes) runs=\(options.runs)"
            + " median_mbps=\(format(median(wallRates))) min_mbps=\(format(wallRates.first!))"
            + " max_mbps=\(format(wallRates.last!)) cpu_median_mbps=\(format(median(cpuRates)))"
            + " cpu_min_mbps=\(format(cpuRates.first!)) cpu_max_mbps=\(format(cpuRates.last!))"
            + " \(countName)=\(count)")
}

func median(_ sorted: [Double]) -> Double {
    sorted.count % 2 == 1
        ? sorted[sorted.count / 2]
        : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func printError(_ message: String) {
    var line = Array((message + "\n").utf8)
    _ = line.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

func format(_ value: Double) -> String {
    let scaled = (value * 10).rounded() / 10
    return String(scaled)
}

guard let options = LexBenchOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
    printError("usage: fastcollect-lexbench DIR [--runs N] [--warmup N]")
    exit(4)
}
let files = readPythonFiles(below: options.directory)
let bytes = files.reduce(0) { $0 + $1.count }
guard bytes > 0 else {
    printError("fastcollect-lexbench: no .py bytes below \(options.directory)")
    exit(5)
}
measure(stage: "lexer", files: files, bytes: bytes, options: options, body: lexAll)
measure(stage: "scanner", files: files, bytes: bytes, options: options, body: scanAll)
