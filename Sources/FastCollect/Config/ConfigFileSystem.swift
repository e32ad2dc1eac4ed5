#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few `pathlib`/`open` operations discovery needs, with Python's answers on errors.
enum ConfigFileSystem {
    private static func statMode(_ path: String) -> mode_t? {
        if path.utf8.contains(0) { return nil }
        var st = stat()
        guard DirectoryLister.recordedStat(path, &st, .kind) == 0 else { return nil }
        return st.st_mode
    }

    /// `Path.exists()` (follows symlinks; false on any error).
    static func exists(_ path: String) -> Bool { statMode(path) != nil }

    /// `Path.is_file()`.
    static func isFile(_ path: String) -> Bool {
        guard let mode = statMode(path) else { return false }
        return (mode & S_IFMT) == S_IFREG
    }

    /// `Path.is_dir()`.
    static func isDirectory(_ path: String) -> Bool {
        guard let mode = statMode(path) else { return false }
        return (mode & S_IFMT) == S_IFDIR
    }

    /// `open(path, encoding="utf-8").read()`: strict UTF-8, universal newlines.
    static func readText(_ path: String) throws(ConfigError) -> String {
        let bytes = try readBytes(path)
        let decoded = bytes.withUnsafeBufferPointer { ConfigText.decodeUTF8($0) }
        switch decoded {
        case let .success(text):
            return ConfigText.translateNewlines(text)
        case let .failure(failure):
            throw .notUTF8(path: path, message: failure.message)
        }
    }

    static func readBytes(_ path: String) throws(ConfigError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            if InputLog.isRecording { InputLog.note(path, FileStamp.of(path)) }
            throw code == ENOENT ? .missingConfigFile(path: path) : .unreadableFile(path: path, errno: code)
        }
        defer { close(fd) }
        if InputLog.isRecording { InputLog.note(path, FileStamp.of(descriptor: fd)) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .unreadableFile(path: path, errno: code)
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}
