import FastCollect
#if canImport(Glibc)
import Glibc
#endif

/// Writes whole strings (or bytes) to stdout and stderr with `write(2)`, retrying short writes.
enum Output {
    static func out(_ text: String) { write(text, to: STDOUT_FILENO) }
    static func err(_ text: String) { write(text, to: STDERR_FILENO) }
    static func out(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0, to: STDOUT_FILENO) } }
    static func err(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0, to: STDERR_FILENO) } }

    private static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { write($0, to: fd) }
    }

    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

typealias Clock = MonotonicClock

/// `--parallel-workers=auto`: the cores this process may use.
enum WorkerCount {
    static var auto: Int {
        let count = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, count)
    }
}
