#if canImport(Glibc)
import Glibc
#endif

/// Results of earlier runs, one file per command (its key: arguments, environment, working
/// directory, executable), each with the inputs it was computed from. A result is used again
/// only while every input still looks to `stat` as it did; see docs/architecture.md.
public struct CollectionCache: Sendable {
    /// Where entries live.
    public let directory: String
    /// Inputs changed less than this long before a run began may have changed again within
    /// the file system's timestamp granularity without a new timestamp: such a run's result
    /// is not kept (git's "racy clean" problem). Two seconds covers FAT's granularity.
    public static let racyWindow: Int64 = 2_000_000_000
    /// Entries, and their bytes in all, kept before the least recently used are removed (down
    /// to three quarters of each). A Django suite's `-q` entry is 2.3 MB, its JSON one 12 MB.
    static let entryLimit = 128
    static let byteLimit: Int64 = 256 << 20
    private static let magic = Array("fastcollect-cache 2\n".utf8)

    public init(directory: String) {
        self.directory = directory
    }

    /// `$FASTCOLLECT_CACHE_DIR`, else `$XDG_CACHE_HOME/fastcollect`, else `~/.cache/fastcollect`;
    /// nil when none can be named (an empty `FASTCOLLECT_CACHE_DIR` turns the cache off).
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let given = environment["FASTCOLLECT_CACHE_DIR"] { return given.isEmpty ? nil : given }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/fastcollect" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/fastcollect" }
        return nil
    }

    /// What a lookup found.
    public enum Lookup: Sendable {
        case hit(RecordedOutput, inputsChecked: Int)
        /// No entry for this key.
        case absent
        /// An entry whose inputs changed (the first changed path is given).
        case stale(changed: String)
    }

    /// The stored output for `key`, if every input it was computed from is unchanged.
    public func lookup(key: [UInt8]) -> Lookup {
        let (read, _) = SourceFile.readStamped(path: entryPath(key))
        guard case .success(let bytes) = read else { return .absent }
        let found = bytes.withUnsafeBufferPointer { buffer -> Lookup in
            var reader = EntryReader(buffer: buffer)
            guard reader.take(CollectionCache.magic.count).elementsEqual(CollectionCache.magic),
                reader.take(Int(reader.int64())).elementsEqual(key)
            else { return .absent }
            let count = Int(reader.int64())
            for _ in 0..<max(count, 0) {
                let length = Int(reader.int64())
                guard length > 0, let path = reader.pointer(length), path[length - 1] == 0 else { return .absent }
                let stored = reader.stamp()
                if reader.failed { return .absent }
                let now = path.withMemoryRebound(to: CChar.self, capacity: length) { FileStamp.of($0) }
                if now.reduced(to: stored.level) != stored { return .stale(changed: String(cString: path)) }
            }
            var output = RecordedOutput(exitCode: Int32(truncatingIfNeeded: reader.int64()))
            let chunks = Int(reader.int64())
            for _ in 0..<max(chunks, 0) {
                let kind = UInt8(truncatingIfNeeded: reader.int64())
                let length = Int(reader.int64())
                let bytes = Array(reader.take(length))
                if reader.failed { return .absent }
                output.chunks.append(.init(kind: kind, bytes: bytes))
            }
            return reader.failed ? .absent : .hit(output, inputsChecked: count)
        }
        if case .hit = found {
            // Used entries are the last to go when the directory is pruned.
            _ = entryPath(key).withCString { utimensat(AT_FDCWD, $0, nil, 0) }
        }
        return found
    }

    /// Why a result was or was not kept.
    public enum StoreOutcome: Sendable, Equatable {
        case stored(inputs: Int)
        /// An input changed while the run read it.
        case inputsChanged
        /// An input changed within `racyWindow` before the run began.
        case inputsTooRecent(path: String)
        case notWritable
    }

    /// Keeps `output` for `key` with the inputs `log` recorded, unless one changed within
    /// `racyWindow` nanoseconds before the log began.
    @discardableResult
    public func store(
        key: [UInt8], log: InputLog, output: RecordedOutput, racyWindow: Int64 = CollectionCache.racyWindow
    ) -> StoreOutcome {
        guard let logged = log.inputs() else { return .inputsChanged }
        let inputs = CollectionCache.withoutCoveredAbsences(logged)
        let newest = log.started - racyWindow
        if let recent = inputs.first(where: {
            $0.stamp.level == .content && $0.stamp.error == 0 && $0.stamp.lastChange >= newest
        }) {
            return .inputsTooRecent(path: recent.path)
        }
        var bytes = CollectionCache.magic
        var writer = EntryWriter()
        writer.int64(Int64(key.count))
        writer.bytes += key
        writer.int64(Int64(inputs.count))
        for input in inputs {
            writer.int64(Int64(input.path.utf8.count + 1))
            writer.bytes += input.path.utf8
            writer.bytes.append(0)
            writer.stamp(input.stamp)
        }
        writer.int64(Int64(output.exitCode))
        writer.int64(Int64(output.chunks.count))
        for chunk in output.chunks {
            writer.int64(Int64(chunk.kind))
            writer.int64(Int64(chunk.bytes.count))
            writer.bytes += chunk.bytes
        }
        bytes += writer.bytes
        guard makeDirectory(), write(bytes, to: entryPath(key)) else { return .notWritable }
        prune()
        return .stored(inputs: inputs.count)
    }

    /// `inputs` without the missing paths that a listed directory among them already answers
    /// for: a directory's timestamps change whenever an entry is added, removed or renamed, so
    /// while the directory looks the same, a name missing from it stays missing. Covered are names
    /// missing from a logged directory and paths below a name that is missing from one now.
    /// (A file system mounted onto such a name would go unseen.)
    static func withoutCoveredAbsences(_ inputs: [(path: String, stamp: FileStamp)]) -> [(path: String, stamp: FileStamp)] {
        var directories = Set<String>()
        for input in inputs
        where input.stamp.level == .content && input.stamp.error == 0 && input.stamp.mode & UInt32(S_IFMT) == UInt32(S_IFDIR) {
            directories.insert(input.path)
        }
        func covered(_ path: String) -> Bool {
            var child = path
            var parent = FilePath.parent(path)
            while parent != child {
                if directories.contains(parent) {
                    return child == path || FileStamp.of(child).error == ENOENT
                }
                child = parent
                parent = FilePath.parent(parent)
            }
            return false
        }
        return inputs.filter { $0.stamp.error != ENOENT || !covered($0.path) }
    }

    /// The entry file for `key`: its FNV-1a hash names it; the key inside tells collisions apart.
    func entryPath(_ key: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return directory + "/fc-" + String(repeating: "0", count: 16 - digits.count) + digits + ".cache"
    }

    private func makeDirectory() -> Bool {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// Writes a temporary file beside `path` and renames it over `path`, so that a reader sees
    /// the old entry or the new one, never half of one.
    private func write(_ bytes: [UInt8], to path: String) -> Bool {
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        var offset = 0
        let complete = bytes.withUnsafeBytes { raw -> Bool in
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        close(fd)
        guard complete, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Removes the least recently used entries once there are more than `entryLimit` or they
    /// hold more than `byteLimit` bytes.
    private func prune() {
        guard case .success(let entries) = DirectoryLister.list(directory) else { return }
        var aged = entries.map(\.name).filter { $0.hasPrefix("fc-") && $0.hasSuffix(".cache") }.map {
            name -> (name: String, used: Int64, size: Int64) in
            let stamp = FileStamp.of(directory + "/" + name)
            return (name, stamp.error == 0 ? stamp.modified : 0, stamp.size)
        }
        var count = aged.count
        var bytes = aged.reduce(0) { $0 + $1.size }
        guard count > CollectionCache.entryLimit || bytes > CollectionCache.byteLimit else { return }
        aged.sort { $0.used < $1.used }
        for entry in aged {
            if count <= CollectionCache.entryLimit * 3 / 4 && bytes <= CollectionCache.byteLimit / 4 * 3 { break }
            unlink(directory + "/" + entry.name)
            count -= 1
            bytes -= entry.size
        }
    }
}

/// Reads an entry's fields; past the end it returns zeros and sets `failed`.
private struct EntryReader {
    let buffer: UnsafeBufferPointer<UInt8>
    var offset = 0
    var failed = false

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func pointer(_ count: Int) -> UnsafePointer<UInt8>? {
        guard count >= 0, count <= buffer.count - offset, let base = buffer.baseAddress else {
            failed = true
            return nil
        }
        defer { offset += count }
        return base + offset
    }

    mutating func take(_ count: Int) -> UnsafeBufferPointer<UInt8> {
        guard let start = pointer(count) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start, count: count)
    }

    mutating func int64() -> Int64 {
        guard let start = pointer(8) else { return 0 }
        return Int64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: Int64.self))
    }

    mutating func stamp() -> FileStamp {
        let level = FileStamp.Level(rawValue: UInt8(truncatingIfNeeded: int64()))
        var stamp = FileStamp(
            error: Int32(truncatingIfNeeded: int64()), mode: UInt32(truncatingIfNeeded: int64()),
            device: UInt64(bitPattern: int64()), inode: UInt64(bitPattern: int64()), size: int64(),
            modified: int64(), changed: int64())
        guard let level else {
            failed = true
            return stamp
        }
        stamp.level = level
        return stamp
    }
}

/// Appends an entry's fields as little-endian 64-bit words.
private struct EntryWriter {
    var bytes: [UInt8] = []

    mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func stamp(_ stamp: FileStamp) {
        int64(Int64(stamp.level.rawValue))
        int64(Int64(stamp.error))
        int64(Int64(stamp.mode))
        int64(Int64(bitPattern: stamp.device))
        int64(Int64(bitPattern: stamp.inode))
        int64(stamp.size)
        int64(stamp.modified)
        int64(stamp.changed)
    }
}
