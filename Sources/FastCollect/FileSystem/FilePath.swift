#if canImport(Glibc)
import Glibc
#endif

/// Lexical path operations on POSIX path strings, matching Python's `os.path.abspath`,
/// `PurePath.relative_to` and `.parents` (no symlink resolution, as pytest does).
public enum FilePath {
    /// `os.path.abspath(base / path)`: joined, then `.`, `..` and repeated slashes folded.
    public static func absolute(_ path: String, base: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        return normalize(base + "/" + path)
    }

    /// `os.path.normpath` for an absolute path.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func join(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : String.joining(directory, "/", name)
    }

    /// The last component (`PurePath.name`); empty for `/`.
    public static func basename(_ path: String) -> String {
        guard let slash = lastSlash(path) else { return path }
        return String(path.utf8[path.utf8.index(after: slash)...])!
    }

    /// The parent directory; `/` for `/`.
    public static func parent(_ path: String) -> String {
        guard let slash = lastSlash(path) else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path.utf8[..<slash])!
    }

    /// The index of the last `/`, found on the UTF-8 bytes (a `/` is never part of another
    /// character's encoding).
    private static func lastSlash(_ path: String) -> String.Index? {
        path.utf8.lastIndex(of: UInt8(ascii: "/"))
    }

    /// All ancestors, nearest first (`PurePath.parents`).
    public static func ancestors(_ path: String) -> [String] {
        var result: [String] = []
        var current = path
        while current != "/" {
            current = parent(current)
            result.append(current)
        }
        return result
    }

    /// `path` relative to `base` (`PurePath.relative_to`), nil when `path` is not inside `base`;
    /// "." when they are equal.
    public static func relative(_ path: String, to base: String) -> String? {
        if path == base { return "." }
        if base == "/" { return String(decoding: path.utf8.dropFirst(), as: UTF8.self) }
        var path = path
        var base = base
        return path.withUTF8 { pathBytes in
            base.withUTF8 { baseBytes -> String? in
                let count = baseBytes.count
                guard pathBytes.count > count, pathBytes[count] == UInt8(ascii: "/"),
                    count == 0 || memcmp(pathBytes.baseAddress!, baseBytes.baseAddress!, count) == 0
                else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: pathBytes[(count + 1)...]), as: UTF8.self)
            }
        }
    }

    /// True when `path` equals `base` or lies below it.
    public static func isInside(_ path: String, _ base: String) -> Bool {
        relative(path, to: base) != nil
    }

    /// The file name without its last suffix (`PurePath.stem`).
    public static func stem(_ path: String) -> String {
        let name = basename(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return name }
        return String(name.utf8[..<dot])!
    }
}
