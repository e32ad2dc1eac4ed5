/// POSIX path arithmetic as Python does it (`os.path` and `pathlib`), on strings.
enum ConfigPath {
    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// `os.path.normpath`.
    static func normpath(_ path: String) -> String {
        if path.isEmpty { return "." }
        var initialSlashes = 0
        if path.hasPrefix("/") {
            initialSlashes = (path.hasPrefix("//") && !path.hasPrefix("///")) ? 2 : 1
        }
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component != ".." || (initialSlashes == 0 && components.isEmpty)
                || (components.last == "..") {
                components.append(component)
            } else if !components.isEmpty {
                components.removeLast()
            }
        }
        let joined = String(repeating: "/", count: initialSlashes) + components.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `os.path.abspath` with `cwd` standing in for `os.getcwd()`.
    static func abspath(_ path: String, cwd: String) -> String {
        if isAbsolute(path) { return normpath(path) }
        return normpath(join(cwd, path))
    }

    /// `os.path.join(a, b)`.
    static func join(_ a: String, _ b: String) -> String {
        if isAbsolute(b) { return b }
        if a.isEmpty || a.hasSuffix("/") { return a + b }
        return a + "/" + b
    }

    /// `str(PurePosixPath(path))`: collapses `//` and `.` parts, keeps `..`.
    static func pathlibNormalize(_ path: String) -> String {
        if path.isEmpty { return "." }
        var prefix = ""
        if path.hasPrefix("/") {
            prefix = (path.hasPrefix("//") && !path.hasPrefix("///")) ? "//" : "/"
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = prefix + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `str(Path(base) / other)`.
    static func pathlibJoin(_ base: String, _ other: String) -> String {
        if isAbsolute(other) { return pathlibNormalize(other) }
        return pathlibNormalize(base.hasSuffix("/") ? base + other : base + "/" + other)
    }

    /// `Path(path).parent` for a normalized absolute path.
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = path[..<slash]
        if head.isEmpty || head == "/" { return String(path[...slash]) }
        return String(head)
    }

    /// `Path(path).parents` for a normalized absolute path, nearest first.
    static func parents(_ path: String) -> [String] {
        var result: [String] = []
        var current = path
        while true {
            let p = parent(current)
            if p == current { break }
            result.append(p)
            current = p
        }
        return result
    }

    /// `PurePath(path).name`.
    static func name(_ path: String) -> String {
        let normalized = pathlibNormalize(path)
        if normalized == "." { return "" }
        guard let slash = normalized.lastIndex(of: "/") else { return normalized }
        return String(normalized[normalized.index(after: slash)...])
    }

    /// `PurePath(path).suffix` (Python 3.11 rules).
    static func suffix(_ path: String) -> String {
        let n = name(path)
        guard let dot = n.lastIndex(of: ".") else { return "" }
        let offset = n.distance(from: n.startIndex, to: dot)
        if offset > 0 && offset < n.count - 1 { return String(n[dot...]) }
        return ""
    }

    private static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    }

    /// `os.path.commonpath([a, b])` for two absolute paths.
    static func commonpath(_ a: String, _ b: String) -> String {
        let ca = components(a)
        let cb = components(b)
        var common = 0
        while common < ca.count, common < cb.count, ca[common] == cb[common] { common += 1 }
        return "/" + ca[0..<common].joined(separator: "/")
    }

    /// pytest's `bestrelpath(directory, dest)` for absolute paths.
    static func bestrelpath(from directory: String, to dest: String) -> String {
        if dest == directory { return "." }
        let base = commonpath(directory, dest)
        let baseCount = components(base).count
        let up = components(directory).count - baseCount
        let down = components(dest).dropFirst(baseCount)
        let parts = Array(repeating: "..", count: up) + down.map(String.init)
        return parts.joined(separator: "/")
    }

    /// `os.path.expandvars`: `$name` and `${name}`, unknown variables left as written.
    static func expandvars(_ path: String, environment: [String: String]) -> String {
        guard path.contains("$") else { return path }
        let s = Array(path.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isWord(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
        }
        while i < s.count {
            guard s[i] == "$", i + 1 < s.count else {
                out.append(s[i]); i += 1; continue
            }
            var name: String?
            var end = i + 1
            if s[i + 1] == "{" {
                if let close = s[(i + 2)...].firstIndex(of: "}") {
                    name = ConfigText.string(s[(i + 2)..<close])
                    end = close + 1
                }
            } else if isWord(s[i + 1]) {
                var j = i + 1
                while j < s.count, isWord(s[j]) { j += 1 }
                name = ConfigText.string(s[(i + 1)..<j])
                end = j
            }
            if let name, let value = environment[name] {
                out.append(contentsOf: value.unicodeScalars)
            } else if name != nil {
                out.append(contentsOf: s[i..<end])
            } else {
                out.append(s[i])
                end = i + 1
            }
            i = end
        }
        return String(out)
    }
}
