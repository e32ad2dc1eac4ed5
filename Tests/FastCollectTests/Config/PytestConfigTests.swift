import Testing
@testable import FastCollect

extension ConfigTests {
    @Suite struct PytestConfigTests {
        private func config(_ values: [(key: String, value: ConfigValue)], overrides: [(key: String, value: String)] = [],
                            file: String? = "/repo/pytest.ini") -> PytestConfig {
            PytestConfig(rootdir: "/repo", configFile: file, invocationDirectory: "/repo/sub", values: values, overrides: overrides)
        }

        @Test func defaults() throws {
            let c = config([])
            #expect(try c.pythonFiles == ["test_*.py", "*_test.py"])
            #expect(try c.pythonClasses == ["Test"])
            #expect(try c.pythonFunctions == ["test"])
            #expect(try c.norecursedirs == ["*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}"])
            #expect(try c.testpaths == [])
            #expect(try c.pythonpath == [])
            #expect(try c.addopts == [])
            #expect(try c.collectImportedTests == true)
            #expect(try c.strictParametrizationIds == false)
            #expect(try c.minversion == nil)
            #expect(c.raw("addopts") == nil)
        }

        @Test func iniModeConversions() throws {
            let c = config([
                ("python_files", .string("a_*.py\n  b_*.py")),
                ("markers", .string("slow: x\n\n  fast  \n")),
                ("pythonpath", .string("src ../lib /abs ./x/")),
                ("testpaths", .list([.string("t1"), .string("t 2")])),
                ("consider_namespace_packages", .string(" On ")),
                ("strict", .string("1")),
            ])
            #expect(try c.pythonFiles == ["a_*.py", "b_*.py"])
            #expect(try c.markers == ["slow: x", "fast"])
            #expect(try c.pythonpath == ["/repo/src", "/repo/../lib", "/abs", "/repo/x"])
            #expect(try c.testpaths == ["t1", "t 2"])
            #expect(try c.considerNamespacePackages == true)
            #expect(try c.strictParametrizationIds == true)
            #expect(try c.value("timeout", type: .int) == nil)
        }

        @Test func pathsWithoutConfigFileUseInvocationDirectory() throws {
            let c = config([], overrides: [("pythonpath", "src")], file: nil)
            #expect(try c.pythonpath == ["/repo/sub/src"])
            #expect(c.configFileDisplay == nil)
        }

        @Test func iniModeErrors() {
            let c = config([
                ("collect_imported_tests", .list([.string("x")])),
                ("python_classes", .list([.string("A"), .integer(1)])),
                ("pythonpath", .list([.bool(true)])),
                ("addopts", .string("-k 'x")),
                ("n", .string("12x")),
                ("f", .list([])),
            ])
            #expect(throws: ConfigError.invalidValue(option: "collect_imported_tests", message: "ValueError: invalid truth value \"['x']\"")) {
                try c.collectImportedTests
            }
            #expect(throws: ConfigError.self) { try c.pythonClasses }
            #expect(throws: ConfigError.invalidValue(option: "pythonpath", message: "TypeError: unsupported operand type(s) for /: 'PosixPath' and 'bool'")) {
                try c.pythonpath
            }
            #expect(throws: ConfigError.invalidValue(option: "addopts", message: "ValueError: No closing quotation")) {
                try c.addopts
            }
            #expect(throws: ConfigError.invalidValue(option: "n", message: "ValueError: invalid literal for int() with base 10: '12x'")) {
                try c.value("n", type: .int)
            }
            #expect(throws: ConfigError.invalidValue(option: "f", message: "TypeError: Expected a float string for option f of type float, but got: []")) {
                try c.value("f", type: .float)
            }
        }

        @Test func numbersLikePython() throws {
            let c = config([("a", .string(" 1_000 ")), ("b", .string("-2.5e3")), ("c", .string("inf")), ("d", .toml(.integer(3)))],
                           file: "/repo/pyproject.toml")
            #expect(try c.value("a", type: .int) == .int(1000))
            #expect(try c.value("b", type: .float) == .float(-2500))
            #expect(try c.value("c", type: .float) == .float(.infinity))
            #expect(try c.value("d", type: .float) == .float(3))
            #expect(throws: ConfigError.self) { try c.value("d", type: .string) }
        }

        @Test func overridesBeatFileAndCanonicalBeatsAlias() throws {
            let c = config([("strict_xfail", .string("false")), ("xfail_strict", .string("true"))])
            #expect(try c.value("strict_xfail", type: .bool, aliases: ["xfail_strict"]) == .bool(false))
            let o = config([("strict_xfail", .string("false"))], overrides: [("xfail_strict", "true")])
            #expect(try o.value("strict_xfail", type: .bool, aliases: ["xfail_strict"]) == .bool(true))
            #expect(o.keys == ["strict_xfail", "xfail_strict"])
        }

        @Test func configFileDisplay() {
            var c = PytestConfig(rootdir: "/a/b", configFile: "/a/cfg/x.ini", invocationDirectory: "/a")
            #expect(c.configFileDisplay == "../cfg/x.ini")
            c.ignoredConfigFiles = ["tox.ini", "setup.cfg"]
            #expect(c.configFileDisplay == "../cfg/x.ini (WARNING: ignoring pytest config in tox.ini, setup.cfg!)")
            let atRoot = PytestConfig(rootdir: "/", configFile: "/pytest.ini", invocationDirectory: "/")
            #expect(atRoot.configFileDisplay == "pytest.ini")
        }

        @Test func pythonReprOfTomlValues() {
            #expect(TomlValue.string("it's").pythonRepr == "\"it's\"")
            #expect(TomlValue.string("a\"b'c").pythonRepr == "'a\"b\\'c'")
            #expect(TomlValue.string("\u{7}\u{e9}\u{2028}").pythonRepr == "'\\x07\u{e9}\\u2028'")
            var table = TomlTable()
            table["b"] = .array([.integer(1), .float(2), .bool(false)])
            table["a"] = .datetime("1979-05-27")
            #expect(TomlValue.table(table).pythonRepr == "{'b': [1, 2.0, False], 'a': datetime.date(1979, 5, 27)}")
            #expect(TomlValue.datetime("07:32:00.5").pythonStr == "07:32:00.500000")
        }
    }
}
