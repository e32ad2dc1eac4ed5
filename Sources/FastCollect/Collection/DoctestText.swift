/// What the doctest plugin needs to know of a text file: whether `doctest.DocTestParser` finds
/// an example in it (a line of spaces then `>>>` followed by a space or the line's end).
enum DoctestText {
    static func hasExamples(_ bytes: [UInt8]) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            var cursor = index
            while cursor < count && bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            if cursor + 3 <= count, bytes[cursor] == 62, bytes[cursor + 1] == 62, bytes[cursor + 2] == 62 {
                let after = cursor + 3
                if after == count || bytes[after] == 32 || bytes[after] == 10 || bytes[after] == 13 { return true }
            }
            while cursor < count && bytes[cursor] != 10 { cursor += 1 }
            index = cursor + 1
        }
        return false
    }
}
