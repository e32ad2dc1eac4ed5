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
        directory == "/" ? "/" + name : directory + "/" + name
    }

    /// The last component (`PurePath.name`); empty for `/`.
    public static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The parent directory; `/` for `/`.
    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
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
        guard path.utf8.starts(with: base.utf8),
            path.utf8.dropFirst(base.utf8.count).first == UInt8(ascii: "/")
        else { return nil }
        return String(decoding: path.utf8.dropFirst(base.utf8.count + 1), as: UTF8.self)
    }

    /// True when `path` equals `base` or lies below it.
    public static func isInside(_ path: String, _ base: String) -> Bool {
        relative(path, to: base) != nil
    }

    /// The file name without its last suffix (`PurePath.stem`).
    public static func stem(_ path: String) -> String {
        let name = basename(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
