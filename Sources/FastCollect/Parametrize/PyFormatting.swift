/// Python's text forms of values: `repr`/`str` of floats and complex numbers (shortest
/// round-trip digits, CPython's layout rules), `repr` of strings and bytes, pytest's
/// `ascii_escaped`, `format` specs, `%` and `str.format`. Nil where the text cannot be known.
public enum PyFormatting {
    // MARK: Numbers

    /// `repr(x)` of a float: `0.1`, `1e-05`, `1e+16`, `inf`, `-0.0`. Without `addDotZero`, as
    /// complex parts print (`1` rather than `1.0`).
    public static func floatRepr(_ value: Double, addDotZero: Bool = true) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        var (digits, point) = shortestDigits(value.magnitude)
        if digits.isEmpty {
            return sign + (addDotZero ? "0.0" : "0")
        }
        if point <= -4 || point > 16 {
            let exponent = point &- 1
            var text = sign + String(UnicodeScalar(digits[0]))
            if digits.count > 1 {
                text += "." + String(decoding: digits[1...], as: UTF8.self)
            }
            let exponentDigits = String(exponent.magnitude)
            text += (exponent < 0 ? "e-" : "e+") + (exponentDigits.utf8.count < 2 ? "0" : "") + exponentDigits
            return text
        }
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + String(decoding: digits, as: UTF8.self)
        }
        if point >= digits.count {
            digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point &- digits.count))
            return sign + String(decoding: digits, as: UTF8.self) + (addDotZero ? ".0" : "")
        }
        return sign + String(decoding: digits[..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
    }

    /// The shortest round-trip decimal digits of a finite non-negative double (no leading or
    /// trailing zeros; empty for zero) and the decimal point's position: value = 0.DIGITS × 10^point.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
        // Swift's description prints the shortest round-trip digits, in fixed or exponent form.
        let text = value.description.utf8
        var digits: [UInt8] = []
        var point: Int?
        var exponent = 0
        var iterator = text.makeIterator()
        mantissa: while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte)
            case UInt8(ascii: "."): point = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                var negative = false
                while let next = iterator.next() {
                    if next == UInt8(ascii: "-") { negative = true } else if next != UInt8(ascii: "+") {
                        exponent = exponent &* 10 &+ Int(next &- 48)
                    }
                }
                if negative { exponent = -exponent }
                break mantissa
            default: break
            }
        }
        var position = (point ?? digits.count) &+ exponent
        var leading = 0
        while leading < digits.count, digits[leading] == UInt8(ascii: "0") { leading &+= 1 }
        digits.removeFirst(leading)
        position &-= leading
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, position)
    }

    /// `repr(complex(real, imag))`: `1j`, `(1+2j)`, `(-0-1j)`, `-0j`.
    public static func complexRepr(real: Double, imag: Double) -> String {
        if real == 0 && real.sign == .plus {
            return floatRepr(imag, addDotZero: false) + "j"
        }
        var imagText = floatRepr(imag, addDotZero: false)
        if imagText.utf8.first != UInt8(ascii: "-") { imagText = "+" + imagText }
        return "(" + floatRepr(real, addDotZero: false) + imagText + "j)"
    }

    // MARK: Strings

    /// pytest's `ascii_escaped` of a str: Python's `unicode_escape` (backslashes doubled,
    /// `\t\n\r`, `\xNN`, `\uNNNN`, `\UNNNNNNNN`).
    public static func asciiEscaped(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x09: appendASCII(&out, "\\t")
            case 0x0A: appendASCII(&out, "\\n")
            case 0x0D: appendASCII(&out, "\\r")
            case 0x20..<0x7F: out.append(UInt8(value))
            default: appendEscape(&out, value)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// pytest's `ascii_escaped` of bytes: ASCII kept (backslash included), `\t\n\r`, `\xNN` for the rest.
    public static func asciiEscaped(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case 0x09: appendASCII(&out, "\\t")
            case 0x0A: appendASCII(&out, "\\n")
            case 0x0D: appendASCII(&out, "\\r")
            case 0x20..<0x7F: out.append(byte)
            default: appendEscape(&out, UInt32(byte))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `repr(text)`; nil when it holds a character assigned after Unicode 14.0 (Python 3.11's
    /// database), whose printability depends on the Python version.
    public static func stringRepr(_ text: String) -> String? {
        let quote: UInt32 = text.utf8.contains(UInt8(ascii: "'")) && !text.utf8.contains(UInt8(ascii: "\"")) ? 0x22 : 0x27
        var out: [UInt8] = [UInt8(quote)]
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case quote, 0x5C: out.append(0x5C); out.append(UInt8(value))
            case 0x09: appendASCII(&out, "\\t")
            case 0x0A: appendASCII(&out, "\\n")
            case 0x0D: appendASCII(&out, "\\r")
            case 0x20..<0x7F: out.append(UInt8(value))
            case 0..<0x20, 0x7F: appendEscape(&out, value)
            default:
                if let age = scalar.properties.age, age.major > 14 { return nil }
                if isPrintable(scalar) {
                    UTF8.encode(scalar) { out.append($0) }
                } else {
                    appendEscape(&out, value)
                }
            }
        }
        out.append(UInt8(quote))
        return String(decoding: out, as: UTF8.self)
    }

    /// `repr(b)`.
    public static func bytesRepr(_ bytes: [UInt8]) -> String {
        let quote: UInt8 = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\"")) ? 0x22 : 0x27
        var out: [UInt8] = [UInt8(ascii: "b"), quote]
        for byte in bytes {
            switch byte {
            case quote, 0x5C: out.append(0x5C); out.append(byte)
            case 0x09: appendASCII(&out, "\\t")
            case 0x0A: appendASCII(&out, "\\n")
            case 0x0D: appendASCII(&out, "\\r")
            case 0x20..<0x7F: out.append(byte)
            default: appendEscape(&out, UInt32(byte))
            }
        }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }

    /// `ascii(value)`: `repr` with non-ASCII characters escaped.
    public static func asciiRepr(_ value: PyValue) -> String? {
        guard let text = repr(value) else { return nil }
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.append(UInt8(scalar.value)) } else { appendEscape(&out, scalar.value) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `str.isprintable()` for one character (Unicode general category, as CPython decides it).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0x20 { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func appendASCII(_ out: inout [UInt8], _ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ out: inout [UInt8], _ value: UInt32) {
        out.append(0x5C)
        let width: Int
        if value <= 0xFF {
            out.append(UInt8(ascii: "x"))
            width = 2
        } else if value <= 0xFFFF {
            out.append(UInt8(ascii: "u"))
            width = 4
        } else {
            out.append(UInt8(ascii: "U"))
            width = 8
        }
        for shift in stride(from: (width &- 1) &* 4, through: 0, by: -4) {
            out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    // MARK: str() and repr() of values

    /// `str(value)`, nil when not known.
    public static func str(_ value: PyValue) -> String? {
        switch value {
        case .str(let text): return text
        case .enumMember(let member): return member.text
        default: return repr(value)
        }
    }

    /// `repr(value)`, nil when not known.
    public static func repr(_ value: PyValue) -> String? {
        switch value {
        case .str(let text): return stringRepr(text)
        case .bytes(let bytes): return bytesRepr(bytes)
        case .int(let int):
            // CPython refuses int-to-str conversions of more than 4300 digits.
            guard int.bitWidth < 14_000 || int.description.utf8.count - (int.isNegative ? 1 : 0) <= 4300 else { return nil }
            return int.description
        case .bool(let flag): return flag ? "True" : "False"
        case .float(let number): return floatRepr(number)
        case .complex(let real, let imag): return complexRepr(real: real, imag: imag)
        case .none: return "None"
        case .ellipsis: return "Ellipsis"
        case .tuple(let items):
            guard let parts = reprs(items) else { return nil }
            return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
        case .list(let items):
            guard let parts = reprs(items) else { return nil }
            return "[" + parts.joined(separator: ", ") + "]"
        case .set(let items):
            if items.isEmpty { return "set()" }
            guard items.count == 1, let parts = reprs(items) else { return nil }
            return "{" + parts[0] + "}"
        case .dict(let dict):
            guard let keys = reprs(dict.keys), let values = reprs(dict.values) else { return nil }
            return "{" + zip(keys, values).map { $0 + ": " + $1 }.joined(separator: ", ") + "}"
        case .range(let range):
            return "range(\(range.start), \(range.stop)" + (range.step == 1 ? ")" : ", \(range.step))")
        case .enumMember(let member):
            guard let valueText = repr(member.value) else { return nil }
            return "<\(member.className).\(member.name): \(valueText)>"
        case .hiddenParam: return "<_HiddenParam.token: 0>"
        default: return nil
        }
    }

    private static func reprs(_ items: [PyValue]) -> [String]? {
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for item in items {
            guard let part = repr(item) else { return nil }
            parts.append(part)
        }
        return parts
    }

    // MARK: format()

    /// `format(value, spec)` for str and int values with the common spec fields
    /// (`[[fill]align][sign][#][0][width][,|_][.precision][type]`); floats only with an empty spec.
    public static func format(_ value: PyValue, spec: String) -> String? {
        if spec.isEmpty { return str(value) }
        guard let parsed = FormatSpec(spec) else { return nil }
        switch value {
        case .str(let text):
            guard parsed.type == nil || parsed.type == UInt8(ascii: "s"), parsed.sign == nil, !parsed.alternate,
                  parsed.grouping == nil
            else { return nil }
            var body = Array(text.unicodeScalars)
            if let precision = parsed.precision, body.count > precision { body = Array(body[..<precision]) }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: body)
            return pad(String(scalars), parsed, defaultAlign: UInt8(ascii: "<"), signLength: 0)
        case .int(let int):
            return formatInt(int, parsed)
        case .bool(let flag):
            return formatInt(.small(flag ? 1 : 0), parsed)
        default:
            return nil
        }
    }

    private struct FormatSpec {
        var fill: Character = " "
        var align: UInt8?
        var sign: UInt8?
        var alternate = false
        var width = 0
        var grouping: UInt8?
        var precision: Int?
        var type: UInt8?

        init?(_ spec: String) {
            let characters = Array(spec)
            var index = 0
            func isAlign(_ c: Character) -> Bool { c == "<" || c == ">" || c == "^" || c == "=" }
            if characters.count >= 2, isAlign(characters[1]) {
                fill = characters[0]
                align = characters[1].asciiValue
                index = 2
            } else if let first = characters.first, isAlign(first) {
                align = first.asciiValue
                index = 1
            }
            if index < characters.count, characters[index] == "+" || characters[index] == "-" || characters[index] == " " {
                sign = characters[index].asciiValue
                index += 1
            }
            if index < characters.count, characters[index] == "#" {
                alternate = true
                index += 1
            }
            if index < characters.count, characters[index] == "0" {
                if align == nil {
                    fill = "0"
                    align = UInt8(ascii: "=")
                }
                index += 1
            }
            while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                width = width * 10 + digit
                index += 1
                if width > 10_000 { return nil }
            }
            if index < characters.count, characters[index] == "," || characters[index] == "_" {
                grouping = characters[index].asciiValue
                index += 1
            }
            if index < characters.count, characters[index] == "." {
                index += 1
                var digits = 0
                var value = 0
                while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                    value = value * 10 + digit
                    digits += 1
                    index += 1
                    if value > 10_000 { return nil }
                }
                guard digits > 0 else { return nil }
                precision = value
            }
            if index < characters.count {
                type = characters[index].asciiValue
                index += 1
            }
            guard index == characters.count else { return nil }
        }
    }

    private static func formatInt(_ int: PyInt, _ spec: FormatSpec) -> String? {
        guard spec.precision == nil else { return nil }
        let negative = int.isNegative
        let magnitude = negative ? -int : int
        var digits: String
        var prefix = ""
        switch spec.type {
        case nil, UInt8(ascii: "d"):
            digits = magnitude.description
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "b"):
            guard let small = magnitude.intValue else { return nil }
            let radix = spec.type == UInt8(ascii: "o") ? 8 : spec.type == UInt8(ascii: "b") ? 2 : 16
            digits = String(small, radix: radix, uppercase: spec.type == UInt8(ascii: "X"))
            if spec.alternate {
                prefix = radix == 8 ? "0o" : radix == 2 ? "0b" : spec.type == UInt8(ascii: "X") ? "0X" : "0x"
            }
            if spec.grouping == UInt8(ascii: ",") { return nil }
        default:
            return nil
        }
        if let grouping = spec.grouping {
            let size = spec.type == nil || spec.type == UInt8(ascii: "d") ? 3 : 4
            var grouped: [Character] = []
            for (offset, character) in digits.reversed().enumerated() {
                if offset > 0 && offset % size == 0 { grouped.append(Character(UnicodeScalar(grouping))) }
                grouped.append(character)
            }
            digits = String(grouped.reversed())
        }
        var signText = ""
        if negative {
            signText = "-"
        } else if spec.sign == UInt8(ascii: "+") {
            signText = "+"
        } else if spec.sign == UInt8(ascii: " ") {
            signText = " "
        }
        let head = signText + prefix
        return pad(head + digits, spec, defaultAlign: UInt8(ascii: ">"), signLength: head.count)
    }

    private static func pad(_ text: String, _ spec: FormatSpec, defaultAlign: UInt8, signLength: Int) -> String {
        let length = text.unicodeScalars.count
        guard spec.width > length else { return text }
        let padding = spec.width - length
        let fill = String(spec.fill)
        switch spec.align ?? defaultAlign {
        case UInt8(ascii: "<"): return text + String(repeating: fill, count: padding)
        case UInt8(ascii: "^"):
            let left = padding / 2
            return String(repeating: fill, count: left) + text + String(repeating: fill, count: padding - left)
        case UInt8(ascii: "="):
            let head = String(text.prefix(signLength))
            return head + String(repeating: fill, count: padding) + String(text.dropFirst(signLength))
        default: return String(repeating: fill, count: padding) + text
        }
    }

    // MARK: % and str.format

    /// `template % arguments` for `%s %r %a %d %i %x %X %o %%` with flags `-0+ ` and a width;
    /// `%(name)s` with a dict.
    public static func percentFormat(_ template: String, _ arguments: PyValue) -> String? {
        var values: [PyValue]
        var mapping: PyDict?
        switch arguments {
        case .tuple(let items): values = items
        case .dict(let dict):
            values = [arguments]
            mapping = dict
        default: values = [arguments]
        }
        var out = ""
        var next = 0
        let characters = Array(template)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard character == "%" else {
                out.append(character)
                continue
            }
            guard index < characters.count else { return nil }
            var value: PyValue?
            if characters[index] == "(" {
                guard let mapping, let close = characters[index...].firstIndex(of: ")") else { return nil }
                let key = PyValue.str(String(characters[(index + 1)..<close]))
                guard let position = mapping.keys.firstIndex(where: { PyValues.equal($0, key) == true }) else { return nil }
                value = mapping.values[position]
                index = close + 1
            }
            var flags: [Character] = []
            while index < characters.count, "-+ 0#".contains(characters[index]) {
                flags.append(characters[index])
                index += 1
            }
            var width = 0
            while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                width = width * 10 + digit
                index += 1
                if width > 10_000 { return nil }
            }
            var precision: Int?
            if index < characters.count, characters[index] == "." {
                index += 1
                var digits = 0
                while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                    digits = digits * 10 + digit
                    index += 1
                    if digits > 10_000 { return nil }
                }
                precision = digits
            }
            guard index < characters.count else { return nil }
            let conversion = characters[index]
            index += 1
            if conversion == "%" {
                out.append("%")
                continue
            }
            if value == nil {
                guard mapping == nil, next < values.count else { return nil }
                value = values[next]
                next += 1
            }
            guard let value else { return nil }
            var spec = ""
            if flags.contains("-") { spec += "<" } else if conversion == "s" || conversion == "r" || conversion == "a" { spec += ">" }
            if flags.contains("+") { spec += "+" } else if flags.contains(" ") { spec += " " }
            if flags.contains("#") { spec += "#" }
            if flags.contains("0") && !flags.contains("-") && conversion != "s" && conversion != "r" { spec += "0" }
            if width > 0 { spec += String(width) }
            if let precision {
                guard conversion == "s" || conversion == "r" || conversion == "a" else { return nil }
                spec += "." + String(precision)
            }
            let text: String?
            switch conversion {
            case "s":
                text = str(value).flatMap { format(.str($0), spec: spec) }
            case "r", "a":
                guard let shown = conversion == "a" ? asciiRepr(value) : repr(value) else { return nil }
                text = format(.str(shown), spec: spec)
            case "d", "i", "x", "X", "o":
                let int: PyInt
                switch value {
                case .int(let v): int = v
                case .bool(let flag): int = .small(flag ? 1 : 0)
                case .float(let number):
                    guard number.isFinite, let truncated = Int(exactly: number.rounded(.towardZero)) else { return nil }
                    int = .small(truncated)
                default: return nil
                }
                let type = conversion == "i" ? "d" : String(conversion)
                text = format(.int(int), spec: spec + type)
            default:
                return nil
            }
            guard let text else { return nil }
            out += text
        }
        guard mapping != nil || next == values.count else { return nil }
        return out
    }

    /// `template.format(*positional, **keywords)` with `{}`, `{0}`, `{name}`, `!s`/`!r` and specs.
    public static func strFormat(_ template: String, positional: [PyValue], keywords: [(String, PyValue)]) -> String? {
        var out = ""
        var automatic = 0
        let characters = Array(template)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "}" {
                guard index < characters.count, characters[index] == "}" else { return nil }
                index += 1
                out.append("}")
                continue
            }
            guard character == "{" else {
                out.append(character)
                continue
            }
            if index < characters.count, characters[index] == "{" {
                index += 1
                out.append("{")
                continue
            }
            guard let close = characters[index...].firstIndex(of: "}") else { return nil }
            let field = String(characters[index..<close])
            index = close + 1
            var name = field
            var conversion: Character?
            var spec = ""
            if let colon = name.firstIndex(of: ":") {
                spec = String(name[name.index(after: colon)...])
                name = String(name[..<colon])
            }
            if let bang = name.firstIndex(of: "!") {
                let rest = name[name.index(after: bang)...]
                guard rest.count == 1 else { return nil }
                conversion = rest.first
                name = String(name[..<bang])
            }
            guard !spec.contains("{") else { return nil }
            let value: PyValue
            if name.isEmpty {
                guard automatic < positional.count else { return nil }
                value = positional[automatic]
                automatic += 1
            } else if let number = Int(name), name.allSatisfy(\.isASCII) {
                guard number >= 0, number < positional.count else { return nil }
                value = positional[number]
            } else if let match = keywords.first(where: { $0.0 == name }) {
                value = match.1
            } else {
                return nil
            }
            let converted: PyValue
            switch conversion {
            case nil: converted = value
            case "s":
                guard let text = str(value) else { return nil }
                converted = .str(text)
            case "r":
                guard let text = repr(value) else { return nil }
                converted = .str(text)
            default: return nil
            }
            guard let text = format(converted, spec: spec) else { return nil }
            out += text
        }
        return out
    }
}
