import Glibc
import ModuleScanner

/// `fastcollect --dump-tokens PATH…`: prints each file's tokens as CPython 3.11's `tokenize`
/// lists them, under a `==> PATH` header (a debugging aid and the input of `scripts/check-tokenize.py`).
enum DumpTokensCommand {
    static func run(paths: [String]) -> Int32 {
        var status: Int32 = 0
        for path in paths {
            guard let bytes = readFile(path) else {
                write("fastcollect: cannot read \(path)\n", to: 2)
                status = 2
                continue
            }
            let dump = bytes.withUnsafeBufferPointer { TokenDump.tokenizeLines(source: $0) }
            write("==> \(path)\n", to: 1)
            write(dump, to: 1)
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
        let size = max(0, Int(info.st_size))
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(descriptor, base + filled, size - filled)
            }
            if got <= 0 { break }
            filled += got
        }
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                let result = Glibc.write(descriptor, base + written, buffer.count - written)
                if result <= 0 { return }
                written += result
            }
        }
    }
}
