/// A name in a file as a cache key (a module attribute, a decorator written there).
struct PathNameKey: DigestKey {
    let file: PathKey
    let name: String
    let digest: UInt64

    init(file: String, name: String) {
        self.file = PathKey(file)
        self.name = name
        digest = self.file.digest &+ ByteDigest.of(name)
    }

    static func == (lhs: PathNameKey, rhs: PathNameKey) -> Bool {
        lhs.digest == rhs.digest && lhs.name == rhs.name && lhs.file == rhs.file
    }
}
