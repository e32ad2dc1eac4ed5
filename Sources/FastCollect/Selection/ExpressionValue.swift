/// A keyword-argument value in `-m "name(key=value)"`, or the value of a mark's keyword argument
/// to compare it with: the Python `str`, `int`, `bool` and `None` values a literal can denote.
public enum ExpressionValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    /// An integer of any size in canonical decimal form: ASCII digits without leading zeros and a
    /// `-` only before a nonzero value. Make one with `.int(_:)` or `init(integerDigits:)`.
    case integer(String)
    case bool(Bool)
    case pythonNone

    public static func int(_ value: Int) -> ExpressionValue { .integer(String(value)) }

    /// The canonical `.integer` for ASCII decimal digits with an optional leading `-`
    /// (leading zeros allowed, as Python's `int()` allows them); nil for any other text.
    public init?(integerDigits text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        guard !utf8.isEmpty, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let digits = utf8.drop(while: { $0 == 0x30 })
        if digits.isEmpty {
            self = .integer("0")
        } else {
            self = .integer((negative ? "-" : "") + String(decoding: digits, as: UTF8.self))
        }
    }

    /// Python's `==` between two such values: strings compare code point by code point (not by
    /// Swift's canonical equivalence), `True == 1` and `False == 0`, `None` equals only `None`.
    /// A float mark argument equals an integer with the same value (`1.0 == 1`): give it as `.integer`.
    public func equalsInPython(_ other: ExpressionValue) -> Bool {
        switch (self, other) {
        case let (.string(a), .string(b)):
            return a.utf8.elementsEqual(b.utf8)
        case let (.integer(a), .integer(b)):
            return a.utf8.elementsEqual(b.utf8)
        case let (.bool(a), .bool(b)):
            return a == b
        case let (.bool(flag), .integer(number)), let (.integer(number), .bool(flag)):
            return number == (flag ? "1" : "0")
        case (.pythonNone, .pythonNone):
            return true
        default:
            return false
        }
    }

    /// The value much as Python shows it (`'text'`, unescaped; `12`; `True`; `None`).
    public var description: String {
        switch self {
        case let .string(text): return "'\(text)'"
        case let .integer(digits): return digits
        case let .bool(flag): return flag ? "True" : "False"
        case .pythonNone: return "None"
        }
    }
}
