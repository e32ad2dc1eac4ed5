#if canImport(Glibc)
import Glibc
#endif

/// Small file trees under /tmp for tests, written with POSIX calls.
enum TemporaryTree {
    static func make() -> String {
        var template = Array("/tmp/fastcollect-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        return path.map { String(cString: $0) } ?? "/tmp"
    }

    static func write(_ path: String, _ text: String) throws {
        var directory = ""
        for part in path.split(separator: "/").dropLast() {
            directory += "/" + part
            mkdir(directory, 0o755)
        }
        guard let file = fopen(path, "w") else { throw WriteError(path: path) }
        defer { fclose(file) }
        _ = text.withCString { fputs($0, file) }
    }

    struct WriteError: Error {
        var path: String
    }
}
