/// An import as a cache key: the dotted name, the leading dots (`level`) and where it is
/// resolved from (the importing file for a relative import, else its `sys.path` entry).
struct ImportKey: Hashable {
    let dotted: String
    let level: Int
    let origin: PathKey

    init(dotted: String, level: Int, origin: String) {
        self.dotted = dotted
        self.level = level
        self.origin = PathKey(origin)
    }

    func _rawHashValue(seed: Int) -> Int {
        ByteDigest.hashValue(ByteDigest.of(dotted) &+ UInt64(truncatingIfNeeded: level) ^ origin.digest, seed: seed)
    }
}
