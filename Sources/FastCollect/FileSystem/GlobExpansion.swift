/// Python's `glob.iglob(pattern, recursive=True)`, sorted: expands `testpaths` entries.
enum GlobExpansion {
    /// The matching paths, spelled as the pattern spells them (relative stays relative).
    static func expand(_ pattern: String, base: String) -> [String] {
        let isAbsolute = pattern.hasPrefix("/")
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var current: [(shown: String, absolute: String)] = [(isAbsolute ? "/" : "", isAbsolute ? "/" : base)]
        for (index, component) in components.enumerated() {
            let isLast = index == components.count - 1
            var next: [(String, String)] = []
            for (shown, absolute) in current {
                func joinShown(_ name: String) -> String {
                    shown.isEmpty ? name : (shown.hasSuffix("/") ? shown + name : shown + "/" + name)
                }
                if component == "**" {
                    next.append((shown, absolute))
                    next += descendants(of: absolute).map { (joinShown($0), FilePath.join(absolute, $0)) }
                    continue
                }
                if !hasMagic(component) {
                    let path = FilePath.join(absolute, component)
                    if isLast ? DirectoryLister.kind(of: path) != nil : DirectoryLister.kind(of: path) == .directory {
                        next.append((joinShown(component), path))
                    }
                    continue
                }
                let glob = GlobPattern(component)
                guard case .success(let entries) = DirectoryLister.list(absolute) else { continue }
                for entry in entries where glob.matches(entry.name) {
                    if entry.name.hasPrefix(".") && !component.hasPrefix(".") { continue }
                    if !isLast && entry.kind != .directory { continue }
                    next.append((joinShown(entry.name), FilePath.join(absolute, entry.name)))
                }
            }
            current = next
        }
        return current.map(\.shown).filter { !$0.isEmpty }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func hasMagic(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    }

    /// Every directory below `root` (relative paths), for `**`; bounded in depth and count.
    private static func descendants(of root: String) -> [String] {
        var result: [String] = []
        var stack: [(String, Int)] = [("", 0)]
        while let (relative, depth) = stack.popLast(), result.count < 100_000 {
            let absolute = relative.isEmpty ? root : FilePath.join(root, relative)
            guard depth < 64, case .success(let entries) = DirectoryLister.list(absolute) else { continue }
            for entry in entries.reversed() where entry.kind == .directory && !entry.name.hasPrefix(".") {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                result.append(child)
                stack.append((child, depth + 1))
            }
        }
        return result
    }
}
