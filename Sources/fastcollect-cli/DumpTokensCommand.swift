import ModuleScanner

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fastcollect --dump-tokens PATH…`: prints each file's tokens as CPython 3.11's `tokenize`
/// lists them, under a `==> PATH` header (a debugging aid and the input of `scripts/check-tokenize.py`).
enum DumpTokensCommand {
    static func run(paths: [String]) -> Int32 {
        var status: Int32 = 0
        for path in paths {
            guard let bytes = readFile(path) else {
                FileHandleOutput.standardError("fastcollect: cannot read \(path)\n")
                status = 2
                continue
            }
            let dump = bytes.withUnsafeBufferPointer { TokenDump.tokenizeLines(source: $0) }
            FileHandleOutput.standardOutput("==> \(path)\n")
            FileHandleOutput.standardOutput(dump)
        }
        return status
    }

    /// Reads a whole file with one `read` after sizing it with `fstat`.
    private static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, size - filled) }
            if got <= 0 { break }
            filled += got
        }
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }
}

private enum FileHandleOutput {
    static func standardOutput(_ text: String) { write(text, to: 1) }
    static func standardError(_ text: String) { write(text, to: 2) }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var written = 0
            while written < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result <= 0 { return }
                written += result
            }
        }
    }
}
