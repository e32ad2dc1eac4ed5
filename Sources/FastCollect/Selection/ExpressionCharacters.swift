/// The Python character and text predicates `mark/expression.py` relies on (`re`'s `\w`,
/// `str.isidentifier`, `str.isdigit`, `int()`, `keyword.iskeyword`, `str.lstrip`), over UTF-8 bytes.
/// Unicode properties come from Swift's tables, which may be a newer Unicode version than Python's.
enum ExpressionCharacters {
    /// ASCII bytes an identifier may hold: `\w` plus `:+-.[]\/`.
    private static let asciiIdentifierBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for character in "_:+-.[]\\/".utf8 { table[Int(character)] = true }
        return table
    }()

    /// The scalar starting at `index` of valid UTF-8 and its length in bytes.
    static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[index])
        let length: Int
        var value: UInt32
        switch lead {
        case ..<0x80: return (Unicode.Scalar(UInt8(lead)), 1)
        case ..<0xE0: length = 2; value = lead & 0x1F
        case ..<0xF0: length = 3; value = lead & 0x0F
        default: length = 4; value = lead & 0x07
        }
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Python `re`'s `\w` on `str`: `str.isalnum()` (letters Lu/Ll/Lt/Lm/Lo, anything with a numeric type) or `_`.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" {
            return true
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return properties.numericType != nil
        }
    }

    /// The end of the identifier run starting at `start` (pytest's `(\w|:|\+|-|\.|\[|\]|\\|/)+`);
    /// `start` itself when no identifier starts there.
    static func identifierEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                guard asciiIdentifierBytes[Int(byte)] else { break }
                index += 1
            } else {
                let (scalar, length) = decodeScalar(bytes, at: index)
                guard isWord(scalar) else { break }
                index += length
            }
        }
        return index
    }

    /// Python's `str.isidentifier()`: XID_Start or `_`, then XID_Continue.
    static func isPythonIdentifier(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), first == "_" || first.properties.isXIDStart else { return false }
        while let scalar = scalars.next() {
            guard scalar.properties.isXIDContinue else { return false }
        }
        return true
    }

    /// Python 3.11–3.14's `keyword.kwlist` (soft keywords are not reserved).
    private static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    ]

    static func isPythonKeyword(_ text: String) -> Bool {
        text.utf8.count <= 8 && text.utf8.allSatisfy { $0 < 0x80 } && pythonKeywords.contains(text)
    }

    /// Python's `str.isdigit()`: non-empty, every scalar with Numeric_Type Decimal or Digit.
    static func isPythonDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            $0.properties.numericType == .decimal || $0.properties.numericType == .digit
        }
    }

    /// Python's `int(text)` for text that passed pytest's digit check: `-`? then digits of any
    /// script. Returns the canonical `.integer`, or the `ValueError` text Python raises.
    static func pythonInt(_ text: String) -> Result<ExpressionValue, PythonIntError> {
        let negative = text.hasPrefix("-")
        var ascii = negative ? "-" : ""
        var digitCount = 0
        var invalid = false
        for scalar in text.unicodeScalars.dropFirst(negative ? 1 : 0) {
            guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else {
                invalid = true
                break
            }
            digitCount += 1
            ascii.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(value)))
        }
        if digitCount > 4300 {
            return .failure(PythonIntError(message:
                "Exceeds the limit (4300 digits) for integer string conversion: value has \(digitCount) digits; "
                + "use sys.set_int_max_str_digits() to increase the limit"))
        }
        guard !invalid, let value = ExpressionValue(integerDigits: ascii) else {
            return .failure(PythonIntError(message: "invalid literal for int() with base 10: '\(text)'"))
        }
        return .success(value)
    }

    struct PythonIntError: Error {
        var message: String
    }

    /// Python's `str.lstrip()` with no argument: drops leading `str.isspace()` characters.
    static func pythonLeftStripped(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, isPythonSpace(first) else { return text }
        return String(scalars.drop(while: isPythonSpace))
    }

    /// Python's `str.isspace()` (Unicode 14 as in CPython 3.11).
    static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
