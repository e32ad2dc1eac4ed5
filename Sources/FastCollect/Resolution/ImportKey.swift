/// An import as a cache key: the dotted name, the leading dots (`level`) and where it is
/// resolved from (the importing file for a relative import, else its `sys.path` entry).
struct ImportKey: DigestKey {
    let dotted: String
    let level: Int
    let origin: PathKey
    let digest: UInt64

    init(dotted: String, level: Int, origin: String) {
        self.dotted = dotted
        self.level = level
        self.origin = PathKey(origin)
        digest = ByteDigest.of(dotted) &+ UInt64(truncatingIfNeeded: level) ^ self.origin.digest
    }

    static func == (lhs: ImportKey, rhs: ImportKey) -> Bool {
        lhs.digest == rhs.digest && lhs.level == rhs.level && lhs.dotted == rhs.dotted && lhs.origin == rhs.origin
    }
}
