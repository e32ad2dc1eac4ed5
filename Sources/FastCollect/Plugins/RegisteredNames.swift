/// The ini keys and marker names pytest 9.0.3 registers itself, and those of the plugins
/// fastcollect models when they are active; anything else draws pytest's "Unknown config
/// option" and "Unknown pytest.mark" warnings.
enum RegisteredNames {
    /// `config._parser._inidict` of pytest 9.0.3 with its default plugins.
    static let coreIniKeys: Set<String> = [
        "addopts", "cache_dir", "collect_imported_tests", "consider_namespace_packages", "console_output_style",
        "disable_test_id_escaping_and_forfeit_all_rights_to_community_support", "doctest_encoding",
        "doctest_optionflags", "empty_parameter_set_mark", "enable_assertion_pass_hook",
        "faulthandler_exit_on_timeout", "faulthandler_timeout", "filterwarnings", "junit_duration_report",
        "junit_family", "junit_log_passing_tests", "junit_logging", "junit_suite_name", "log_auto_indent", "log_cli",
        "log_cli_date_format", "log_cli_format", "log_cli_level", "log_date_format", "log_file",
        "log_file_date_format", "log_file_format", "log_file_level", "log_file_mode", "log_format", "log_level",
        "markers", "minversion", "norecursedirs", "python_classes", "python_files", "python_functions",
        "pythonpath", "required_plugins", "strict", "strict_config", "strict_markers", "strict_parametrization_ids",
        "strict_xfail", "testpaths", "tmp_path_retention_count", "tmp_path_retention_policy",
        "truncation_limit_chars", "truncation_limit_lines", "usefixtures", "verbosity_assertions",
        "verbosity_subtests", "verbosity_test_cases", "xfail_strict",
    ]

    /// Ini keys of the `pytester` plugin (loaded with `-p pytester`).
    static let pytesterIniKeys: Set<String> = ["pytester_example_dir"]

    /// Ini keys pytest-django registers.
    static let djangoIniKeys: Set<String> = [
        "DJANGO_SETTINGS_MODULE", "DJANGO_CONFIGURATION", "django_find_project", "django_debug_mode",
        "FAIL_INVALID_TEMPLATE_VARS",
    ]

    /// Marks pytest registers (`pytest --markers` without plugins).
    static let coreMarkers: Set<String> = [
        "filterwarnings", "skip", "skipif", "xfail", "parametrize", "usefixtures", "tryfirst", "trylast",
    ]

    static let djangoMarkers: Set<String> = ["django_db", "urls", "ignore_template_errors"]

    /// The marker name of one `markers` ini line (`slow: description`, `device(serial): …`).
    static func markerName(_ line: String) -> String {
        var name = ""
        for character in line {
            if character == ":" || character == "(" { break }
            name.append(character)
        }
        return String(name.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
