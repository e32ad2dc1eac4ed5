/// Strings made from parts in one allocation: `a + b + c` allocates and copies twice, and
/// node IDs and paths are made this way tens of thousands of times a run.
extension String {
    /// `first + second + third`, copied once into a buffer of the final size.
    static func joining(_ first: String, _ second: String, _ third: String) -> String {
        var first = first
        var second = second
        var third = third
        return first.withUTF8 { a in
            second.withUTF8 { b in
                third.withUTF8 { c in
                    String(unsafeUninitializedCapacity: a.count + b.count + c.count) { buffer in
                        var offset = 0
                        func copy(_ part: UnsafeBufferPointer<UInt8>) {
                            guard let base = part.baseAddress, part.count > 0 else { return }
                            (buffer.baseAddress! + offset).update(from: base, count: part.count)
                            offset += part.count
                        }
                        copy(a)
                        copy(b)
                        copy(c)
                        return offset
                    }
                }
            }
        }
    }
}
