/// A small JSON writer: appends values to a UTF-8 text with the escaping RFC 8259 requires,
/// two-space indented (objects opened `inline` on one line), keys in the order they are written.
struct JSONText {
    private(set) var text = ""
    private var indent = 0
    /// Per open container: whether an element was written yet.
    private var hasElement: [Bool] = []
    /// Open containers at or below which everything stays on one line; 0 when none.
    private var inlineFrom = 0

    /// `"…"` with `"`, `\` and control characters escaped; other characters as UTF-8.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private mutating func element(key: String?) {
        if let last = hasElement.last {
            hasElement[hasElement.count - 1] = true
            if inlineFrom > 0 {
                if last { text += ", " }
            } else {
                text += last ? ",\n" : "\n"
                text += String(repeating: "  ", count: indent)
            }
        }
        if let key { text += JSONText.quoted(key) + ": " }
    }

    mutating func beginObject(_ key: String? = nil, inline: Bool = false) {
        element(key: key)
        text += "{"
        open()
        if inline && inlineFrom == 0 { inlineFrom = hasElement.count }
    }

    mutating func endObject() { close("}") }

    mutating func beginArray(_ key: String? = nil) {
        element(key: key)
        text += "["
        open()
    }

    mutating func endArray() { close("]") }

    mutating func string(_ key: String?, _ value: String?) {
        element(key: key)
        text += value.map(JSONText.quoted) ?? "null"
    }

    mutating func int(_ key: String?, _ value: Int) {
        element(key: key)
        text += String(value)
    }

    mutating func bool(_ key: String?, _ value: Bool) {
        element(key: key)
        text += value ? "true" : "false"
    }

    /// An array of strings on one line (short lists such as markers read better that way).
    mutating func strings(_ key: String?, _ values: [String]) {
        element(key: key)
        text += "[" + values.map(JSONText.quoted).joined(separator: ", ") + "]"
    }

    private mutating func open() {
        indent += 1
        hasElement.append(false)
    }

    private mutating func close(_ bracket: String) {
        indent -= 1
        let isInline = inlineFrom > 0
        if inlineFrom == hasElement.count { inlineFrom = 0 }
        let wrote = hasElement.removeLast()
        if wrote && !isInline { text += "\n" + String(repeating: "  ", count: indent) }
        text += bracket
    }
}
