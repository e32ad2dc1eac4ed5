/// A TOML 1.0 document read as Python 3.11's `tomllib.loads` reads `pyproject.toml` for pytest:
/// same accepted input, values, error messages and positions.
public struct TomlDocument: Sendable, Equatable {
    public var root: TomlTable

    /// A `tomllib.TOMLDecodeError`: `message` without the coordinates suffix.
    public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// 1-based; nil when the error is at the end of the document.
        public var line: Int?
        public var column: Int?

        /// `str(TOMLDecodeError)`.
        public var description: String {
            if let line, let column { return "\(message) (at line \(line), column \(column))" }
            return "\(message) (at end of document)"
        }
    }

    public init(root: TomlTable) { self.root = root }

    /// `tomllib.loads(text)`.
    public init(parsing text: String) throws(DecodeError) {
        var parser = TomlParser(text)
        root = try parser.parseDocument()
    }

    /// Parses `text` and reports failures as pytest does for `file`.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> TomlDocument {
        do {
            return try TomlDocument(parsing: text)
        } catch {
            if error.message == TomlParser.recursionMessage {
                throw .malformedTable(path: file, message: error.message)
            }
            throw .tomlParse(file: file, line: error.line, column: error.column, message: error.message)
        }
    }

    /// Reads `path` as `Path.read_text(encoding="utf-8")` then `tomllib.loads`.
    public static func load(path: String) throws(ConfigError) -> TomlDocument {
        try parse(ConfigFileSystem.readText(path), file: path)
    }

    /// The value at a dotted path of table keys, e.g. `document["tool", "pytest"]`.
    public subscript(path: String...) -> TomlValue? {
        var current = TomlValue.table(root)
        for key in path {
            guard case let .table(t) = current, let next = t[key] else { return nil }
            current = next
        }
        return current
    }
}

// MARK: - Parser (a port of tomllib/_parser.py)

private final class TomlNest {
    var keys: [String] = []
    var map: [String: TomlNode] = [:]

    subscript(key: String) -> TomlNode? {
        get { map[key] }
        set {
            if map[key] == nil { keys.append(key) }
            map[key] = newValue
        }
    }

    func value() -> TomlValue {
        var table = TomlTable()
        for key in keys { table[key] = map[key]!.value() }
        return .table(table)
    }
}

private final class TomlList {
    var items: [TomlNode] = []
    init(_ items: [TomlNode]) { self.items = items }
}

private enum TomlNode {
    case nest(TomlNest)
    case list(TomlList)
    case scalar(TomlValue)

    func value() -> TomlValue {
        switch self {
        case let .nest(n): return n.value()
        case let .list(l): return .array(l.items.map { $0.value() })
        case let .scalar(v): return v
        }
    }
}

private final class TomlFlagNode {
    var flags: Set<Int> = []
    var recursiveFlags: Set<Int> = []
    var nested: [String: TomlFlagNode] = [:]
}

private struct TomlFlags {
    static let frozen = 0
    static let explicitNest = 1

    var root: [String: TomlFlagNode] = [:]
    var pending: [([String], Int)] = []

    mutating func addPending(_ key: [String], _ flag: Int) { pending.append((key, flag)) }

    mutating func finalizePending() {
        for (key, flag) in pending { set(key, flag, recursive: false) }
        pending.removeAll()
    }

    mutating func unsetAll(_ key: [String]) {
        var cont = root
        var node: TomlFlagNode?
        for k in key.dropLast() {
            guard let next = cont[k] else { return }
            node = next
            cont = next.nested
        }
        if let node {
            node.nested[key.last!] = nil
        } else {
            root[key.last!] = nil
        }
    }

    mutating func set(_ key: [String], _ flag: Int, recursive: Bool) {
        var parent: TomlFlagNode?
        for k in key.dropLast() {
            parent = child(of: parent, k)
        }
        let stem = child(of: parent, key.last!)
        if recursive { stem.recursiveFlags.insert(flag) } else { stem.flags.insert(flag) }
    }

    private mutating func child(of parent: TomlFlagNode?, _ k: String) -> TomlFlagNode {
        if let parent {
            if let c = parent.nested[k] { return c }
            let c = TomlFlagNode()
            parent.nested[k] = c
            return c
        }
        if let c = root[k] { return c }
        let c = TomlFlagNode()
        root[k] = c
        return c
    }

    func isFlagged(_ key: [String], _ flag: Int) -> Bool {
        if key.isEmpty { return false }
        var cont = root
        for k in key.dropLast() {
            guard let inner = cont[k] else { return false }
            if inner.recursiveFlags.contains(flag) { return true }
            cont = inner.nested
        }
        if let stem = cont[key.last!] {
            return stem.flags.contains(flag) || stem.recursiveFlags.contains(flag)
        }
        return false
    }
}

private struct TomlParser {
    typealias DecodeError = TomlDocument.DecodeError

    let src: [Unicode.Scalar]
    var flags = TomlFlags()
    let data = TomlNest()

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        for c in text.unicodeScalars {
            if c == "\n", previous == "\r" { scalars.removeLast() }
            scalars.append(c)
            previous = c
        }
        src = scalars
    }

    static let maximumNesting = 450
    static let recursionMessage = "RecursionError: maximum recursion depth exceeded"

    // MARK: character classes

    static func isWS(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
    static func isWSOrNewline(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" }
    static func isBareKey(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_"
    }
    static func isHex(_ c: Unicode.Scalar) -> Bool {
        (c >= "0" && c <= "9") || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
    }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isASCIIControl(_ c: Unicode.Scalar) -> Bool { c.value < 32 || c.value == 127 }
    /// ILLEGAL_BASIC_STR_CHARS, also used for literal strings and comments.
    static func illegalBasic(_ c: Unicode.Scalar) -> Bool { isASCIIControl(c) && c != "\t" }
    /// ILLEGAL_MULTILINE_BASIC_STR_CHARS, also used for multi-line literal strings.
    static func illegalMultiline(_ c: Unicode.Scalar) -> Bool { isASCIIControl(c) && c != "\t" && c != "\n" }

    func char(_ pos: Int) -> Unicode.Scalar? { pos < src.count ? src[pos] : nil }

    func startsWith(_ s: String, at pos: Int) -> Bool {
        var p = pos
        for c in s.unicodeScalars {
            guard p < src.count, src[p] == c else { return false }
            p += 1
        }
        return true
    }

    func error(_ pos: Int, _ message: String) -> DecodeError {
        if pos >= src.count { return DecodeError(message: message, line: nil, column: nil) }
        var line = 1
        var lastNewline = -1
        for k in 0..<pos where src[k] == "\n" {
            line += 1
            lastNewline = k
        }
        let column = line == 1 ? pos + 1 : pos - lastNewline
        return DecodeError(message: message, line: line, column: column)
    }

    func skipChars(_ pos: Int, _ test: (Unicode.Scalar) -> Bool) -> Int {
        var p = pos
        while p < src.count, test(src[p]) { p += 1 }
        return p
    }

    func skipUntil(_ pos: Int, _ expect: String, errorOn: (Unicode.Scalar) -> Bool, errorOnEOF: Bool) throws(DecodeError) -> Int {
        let needle = Array(expect.unicodeScalars)
        var newPos = src.count
        var p = pos
        search: while p + needle.count <= src.count {
            for k in 0..<needle.count where src[p + k] != needle[k] {
                p += 1
                continue search
            }
            newPos = p
            break
        }
        if newPos == src.count && errorOnEOF {
            throw error(newPos, "Expected \(ConfigText.repr(expect))")
        }
        var q = pos
        while q < newPos {
            if errorOn(src[q]) {
                throw error(q, "Found invalid character \(ConfigText.repr(String(src[q])))")
            }
            q += 1
        }
        return newPos
    }

    func skipComment(_ pos: Int) throws(DecodeError) -> Int {
        if char(pos) == "#" {
            return try skipUntil(pos + 1, "\n", errorOn: TomlParser.illegalBasic, errorOnEOF: false)
        }
        return pos
    }

    func skipCommentsAndArrayWS(_ pos: Int) throws(DecodeError) -> Int {
        var p = pos
        while true {
            let before = p
            p = skipChars(p, TomlParser.isWSOrNewline)
            p = try skipComment(p)
            if p == before { return p }
        }
    }

    // MARK: document

    mutating func parseDocument() throws(DecodeError) -> TomlTable {
        var pos = 0
        var header: [String] = []
        while true {
            pos = skipChars(pos, TomlParser.isWS)
            guard let c = char(pos) else { break }
            if c == "\n" {
                pos += 1
                continue
            }
            if TomlParser.isBareKey(c) || c == "\"" || c == "'" {
                pos = try keyValueRule(pos, header: header)
                pos = skipChars(pos, TomlParser.isWS)
            } else if c == "[" {
                flags.finalizePending()
                if char(pos + 1) == "[" {
                    (pos, header) = try createListRule(pos)
                } else {
                    (pos, header) = try createDictRule(pos)
                }
                pos = skipChars(pos, TomlParser.isWS)
            } else if c != "#" {
                throw error(pos, "Invalid statement")
            }
            pos = try skipComment(pos)
            guard let end = char(pos) else { break }
            if end != "\n" {
                throw error(pos, "Expected newline or end of document after a statement")
            }
            pos += 1
        }
        guard case let .table(table) = data.value() else { return TomlTable() }
        return table
    }

    /// `NestedDict.get_or_create_nest`; nil means tomllib's KeyError.
    static func getOrCreateNest(_ root: TomlNest, _ key: [String], accessLists: Bool = true) -> TomlNest? {
        var cont = root
        for k in key {
            if cont[k] == nil { cont[k] = .nest(TomlNest()) }
            var node = cont[k]!
            if accessLists, case let .list(list) = node {
                guard let last = list.items.last else { return nil }
                node = last
            }
            guard case let .nest(next) = node else { return nil }
            cont = next
        }
        return cont
    }

    mutating func createDictRule(_ start: Int) throws(DecodeError) -> (Int, [String]) {
        var pos = start + 1
        pos = skipChars(pos, TomlParser.isWS)
        let key: [String]
        (pos, key) = try parseKey(pos)
        if flags.isFlagged(key, TomlFlags.explicitNest) || flags.isFlagged(key, TomlFlags.frozen) {
            throw error(pos, "Cannot declare \(ConfigText.reprTuple(key)) twice")
        }
        flags.set(key, TomlFlags.explicitNest, recursive: false)
        if TomlParser.getOrCreateNest(data, key) == nil {
            throw error(pos, "Cannot overwrite a value")
        }
        if !startsWith("]", at: pos) {
            throw error(pos, "Expected ']' at the end of a table declaration")
        }
        return (pos + 1, key)
    }

    mutating func createListRule(_ start: Int) throws(DecodeError) -> (Int, [String]) {
        var pos = start + 2
        pos = skipChars(pos, TomlParser.isWS)
        let key: [String]
        (pos, key) = try parseKey(pos)
        if flags.isFlagged(key, TomlFlags.frozen) {
            throw error(pos, "Cannot mutate immutable namespace \(ConfigText.reprTuple(key))")
        }
        flags.unsetAll(key)
        flags.set(key, TomlFlags.explicitNest, recursive: false)
        guard let cont = TomlParser.getOrCreateNest(data, Array(key.dropLast())) else {
            throw error(pos, "Cannot overwrite a value")
        }
        let last = key.last!
        if let existing = cont[last] {
            guard case let .list(list) = existing else { throw error(pos, "Cannot overwrite a value") }
            list.items.append(.nest(TomlNest()))
        } else {
            cont[last] = .list(TomlList([.nest(TomlNest())]))
        }
        if !startsWith("]]", at: pos) {
            throw error(pos, "Expected ']]' at the end of an array declaration")
        }
        return (pos + 2, key)
    }

    mutating func keyValueRule(_ start: Int, header: [String]) throws(DecodeError) -> Int {
        let (pos, key, value) = try parseKeyValuePair(start, depth: 0)
        let keyParent = Array(key.dropLast())
        let keyStem = key.last!
        let absKeyParent = header + keyParent
        if key.count > 1 {
            for i in 1..<key.count {
                let contKey = header + key[0..<i]
                if flags.isFlagged(contKey, TomlFlags.explicitNest) {
                    throw error(pos, "Cannot redefine namespace \(ConfigText.reprTuple(contKey))")
                }
                flags.addPending(contKey, TomlFlags.explicitNest)
            }
        }
        if flags.isFlagged(absKeyParent, TomlFlags.frozen) {
            throw error(pos, "Cannot mutate immutable namespace \(ConfigText.reprTuple(absKeyParent))")
        }
        guard let nest = TomlParser.getOrCreateNest(data, absKeyParent) else {
            throw error(pos, "Cannot overwrite a value")
        }
        if nest[keyStem] != nil {
            throw error(pos, "Cannot overwrite a value")
        }
        switch value {
        case .nest, .list: flags.set(header + key, TomlFlags.frozen, recursive: true)
        case .scalar: break
        }
        nest[keyStem] = value
        return pos
    }

    func parseKeyValuePair(_ start: Int, depth: Int) throws(DecodeError) -> (Int, [String], TomlNode) {
        var (pos, key) = try parseKey(start)
        if char(pos) != "=" {
            throw error(pos, "Expected '=' after a key in a key/value pair")
        }
        pos += 1
        pos = skipChars(pos, TomlParser.isWS)
        let value: TomlNode
        (pos, value) = try parseValue(pos, depth: depth)
        return (pos, key, value)
    }

    func parseKey(_ start: Int) throws(DecodeError) -> (Int, [String]) {
        var (pos, part) = try parseKeyPart(start)
        var key = [part]
        pos = skipChars(pos, TomlParser.isWS)
        while char(pos) == "." {
            pos += 1
            pos = skipChars(pos, TomlParser.isWS)
            (pos, part) = try parseKeyPart(pos)
            key.append(part)
            pos = skipChars(pos, TomlParser.isWS)
        }
        return (pos, key)
    }

    func parseKeyPart(_ pos: Int) throws(DecodeError) -> (Int, String) {
        let c = char(pos)
        if let c, TomlParser.isBareKey(c) {
            let end = skipChars(pos, TomlParser.isBareKey)
            return (end, ConfigText.string(src[pos..<end]))
        }
        if c == "'" { return try parseLiteralStr(pos) }
        if c == "\"" { return try parseBasicStr(pos + 1, multiline: false) }
        throw error(pos, "Invalid initial character for a key part")
    }

    func parseArray(_ start: Int, depth: Int) throws(DecodeError) -> (Int, TomlNode) {
        var pos = start + 1
        var array: [TomlNode] = []
        pos = try skipCommentsAndArrayWS(pos)
        if startsWith("]", at: pos) { return (pos + 1, .list(TomlList(array))) }
        while true {
            let value: TomlNode
            (pos, value) = try parseValue(pos, depth: depth + 1)
            array.append(value)
            pos = try skipCommentsAndArrayWS(pos)
            let c = char(pos)
            if c == "]" { return (pos + 1, .list(TomlList(array))) }
            if c != "," { throw error(pos, "Unclosed array") }
            pos += 1
            pos = try skipCommentsAndArrayWS(pos)
            if startsWith("]", at: pos) { return (pos + 1, .list(TomlList(array))) }
        }
    }

    func parseInlineTable(_ start: Int, depth: Int) throws(DecodeError) -> (Int, TomlNode) {
        var pos = start + 1
        let nested = TomlNest()
        var localFlags = TomlFlags()
        pos = skipChars(pos, TomlParser.isWS)
        if startsWith("}", at: pos) { return (pos + 1, .nest(nested)) }
        while true {
            let key: [String]
            let value: TomlNode
            (pos, key, value) = try parseKeyValuePair(pos, depth: depth + 1)
            let keyParent = Array(key.dropLast())
            let keyStem = key.last!
            if localFlags.isFlagged(key, TomlFlags.frozen) {
                throw error(pos, "Cannot mutate immutable namespace \(ConfigText.reprTuple(key))")
            }
            guard let nest = TomlParser.getOrCreateNest(nested, keyParent, accessLists: false) else {
                throw error(pos, "Cannot overwrite a value")
            }
            if nest[keyStem] != nil {
                throw error(pos, "Duplicate inline table key \(ConfigText.repr(keyStem))")
            }
            nest[keyStem] = value
            pos = skipChars(pos, TomlParser.isWS)
            let c = char(pos)
            if c == "}" { return (pos + 1, .nest(nested)) }
            if c != "," { throw error(pos, "Unclosed inline table") }
            switch value {
            case .nest, .list: localFlags.set(key, TomlFlags.frozen, recursive: true)
            case .scalar: break
            }
            pos += 1
            pos = skipChars(pos, TomlParser.isWS)
        }
    }

    func parseBasicStrEscape(_ start: Int, multiline: Bool) throws(DecodeError) -> (Int, String) {
        let first = char(start)
        let second = char(start + 1)
        var pos = start + 2
        if multiline, first == "\\", let second, second == " " || second == "\t" || second == "\n" {
            if second != "\n" {
                pos = skipChars(pos, TomlParser.isWS)
                guard let c = char(pos) else { return (pos, "") }
                if c != "\n" { throw error(pos, "Unescaped '\\' in a string") }
                pos += 1
            }
            pos = skipChars(pos, TomlParser.isWSOrNewline)
            return (pos, "")
        }
        switch second {
        case "u": return try parseHexChar(pos, 4)
        case "U": return try parseHexChar(pos, 8)
        case "b": return (pos, "\u{08}")
        case "t": return (pos, "\t")
        case "n": return (pos, "\n")
        case "f": return (pos, "\u{0C}")
        case "r": return (pos, "\r")
        case "\"": return (pos, "\"")
        case "\\": return (pos, "\\")
        default: throw error(pos, "Unescaped '\\' in a string")
        }
    }

    func parseHexChar(_ pos: Int, _ length: Int) throws(DecodeError) -> (Int, String) {
        let end = min(pos + length, src.count)
        let hex = src[pos..<end]
        if hex.count != length || !hex.allSatisfy(TomlParser.isHex) {
            throw error(pos, "Invalid hex value")
        }
        let value = UInt32(ConfigText.string(hex), radix: 16)!
        guard let scalar = Unicode.Scalar(value) else {
            throw error(pos + length, "Escaped character is not a Unicode scalar value")
        }
        return (pos + length, String(scalar))
    }

    func parseLiteralStr(_ start: Int) throws(DecodeError) -> (Int, String) {
        let pos = start + 1
        let end = try skipUntil(pos, "'", errorOn: TomlParser.illegalBasic, errorOnEOF: true)
        return (end + 1, ConfigText.string(src[pos..<end]))
    }

    func parseMultilineStr(_ start: Int, literal: Bool) throws(DecodeError) -> (Int, String) {
        var pos = start + 3
        if startsWith("\n", at: pos) { pos += 1 }
        let delim: String
        var result: String
        if literal {
            delim = "'"
            let end = try skipUntil(pos, "'''", errorOn: TomlParser.illegalMultiline, errorOnEOF: true)
            result = ConfigText.string(src[pos..<end])
            pos = end + 3
        } else {
            delim = "\""
            (pos, result) = try parseBasicStr(pos, multiline: true)
        }
        if !startsWith(delim, at: pos) { return (pos, result) }
        pos += 1
        if !startsWith(delim, at: pos) { return (pos, result + delim) }
        pos += 1
        return (pos, result + delim + delim)
    }

    func parseBasicStr(_ start: Int, multiline: Bool) throws(DecodeError) -> (Int, String) {
        var result = ""
        var pos = start
        var startPos = start
        while true {
            guard let c = char(pos) else { throw error(pos, "Unterminated string") }
            if c == "\"" {
                if !multiline {
                    result += ConfigText.string(src[startPos..<pos])
                    return (pos + 1, result)
                }
                if startsWith("\"\"\"", at: pos) {
                    result += ConfigText.string(src[startPos..<pos])
                    return (pos + 3, result)
                }
                pos += 1
                continue
            }
            if c == "\\" {
                result += ConfigText.string(src[startPos..<pos])
                let escaped: String
                (pos, escaped) = try parseBasicStrEscape(pos, multiline: multiline)
                result += escaped
                startPos = pos
                continue
            }
            if multiline ? TomlParser.illegalMultiline(c) : TomlParser.illegalBasic(c) { throw error(pos, "Illegal character \(ConfigText.repr(String(c)))") }
            pos += 1
        }
    }

    func parseValue(_ pos: Int, depth: Int) throws(DecodeError) -> (Int, TomlNode) {
        let c = char(pos)
        if c == "\"" {
            if startsWith("\"\"\"", at: pos) {
                let (end, s) = try parseMultilineStr(pos, literal: false)
                return (end, .scalar(.string(s)))
            }
            let (end, s) = try parseBasicStr(pos + 1, multiline: false)
            return (end, .scalar(.string(s)))
        }
        if c == "'" {
            if startsWith("'''", at: pos) {
                let (end, s) = try parseMultilineStr(pos, literal: true)
                return (end, .scalar(.string(s)))
            }
            let (end, s) = try parseLiteralStr(pos)
            return (end, .scalar(.string(s)))
        }
        if c == "t", startsWith("true", at: pos) { return (pos + 4, .scalar(.bool(true))) }
        if c == "f", startsWith("false", at: pos) { return (pos + 5, .scalar(.bool(false))) }
        if c == "[" || c == "{" {
            // Python's recursion limit stops tomllib near here; fail the same way instead of
            // exhausting the stack.
            if depth >= TomlParser.maximumNesting {
                throw DecodeError(message: TomlParser.recursionMessage, line: nil, column: nil)
            }
            return c == "[" ? try parseArray(pos, depth: depth) : try parseInlineTable(pos, depth: depth)
        }

        if let match = matchDateTime(pos) {
            if !match.valid { throw error(pos, "Invalid date or datetime") }
            return (match.end, .scalar(.datetime(ConfigText.string(src[pos..<match.end]))))
        }
        if let end = matchTime(pos) {
            return (end, .scalar(.datetime(ConfigText.string(src[pos..<end]))))
        }
        if let (end, isFloat) = matchNumber(pos) {
            let text = ConfigText.string(src[pos..<end].filter { $0 != "_" })
            if isFloat {
                return (end, .scalar(.float(Double(text) ?? .nan)))
            }
            guard let value = TomlParser.parseInteger(text) else {
                throw error(pos, "Integer out of range")
            }
            return (end, .scalar(.integer(value)))
        }
        for special in ["inf", "nan"] where startsWith(special, at: pos) {
            return (pos + 3, .scalar(.float(special == "inf" ? .infinity : .nan)))
        }
        for special in ["-inf", "+inf", "-nan", "+nan"] where startsWith(special, at: pos) {
            let value: Double = special.hasSuffix("inf") ? .infinity : .nan
            return (pos + 4, .scalar(.float(special.hasPrefix("-") ? -value : value)))
        }
        throw error(pos, "Invalid value")
    }

    static func parseInteger(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("+") { body = body.dropFirst() } else if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        var radix = 10
        if body.hasPrefix("0x") { radix = 16 } else if body.hasPrefix("0o") { radix = 8 } else if body.hasPrefix("0b") { radix = 2 }
        if radix != 10 { body = body.dropFirst(2) }
        guard let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int(Int64.min) }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int(magnitude)
    }

    // MARK: regex ports (_re.py)

    /// `[0-9]{n}` at pos.
    func digits(_ pos: Int, _ n: Int) -> Int? {
        guard pos + n <= src.count else { return nil }
        var v = 0
        for k in pos..<(pos + n) {
            guard TomlParser.isDigit(src[k]) else { return nil }
            v = v * 10 + Int(src[k].value - 48)
        }
        return v
    }

    /// `_TIME_RE_STR`; returns the end position.
    func matchTime(_ pos: Int) -> Int? {
        guard let h = digits(pos, 2), h <= 23, char(pos + 2) == ":",
              let m = digits(pos + 3, 2), m <= 59, char(pos + 5) == ":",
              let s = digits(pos + 6, 2), s <= 59 else { return nil }
        var end = pos + 8
        if char(end) == ".", let d = char(end + 1), TomlParser.isDigit(d) {
            end += 1
            while let d = char(end), TomlParser.isDigit(d) { end += 1 }
        }
        return end
    }

    /// `RE_DATETIME` plus `match_to_datetime`'s validity check.
    func matchDateTime(_ pos: Int) -> (end: Int, valid: Bool)? {
        guard let year = digits(pos, 4), char(pos + 4) == "-",
              let month = digits(pos + 5, 2), (1...12).contains(month), char(pos + 7) == "-",
              let day = digits(pos + 8, 2), (1...31).contains(day) else { return nil }
        var end = pos + 10
        if let sep = char(end), sep == "T" || sep == "t" || sep == " ", let timeEnd = matchTime(end + 1) {
            end = timeEnd
            if let z = char(end), z == "Z" || z == "z" {
                end += 1
            } else if let sign = char(end), sign == "+" || sign == "-",
                      let oh = digits(end + 1, 2), oh <= 23, char(end + 3) == ":",
                      let om = digits(end + 4, 2), om <= 59 {
                end += 6
            }
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let valid = year >= 1 && day <= monthDays[month - 1]
        return (end, valid)
    }

    /// `RE_NUMBER`; returns the end position and whether `floatpart` matched something.
    func matchNumber(_ pos: Int) -> (Int, Bool)? {
        func run(_ p: Int, _ isDigitChar: (Unicode.Scalar) -> Bool) -> Int {
            // [d](?:_?[d])*  — caller has checked the first digit.
            var q = p + 1
            while true {
                if let c = char(q), isDigitChar(c) {
                    q += 1
                } else if char(q) == "_", let c = char(q + 1), isDigitChar(c) {
                    q += 2
                } else {
                    return q
                }
            }
        }
        if char(pos) == "0", let kind = char(pos + 1) {
            let test: ((Unicode.Scalar) -> Bool)?
            switch kind {
            case "x": test = TomlParser.isHex
            case "b": test = { $0 == "0" || $0 == "1" }
            case "o": test = { $0 >= "0" && $0 <= "7" }
            default: test = nil
            }
            if let test, let first = char(pos + 2), test(first) {
                return (run(pos + 2, test), false)
            }
        }
        var p = pos
        if let sign = char(p), sign == "+" || sign == "-" { p += 1 }
        guard let first = char(p), TomlParser.isDigit(first) else { return nil }
        if first == "0" {
            p += 1
        } else {
            p = run(p, TomlParser.isDigit)
        }
        let intEnd = p
        if char(p) == ".", let d = char(p + 1), TomlParser.isDigit(d) {
            p = run(p + 1, TomlParser.isDigit)
        }
        if let e = char(p), e == "e" || e == "E" {
            var q = p + 1
            if let sign = char(q), sign == "+" || sign == "-" { q += 1 }
            if let d = char(q), TomlParser.isDigit(d) {
                p = run(q, TomlParser.isDigit)
            }
        }
        return (p, p != intEnd)
    }
}
