#if canImport(Glibc)
import Glibc
#endif

/// Builds a bad-input tree with POSIX calls: files of exact bytes, folders created one by one
/// (trees go 1,000 deep), symlinks, FIFOs, and file modes applied once the tree is complete.
/// `scripts/make-bad-input-cases.py` has the same operations in Python.
struct BadInputTree {
    let root: String
    private(set) var deferredModes: [(path: String, mode: mode_t)] = []

    init(root: String) {
        self.root = root
    }

    struct BuildError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot create \(path): errno \(code)" }
    }

    func parents(_ relative: String) throws {
        var path = root
        for part in relative.split(separator: "/").dropLast() {
            path += "/" + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST { throw BuildError(path: path, code: errno) }
        }
    }

    func file(_ relative: String, _ bytes: [UInt8]) throws {
        try parents(relative)
        let path = root + "/" + relative
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw BuildError(path: path, code: errno) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard count > 0 else { throw BuildError(path: path, code: errno) }
            written += count
        }
    }

    func file(_ relative: String, _ text: String) throws {
        try file(relative, Array(text.utf8))
    }

    func directory(_ relative: String) throws {
        try parents(relative + "/x")
    }

    func symlink(_ relative: String, to target: String) throws {
        try parents(relative)
        guard Glibc.symlink(target, root + "/" + relative) == 0 else { throw BuildError(path: relative, code: errno) }
    }

    func fifo(_ relative: String) throws {
        try parents(relative)
        guard mkfifo(root + "/" + relative, 0o644) == 0 else { throw BuildError(path: relative, code: errno) }
    }

    /// Applied by `finish()` (a folder with mode 000 cannot be filled).
    mutating func mode(_ relative: String, _ mode: mode_t) {
        deferredModes.append((root + "/" + relative, mode))
    }

    func finish() {
        for (path, mode) in deferredModes { chmod(path, mode) }
    }

    /// Gives every folder and file its permissions back, so that the tree can be removed.
    func restoreModes() {
        for (path, _) in deferredModes { chmod(path, 0o755) }
    }

    /// FNV-1a 64 over a listing of the tree, as `fingerprint` in make-bad-input-cases.py: one
    /// row per entry below the root (`<kind> <mode octal> <path> …`), rows sorted by bytes.
    func fingerprint() -> String {
        var rows: [[UInt8]] = []
        var pending: [(path: String, relative: [UInt8])] = [(root, [])]
        while let (directory, relative) = pending.popLast() {
            guard let handle = opendir(directory) else { continue }
            var names: [[UInt8]] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                    Array(raw.prefix(while: { $0 != 0 }))
                }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                names.append(name)
            }
            closedir(handle)
            for name in names {
                let path = directory + "/" + String(decoding: name, as: UTF8.self)
                let rel = relative + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let mode = Array(String(info.st_mode & 0o7777, radix: 8).utf8)
                let space = [UInt8(ascii: " ")]
                switch info.st_mode & S_IFMT {
                case S_IFLNK:
                    var target = [CChar](repeating: 0, count: 4096)
                    let length = readlink(path, &target, target.count)
                    let bytes = target.prefix(max(length, 0)).map { UInt8(bitPattern: $0) }
                    rows.append(Array("l ".utf8) + mode + space + rel + space + bytes)
                case S_IFDIR:
                    rows.append(Array("d ".utf8) + mode + space + rel)
                    pending.append((path, rel + [UInt8(ascii: "/")]))
                case S_IFIFO:
                    rows.append(Array("p ".utf8) + mode + space + rel)
                default:
                    let content = Self.contents(path)
                    let hash = Self.hex(Self.fnv1a(content))
                    rows.append(Array("f ".utf8) + mode + space + rel + space + Array("\(content.count) \(hash)".utf8))
                }
            }
        }
        rows.sort { $0.lexicographicallyPrecedes($1) }
        var joined: [UInt8] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { joined.append(0x0A) }
            joined += row
        }
        return Self.hex(Self.fnv1a(joined))
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01B3
        }
        return value
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func contents(_ path: String) -> [UInt8] {
        guard let handle = fopen(path, "rb") else { return [] }
        defer { fclose(handle) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            result += buffer.prefix(count)
        }
        return result
    }
}
