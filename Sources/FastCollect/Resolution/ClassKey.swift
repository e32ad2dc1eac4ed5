/// Identifies a class statement (or another place in a module: `ModuleGraph.valueShape` keys
/// value ranges by their start) by its module file and byte offset. Hashing it reads only the
/// tail of the path (worked out once), so caches keyed by class cost no full-path hash.
struct ClassKey: DigestKey, Sendable, CustomStringConvertible {
    let file: String
    let offset: Int32
    /// `PathKey.digest` of the path: its length and tail, mixed (paths differ near their end).
    private let pathDigest: UInt64

    init(file: String, offset: Int32) {
        self.init(file: file, pathDigest: PathKey.digest(of: file), offset: offset)
    }

    /// With the path's digest already worked out (`LoadedModule.pathDigest`).
    init(file: String, pathDigest: UInt64, offset: Int32) {
        self.file = file
        self.offset = offset
        self.pathDigest = pathDigest
    }

    /// The path's digest and the offset, mixed.
    var digest: UInt64 { pathDigest ^ UInt64(truncatingIfNeeded: offset) }

    static func == (lhs: ClassKey, rhs: ClassKey) -> Bool {
        lhs.offset == rhs.offset && lhs.pathDigest == rhs.pathDigest && lhs.file == rhs.file
    }

    /// `file@offset`, for keys made of several classes.
    var description: String { file + "@" + String(offset) }
}
