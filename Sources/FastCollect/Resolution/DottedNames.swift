/// Dotted names (`a.b.c`) taken apart on their UTF-8 bytes: `split(separator: ".")` on a
/// `String` walks grapheme clusters, and the generic split of a UTF-8 view costs more than the
/// rest of a lookup.
extension StringProtocol {
    /// The components between dots, as `split(separator: ".", omittingEmptySubsequences:)`
    /// gives them (empty ones only when `keepingEmpty`).
    func dottedParts(keepingEmpty: Bool = false) -> [String] {
        var parts: [String] = []
        forEachDottedPart(keepingEmpty: keepingEmpty) { part in
            parts.append(String(decoding: part, as: UTF8.self))
            return true
        }
        return parts
    }

    /// The first non-empty component (the whole text when there is none).
    var dottedHead: String {
        var head: String?
        forEachDottedPart(keepingEmpty: false) { part in
            head = String(decoding: part, as: UTF8.self)
            return false
        }
        return head ?? String(self)
    }

    /// The last non-empty component (the whole text when there is none).
    var dottedLast: String {
        var last: String?
        forEachDottedPart(keepingEmpty: false) { part in
            last = String(decoding: part, as: UTF8.self)
            return true
        }
        return last ?? String(self)
    }

    /// Calls `body` with each component's bytes in order until it returns false.
    private func forEachDottedPart(keepingEmpty: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var text = String(self)
        text.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ".") {
                if index > start || keepingEmpty {
                    guard body(UnsafeBufferPointer(rebasing: bytes[start..<index])) else { return }
                }
                start = index + 1
            }
        }
    }
}
