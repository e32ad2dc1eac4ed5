import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// Decides whether a `--collect-only` run may use the collection cache and names its entry:
/// the key is everything about the invocation that is not a file (the executable, user,
/// working directory, terminal, arguments and environment); files are the entry's inputs.
struct CommandCache {
    let cache: CollectionCache
    let key: [UInt8]
    /// `--cache-clear`: compute afresh, then store.
    let refresh: Bool

    /// Variables a shell changes between commands that fastcollect never reads.
    private static let unreadVariables: Set<String> = ["OLDPWD", "PWD", "SHLVL", "_"]

    /// nil when the run is not a collection, or the cache is off: pytest's
    /// `-p no:cacheprovider`, or an empty `FASTCOLLECT_CACHE_DIR`.
    init?(options: CommandLineOptions, arguments: [String], environment: [String: String], cwd: String, version: String) {
        guard options.collectOnly, !options.showHelp, !options.showVersion,
            !options.plugins.contains("no:cacheprovider"),
            let directory = CollectionCache.defaultDirectory(environment: environment)
        else { return nil }
        cache = CollectionCache(directory: directory)
        refresh = options.cacheClear
        var key: [UInt8] = []
        func field(_ name: String, _ value: String) {
            key += name.utf8
            key.append(0x3D)
            key += value.utf8
            key.append(0)
        }
        let executable = FileStamp.of("/proc/self/exe")
        field("version", version)
        field("executable", "\(executable.device):\(executable.inode):\(executable.size):\(executable.modified):\(executable.changed)")
        var groups = [gid_t](repeating: 0, count: 256)
        let groupCount = getgroups(Int32(groups.count), &groups)
        field("user", "\(getuid()):\(getgid()):\(groups.prefix(max(0, Int(groupCount))).map(String.init))")
        field("cwd", cwd)
        field("columns", String(TerminalWriter.terminalWidth()))
        field("tty", "\(isatty(STDOUT_FILENO)):\(isatty(STDERR_FILENO))")
        for argument in arguments { field("arg", argument) }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where !Self.unreadVariables.contains(name) {
            field("env:" + name, value)
        }
        self.key = key
    }
}
