
/// pytest 9.0.3's rootdir and config-file discovery (`_pytest/config/findpaths.py`:
/// `determine_setup`, `locate_config`, `get_common_ancestor`, `load_config_dict_from_file`).
public struct ConfigDiscovery {
    /// Config file names in the order pytest looks for them in each directory.
    public static let configNames = [
        "pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg",
    ]

    /// `determine_setup`: `arguments` are the positional arguments (paths or node ids, as typed,
    /// after `PYTEST_ADDOPTS`), `configFile` is `-c`/`--config-file`, `rootdirOption` is `--rootdir`,
    /// `overrideIni` the `-o name=value` strings; `environment` expands `$VAR` in `--rootdir`.
    /// Then converts the ini options pytest reads on every start-up (`checkStartupOptions()`).
    public static func discover(
        arguments: [String],
        configFile: String?,
        rootdirOption: String?,
        invocationDirectory: String,
        overrideIni: [String] = [],
        environment: [String: String] = ProcessEnvironment.current
    ) throws(ConfigError) -> PytestConfig {
        let invocationDir = ConfigPath.normpath(invocationDirectory)
        let rootdirArg = (rootdirOption?.isEmpty ?? true) ? nil : rootdirOption
        let dirs = dirsFromArguments(arguments, cwd: invocationDir)
        var rootdir: String?
        var inipath: String?
        var inicfg: [(key: String, value: ConfigValue)] = []
        var ignored: [String] = []

        if let configFile, !configFile.isEmpty {
            let path = ConfigPath.abspath(configFile, cwd: invocationDir)
            inipath = path
            inicfg = try loadConfigFile(path) ?? []
            if rootdirArg == nil { rootdir = ConfigPath.parent(path) }
        } else {
            let ancestor = commonAncestor(invocationDir, dirs)
            var found = try locateConfig(invocationDir, [ancestor])
            rootdir = found.rootdir
            inipath = found.inipath
            inicfg = found.config
            ignored = found.ignored
            if rootdir == nil && rootdirArg == nil {
                if let withSetupPy = ([ancestor] + ConfigPath.parents(ancestor)).first(where: {
                    ConfigFileSystem.isFile(ConfigPath.join($0, "setup.py"))
                }) {
                    rootdir = withSetupPy
                } else {
                    if dirs != [ancestor] {
                        found = try locateConfig(invocationDir, dirs)
                        rootdir = found.rootdir
                        inipath = found.inipath
                        inicfg = found.config
                    }
                    if rootdir == nil {
                        var fallback = commonAncestor(invocationDir, [invocationDir, ancestor])
                        if fallback == "/" { fallback = ancestor }
                        rootdir = fallback
                    }
                }
            }
        }
        if let rootdirArg {
            let path = ConfigPath.abspath(ConfigPath.expandvars(rootdirArg, environment: environment), cwd: invocationDir)
            guard ConfigFileSystem.isDirectory(path) else {
                throw .usage(message: "Directory '\(path)' not found. Check your '--rootdir' option.")
            }
            rootdir = path
        }
        var overrides: [(key: String, value: String)] = []
        for item in overrideIni {
            guard let eq = item.firstIndex(of: "=") else {
                throw .usage(message: "-o/--override-ini expects option=value style (got: \(ConfigText.repr(item))).")
            }
            overrides.append((String(item[..<eq]), String(item[item.index(after: eq)...])))
        }
        let config = PytestConfig(
            rootdir: rootdir!,
            configFile: inipath,
            invocationDirectory: invocationDir,
            values: inicfg,
            overrides: overrides,
            ignoredConfigFiles: ignored
        )
        try config.checkStartupOptions()
        return config
    }

    /// `get_dirs_from_args`: existing paths among the arguments (node ids cut at `::`), as directories.
    static func dirsFromArguments(_ arguments: [String], cwd: String) -> [String] {
        var dirs: [String] = []
        for argument in arguments where !argument.hasPrefix("-") {
            let filePart: String
            if let range = argument.firstRange(of: "::") {
                filePart = String(argument[..<range.lowerBound])
            } else {
                filePart = argument
            }
            let path = ConfigPath.abspath(filePart, cwd: cwd)
            guard ConfigFileSystem.exists(path) else { continue }
            dirs.append(ConfigFileSystem.isDirectory(path) ? path : ConfigPath.parent(path))
        }
        return dirs
    }

    /// `get_common_ancestor`.
    static func commonAncestor(_ invocationDir: String, _ paths: [String]) -> String {
        var common: String?
        for path in paths {
            guard ConfigFileSystem.exists(path) else { continue }
            guard let current = common else {
                common = path
                continue
            }
            if path == current || ConfigPath.parents(path).contains(current) { continue }
            if ConfigPath.parents(current).contains(path) {
                common = path
            } else {
                common = ConfigPath.commonpath(path, current)
            }
        }
        guard let common else { return invocationDir }
        return ConfigFileSystem.isFile(common) ? ConfigPath.parent(common) : common
    }

    struct Located {
        var rootdir: String?
        var inipath: String?
        var config: [(key: String, value: ConfigValue)]
        var ignored: [String]
    }

    /// `locate_config`.
    static func locateConfig(_ invocationDir: String, _ arguments: [String]) throws(ConfigError) -> Located {
        var args = arguments.filter { !$0.hasPrefix("-") }
        if args.isEmpty { args = [invocationDir] }
        var foundPyproject: String?
        for arg in args {
            let argpath = ConfigPath.abspath(arg, cwd: invocationDir)
            for base in [argpath] + ConfigPath.parents(argpath) {
                for (index, name) in configNames.enumerated() {
                    let path = ConfigPath.join(base, name)
                    guard ConfigFileSystem.isFile(path) else { continue }
                    if name == "pyproject.toml" && foundPyproject == nil { foundPyproject = path }
                    guard let config = try loadConfigFile(path) else { continue }
                    var ignored: [String] = []
                    for remainder in configNames[(index + 1)...] {
                        let other = ConfigPath.join(base, remainder)
                        if ConfigFileSystem.isFile(other), try loadConfigFile(other) != nil {
                            ignored.append(remainder)
                        }
                    }
                    return Located(rootdir: base, inipath: path, config: config, ignored: ignored)
                }
            }
        }
        if let foundPyproject {
            return Located(rootdir: ConfigPath.parent(foundPyproject), inipath: foundPyproject, config: [], ignored: [])
        }
        return Located(rootdir: nil, inipath: nil, config: [], ignored: [])
    }

    /// `load_config_dict_from_file`: the file's pytest options, or nil when it holds no pytest config.
    public static func loadConfigFile(_ path: String) throws(ConfigError) -> [(key: String, value: ConfigValue)]? {
        let name = ConfigPath.name(path)
        switch ConfigPath.suffix(path) {
        case ".ini":
            let ini = try IniFile.load(path: path)
            if let section = ini["pytest"] {
                return section.entries.map { ($0.key, .string($0.value)) }
            }
            return name == "pytest.ini" || name == ".pytest.ini" ? [] : nil
        case ".cfg":
            let ini = try IniFile.load(path: path)
            if let section = ini["tool:pytest"] {
                return section.entries.map { ($0.key, .string($0.value)) }
            }
            if ini["pytest"] != nil { throw .obsoleteSetupCfgSection(path: path) }
            return nil
        case ".toml":
            let document = try TomlDocument.load(path: path)
            if name == "pytest.toml" || name == ".pytest.toml" {
                guard let section = document.root["pytest"], section.isTruthy else { return [] }
                guard case let .table(table) = section else {
                    throw missingAttribute(path, section, "items")
                }
                return table.keys.map { ($0, .toml(table[$0]!)) }
            }
            var toolPytest = TomlTable()
            if let tool = document.root["tool"] {
                guard case let .table(toolTable) = tool else { throw missingAttribute(path, tool, "get") }
                if let pytest = toolTable["pytest"] {
                    guard case let .table(t) = pytest else { throw missingAttribute(path, pytest, "items") }
                    toolPytest = t
                }
            }
            let tomlKeys = toolPytest.keys.filter { $0 != "ini_options" }
            let iniOptions = toolPytest["ini_options"]
            if !tomlKeys.isEmpty, let iniOptions, iniOptions.isTruthy {
                throw .usage(message: "\(path): Cannot use both [tool.pytest] (native TOML types) and "
                    + "[tool.pytest.ini_options] (string-based INI format) simultaneously. "
                    + "Please use [tool.pytest] with native TOML types (recommended) "
                    + "or [tool.pytest.ini_options] for backwards compatibility.")
            }
            if !tomlKeys.isEmpty {
                return tomlKeys.map { ($0, .toml(toolPytest[$0]!)) }
            }
            guard let iniOptions else { return nil }
            guard case let .table(options) = iniOptions else { throw missingAttribute(path, iniOptions, "items") }
            return options.keys.map { key in
                let value = options[key]!
                if case let .array(items) = value { return (key, .list(items)) }
                return (key, .string(value.pythonStr))
            }
        default:
            return nil
        }
    }

    /// The `AttributeError` pytest hits when a TOML key it expects to be a table is not one.
    private static func missingAttribute(_ path: String, _ value: TomlValue, _ attribute: String) -> ConfigError {
        var typeName = value.pythonTypeName
        if case .datetime = value { typeName = "datetime." + typeName }
        return .malformedTable(path: path, message: "AttributeError: '\(typeName)' object has no attribute '\(attribute)'")
    }
}
