/// Decodes the text of one Python string literal token (prefix, quotes, escapes) to its value.
public enum StringLiteral {
    /// The value of a `str` or `bytes` literal (bytes decoded as Latin-1, as `repr` would show
    /// them is the caller's business); nil for f-strings, t-strings and malformed text.
    public static func value(of literal: String) -> String? {
        var bytes = Array(literal.utf8)
        var raw = false
        var isBytes = false
        var prefixLength = 0
        for byte in bytes {
            switch byte | 0x20 {
            case UInt8(ascii: "r"): raw = true
            case UInt8(ascii: "b"): isBytes = true
            case UInt8(ascii: "u"): break
            case UInt8(ascii: "f"), UInt8(ascii: "t"): return nil
            default: break
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { break }
            prefixLength += 1
        }
        bytes.removeFirst(prefixLength)
        guard let quote = bytes.first, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else { return nil }
        let triple = bytes.count >= 6 && bytes[1] == quote && bytes[2] == quote
        let q = triple ? 3 : 1
        guard bytes.count >= 2 * q else { return nil }
        let body = bytes[q..<(bytes.count - q)]
        if raw {
            return String(decoding: body, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = body.startIndex
        func appendScalar(_ value: UInt32) {
            if isBytes {
                out.append(UInt8(truncatingIfNeeded: value))
            } else if let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
        }
        func hex(_ count: Int) -> UInt32? {
            guard i + count <= body.endIndex else { return nil }
            var value: UInt32 = 0
            for b in body[i..<(i + count)] {
                guard let digit = hexDigit(b) else { return nil }
                value = value * 16 + digit
            }
            i += count
            return value
        }
        while i < body.endIndex {
            let byte = body[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < body.endIndex else {
                out.append(byte)
                i += 1
                continue
            }
            let next = body[i + 1]
            i += 2
            switch next {
            case UInt8(ascii: "\n"): break
            case UInt8(ascii: "\r"):
                if i < body.endIndex && body[i] == UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "\\"): out.append(next)
            case UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(next)
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(next - 48)
                var digits = 1
                while digits < 3, i < body.endIndex, body[i] >= 48, body[i] <= 55 {
                    value = value * 8 + UInt32(body[i] - 48)
                    i += 1
                    digits += 1
                }
                appendScalar(value)
            case UInt8(ascii: "x"):
                guard let value = hex(2) else { return nil }
                appendScalar(value)
            case UInt8(ascii: "u") where !isBytes:
                guard let value = hex(4) else { return nil }
                appendScalar(value)
            case UInt8(ascii: "U") where !isBytes:
                guard let value = hex(8) else { return nil }
                appendScalar(value)
            case UInt8(ascii: "N") where !isBytes:
                return nil
            default:
                out.append(UInt8(ascii: "\\"))
                out.append(next)
            }
        }
        if isBytes {
            return String(decoding: out.map { $0 }, as: UTF8.self)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case 48...57: return UInt32(b - 48)
        case 97...102: return UInt32(b - 87)
        case 65...70: return UInt32(b - 55)
        default: return nil
        }
    }
}
