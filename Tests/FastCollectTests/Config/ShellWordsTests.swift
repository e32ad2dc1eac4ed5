import Testing
@testable import FastCollect

extension ConfigTests {
    @Suite struct ShellWordsTests {
        /// `shlex.split` answers from `shlex-cases.json`.
        @Test func matchesPythonShlex() throws {
            let cases = try ConfigFixtures.cases("shlex-cases.json")
            #expect(cases.count > 30)
            for c in cases {
                let input = c["input"] as! String
                let result = Result { () throws(ShellWords.Failure) in try ShellWords.split(input) }
                if let error = c["error"] as? String {
                    switch result {
                    case .success(let words): Issue.record("expected \(error) for \(ConfigText.repr(input)), got \(words)")
                    case .failure(let failure): #expect(failure.message == "ValueError: " + error)
                    }
                } else {
                    #expect(try result.get() == (c["words"] as! [String]), "input \(ConfigText.repr(input))")
                }
            }
        }

        @Test func environmentAddopts() throws {
            #expect(try PytestConfig.environmentAddopts(["PYTEST_ADDOPTS": "-q  -k 'a b'"]) == ["-q", "-k", "a b"])
            #expect(try PytestConfig.environmentAddopts([:]) == [])
            #expect(try PytestConfig.environmentAddopts(["PYTEST_ADDOPTS": ""]) == [])
            #expect(throws: ConfigError.invalidValue(option: "PYTEST_ADDOPTS", message: "ValueError: No closing quotation")) {
                try PytestConfig.environmentAddopts(["PYTEST_ADDOPTS": "-k 'a"])
            }
        }
    }
}
