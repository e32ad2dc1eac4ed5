#if canImport(Glibc)
import Glibc
#endif

/// What `stat(path)` said about one path at one moment: enough to tell later whether the path
/// still names the same, unchanged file or directory, or is still missing in the same way.
public struct FileStamp: Equatable, Sendable {
    /// How much of what `stat` said the answer depended on: a file read or a folder listed
    /// depends on everything, an existence check only on the kind of file, a same-file check
    /// on the device and inode as well. Only that much is kept and compared.
    public enum Level: UInt8, Sendable, Comparable {
        case kind = 0
        case identity = 1
        case content = 2

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var level: Level = .content
    /// 0 when `stat` succeeded, else its errno (`ENOENT`, `EACCES`, `ENOTDIR`, `ELOOP`…).
    public var error: Int32
    public var mode: UInt32
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification and status-change times, in nanoseconds since the epoch.
    public var modified: Int64
    public var changed: Int64

    public init(error: Int32, mode: UInt32 = 0, device: UInt64 = 0, inode: UInt64 = 0, size: Int64 = 0,
                modified: Int64 = 0, changed: Int64 = 0) {
        self.error = error
        self.mode = mode
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    init(_ info: stat) {
        self.init(
            error: 0, mode: UInt32(info.st_mode), device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
            size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }

    /// `stat(path)` now.
    public static func of(_ path: UnsafePointer<CChar>) -> FileStamp {
        var info = stat()
        return stat(path, &info) == 0 ? FileStamp(info) : FileStamp(error: errno)
    }

    public static func of(_ path: String) -> FileStamp {
        path.withCString { of($0) }
    }

    /// The stamp of an open file or directory.
    static func of(descriptor: Int32) -> FileStamp {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? FileStamp(info) : FileStamp(error: errno)
    }

    /// The kind-level stamp `stat` gives a path that is `kind` (nil: missing), for answers
    /// read from a directory listing instead of a `stat` of their own.
    static func ofKind(_ kind: DirectoryEntry.Kind?) -> FileStamp {
        var stamp: FileStamp
        switch kind {
        case nil: stamp = FileStamp(error: ENOENT)
        case .file?: stamp = FileStamp(error: 0, mode: UInt32(S_IFREG))
        case .directory?: stamp = FileStamp(error: 0, mode: UInt32(S_IFDIR))
        case .other?: preconditionFailure("only stat can tell what an entry of another kind is")
        }
        return stamp.reduced(to: .kind)
    }

    /// The later of the modification and status-change times (0 for a missing path).
    var lastChange: Int64 { max(modified, changed) }

    /// This stamp with only what `level` keeps.
    public func reduced(to level: Level) -> FileStamp {
        if level == .content { return self }
        var result = FileStamp(error: error)
        result.level = level
        guard error == 0 else { return result }
        result.mode = mode & UInt32(S_IFMT)
        if level == .identity {
            result.device = device
            result.inode = inode
        }
        return result
    }
}
