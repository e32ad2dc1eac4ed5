/// One entry of a directory listing: its name and what it is once symlinks are followed.
public struct DirectoryEntry: Sendable, Equatable {
    /// What an entry is after following symlinks, as `os.DirEntry.is_dir()`/`is_file()` see it.
    public enum Kind: UInt8, Sendable {
        case file
        case directory
        /// A broken symlink, a socket, a device: neither a file nor a directory.
        case other
    }

    public var name: String
    public var kind: Kind
    /// True when the entry itself is a symbolic link (its kind is its target's).
    public var isSymlink: Bool

    public init(name: String, kind: Kind, isSymlink: Bool = false) {
        self.name = name
        self.kind = kind
        self.isSymlink = isSymlink
    }
}

extension DirectoryEntry {
    /// The entry named `name` in a listing sorted as `DirectoryLister` sorts (UTF-8 byte order).
    static func find(_ name: String, in entries: [DirectoryEntry]) -> DirectoryEntry? {
        var lower = 0
        var upper = entries.count
        while lower < upper {
            let middle = (lower + upper) / 2
            let order = PathOrder.compare(entries[middle].name, name)
            if order == 0 { return entries[middle] }
            if order < 0 { lower = middle + 1 } else { upper = middle }
        }
        return nil
    }
}
