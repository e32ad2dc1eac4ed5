/// A value from a TOML document, as tomllib produces it. Dates and times keep their TOML text.
public enum TomlValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// Offset/local date-time, local date or local time, exactly as written.
    case datetime(String)
    case array([TomlValue])
    case table(TomlTable)

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var tableValue: TomlTable? {
        if case let .table(t) = self { return t }
        return nil
    }

    public var arrayValue: [TomlValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public static func == (lhs: TomlValue, rhs: TomlValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.float(a), .float(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.bool(a), .bool(b)): return a == b
        case let (.datetime(a), .datetime(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.table(a), .table(b)): return a == b
        default: return false
        }
    }

    /// Python truthiness of the value.
    public var isTruthy: Bool {
        switch self {
        case let .string(s): return !s.isEmpty
        case let .integer(i): return i != 0
        case let .float(d): return d != 0
        case let .bool(b): return b
        case .datetime: return true
        case let .array(a): return !a.isEmpty
        case let .table(t): return !t.isEmpty
        }
    }

    /// The Python type name of the value tomllib returns (`str`, `int`, `list`, `datetime`, ...).
    public var pythonTypeName: String {
        switch self {
        case .string: return "str"
        case .integer: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case let .datetime(text): return TomlDateTime(text)?.pythonTypeName ?? "str"
        case .array: return "list"
        case .table: return "dict"
        }
    }

    /// `repr(value)` of the Python object tomllib returns.
    public var pythonRepr: String {
        switch self {
        case let .string(s): return ConfigText.repr(s)
        case let .integer(i): return String(i)
        case let .float(d): return TomlValue.pythonFloatRepr(d)
        case let .bool(b): return b ? "True" : "False"
        case let .datetime(text): return TomlDateTime(text)?.pythonRepr ?? ConfigText.repr(text)
        case let .array(items): return "[" + items.map(\.pythonRepr).joined(separator: ", ") + "]"
        case let .table(table):
            return "{" + table.keys.map { ConfigText.repr($0) + ": " + table[$0]!.pythonRepr }
                .joined(separator: ", ") + "}"
        }
    }

    /// `str(value)` of the Python object tomllib returns.
    public var pythonStr: String {
        switch self {
        case let .string(s): return s
        case let .datetime(text): return TomlDateTime(text)?.pythonStr ?? text
        default: return pythonRepr
        }
    }

    static func pythonFloatRepr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        return d.description
    }
}

/// A TOML table: values by key, plus the order keys were first defined in.
public struct TomlTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TomlValue] = [:]

    public init() {}

    public subscript(key: String) -> TomlValue? {
        get { values[key] }
        set {
            if values[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            values[key] = newValue
        }
    }

    public var isEmpty: Bool { keys.isEmpty }

    public static func == (lhs: TomlTable, rhs: TomlTable) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }
}

/// The fields of a TOML date/time literal, for rendering it as Python's `datetime` objects print.
struct TomlDateTime {
    var date: (year: Int, month: Int, day: Int)?
    var time: (hour: Int, minute: Int, second: Int, micro: Int)?
    /// Offset in minutes east of UTC; nil for local values.
    var offsetMinutes: Int?

    init?(_ text: String) {
        let s = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                guard s[k] >= 0x30 && s[k] <= 0x39 else { return nil }
                v = v * 10 + Int(s[k] - 0x30)
            }
            i += count
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        if s.count >= 10, s[4] == UInt8(ascii: "-") {
            guard let y = digits(4), expect(UInt8(ascii: "-")), let m = digits(2),
                  expect(UInt8(ascii: "-")), let d = digits(2) else { return nil }
            date = (y, m, d)
            if i == s.count { return }
            i += 1
        }
        guard let h = digits(2), expect(UInt8(ascii: ":")), let mi = digits(2),
              expect(UInt8(ascii: ":")), let se = digits(2) else { return nil }
        var micro = 0
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            var count = 0
            while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
                if count < 6 { micro = micro * 10 + Int(s[i] - 0x30) }
                count += 1
                i += 1
            }
            for _ in 0..<max(0, 6 - count) { micro *= 10 }
        }
        time = (h, mi, se, micro)
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
                offsetMinutes = 0
            } else {
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2), expect(UInt8(ascii: ":")), let om = digits(2) else { return nil }
                offsetMinutes = sign * (oh * 60 + om)
            }
        }
    }

    var pythonTypeName: String {
        if date != nil && time != nil { return "datetime" }
        return date != nil ? "date" : "time"
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private var timeStr: String {
        guard let t = time else { return "" }
        var s = "\(Self.pad(t.hour, 2)):\(Self.pad(t.minute, 2)):\(Self.pad(t.second, 2))"
        if t.micro != 0 { s += "." + Self.pad(t.micro, 6) }
        return s
    }

    private var offsetStr: String {
        guard let off = offsetMinutes else { return "" }
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        return "\(sign)\(Self.pad(a / 60, 2)):\(Self.pad(a % 60, 2))"
    }

    var pythonStr: String {
        switch (date, time) {
        case let (d?, nil): return "\(Self.pad(d.year, 4))-\(Self.pad(d.month, 2))-\(Self.pad(d.day, 2))"
        case let (d?, _?):
            return "\(Self.pad(d.year, 4))-\(Self.pad(d.month, 2))-\(Self.pad(d.day, 2)) " + timeStr + offsetStr
        default: return timeStr
        }
    }

    private var timeReprArgs: [String] {
        guard let t = time else { return [] }
        var args = [String(t.hour), String(t.minute)]
        if t.micro != 0 {
            args += [String(t.second), String(t.micro)]
        } else if t.second != 0 {
            args.append(String(t.second))
        }
        return args
    }

    private var tzRepr: String? {
        guard let off = offsetMinutes else { return nil }
        if off == 0 { return "datetime.timezone.utc" }
        let seconds = off * 60
        let days = seconds < 0 ? -1 : 0
        let rest = seconds - days * 86400
        let delta = days != 0 ? "days=\(days), seconds=\(rest)" : "seconds=\(rest)"
        return "datetime.timezone(datetime.timedelta(\(delta)))"
    }

    var pythonRepr: String {
        switch (date, time) {
        case let (d?, nil): return "datetime.date(\(d.year), \(d.month), \(d.day))"
        case let (d?, _?):
            var args = [String(d.year), String(d.month), String(d.day)] + timeReprArgs
            if let tz = tzRepr { args.append("tzinfo=" + tz) }
            return "datetime.datetime(" + args.joined(separator: ", ") + ")"
        default:
            return "datetime.time(" + timeReprArgs.joined(separator: ", ") + ")"
        }
    }
}
