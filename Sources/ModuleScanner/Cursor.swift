/// A forward-only position in a byte buffer: peek at the bytes ahead, advance over them.
/// Peeking past the end yields 0, so a caller tests `isAtEnd` where a real NUL byte matters.
struct Cursor {
    let base: UnsafePointer<UInt8>
    /// Number of bytes the cursor may read (the buffer's count, capped to what `Int32` offsets reach).
    let count: Int
    private(set) var position: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        base = buffer.baseAddress ?? Cursor.emptyBytes
        count = min(buffer.count, Int(Int32.max))
        position = 0
    }

    private nonisolated(unsafe) static let emptyBytes: UnsafePointer<UInt8> = {
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        bytes.initialize(to: 0)
        return UnsafePointer(bytes)
    }()

    var isAtEnd: Bool { position >= count }
    var offset: Int { position }
    var offset32: Int32 { Int32(truncatingIfNeeded: position) }

    func peek() -> UInt8 {
        position < count ? base[position] : 0
    }

    func peek(at distance: Int) -> UInt8 {
        let index = position &+ distance
        return index < count ? base[index] : 0
    }

    mutating func advance() {
        if position < count { position &+= 1 }
    }

    mutating func advance(by distance: Int) {
        position = min(position &+ distance, count)
    }

    /// Moves to `offset`, which callers take from a scan of this buffer (clamped to the end).
    mutating func move(to offset: Int) {
        position = min(offset, count)
    }

    mutating func eat(_ byte: UInt8) -> Bool {
        guard position < count, base[position] == byte else { return false }
        position &+= 1
        return true
    }

    mutating func advance(while predicate: (UInt8) -> Bool) {
        while position < count, predicate(base[position]) { position &+= 1 }
    }
}
