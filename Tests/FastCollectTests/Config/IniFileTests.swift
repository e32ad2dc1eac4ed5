import Testing
@testable import FastCollect

extension ConfigTests {
    @Suite struct IniFileTests {
        /// Every case of `ini-cases.json` gives iniconfig's sections, values and line numbers, or its error.
        @Test func matchesIniconfig() throws {
            let cases = try ConfigFixtures.cases("ini-cases.json")
            #expect(cases.count > 40)
            for c in cases {
                let input = try #require(c["input"] as? String)
                let result = Result { () throws(ConfigError) in try IniFile(path: "cfg.ini", text: input) }
                if let expectedError = c["error"] as? String {
                    guard case let .failure(error) = result else {
                        Issue.record("expected error \(expectedError) for \(ConfigText.repr(input))")
                        continue
                    }
                    #expect(error.message == expectedError, "input \(ConfigText.repr(input))")
                    #expect(error.isUsageError)
                    continue
                }
                guard case let .success(ini) = result else {
                    Issue.record("unexpected error for \(ConfigText.repr(input)): \(result)")
                    continue
                }
                let sections = try #require(c["sections"] as? [[Any]])
                let expected = sections.map { section -> IniFile.Section in
                    let entries = (section[2] as! [[Any]]).map {
                        IniFile.Entry(key: $0[0] as! String, value: $0[1] as! String, line: $0[2] as! Int)
                    }
                    return IniFile.Section(name: section[0] as! String, line: section[1] as! Int, entries: entries)
                }
                #expect(ini.sections == expected, "input \(ConfigText.repr(input))")
            }
        }

        @Test func sectionLookupAndSubscript() throws {
            let ini = try IniFile(path: "tox.ini", text: "[tox]\nenvlist = py\n[pytest]\naddopts = -q\n  -x\n")
            #expect(ini["pytest"]?["addopts"] == "-q\n-x")
            #expect(ini["pytest"]?["missing"] == nil)
            #expect(ini["tool:pytest"] == nil)
            #expect(ini.sections.map(\.name) == ["tox", "pytest"])
        }

        @Test func errorNamesTheFileAndLine() {
            #expect(throws: ConfigError.parse(file: "/x/pytest.ini", line: 3, message: "unexpected line: 'oops'")) {
                try IniFile(path: "/x/pytest.ini", text: "[pytest]\na = 1\noops\n")
            }
        }
    }
}
