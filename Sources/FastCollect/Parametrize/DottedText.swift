import ModuleScanner

/// A decorator's text when it is a plain dotted name (`pytest.mark.parametrize`): its first
/// part, the rest from the first dot on, and the attribute chain it spells.
struct DottedText {
    let text: String
    /// Byte offset of the first dot (the text's length when there is none).
    let firstDot: Int

    /// Nil unless every dot-separated part is an identifier (non-ASCII bytes count as
    /// identifier bytes; the parser decides on those).
    init?(_ text: String) {
        var firstDot = -1
        var partStart = true
        var offset = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                if partStart { return nil }
                if firstDot < 0 { firstDot = offset }
                partStart = true
            } else {
                let letter = byte >= 0x80 || byte == UInt8(ascii: "_") || (byte | 0x20 >= 97 && byte | 0x20 <= 122)
                guard letter || (!partStart && byte >= 48 && byte <= 57) else { return nil }
                partStart = false
            }
            offset &+= 1
        }
        if partStart { return nil }
        self.text = text
        self.firstDot = firstDot < 0 ? offset : firstDot
    }

    var head: String { firstDot == text.utf8.count ? text : String(decoding: text.utf8.prefix(firstDot), as: UTF8.self) }
    var rest: String { firstDot == text.utf8.count ? "" : String(decoding: text.utf8.dropFirst(firstDot), as: UTF8.self) }

    /// `a.b.c` as `.attribute(.attribute(.name("a"), "b"), "c")`.
    var expression: PyExpression {
        let utf8 = text.utf8
        var expression = PyExpression.name(head)
        guard firstDot < utf8.count else { return expression }
        var start = utf8.index(utf8.startIndex, offsetBy: firstDot &+ 1)
        var index = start
        while true {
            if index == utf8.endIndex || utf8[index] == UInt8(ascii: ".") {
                expression = .attribute(expression, String(text[start..<index]))
                if index == utf8.endIndex { return expression }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
    }
}
