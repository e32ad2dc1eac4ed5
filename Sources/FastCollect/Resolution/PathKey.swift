/// A file path as a dictionary key whose hash reads only the path's length and tail: paths are
/// long and differ near their end, and hashing every byte of them was a large part of each
/// cache lookup. Equal keys still compare whole paths.
struct PathKey: DigestKey, Sendable {
    let path: String
    /// `PathKey.digest(of: path)`.
    let digest: UInt64

    init(_ path: String) {
        self.path = path
        digest = PathKey.digest(of: path)
    }

    static func == (lhs: PathKey, rhs: PathKey) -> Bool {
        lhs.digest == rhs.digest && lhs.path == rhs.path
    }

    /// The length and up to the last 40 bytes of `path`, mixed eight bytes at a time.
    static func digest(of path: String) -> UInt64 {
        ByteDigest.of(path, tail: 40)
    }
}
