/// What pytest settles on before collecting: rootdir, config file and ini values, read with
/// `Config.getini`'s conversions and defaults (getters throw what `getini` raises).
public struct PytestConfig: Sendable {
    /// pytest's rootdir: absolute and normalized.
    public var rootdir: String
    /// Absolute path of the config file (`config.inipath`), nil when there is none.
    public var configFile: String?
    /// Config file names next to `configFile` that also hold pytest config and were ignored.
    public var ignoredConfigFiles: [String]
    /// The directory pytest was started in (base of relative "paths" values without a config file).
    public var invocationDirectory: String
    /// Option names in the order pytest's ini dict holds them (file order, then new `-o` names).
    public private(set) var keys: [String]
    private var values: [String: ConfigValue]
    private var overridden: Set<String>

    public init(
        rootdir: String,
        configFile: String?,
        invocationDirectory: String,
        values: [(key: String, value: ConfigValue)] = [],
        overrides: [(key: String, value: String)] = [],
        ignoredConfigFiles: [String] = []
    ) {
        self.rootdir = rootdir
        self.configFile = configFile
        self.invocationDirectory = invocationDirectory
        self.ignoredConfigFiles = ignoredConfigFiles
        keys = []
        self.values = [:]
        overridden = []
        for (key, value) in values {
            if self.values[key] == nil { keys.append(key) }
            self.values[key] = value
        }
        for (key, value) in overrides {
            if self.values[key] == nil { keys.append(key) }
            self.values[key] = .string(value)
            overridden.insert(key)
        }
    }

    /// The text after `configfile: ` in pytest's header, ignored-files warning included.
    public var configFileDisplay: String? {
        guard let configFile else { return nil }
        var text = ConfigPath.bestrelpath(from: rootdir, to: configFile)
        if !ignoredConfigFiles.isEmpty {
            text += " (WARNING: ignoring pytest config in \(ignoredConfigFiles.joined(separator: ", "))!)"
        }
        return text
    }

    /// The untyped value of `key` as read from the config file or `-o`.
    public func raw(_ key: String) -> ConfigValue? { values[key] }

    // MARK: typed access

    /// The type an ini option was declared with (`parser.addini(..., type=)`).
    public enum IniType: String, Sendable {
        case string, args, linelist, paths, pathlist, bool, int, float
    }

    /// A converted ini value.
    public enum IniValue: Sendable, Equatable {
        case string(String)
        case list([String])
        case bool(Bool)
        case int(Int)
        case float(Double)
    }

    /// `config.getini(name)` for an option declared with `type`, nil when unset (the caller's default
    /// applies). With `aliases`, picks the value as pytest does: `-o` over file, canonical over alias.
    public func value(_ name: String, type: IniType, aliases: [String] = []) throws(ConfigError) -> IniValue? {
        var candidates: [(key: String, canonical: Bool)] = []
        if values[name] != nil { candidates.append((name, true)) }
        for alias in aliases where values[alias] != nil { candidates.append((alias, false)) }
        guard var best = candidates.first else { return nil }
        func rank(_ c: (key: String, canonical: Bool)) -> Int {
            (overridden.contains(c.key) ? 2 : 0) + (c.canonical ? 1 : 0)
        }
        for candidate in candidates.dropFirst() where rank(candidate) > rank(best) { best = candidate }
        switch values[best.key]! {
        case let .string(s): return try iniMode(name, type, .string(s))
        case let .list(items): return try iniMode(name, type, .list(items))
        case let .toml(value): return try tomlMode(name, type, value)
        }
    }

    private var pathBase: String {
        configFile.map(ConfigPath.parent) ?? invocationDirectory
    }

    private func iniMode(_ name: String, _ type: IniType, _ value: IniRaw) throws(ConfigError) -> IniValue {
        func strings(_ items: [TomlValue]) throws(ConfigError) -> [String] {
            var out: [String] = []
            for (index, item) in items.enumerated() {
                guard case let .string(s) = item else {
                    if type == .paths || type == .pathlist {
                        throw .invalidValue(option: name, message:
                            "TypeError: unsupported operand type(s) for /: 'PosixPath' and '\(item.pythonTypeName)'")
                    }
                    throw .invalidValue(option: name, message:
                        "TypeError: config option '\(name)' expects a list of strings, but item at index \(index) is \(item.pythonTypeName): \(item.pythonRepr)")
                }
                out.append(s)
            }
            return out
        }
        func split(_ s: String) throws(ConfigError) -> [String] {
            do { return try ShellWords.split(s) } catch { throw .invalidValue(option: name, message: error.message) }
        }
        switch type {
        case .paths, .pathlist:
            let items: [String]
            switch value {
            case let .string(s): items = try split(s)
            case let .list(list): items = try strings(list)
            }
            let base = pathBase
            return .list(items.map { ConfigPath.pathlibJoin(base, $0) })
        case .args:
            switch value {
            case let .string(s): return .list(try split(s))
            case let .list(list): return .list(try strings(list))
            }
        case .linelist:
            switch value {
            case let .string(s):
                return .list(s.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { ConfigText.strip(String($0)) }.filter { !$0.isEmpty })
            case let .list(list): return .list(try strings(list))
            }
        case .bool:
            let text: String
            switch value {
            case let .string(s): text = s
            case let .list(list): text = TomlValue.array(list).pythonRepr
            }
            return .bool(try PytestConfig.strtobool(ConfigText.strip(text), option: name))
        case .string:
            switch value {
            case let .string(s): return .string(s)
            case let .list(list): return .list(try strings(list))
            }
        case .int:
            guard case let .string(s) = value else {
                throw .invalidValue(option: name, message:
                    "TypeError: Expected an int string for option \(name) of type integer, but got: \(reprINI(value))")
            }
            guard let parsed = PytestConfig.pythonInt(s) else {
                throw .invalidValue(option: name, message:
                    "ValueError: invalid literal for int() with base 10: \(ConfigText.repr(s))")
            }
            return .int(parsed)
        case .float:
            guard case let .string(s) = value else {
                throw .invalidValue(option: name, message:
                    "TypeError: Expected a float string for option \(name) of type float, but got: \(reprINI(value))")
            }
            guard let parsed = PytestConfig.pythonFloat(s) else {
                throw .invalidValue(option: name, message:
                    "ValueError: could not convert string to float: \(ConfigText.repr(s))")
            }
            return .float(parsed)
        }
    }

    /// An INI-mode value: `str` or `list`.
    private enum IniRaw {
        case string(String)
        case list([TomlValue])
    }

    private func reprINI(_ value: IniRaw) -> String {
        switch value {
        case let .string(s): return ConfigText.repr(s)
        case let .list(list): return TomlValue.array(list).pythonRepr
        }
    }

    private func tomlMode(_ name: String, _ type: IniType, _ value: TomlValue) throws(ConfigError) -> IniValue {
        let prefix = "TypeError: \(configFile ?? "None"): config option '\(name)' expects"
        func fail(_ expectation: String) -> ConfigError {
            .invalidValue(option: name, message:
                "\(prefix) \(expectation), got \(value.pythonTypeName): \(value.pythonRepr)")
        }
        func stringList() throws(ConfigError) -> [String] {
            guard case let .array(items) = value else { throw fail("a list for type '\(type.rawValue)'") }
            var out: [String] = []
            for (index, item) in items.enumerated() {
                guard case let .string(s) = item else {
                    throw .invalidValue(option: name, message:
                        "\(prefix) a list of strings, but item at index \(index) is \(item.pythonTypeName): \(item.pythonRepr)")
                }
                out.append(s)
            }
            return out
        }
        switch type {
        case .paths:
            let base = pathBase
            return .list(try stringList().map { ConfigPath.pathlibJoin(base, $0) })
        case .pathlist:
            let items: [String]
            switch value {
            case let .string(s):
                do { items = try ShellWords.split(s) } catch { throw .invalidValue(option: name, message: error.message) }
            case let .array(list):
                items = try list.map { (item) throws(ConfigError) -> String in
                    guard case let .string(s) = item else {
                        throw .invalidValue(option: name, message:
                            "TypeError: unsupported operand type(s) for /: 'PosixPath' and '\(item.pythonTypeName)'")
                    }
                    return s
                }
            default:
                throw .invalidValue(option: name, message: "TypeError: '\(value.pythonTypeName)' object is not iterable")
            }
            let base = pathBase
            return .list(items.map { ConfigPath.pathlibJoin(base, $0) })
        case .args, .linelist:
            return .list(try stringList())
        case .bool:
            guard case let .bool(b) = value else { throw fail("a bool") }
            return .bool(b)
        case .int:
            guard case let .integer(i) = value else { throw fail("an int") }
            return .int(i)
        case .float:
            switch value {
            case let .float(d): return .float(d)
            case let .integer(i): return .float(Double(i))
            default: throw fail("a float")
            }
        case .string:
            guard case let .string(s) = value else { throw fail("a string") }
            return .string(s)
        }
    }

    private func list(_ name: String, _ type: IniType, default defaultValue: [String]) throws(ConfigError) -> [String] {
        switch try value(name, type: type) {
        case nil: return defaultValue
        case let .list(items)?: return items
        case let .string(s)?: return [s]
        case let .bool(b)?: return [b ? "True" : "False"]
        case let .int(i)?: return [String(i)]
        case let .float(d)?: return [TomlValue.pythonFloatRepr(d)]
        }
    }

    private func bool(_ name: String, default defaultValue: Bool?) throws(ConfigError) -> Bool? {
        guard case let .bool(b)? = try value(name, type: .bool) else { return defaultValue }
        return b
    }

    // MARK: options fastcollect needs

    public static let defaultPythonFiles = ["test_*.py", "*_test.py"]
    public static let defaultNorecursedirs = ["*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}"]

    /// Converts the options pytest reads on every start-up and throws the first error pytest would
    /// raise for them: `addopts`, `minversion`, `python_files` (read by the assertion-rewriting hook,
    /// which swallows `ValueError`s; skipped with `--assert=plain`), `pythonpath`, `testpaths`.
    /// `ConfigDiscovery.discover` calls it with the default.
    public func checkStartupOptions(assertionRewriting: Bool = true) throws(ConfigError) {
        _ = try addopts
        try checkMinversion()
        if assertionRewriting {
            do {
                _ = try pythonFiles
            } catch {
                if case let .invalidValue(_, message) = error, message.hasPrefix("ValueError:") {
                } else {
                    throw error
                }
            }
        }
        _ = try pythonpath
        _ = try testpaths
    }

    /// `python_files` ("args"): globs matched with `fnmatch_ex` (see `PathGlob`).
    public var pythonFiles: [String] {
        get throws(ConfigError) { try list("python_files", .args, default: PytestConfig.defaultPythonFiles) }
    }

    /// `python_classes` ("args"): prefixes or globs (see `PrefixOrGlobMatcher`).
    public var pythonClasses: [String] {
        get throws(ConfigError) { try list("python_classes", .args, default: ["Test"]) }
    }

    /// `python_functions` ("args"): prefixes or globs (see `PrefixOrGlobMatcher`).
    public var pythonFunctions: [String] {
        get throws(ConfigError) { try list("python_functions", .args, default: ["test"]) }
    }

    /// `norecursedirs` ("args"): matched with `fnmatch_ex`.
    public var norecursedirs: [String] {
        get throws(ConfigError) { try list("norecursedirs", .args, default: PytestConfig.defaultNorecursedirs) }
    }

    /// `testpaths` ("args") as written; pytest globs them (`glob.iglob(recursive=True)`) only when
    /// run from the rootdir without arguments.
    public var testpaths: [String] {
        get throws(ConfigError) { try list("testpaths", .args, default: []) }
    }

    /// `pythonpath` ("paths"): absolute, joined to the config file's directory the way `pathlib`
    /// joins (`.` parts dropped, `..` kept).
    public var pythonpath: [String] {
        get throws(ConfigError) { try list("pythonpath", .paths, default: []) }
    }

    /// `addopts` ("args"), which pytest inserts before the command-line arguments
    /// (after `PYTEST_ADDOPTS`, see `environmentAddopts`).
    public var addopts: [String] {
        get throws(ConfigError) { try list("addopts", .args, default: []) }
    }

    /// `collect_imported_tests` (bool, default true).
    public var collectImportedTests: Bool {
        get throws(ConfigError) { try bool("collect_imported_tests", default: true)! }
    }

    /// `consider_namespace_packages` (bool, default false).
    public var considerNamespacePackages: Bool {
        get throws(ConfigError) { try bool("consider_namespace_packages", default: false)! }
    }

    /// `disable_test_id_escaping_and_forfeit_all_rights_to_community_support` (bool, default false).
    public var disableTestIdEscaping: Bool {
        get throws(ConfigError) {
            try bool("disable_test_id_escaping_and_forfeit_all_rights_to_community_support", default: false)!
        }
    }

    /// `strict_parametrization_ids`, falling back to `strict` as pytest does.
    public var strictParametrizationIds: Bool {
        get throws(ConfigError) {
            if let b = try bool("strict_parametrization_ids", default: nil) { return b }
            return try bool("strict", default: false)!
        }
    }

    /// `markers` ("linelist").
    public var markers: [String] {
        get throws(ConfigError) { try list("markers", .linelist, default: []) }
    }

    /// `minversion`, nil when unset or empty.
    public var minversion: String? {
        get throws(ConfigError) { try minversionValue() }
    }

    private func minversionValue() throws(ConfigError) -> String? {
        guard let value = values["minversion"] else { return nil }
        let single = ConfigError.usage(message: "\(configFile ?? "None"): 'minversion' must be a single value")
        switch value {
        case let .string(s): return s.isEmpty ? nil : s
        case let .toml(v):
            if case let .string(s) = v { return s.isEmpty ? nil : s }
            if !v.isTruthy { return nil }
            throw single
        case let .list(items):
            if items.isEmpty { return nil }
            throw single
        }
    }

    /// The version fastcollect answers for.
    public static let pytestVersion = "9.0.3"

    /// `Config._checkversion` for plain release versions (`N[.N...]`); others are not compared.
    private func checkMinversion() throws(ConfigError) {
        guard let minver = try minversionValue() else { return }
        func release(_ s: String) -> [Int]? {
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            let numbers = parts.compactMap { Int($0) }
            return numbers.count == parts.count ? numbers : nil
        }
        guard let wanted = release(minver), let actual = release(PytestConfig.pytestVersion) else { return }
        let width = max(wanted.count, actual.count)
        let a = wanted + Array(repeating: 0, count: width - wanted.count)
        let b = actual + Array(repeating: 0, count: width - actual.count)
        if a.lexicographicallyPrecedes(b) || a == b { return }
        throw .usage(message:
            "\(configFile ?? "None"): 'minversion' requires pytest-\(minver), actual pytest-\(PytestConfig.pytestVersion)'")
    }

    /// `shlex.split($PYTEST_ADDOPTS)`, which pytest puts before the command-line arguments
    /// (and before locating the config, so its `-c`/`--rootdir`/paths count).
    public static func environmentAddopts(_ environment: [String: String]) throws(ConfigError) -> [String] {
        guard let text = environment["PYTEST_ADDOPTS"], !text.isEmpty else { return [] }
        do { return try ShellWords.split(text) } catch {
            throw .invalidValue(option: "PYTEST_ADDOPTS", message: error.message)
        }
    }

    // MARK: Python conversions

    /// `_strtobool` (distutils).
    static func strtobool(_ text: String, option: String) throws(ConfigError) -> Bool {
        let lowered = text.lowercased()
        switch lowered {
        case "y", "yes", "t", "true", "on", "1": return true
        case "n", "no", "f", "false", "off", "0": return false
        default:
            throw .invalidValue(option: option, message: "ValueError: invalid truth value \(ConfigText.repr(lowered))")
        }
    }

    /// `int(text)`: surrounding whitespace, a sign, `_` between digits.
    static func pythonInt(_ text: String) -> Int? {
        var body = Substring(ConfigText.strip(text))
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first != "_", body.last != "_", !body.contains("__") else { return nil }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int((negative ? "-" : "") + digits)
    }

    /// `float(text)` for the forms pytest users write.
    static func pythonFloat(_ text: String) -> Double? {
        let body = ConfigText.strip(text)
        let lowered = body.lowercased()
        var unsigned = Substring(lowered)
        var sign = 1.0
        if let s = unsigned.first, s == "+" || s == "-" {
            sign = s == "-" ? -1 : 1
            unsigned = unsigned.dropFirst()
        }
        if unsigned == "inf" || unsigned == "infinity" { return sign * .infinity }
        if unsigned == "nan" { return .nan }
        if body.contains("__") || body.hasPrefix("_") || body.hasSuffix("_") { return nil }
        let cleaned = body.filter { $0 != "_" }
        guard cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(cleaned)
    }
}
