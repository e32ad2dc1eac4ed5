/// Identifies a class statement by its module file and byte offset. Hashing it reads only the
/// tail of the path (worked out once), so caches keyed by class cost no full-path hash.
struct ClassKey: Hashable, Sendable, CustomStringConvertible {
    let file: String
    let offset: Int32
    /// The path's length and up to its last 32 bytes, mixed: paths differ near their end.
    private let pathDigest: UInt64

    init(file: String, offset: Int32) {
        self.file = file
        self.offset = offset
        var digest = UInt64(truncatingIfNeeded: file.utf8.count) &* 0x9E37_79B9_7F4A_7C15
        for byte in file.utf8.suffix(32) {
            digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        pathDigest = digest
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(pathDigest ^ UInt64(truncatingIfNeeded: offset))
    }

    static func == (lhs: ClassKey, rhs: ClassKey) -> Bool {
        lhs.offset == rhs.offset && lhs.pathDigest == rhs.pathDigest && lhs.file == rhs.file
    }

    /// `file@offset`, for keys made of several classes.
    var description: String { file + "@" + String(offset) }
}
