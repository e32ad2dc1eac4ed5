/// Python `str` semantics the config readers need: whitespace, `splitlines`, `repr`,
/// and reading a file the way `open(path, encoding="utf-8").read()` does.
enum ConfigText {
    /// `str.isspace()` for one code point.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
             0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// A line boundary for `str.splitlines()` (`\r\n` is handled by the splitter).
    static func isLineBoundary(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
            return true
        default:
            return false
        }
    }

    /// `str.splitlines(True)`: each line keeps its terminator.
    static func splitLinesKeepingEnds(_ s: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var lines: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var i = 0
        while i < s.count {
            let c = s[i]
            if isLineBoundary(c) {
                var end = i + 1
                if c == "\r", end < s.count, s[end] == "\n" { end += 1 }
                lines.append(s[start..<end])
                start = end
                i = end
            } else {
                i += 1
            }
        }
        if start < s.count { lines.append(s[start..<s.count]) }
        return lines
    }

    static func rstrip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = s.endIndex
        while end > s.startIndex, isSpace(s[end - 1]) { end -= 1 }
        return s[s.startIndex..<end]
    }

    static func lstrip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var start = s.startIndex
        while start < s.endIndex, isSpace(s[start]) { start += 1 }
        return s[start..<s.endIndex]
    }

    static func strip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        rstrip(lstrip(s))
    }

    static func strip(_ s: String) -> String {
        string(strip(ArraySlice(Array(s.unicodeScalars))))
    }

    /// The string of `scalars`, made from their UTF-8 bytes: `UnicodeScalarView.append(contentsOf:)`
    /// went through the standard library's unspecialised generic code (11,000 instructions a
    /// call reading pytest's pyproject.toml).
    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                Unicode.UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: repr

    /// `repr(s)` for a Python `str`.
    static func repr(_ s: String) -> String {
        let scalars = s.unicodeScalars
        let hasSingle = scalars.contains("'")
        let hasDouble = scalars.contains("\"")
        let quote: Unicode.Scalar = (hasSingle && !hasDouble) ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for c in scalars {
            switch c {
            case quote, "\\":
                out.append("\\")
                out.append(c)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    out.append(contentsOf: hexEscape(c.value, width: 2, prefix: "\\x").unicodeScalars)
                } else if c.value < 0x7F || isPrintable(c) {
                    out.append(c)
                } else if c.value <= 0xFF {
                    out.append(contentsOf: hexEscape(c.value, width: 2, prefix: "\\x").unicodeScalars)
                } else if c.value <= 0xFFFF {
                    out.append(contentsOf: hexEscape(c.value, width: 4, prefix: "\\u").unicodeScalars)
                } else {
                    out.append(contentsOf: hexEscape(c.value, width: 8, prefix: "\\U").unicodeScalars)
                }
            }
        }
        out.append(quote)
        return String(out)
    }

    /// `str.isprintable()` for one non-ASCII code point.
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        if c == " " { return true }
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func hexEscape(_ v: UInt32, width: Int, prefix: String) -> String {
        let hex = String(v, radix: 16)
        return prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
    }

    /// Python's `repr` of a tuple of strings, as tomllib prints keys: `('a',)`, `('a', 'b')`.
    static func reprTuple(_ items: [String]) -> String {
        if items.count == 1 { return "(" + repr(items[0]) + ",)" }
        return "(" + items.map(repr).joined(separator: ", ") + ")"
    }

    // MARK: decoding

    /// Decodes strict UTF-8 as Python does, or returns the text of the `UnicodeDecodeError`.
    static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, DecodeFailure> {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default:
                return .failure(DecodeFailure(start: i, end: i + 1, byte: b, reason: "invalid start byte"))
            }
            var j = i + 1
            for k in 0..<need {
                if j >= n {
                    return .failure(DecodeFailure(start: i, end: n, byte: b, reason: "unexpected end of data"))
                }
                let c = bytes[j]
                let ok = k == 0 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF)
                if !ok {
                    return .failure(DecodeFailure(start: i, end: j, byte: b, reason: "invalid continuation byte"))
                }
                j += 1
            }
            i = j
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    struct DecodeFailure: Error {
        var start: Int
        var end: Int
        var byte: UInt8
        var reason: String

        /// The text of Python's `UnicodeDecodeError`.
        var message: String {
            let hex = String(byte, radix: 16)
            let b = hex.count == 1 ? "0" + hex : hex
            if end - start <= 1 {
                return "'utf-8' codec can't decode byte 0x\(b) in position \(start): \(reason)"
            }
            return "'utf-8' codec can't decode bytes in position \(start)-\(end - 1): \(reason)"
        }
    }

    /// Universal-newlines translation of text mode: `\r\n` and `\r` become `\n`.
    static func translateNewlines(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\r")) else { return s }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var previousCR = false
        for b in s.utf8 {
            if b == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                previousCR = true
            } else {
                if !(b == UInt8(ascii: "\n") && previousCR) { out.append(b) }
                previousCR = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
