#if canImport(Glibc)
import Glibc
#endif

/// Lists directories with `opendir`/`readdir`, sorted as pytest's `scandir` sorts them
/// (by name, in code point order, which is UTF-8 byte order).
public enum DirectoryLister {
    /// Why a directory could not be listed.
    public enum ListError: Error, Sendable, Equatable {
        case notFound
        case permissionDenied
        case other(errno: Int32)
    }

    /// The entries of `path` without `.` and `..`, sorted by name; noted in the input log.
    public static func list(_ path: String) -> Result<[DirectoryEntry], ListError> {
        let recording = InputLog.isRecording
        let (result, stamp) = listStamped(path, stamping: recording)
        if recording { InputLog.note(path, stamp) }
        return result
    }

    /// The entries of `path`, and (with `stamping`) what `stat` said of the directory before it
    /// was read (of the path, when it could not be opened); not noted in the input log.
    public static func listStamped(_ path: String, stamping: Bool = true) -> (Result<[DirectoryEntry], ListError>, FileStamp) {
        guard let dir = opendir(path) else {
            let code = errno
            return (failure(code), stamping ? FileStamp.of(path) : FileStamp(error: code))
        }
        defer { closedir(dir) }
        let stamp = stamping ? FileStamp.of(descriptor: dirfd(dir)) : FileStamp(error: 0)
        return (.success(entries(of: dir, at: path)), stamp)
    }

    private static func failure(_ code: Int32) -> Result<[DirectoryEntry], ListError> {
        switch code {
        case ENOENT, ENOTDIR: return .failure(.notFound)
        case EACCES, EPERM: return .failure(.permissionDenied)
        default: return .failure(.other(errno: code))
        }
    }

    private static func entries(of dir: OpaquePointer, at path: String) -> [DirectoryEntry] {
        var entries: [(bytes: [UInt8], kind: DirectoryEntry.Kind, link: Bool)] = []
        while let entry = readdir(dir) {
            let nameBytes: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let base = raw.bindMemory(to: UInt8.self)
                var length = 0
                while length < base.count && base[length] != 0 { length += 1 }
                return Array(base[0..<length])
            }
            if nameBytes == [0x2E] || nameBytes == [0x2E, 0x2E] { continue }
            let kind: DirectoryEntry.Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            default: kind = statKind(directory: path, name: nameBytes)
            }
            entries.append((nameBytes, kind, Int32(entry.pointee.d_type) == Int32(DT_LNK)))
        }
        entries.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        return entries.map { DirectoryEntry(name: String(decoding: $0.bytes, as: UTF8.self), kind: $0.kind, isSymlink: $0.link) }
    }

    /// Follows a symlink (or an entry whose type readdir did not give) with `stat` on the whole
    /// path, as `DirEntry.is_dir()` does: a path through more symlinks than the kernel resolves
    /// (a loop followed 40 times) fails with ELOOP, and the entry is neither file nor directory.
    private static func statKind(directory: String, name: [UInt8]) -> DirectoryEntry.Kind {
        var info = stat()
        var full = Array(directory.utf8)
        if full.last != UInt8(ascii: "/") { full.append(UInt8(ascii: "/")) }
        full += name
        full.append(0)
        let result = full.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &info) }
        }
        if InputLog.isRecording {
            let stamp = result == 0 ? FileStamp(info) : FileStamp(error: errno)
            InputLog.note(String(decoding: full.dropLast(), as: UTF8.self), stamp.reduced(to: .kind))
        }
        if result != 0 { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// What `path` is, following symlinks; nil when it does not exist.
    public static func kind(of path: String) -> DirectoryEntry.Kind? {
        kindOrError(of: path).kind
    }

    /// What `path` is, or (kind nil) the errno of the failed `stat`.
    public static func kindOrError(of path: String) -> (kind: DirectoryEntry.Kind?, error: Int32) {
        var info = stat()
        if recordedStat(path, &info, .kind) != 0 { return (nil, errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return (.file, 0)
        case S_IFDIR: return (.directory, 0)
        default: return (.other, 0)
        }
    }

    /// Device and inode of a directory, to detect symlink loops; nil when it can't be stat'ed.
    public static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        if recordedStat(path, &info, .identity) != 0 { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

extension DirectoryLister {
    /// `stat`, noting what it said in the input log at `level` (errno is left as `stat` set it).
    static func recordedStat(_ path: String, _ info: inout stat, _ level: FileStamp.Level) -> Int32 {
        let result = stat(path, &info)
        if InputLog.isRecording {
            let code = errno
            InputLog.note(path, (result == 0 ? FileStamp(info) : FileStamp(error: code)).reduced(to: level))
            errno = code
        }
        return result
    }
}

/// A file's device and inode number: the same file reached by two paths has one identity.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
}
