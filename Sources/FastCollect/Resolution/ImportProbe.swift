import ModuleScanner

/// Whether `import name` would succeed in the environment pytest runs in, found by looking for
/// the module on the import path rather than by running Python: a package directory (a
/// namespace package too), a `.py` file or an extension module in one of the path's folders,
/// or one of the interpreter's built-in modules. Only a closed environment (a virtualenv that
/// does not see the system's site-packages, its standard library found) can say that a module
/// found nowhere cannot be imported; otherwise that answer is "not known".
final class ImportProbe {
    /// Folders searched, in order: `sys.path` as the session approximates it.
    private let roots: [String]
    private let isClosed: Bool
    @exclusivity(unchecked) private var listings: [PathKey: [DirectoryEntry]] = [:]

    /// CPython's `sys.builtin_module_names` (3.10 to 3.14, Linux): modules with no file.
    static let builtinModules: Set<String> = [
        "_abc", "_ast", "_codecs", "_collections", "_functools", "_imp", "_io", "_locale", "_operator", "_signal",
        "_sre", "_stat", "_string", "_suggestions", "_symtable", "_sysconfig", "_thread", "_tokenize", "_tracemalloc",
        "_typing", "_warnings", "_weakref", "atexit", "builtins", "errno", "faulthandler", "gc", "itertools", "marshal",
        "posix", "pwd", "sys", "time", "xxsubtype", "_frozen_importlib", "_frozen_importlib_external", "zipimport",
    ]

    init(roots: [String], isClosed: Bool) {
        var seen = Set<String>()
        self.roots = roots.filter { seen.insert($0).inserted }
        self.isClosed = isClosed
    }

    /// True when `dotted` is found; false when it is not and the environment is closed; nil
    /// when not known. `extraRoots` are searched first (the importing module's own folders).
    func importable(_ dotted: String, extraRoots: [String] = []) -> Bool? {
        let parts = dotted.dottedParts()
        guard let top = parts.first, !top.isEmpty else { return nil }
        if Self.builtinModules.contains(top) { return parts.count == 1 ? true : nil }
        for root in extraRoots + roots {
            switch find(top, in: root) {
            case .package(let directory):
                // Submodules are looked for in this package only; a namespace package (no
                // `__init__.py`) may have more folders elsewhere, so a miss there is not known.
                let isRegular = DirectoryEntry.find("__init__.py", in: listing(directory)) != nil
                var current = directory
                for part in parts.dropFirst() {
                    switch find(part, in: current) {
                    case .package(let inner): current = inner
                    case .module: return part == parts[parts.count - 1] ? true : nil
                    case .missing: return isClosed && isRegular ? false : nil
                    }
                }
                return true
            case .module:
                // A module file may make submodules itself (`os.path`).
                return parts.count == 1 ? true : nil
            case .missing:
                continue
            }
        }
        return isClosed ? false : nil
    }

    private enum Found {
        case package(String)
        case module
        case missing
    }

    private func find(_ name: String, in root: String) -> Found {
        let entries = listing(root)
        if let entry = DirectoryEntry.find(name, in: entries), entry.kind == .directory {
            return .package(FilePath.join(root, name))
        }
        if let entry = DirectoryEntry.find(name + ".py", in: entries), entry.kind == .file { return .module }
        // Extension modules: `name.so`, `name.cpython-311-x86_64-linux-gnu.so`, `name.abi3.so`.
        let prefix = name + "."
        for entry in entries where entry.kind == .file && entry.name.hasPrefix(prefix) {
            if entry.name.hasSuffix(".so") || entry.name.hasSuffix(".pyd") { return .module }
        }
        return .missing
    }

    private func listing(_ directory: String) -> [DirectoryEntry] {
        let key = PathKey(directory)
        if let cached = listings[key] { return cached }
        let entries: [DirectoryEntry]
        if case .success(let listed) = DirectoryLister.list(directory) { entries = listed } else { entries = [] }
        listings[key] = entries
        return entries
    }
}
