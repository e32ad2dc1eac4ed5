#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one file, read with a single `read` into one buffer (plus a short loop for
/// files that grow or arrive in pieces), or the reason it could not be read.
public enum SourceFile {
    /// Why a file could not be read.
    public enum ReadError: Error, Sendable, Equatable {
        case notFound
        case permissionDenied
        case isDirectory
        case other(errno: Int32)

        /// The `OSError` subclass Python raises for this errno.
        public var exceptionName: String {
            switch self {
            case .notFound: return "FileNotFoundError"
            case .permissionDenied: return "PermissionError"
            case .isDirectory: return "IsADirectoryError"
            case .other: return "OSError"
            }
        }

        /// The text Python's `OSError` would show for this errno.
        public var message: String {
            switch self {
            case .notFound: return "[Errno 2] No such file or directory"
            case .permissionDenied: return "[Errno 13] Permission denied"
            case .isDirectory: return "[Errno 21] Is a directory"
            case .other(let code): return "[Errno \(code)] \(String(cString: strerror(code)))"
            }
        }
    }

    /// Reads the whole file at `path`, noting it in the input log.
    public static func read(path: String) -> Result<[UInt8], ReadError> {
        let (result, stamp) = readStamped(path: path)
        InputLog.note(path, stamp)
        return result
    }

    /// Reads the whole file at `path`; the stamp is what `stat(path)` says of the file read
    /// (or of the path, when it could not be opened).
    public static func readStamped(path: String) -> (Result<[UInt8], ReadError>, FileStamp) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            return (.failure(error(code)), FileStamp.of(path))
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 {
            let code = errno
            return (.failure(error(code)), FileStamp(error: code))
        }
        let stamp = FileStamp(info)
        return (readOpen(fd, info), stamp)
    }

    private static func readOpen(_ fd: Int32, _ info: stat) -> Result<[UInt8], ReadError> {
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
        // One `read` of the size `fstat` gave, plus one byte: a regular file that returns
        // exactly its size has ended, and needs no second call to say so.
        let size = max(Int(info.st_size), 0)
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        var failure: ReadError?
        var ended = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let got = Glibc.read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = error(errno)
                    return
                }
                if got == 0 || (regular && initialized + got == size) {
                    initialized += got
                    ended = true
                    return
                }
                initialized += got
            }
        }
        if let failure { return .failure(failure) }
        // Longer than `fstat` said (growing, or not a regular file): the rest in chunks.
        while !ended {
            let chunk = 1 << 16
            let before = bytes.count
            bytes.reserveCapacity(before + chunk)
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let got = bytes.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress! + before, chunk) }
            if got < 0 {
                let code = errno
                bytes.removeSubrange(before...)
                if code == EINTR { continue }
                return .failure(error(code))
            }
            bytes.removeSubrange((before + got)...)
            ended = got == 0
        }
        return .success(bytes)
    }

    private static func error(_ code: Int32) -> ReadError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound
        case EACCES, EPERM: return .permissionDenied
        case EISDIR: return .isDirectory
        default: return .other(errno: code)
        }
    }
}
