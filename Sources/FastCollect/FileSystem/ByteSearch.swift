#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding a byte sequence in Python source text: `memchr` for the needle's rarest byte in such
/// text (an identifier's first letter is often common: `s` of `spawn`), then `memcmp`.
enum ByteSearch {
    /// The first position at or after `start` where `needle` occurs in `haystack`; nil when
    /// none (an empty needle occurs at `start` when that is within the haystack or at its end).
    static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0
    ) -> Int? {
        let start = max(0, start)
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard let pattern = needle.baseAddress, let base = haystack.baseAddress,
            start <= haystack.count - needle.count
        else { return nil }
        var anchor = 0
        for index in needle.indices where commonness(needle[index]) < commonness(needle[anchor]) { anchor = index }
        // The anchor byte's positions at which a whole match still fits; the first match found
        // is the first in the haystack, as they are tried left to right.
        let last = haystack.count - needle.count + anchor
        var offset = start + anchor
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(pattern[anchor]), last - offset + 1) else { return nil }
            let position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + position - anchor, pattern, needle.count) == 0 { return position - anchor }
            offset = position + 1
        }
        return nil
    }

    /// The offsets just after each `byte` of `haystack`, found with `memchr`.
    static func offsets(after byte: UInt8, in haystack: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let base = haystack.baseAddress else { return [] }
        var result: [Int] = []
        var offset = 0
        while offset < haystack.count, let hit = memchr(base + offset, Int32(byte), haystack.count - offset) {
            offset = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
            result.append(offset)
        }
        return result
    }

    /// How common a byte is in Python source, roughly: its position in a list of ASCII letters
    /// and `_` from the least frequent; other bytes count as rare (0).
    private static func commonness(_ byte: UInt8) -> Int {
        Int(commonnessTable[Int(byte)])
    }

    private static let commonnessTable: [UInt8] = {
        let order = Array("e_tsaironlcdpfumhgybTwxkvSEACRNIOLDPFMqjzBHGUWVKYXQZJ".utf8)
        var table = [UInt8](repeating: 0, count: 256)
        for (index, byte) in order.enumerated() { table[Int(byte)] = UInt8(order.count - index) }
        return table
    }()
}
