import ModuleScanner

/// Finds the `site-packages` directories of the Python environment a project uses (an active
/// virtualenv, or one in the rootdir), and the paths their `.pth` files add, so that base
/// classes from installed packages can be read. Python itself is never run.
enum SitePackages {
    static func directories(rootdir: String, environment: [String: String] = ProcessEnvironment.current) -> [String] {
        var result: [String] = []
        for prefix in prefixes(rootdir: rootdir, environment: environment) {
            for version in pythonDirectories(of: prefix) {
                let site = FilePath.join(FilePath.join(FilePath.join(prefix, "lib"), version), "site-packages")
                guard DirectoryLister.kind(of: site) == .directory else { continue }
                result.append(site)
                result += pthDirectories(site)
            }
        }
        return result
    }

    /// What the environments' `pyvenv.cfg` files say of the interpreter, each file read once:
    /// - the standard library: `home` (the interpreter's `bin`), then `../lib/pythonX.Y` named
    ///   like the environment's own `lib/pythonX.Y`, when that directory holds `os.py`;
    /// - `sys.version_info[:3]`: `version_info = 3.12.1.final.0` as virtualenv and uv write it,
    ///   or the standard library's `version = 3.12.1` (nil for a pre-release interpreter);
    /// - whether it sees packages this search does not: `include-system-site-packages = true`,
    ///   or no environment.
    static func interpreter(rootdir: String, environment: [String: String] = ProcessEnvironment.current) -> Interpreter {
        var result = Interpreter(standardLibrary: nil, version: nil, seesOtherPackages: true)
        var versionRead = false, packagesRead = false
        for prefix in prefixes(rootdir: rootdir, environment: environment) {
            guard let fields = configuration(of: prefix) else { continue }
            if !packagesRead {
                packagesRead = true
                result.seesOtherPackages = fields["include-system-site-packages"]?.lowercased() != "false"
            }
            if !versionRead, let text = fields["version_info"] ?? fields["version"] {
                versionRead = true
                result.version = version(text)
            }
            if result.standardLibrary == nil, let home = fields["home"] {
                for name in pythonDirectories(of: prefix) {
                    let library = FilePath.join(FilePath.join(FilePath.parent(home), "lib"), name)
                    if DirectoryLister.kind(of: FilePath.join(library, "os.py")) == .file {
                        result.standardLibrary = library
                        break
                    }
                }
            }
        }
        return result
    }

    /// `3.12.1` or `3.12.1.final.0` as a version; nil for anything else.
    private static func version(_ text: String) -> PythonVersion? {
        let parts = text.split(separator: ".")
        guard parts.count >= 3, let major = Int(parts[0]), let minor = Int(parts[1]), let micro = Int(parts[2]),
            parts.count < 4 || parts[3] == "final"
        else { return nil }
        return PythonVersion(major: major, minor: minor, micro: micro)
    }

    /// The `key = value` lines of an environment's `pyvenv.cfg`; nil when it cannot be read.
    private static func configuration(of prefix: String) -> [String: String]? {
        guard case .success(let bytes) = SourceFile.read(path: FilePath.join(prefix, "pyvenv.cfg")) else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[parts[0].trimmed(of: " \t")] = parts[1].trimmed(of: " \t") }
        }
        return fields
    }

    /// The `pythonX.Y` folders of an environment's `lib`.
    private static func pythonDirectories(of prefix: String) -> [String] {
        guard case .success(let entries) = DirectoryLister.list(FilePath.join(prefix, "lib")) else { return [] }
        return entries.filter { $0.kind == .directory && $0.name.hasPrefix("python") }.map(\.name)
    }

    /// The environments to look in: an active virtualenv, then one in the rootdir.
    private static func prefixes(rootdir: String, environment: [String: String]) -> [String] {
        var prefixes: [String] = []
        if let venv = environment["VIRTUAL_ENV"], !venv.isEmpty { prefixes.append(venv) }
        for name in [".venv", "venv", ".tox/py"] {
            let candidate = FilePath.join(rootdir, name)
            if DirectoryLister.kind(of: FilePath.join(candidate, "pyvenv.cfg")) == .file { prefixes.append(candidate) }
        }
        return prefixes
    }

    /// Directories named on the lines of the `.pth` files in `site` (import lines skipped), and
    /// those setuptools' editable finders (`pip install -e`) put packages in.
    private static func pthDirectories(_ site: String) -> [String] {
        guard case .success(let entries) = DirectoryLister.list(site) else { return [] }
        var result: [String] = []
        for entry in entries where entry.kind == .file && entry.name.hasPrefix("__editable___")
            && entry.name.hasSuffix("_finder.py")
        {
            result += editableRoots(FilePath.join(site, entry.name))
        }
        for entry in entries where entry.kind == .file && entry.name.hasSuffix(".pth") {
            guard case .success(let bytes) = SourceFile.read(path: FilePath.join(site, entry.name)) else { continue }
            for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
                let text = line.trimmed(of: " \t")
                if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("import ") || text.hasPrefix("import\t") {
                    continue
                }
                let path = FilePath.absolute(text, base: site)
                if DirectoryLister.kind(of: path) == .directory { result.append(path) }
            }
        }
        return result
    }
}

extension SitePackages {
    /// The directories holding the top-level packages of an editable finder's
    /// `MAPPING = {'pkg': '/src/pkg', …}`, for each package whose directory has its name (the
    /// finder imports `pkg` from there; listing the parent finds it the same way).
    static func editableRoots(_ finder: String) -> [String] {
        guard case .success(let bytes) = SourceFile.read(path: finder) else { return [] }
        let key = Array("\nMAPPING".utf8)
        guard let start = bytes.indices.first(where: { index in
            index + key.count <= bytes.count && bytes[index..<(index + key.count)].elementsEqual(key)
        }) else { return [] }
        guard let equals = bytes[start...].firstIndex(of: UInt8(ascii: "=")) else { return [] }
        let end = bytes[equals...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let value = bytes.withUnsafeBufferPointer {
            PyExpressionParser.parseExpression(source: $0, range: Int32(equals + 1)..<Int32(end))
        }
        guard case .dict(let entries) = value else { return [] }
        var roots: [String] = []
        for case .pair(.string(let package), .string(let directory)) in entries
        where FilePath.basename(directory) == package && !package.isEmpty {
            let parent = FilePath.parent(directory)
            if !roots.contains(parent), DirectoryLister.kind(of: directory) == .directory { roots.append(parent) }
        }
        return roots
    }
}

extension Substring {
    func trimmed(of set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
