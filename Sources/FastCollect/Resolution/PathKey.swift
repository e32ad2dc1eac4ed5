/// A file path as a dictionary key whose hash reads only the path's length and tail: paths are
/// long and differ near their end, and hashing every byte of them was a large part of each
/// cache lookup. Equal keys still compare whole paths.
struct PathKey: Hashable, Sendable {
    let path: String
    private let digest: UInt64

    init(_ path: String) {
        self.path = path
        digest = PathKey.digest(of: path)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    static func == (lhs: PathKey, rhs: PathKey) -> Bool {
        lhs.digest == rhs.digest && lhs.path == rhs.path
    }

    /// The length and up to the last 40 bytes of `path`, mixed eight bytes at a time.
    static func digest(of path: String) -> UInt64 {
        let count = path.utf8.count
        var digest = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        func mix(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = max(0, bytes.count - 40)
            let base = UnsafeRawPointer(bytes.baseAddress!)
            while index + 8 <= bytes.count {
                digest = (digest ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                digest ^= digest >> 29
                index += 8
            }
            while index < bytes.count {
                digest = (digest ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
                index += 1
            }
        }
        guard count > 0 else { return digest }
        if path.utf8.withContiguousStorageIfAvailable(mix) == nil {
            let bytes = Array(path.utf8)
            bytes.withUnsafeBufferPointer(mix)
        }
        return digest
    }
}
