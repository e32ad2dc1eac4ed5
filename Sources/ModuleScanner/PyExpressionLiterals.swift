/// Number literal tokens to `PyExpression` values: ints of any size and base, floats, imaginaries.
enum PyNumberLiteral {
    static func parse(_ bytes: UnsafePointer<UInt8>, count: Int) -> PyExpression? {
        var digits: [UInt8] = []
        digits.reserveCapacity(count)
        for index in 0..<count where bytes[index] != UInt8(ascii: "_") {
            digits.append(bytes[index])
        }
        // CPython rejects decimal literals of more than 4300 digits; longer ones stay unknown.
        guard let first = digits.first, digits.count <= 4300 else { return nil }
        let written = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        let last = digits[digits.count &- 1] | 0x20
        if last == UInt8(ascii: "j") {
            digits.removeLast()
            guard let value = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
            return .imaginary(value, text: written)
        }
        if first == UInt8(ascii: "0"), digits.count > 2 {
            let radix: UInt64
            switch digits[1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: radix = 0
            }
            if radix != 0 {
                var values: [UInt8] = []
                values.reserveCapacity(digits.count &- 2)
                for byte in digits[2...] {
                    guard let value = hexValue(byte), UInt64(value) < radix else { return nil }
                    values.append(value)
                }
                return .int(integer(values, radix: radix))
            }
        }
        var isFloat = false
        for byte in digits {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): continue
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): isFloat = true
            default: return nil
            }
        }
        if isFloat {
            guard let value = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
            return .float(value, text: written)
        }
        return .int(integer(digits.map { $0 &- UInt8(ascii: "0") }, radix: 10))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// The integer whose digits (values below `radix`, most significant first) are given.
    static func integer(_ digitValues: [UInt8], radix: UInt64) -> PyIntLiteral {
        var value = 0
        var fits = true
        for digit in digitValues where fits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: Int(radix))
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit))
            if overflow1 || overflow2 { fits = false } else { value = sum }
        }
        if fits { return PyIntLiteral(value: value, decimal: String(value)) }
        // Little-endian limbs of nine decimal digits each.
        var limbs: [UInt32] = [0]
        for digit in digitValues {
            var carry = UInt64(digit)
            for index in limbs.indices {
                let product = UInt64(limbs[index]) &* radix &+ carry
                limbs[index] = UInt32(product % 1_000_000_000)
                carry = product / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(UInt32(carry % 1_000_000_000))
                carry /= 1_000_000_000
            }
        }
        var text = String(limbs[limbs.count &- 1])
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 &- part.utf8.count) + part
        }
        return PyIntLiteral(value: nil, decimal: text)
    }
}

/// Decodes the bytes of string literal tokens (prefixes, quotes, escapes, newline normalisation)
/// into UTF-8 (or raw bytes for `b''`); false for what Python rejects or that is not modelled
/// (`\N{…}`, lone surrogates).
enum PyStringLiteralDecoder {
    /// Appends the value of a `.string` token.
    static func decodeLiteral(_ base: UnsafePointer<UInt8>, _ token: Token, into out: inout [UInt8]) -> Bool {
        guard !token.flags.contains(.unterminated) else { return false }
        var index = Int(token.start)
        let end = Int(token.end)
        while index < end, base[index] != UInt8(ascii: "'"), base[index] != UInt8(ascii: "\"") { index &+= 1 }
        let quoteLength = token.flags.contains(.triple) ? 3 : 1
        let bodyStart = index &+ quoteLength
        let bodyEnd = end &- quoteLength
        guard bodyStart <= bodyEnd else { return false }
        return decode(base, from: bodyStart, to: bodyEnd, raw: token.flags.contains(.raw),
                      isBytes: token.flags.contains(.bytes), doubledBraces: false, into: &out)
    }

    /// Appends the literal text of an `.fStringMiddle` token (`{{` and `}}` stand for one brace).
    static func decodeFStringMiddle(_ base: UnsafePointer<UInt8>, _ token: Token, raw: Bool, into out: inout [UInt8]) -> Bool {
        decode(base, from: Int(token.start), to: Int(token.end), raw: raw, isBytes: false, doubledBraces: true, into: &out)
    }

    private static func decode(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, raw: Bool, isBytes: Bool, doubledBraces: Bool,
        into out: inout [UInt8]
    ) -> Bool {
        var index = start
        func byte(_ at: Int) -> UInt8 { at < end ? base[at] : 0 }
        func hex(_ count: Int) -> UInt32? {
            guard index &+ count <= end else { return nil }
            var value: UInt32 = 0
            for offset in 0..<count {
                let b = base[index &+ offset]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b &- 48)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b &- 87)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b &- 55)
                default: return nil
                }
                value = value &* 16 &+ digit
            }
            index &+= count
            return value
        }
        func append(scalar value: UInt32, into out: inout [UInt8]) -> Bool {
            if isBytes {
                guard value <= 0xFF else { return false }
                out.append(UInt8(value))
                return true
            }
            guard let scalar = Unicode.Scalar(value) else { return false }
            UTF8.encode(scalar) { out.append($0) }
            return true
        }
        while index < end {
            let current = base[index]
            if current == 0x0D {
                out.append(0x0A)
                index &+= byte(index &+ 1) == 0x0A ? 2 : 1
                continue
            }
            if doubledBraces, current == UInt8(ascii: "{") || current == UInt8(ascii: "}"), byte(index &+ 1) == current {
                out.append(current)
                index &+= 2
                continue
            }
            if current >= 0x80 && isBytes { return false }
            guard current == UInt8(ascii: "\\"), !raw, index &+ 1 < end else {
                out.append(current)
                index &+= 1
                continue
            }
            let escaped = base[index &+ 1]
            index &+= 2
            switch escaped {
            case 0x0A: break
            case 0x0D: if byte(index) == 0x0A { index &+= 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(escaped)
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(escaped &- 48)
                var digits = 1
                while digits < 3, index < end, base[index] >= 48, base[index] <= 55 {
                    value = value &* 8 &+ UInt32(base[index] &- 48)
                    index &+= 1
                    digits &+= 1
                }
                guard append(scalar: value, into: &out) else { return false }
            case UInt8(ascii: "x"):
                guard let value = hex(2), append(scalar: value, into: &out) else { return false }
            case UInt8(ascii: "u") where !isBytes:
                guard let value = hex(4), append(scalar: value, into: &out) else { return false }
            case UInt8(ascii: "U") where !isBytes:
                guard let value = hex(8), append(scalar: value, into: &out) else { return false }
            case UInt8(ascii: "N") where !isBytes:
                return false
            default:
                out.append(UInt8(ascii: "\\"))
                index &-= 1
            }
        }
        return true
    }
}
