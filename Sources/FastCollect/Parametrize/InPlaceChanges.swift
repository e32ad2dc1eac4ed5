/// Whether a module's source may change the object a name is bound to in place
/// (`VALUES.append(2)`, `D["b"] = 2`, `del D["a"]`, `X += [3]`), anywhere in it: at module
/// level or in a function, which code run at import time may call. The value a literal
/// assignment gives such a name is then not what pytest sees.
///
/// The test is textual, over the name as a whole word: in a string or a comment, or on a local
/// variable of the same name, it also counts, which makes a value unknown (reported dynamic)
/// rather than wrong.
enum InPlaceChanges {
    /// Methods of `list`, `dict`, `set` and `bytearray` that change their object.
    static let mutatingMethods: Set<String> = [
        "append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "update", "setdefault",
        "popitem", "add", "discard", "difference_update", "intersection_update", "symmetric_difference_update",
        "__setitem__", "__delitem__", "__iadd__", "__ior__", "__imul__",
    ]

    /// True when `source` holds `name` followed by a mutating method call, a subscript that is
    /// assigned to or deleted, or an augmented assignment.
    static func mayChange(_ name: String, in source: UnsafeBufferPointer<UInt8>) -> Bool {
        var needle = name
        return needle.withUTF8 { pattern in
            guard !pattern.isEmpty, let bytes = source.baseAddress else { return false }
            let count = source.count
            var from = 0
            while let start = ByteSearch.firstOffset(of: pattern, in: source, from: from) {
                from = start + 1
                let end = start + pattern.count
                guard start == 0 || !isIdentifierByte(bytes[start - 1]), end == count || !isIdentifierByte(bytes[end])
                else { continue }
                if follows(bytes, count, end) { return true }
                let next = skipSpaces(bytes, count, end)
                if next < count, bytes[next] == UInt8(ascii: "["), isDeleted(bytes, start) { return true }
            }
            return false
        }
    }

    /// What comes after an occurrence that changes the object: `.method(`, `[…] =`, `[…] op=`,
    /// `op=` (not `==`, `<=`, `>=`, `!=`).
    private static func follows(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ end: Int) -> Bool {
        var index = skipSpaces(bytes, count, end)
        guard index < count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "."):
            index = skipSpaces(bytes, count, index + 1)
            let methodStart = index
            while index < count, isIdentifierByte(bytes[index]) { index += 1 }
            let method = String(decoding: UnsafeBufferPointer(start: bytes + methodStart, count: index - methodStart), as: UTF8.self)
            index = skipSpaces(bytes, count, index)
            return index < count && bytes[index] == UInt8(ascii: "(") && mutatingMethods.contains(method)
        case UInt8(ascii: "["):
            guard let close = closingBracket(bytes, count, index) else { return false }
            return isAssignment(bytes, count, skipSpaces(bytes, count, close + 1))
        default:
            return isAssignment(bytes, count, index) && bytes[index] != UInt8(ascii: "=")
        }
    }

    /// `=` (not `==`) or an augmented assignment operator at `index`.
    private static func isAssignment(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ index: Int) -> Bool {
        guard index < count else { return false }
        if bytes[index] == UInt8(ascii: "=") { return index + 1 >= count || bytes[index + 1] != UInt8(ascii: "=") }
        // `+=`, `-=`, `*=`, `/=`, `//=`, `%=`, `**=`, `@=`, `&=`, `|=`, `^=`, `<<=`, `>>=`.
        var operatorEnd = index
        while operatorEnd < count, operatorEnd - index < 3, "+-*/%@&|^<>".utf8.contains(bytes[operatorEnd]) {
            operatorEnd += 1
        }
        guard operatorEnd > index, operatorEnd < count, bytes[operatorEnd] == UInt8(ascii: "=") else { return false }
        let text = String(decoding: UnsafeBufferPointer(start: bytes + index, count: operatorEnd - index), as: UTF8.self)
        return ["+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>"].contains(text)
            && (operatorEnd + 1 >= count || bytes[operatorEnd + 1] != UInt8(ascii: "="))
    }

    /// The word before the occurrence is `del` (`del name[…]` when a `[` follows).
    private static func isDeleted(_ bytes: UnsafePointer<UInt8>, _ start: Int) -> Bool {
        var index = start
        var sawSpace = false
        while index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 {
            index -= 1
            sawSpace = true
        }
        guard sawSpace, index >= 3, bytes[index - 3] == UInt8(ascii: "d"), bytes[index - 2] == UInt8(ascii: "e"),
            bytes[index - 1] == UInt8(ascii: "l")
        else { return false }
        return index == 3 || !isIdentifierByte(bytes[index - 4])
    }

    /// The `]` matching the `[` at `open`, within 4,096 bytes; nil when not found.
    private static func closingBracket(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < count, index - open < 4096 {
            switch bytes[index] {
            case UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func skipSpaces(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ start: Int) -> Int {
        var index = start
        while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || (byte | 0x20 >= 97 && byte | 0x20 <= 122) || (byte >= 48 && byte <= 57)
    }
}
