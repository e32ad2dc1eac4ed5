/// pytest's `_matches_prefix_or_glob_option` (`python_classes`, `python_functions`): a name matches
/// an option it starts with, or one holding `*`, `?` or `[` that `fnmatch` matches.
public struct PrefixOrGlobMatcher: Sendable, Hashable {
    private struct Option: Sendable, Hashable {
        var prefix: [UInt8]
        var glob: GlobPattern?
    }

    public let options: [String]
    private let compiled: [Option]

    public init(_ options: [String]) {
        self.options = options
        compiled = options.map { option in
            let isGlob = option.contains("*") || option.contains("?") || option.contains("[")
            return Option(prefix: Array(option.utf8), glob: isGlob ? GlobPattern(option) : nil)
        }
    }

    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { matches($0) }
    }

    public func matches(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        for option in compiled {
            if name.count >= option.prefix.count {
                var same = true
                for k in 0..<option.prefix.count where name[k] != option.prefix[k] {
                    same = false
                    break
                }
                if same { return true }
            }
            if let glob = option.glob, glob.matches(name) { return true }
        }
        return false
    }
}
