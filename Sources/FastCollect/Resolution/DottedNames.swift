/// Dotted names (`a.b.c`) taken apart on their UTF-8 bytes: `split(separator: ".")` on a
/// `String` walks grapheme clusters, which costs more than the rest of a lookup.
extension StringProtocol {
    /// The components between dots, as `split(separator: ".", omittingEmptySubsequences:)`
    /// gives them (empty ones only when `keepingEmpty`).
    func dottedParts(keepingEmpty: Bool = false) -> [String] {
        utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: !keepingEmpty).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The first non-empty component (the whole text when there is none).
    var dottedHead: String {
        guard let head = utf8.split(separator: UInt8(ascii: "."), maxSplits: 1).first else { return String(self) }
        return String(decoding: head, as: UTF8.self)
    }

    /// The last non-empty component (the whole text when there is none).
    var dottedLast: String {
        guard let last = utf8.split(separator: UInt8(ascii: ".")).last else { return String(self) }
        return String(decoding: last, as: UTF8.self)
    }
}
