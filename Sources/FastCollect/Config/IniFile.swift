/// An INI file read exactly as pytest reads it: `iniconfig.IniConfig(path)` (no inline-comment
/// stripping), so `pytest.ini`, `tox.ini` and `setup.cfg` give the same sections, values and errors.
public struct IniFile: Sendable, Equatable {
    /// One `[name]` section with its entries in file order.
    public struct Section: Sendable, Equatable {
        public var name: String
        /// 1-based line of the header.
        public var line: Int
        public var entries: [Entry]

        public subscript(key: String) -> String? {
            entries.first { $0.key == key }?.value
        }
    }

    /// `key = value` or `key: value`; continuation lines are joined with `\n`.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        /// 1-based line of the key.
        public var line: Int
    }

    public var path: String
    /// Sections in file order.
    public var sections: [Section]

    public subscript(section: String) -> Section? {
        sections.first { $0.name == section }
    }

    /// Parses `text` (already newline-translated); `path` only appears in error messages.
    public init(path: String, text: String) throws(ConfigError) {
        self.path = path
        let scalars = Array(text.unicodeScalars)
        let tokens = try IniFile.parseLines(path: path, lines: ConfigText.splitLinesKeepingEnds(scalars))
        var sections: [Section] = []
        for token in tokens {
            guard token.section != nil else {
                throw .parse(file: path, line: token.line + 1, message: "no section header defined")
            }
            let sectionName = token.sectionName
            if let name = token.name {
                let index = sections.firstIndex { $0.name == sectionName }!
                if sections[index].entries.contains(where: { $0.key == name }) {
                    throw .parse(file: path, line: token.line + 1, message: "duplicate name \(ConfigText.repr(name))")
                }
                sections[index].entries.append(Entry(key: name, value: token.value ?? "", line: token.line + 1))
            } else {
                if sections.contains(where: { $0.name == sectionName }) {
                    throw .parse(file: path, line: token.line + 1, message: "duplicate section \(ConfigText.repr(sectionName))")
                }
                sections.append(Section(name: sectionName, line: token.line + 1, entries: []))
            }
        }
        self.sections = sections
    }

    /// Reads and parses a file as `open(path, encoding="utf-8").read()` would.
    public static func load(path: String) throws(ConfigError) -> IniFile {
        try IniFile(path: path, text: ConfigFileSystem.readText(path))
    }

    private struct Token {
        var line: Int
        /// Index of the section this token belongs to (nil before any header).
        var section: Int?
        var sectionName: String
        var name: String?
        var value: String?
    }

    private enum Parsed {
        case blank
        case section(String)
        case value(String, String)
        case continuation(String)
    }

    private static func parseLines(path: String, lines: [ArraySlice<Unicode.Scalar>]) throws(ConfigError) -> [Token] {
        var result: [Token] = []
        var sectionCount = 0
        var section: (index: Int, name: String)?
        for (lineno, line) in lines.enumerated() {
            switch try parseLine(path: path, line: line, lineno: lineno) {
            case .blank:
                continue
            case let .value(name, data):
                result.append(Token(line: lineno, section: section?.index, sectionName: section?.name ?? "",
                                    name: name, value: data))
            case let .section(name):
                if name.isEmpty {
                    throw .parse(file: path, line: lineno + 1, message: "empty section name")
                }
                section = (sectionCount, name)
                sectionCount += 1
                result.append(Token(line: lineno, section: section?.index, sectionName: name, name: nil, value: nil))
            case let .continuation(data):
                guard var last = result.popLast(), last.name != nil else {
                    throw .parse(file: path, line: lineno + 1, message: "unexpected value continuation")
                }
                if let previous = last.value, !previous.isEmpty {
                    last.value = previous + "\n" + data
                } else {
                    last.value = data
                }
                result.append(last)
            }
        }
        return result
    }

    private static func parseLine(path: String, line raw: ArraySlice<Unicode.Scalar>, lineno: Int) throws(ConfigError) -> Parsed {
        let leading = ConfigText.lstrip(raw)
        if leading.isEmpty || leading.first == "#" || leading.first == ";" { return .blank }
        let line = ConfigText.rstrip(raw)
        if line.isEmpty { return .blank }
        let first = line.first!
        if first == "[" {
            var header = line
            for comment in ["#", ";"] as [Unicode.Scalar] {
                if let cut = header.firstIndex(of: comment) { header = header[header.startIndex..<cut] }
                header = ConfigText.rstrip(header)
            }
            if header.last == "]" {
                return .section(ConfigText.string(header.dropFirst().dropLast()))
            }
            return .continuation(ConfigText.string(ConfigText.strip(line)))
        }
        if !ConfigText.isSpace(first) {
            var name: ArraySlice<Unicode.Scalar>
            var value: ArraySlice<Unicode.Scalar>
            if let eq = line.firstIndex(of: "="), !line[line.startIndex..<eq].contains(":") {
                name = line[line.startIndex..<eq]
                value = line[(eq + 1)...]
            } else if let colon = line.firstIndex(of: ":") {
                name = line[line.startIndex..<colon]
                value = line[(colon + 1)...]
            } else {
                throw .parse(file: path, line: lineno + 1,
                             message: "unexpected line: \(ConfigText.repr(ConfigText.string(line)))")
            }
            name = ConfigText.strip(name)
            value = ConfigText.strip(value)
            return .value(ConfigText.string(name), ConfigText.string(value))
        }
        return .continuation(ConfigText.string(ConfigText.strip(line)))
    }
}
