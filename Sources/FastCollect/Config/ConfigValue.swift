/// One ini option's value as pytest holds it before typing (`findpaths.ConfigValue`): INI mode
/// (INI files, `[tool.pytest.ini_options]`, `-o`) keeps `str` or `list`; TOML mode
/// (`[tool.pytest]`, `pytest.toml`'s `[pytest]`) keeps the native TOML value.
public enum ConfigValue: Sendable, Equatable {
    /// INI mode, a string: INI text, or `str(scalar)` of an `ini_options` scalar.
    case string(String)
    /// INI mode, a list: an `ini_options` array, items untouched.
    case list([TomlValue])
    /// TOML mode, the native value.
    case toml(TomlValue)

    /// True for values read in TOML mode.
    public var isNativeToml: Bool {
        if case .toml = self { return true }
        return false
    }
}
