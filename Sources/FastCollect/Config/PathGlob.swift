/// pytest's `fnmatch_ex` compiled once (`python_files`, `norecursedirs`): a pattern without `/` matches
/// the last path component, else the whole path, behind `*/` when only the path is absolute.
public struct PathGlob: Sendable, Hashable {
    public let pattern: String
    private let basenameOnly: Bool
    /// The pattern as written (for relative paths, or basename matching).
    private let plain: GlobPattern
    /// `*/pattern`, for absolute paths when the pattern is relative.
    private let anchored: GlobPattern

    public init(_ pattern: String) {
        self.pattern = pattern
        basenameOnly = !pattern.contains("/")
        plain = GlobPattern(pattern)
        anchored = basenameOnly || pattern.hasPrefix("/") ? plain : GlobPattern("*/" + pattern)
    }

    /// Matches a path given as a `String` (normalized like `PurePath` first).
    public func matches(_ path: String) -> Bool {
        var normalized = ConfigPath.pathlibNormalize(path)
        if basenameOnly {
            var name = ConfigPath.name(normalized)
            return name.withUTF8 { plain.matches($0) }
        }
        let absolute = normalized.hasPrefix("/")
        return normalized.withUTF8 { (absolute ? anchored : plain).matches($0) }
    }

    /// Matches an already normalized path (no `//`, no `.` parts, no trailing `/`) in UTF-8.
    public func matches(path bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if basenameOnly {
            var start = bytes.count
            while start > 0 && bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            return plain.matches(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        let absolute = bytes.first == UInt8(ascii: "/")
        return (absolute ? anchored : plain).matches(bytes)
    }

    /// Matches a file or directory name `name` inside the already normalized directory `parent`,
    /// without building the joined path when the pattern only looks at names.
    public func matches(name: UnsafeBufferPointer<UInt8>, inDirectory parent: String) -> Bool {
        if basenameOnly { return plain.matches(name) }
        var full = [UInt8](parent.utf8)
        if parent != "/" { full.append(UInt8(ascii: "/")) }
        full.append(contentsOf: name)
        return full.withUnsafeBufferPointer { matches(path: $0) }
    }
}
