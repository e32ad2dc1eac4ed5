/// One ini option's value before typing (`findpaths.ConfigValue`): INI mode (INI files, `ini_options`,
/// `-o`) holds `str` or `list`; TOML mode (`[tool.pytest]`, `pytest.toml`) the native TOML value.
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
