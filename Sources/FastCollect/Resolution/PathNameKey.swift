/// A name in a file as a cache key (a module attribute, a decorator written there).
struct PathNameKey: Hashable {
    let file: PathKey
    let name: String

    init(file: String, name: String) {
        self.file = PathKey(file)
        self.name = name
    }

    func _rawHashValue(seed: Int) -> Int {
        ByteDigest.hashValue(file.digest &+ ByteDigest.of(name), seed: seed)
    }
}
