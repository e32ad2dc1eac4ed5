import ModuleScanner

/// Finds the file behind a dotted module name the way Python's import system would with the
/// `sys.path` a pytest run has (prepend import mode), without running Python.
final class ModuleLocator {
    /// Directories searched for absolute imports, in order (an approximation of `sys.path`).
    @exclusivity(unchecked) private(set) var searchRoots: [String]
    @exclusivity(unchecked) private var existsCache: [PathKey: DirectoryEntry.Kind?] = [:]
    @exclusivity(unchecked) private var packageCache: [PathKey: (basedir: String, name: String)] = [:]
    @exclusivity(unchecked) private var fileContextCache: [PathKey: (basedir: String, name: String)] = [:]
    @exclusivity(unchecked) private var importCache: [ImportKey: (file: String?, dotted: String)?] = [:]
    @exclusivity(unchecked) private var submoduleCache: [PathNameKey: String?] = [:]

    init(searchRoots: [String]) {
        var seen = Set<String>()
        self.searchRoots = searchRoots.filter { seen.insert($0).inserted }
    }

    func addSearchRoot(_ root: String) {
        if !searchRoots.contains(root) { searchRoots.append(root) }
    }

    func kind(_ path: String) -> DirectoryEntry.Kind? {
        let key = PathKey(path)
        if let cached = existsCache[key] { return cached }
        let kind = DirectoryLister.kind(of: path)
        existsCache[key] = kind
        return kind
    }

    /// Records what a `stat` made elsewhere found at `path`, for `kind` to answer from.
    func remember(_ path: String, kind: DirectoryEntry.Kind?) {
        existsCache[PathKey(path)] = kind
    }

    /// The directory whose entry in `sys.path` makes `file` importable, and the module's dotted
    /// name from there (pytest's `resolve_package_path` and `module_name_from_path`).
    func packageContext(of file: String) -> (basedir: String, name: String) {
        let key = PathKey(file)
        if let cached = fileContextCache[key] { return cached }
        let result = computePackageContext(of: file)
        fileContextCache[key] = result
        return result
    }

    private func computePackageContext(of file: String) -> (basedir: String, name: String) {
        let directory = FilePath.parent(file)
        let stem = FilePath.stem(file)
        let (basedir, packageName) = packageOfDirectory(directory)
        var name: String
        if FilePath.basename(file) == "__init__.py" {
            name = packageName
        } else {
            name = packageName.isEmpty ? stem : packageName + "." + stem
        }
        if name.isEmpty { name = stem }
        return (basedir, name)
    }

    /// For a directory: the first ancestor without `__init__.py` and the package's dotted name.
    private func packageOfDirectory(_ directory: String) -> (basedir: String, name: String) {
        let key = PathKey(directory)
        if let cached = packageCache[key] { return cached }
        var parts: [String] = []
        var current = directory
        var depth = 0
        while current != "/", depth < 256, kind(FilePath.join(current, "__init__.py")) == .file {
            parts.append(FilePath.basename(current))
            current = FilePath.parent(current)
            depth += 1
        }
        let result = (current, parts.reversed().joined(separator: "."))
        packageCache[key] = result
        return result
    }

    /// The dotted package a relative import with `level` dots starts from, for the module in `file`.
    func relativeBase(file: String, level: Int) -> (basedir: String, package: [String])? {
        let (basedir, name) = packageContext(of: file)
        var parts = name.dottedParts()
        if FilePath.basename(file) != "__init__.py" { parts.removeLast() }
        if level - 1 > parts.count { return nil }
        parts.removeLast(level - 1)
        if parts.isEmpty && level > 0 { return nil }
        return (basedir, parts)
    }

    /// The file of module `dotted` (a `.py` file or a package's `__init__.py`), searching `roots`
    /// then the search roots; nil when it is not found (stdlib, uninstalled, C extension).
    func find(_ dotted: [String], preferring roots: [String] = []) -> String? {
        guard !dotted.isEmpty else { return nil }
        for root in roots + searchRoots {
            if let file = find(dotted, in: root) { return file }
        }
        return nil
    }

    /// Where `import dotted` (with `level` leading dots) written in `path` leads: the module's
    /// file (nil for the standard library or a module not found) and full dotted name; nil for
    /// a relative import beyond the top-level package.
    /// Cached per import and origin (the importing file for a relative import, else its
    /// `sys.path` entry): test modules import the same few modules thousands of times.
    func importedModule(_ dotted: String, level: Int, from path: String) -> (file: String?, dotted: String)? {
        // A known module needs no search (nor the importing file's package root).
        if level == 0 && KnownModules.isKnown(dotted) { return (nil, dotted) }
        let origin = level > 0 ? path : packageContext(of: path).basedir
        let key = ImportKey(dotted: dotted, level: level, origin: origin)
        if let cached = importCache[key] { return cached }
        let parts = dotted.isEmpty ? [] : dotted.dottedParts()
        let found: (file: String?, dotted: String)?
        if level > 0 {
            if let (basedir, package) = relativeBase(file: path, level: level) {
                let full = package + parts
                found = (find(full, in: basedir), full.joined(separator: "."))
            } else {
                found = nil
            }
        } else {
            found = (find(parts, preferring: [origin]), dotted)
        }
        importCache[key] = found
        return found
    }

    /// The file of submodule `name` when `file` is a package's `__init__.py`: `name.py`, else
    /// `name/__init__.py`.
    /// Cached per package and name, like `importedModule`.
    func submoduleFile(_ name: String, ofPackage file: String) -> String? {
        guard FilePath.basename(file) == "__init__.py" else { return nil }
        let key = PathNameKey(file: file, name: name)
        if let cached = submoduleCache[key] { return cached }
        let sub = FilePath.join(FilePath.parent(file), name)
        let subInit = FilePath.join(sub, "__init__.py")
        let found = kind(sub + ".py") == .file ? sub + ".py" : kind(subInit) == .file ? subInit : nil
        submoduleCache[key] = found
        return found
    }

    /// The project files the module-level imports of `summary` (the module in `path`) name:
    /// each imported module and, for `from package import name`, the submodule `name` when it
    /// is a file. Imports under `if TYPE_CHECKING:` or the main guard are left out.
    func importedFiles(of summary: ModuleSummary, in path: String) -> [String] {
        var result: [String] = []
        for case .importDecl(let decl) in summary.members where decl.guardKind.mayRunOnImport {
            if decl.isFrom {
                guard let file = importedModule(decl.module, level: decl.level, from: path)?.file else { continue }
                result.append(file)
                guard !decl.isStar else { continue }
                for (name, _) in decl.names {
                    if let sub = submoduleFile(name, ofPackage: file) { result.append(sub) }
                }
            } else {
                for (name, _) in decl.names {
                    if let file = importedModule(name, level: 0, from: path)?.file { result.append(file) }
                }
            }
        }
        return result
    }

    func find(_ dotted: [String], in root: String) -> String? {
        var directory = root
        for (index, part) in dotted.enumerated() {
            let candidate = FilePath.join(directory, part)
            if index == dotted.count - 1 {
                if kind(candidate + ".py") == .file { return candidate + ".py" }
                if kind(FilePath.join(candidate, "__init__.py")) == .file {
                    return FilePath.join(candidate, "__init__.py")
                }
                return nil
            }
            guard kind(candidate) == .directory else { return nil }
            directory = candidate
        }
        return nil
    }
}
