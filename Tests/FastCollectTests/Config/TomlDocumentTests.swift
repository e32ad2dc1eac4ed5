import Testing
@testable import FastCollect

extension ConfigTests {
    @Suite struct TomlDocumentTests {
        /// Every case of `toml-cases.json` gives tomllib's value (types, key order, Python reprs of
        /// floats and dates) or its exact error text.
        @Test func matchesTomllib() throws {
            let cases = try ConfigFixtures.cases("toml-cases.json")
            #expect(cases.count > 60)
            for c in cases {
                let input = try #require(c["input"] as? String)
                let result = Result { () throws(TomlDocument.DecodeError) in try TomlDocument(parsing: input) }
                if let expectedError = c["error"] as? String {
                    switch result {
                    case .success:
                        Issue.record("expected error \(expectedError) for \(ConfigText.repr(input))")
                    case let .failure(error):
                        #expect(error.description == expectedError, "input \(ConfigText.repr(input))")
                    }
                    continue
                }
                switch result {
                case let .failure(error):
                    Issue.record("unexpected error \(error) for \(ConfigText.repr(input))")
                case let .success(document):
                    let expected = try #require(c["value"] as? [String: Any])
                    let mismatch = TomlDocumentTests.compare(.table(document.root), expected, path: "")
                    #expect(mismatch == nil, "input \(ConfigText.repr(input)): \(mismatch ?? "")")
                }
            }
        }

        /// Describes the first difference between a parsed value and the tagged JSON from Python.
        static func compare(_ value: TomlValue, _ tagged: [String: Any], path: String) -> String? {
            let tag = tagged["t"] as? String
            switch (value, tag) {
            case let (.string(s), "string"?):
                return s == tagged["v"] as? String ? nil : "\(path): \(ConfigText.repr(s))"
            case let (.integer(i), "integer"?):
                return String(i) == tagged["v"] as? String ? nil : "\(path): \(i)"
            case let (.float(d), "float"?):
                return TomlValue.float(d).pythonRepr == tagged["v"] as? String ? nil : "\(path): \(d)"
            case let (.bool(b), "bool"?):
                return b == tagged["v"] as? Bool ? nil : "\(path): \(b)"
            case (.datetime, "datetime"?):
                if value.pythonRepr != tagged["repr"] as? String { return "\(path): repr \(value.pythonRepr)" }
                if value.pythonStr != tagged["str"] as? String { return "\(path): str \(value.pythonStr)" }
                if value.pythonTypeName != tagged["type"] as? String { return "\(path): type \(value.pythonTypeName)" }
                return nil
            case let (.array(items), "array"?):
                let expected = tagged["v"] as? [[String: Any]] ?? []
                if items.count != expected.count { return "\(path): \(items.count) items" }
                for (index, (item, e)) in zip(items, expected).enumerated() {
                    if let m = compare(item, e, path: "\(path)[\(index)]") { return m }
                }
                return nil
            case let (.table(table), "table"?):
                let expected = tagged["v"] as? [[Any]] ?? []
                let keys = expected.map { $0[0] as! String }
                if table.keys != keys { return "\(path): keys \(table.keys) != \(keys)" }
                for entry in expected {
                    let key = entry[0] as! String
                    if let m = compare(table[key]!, entry[1] as! [String: Any], path: "\(path).\(key)") { return m }
                }
                return nil
            default:
                return "\(path): \(value.pythonRepr) is not a \(tag ?? "?")"
            }
        }

        @Test func subscriptWalksTables() throws {
            let document = try TomlDocument(parsing: "[tool.pytest.ini_options]\naddopts = \"-q\"\n")
            #expect(document["tool", "pytest", "ini_options", "addopts"] == .string("-q"))
            #expect(document["tool", "missing"] == nil)
            #expect(document["tool", "pytest", "ini_options", "addopts", "deeper"] == nil)
        }

        @Test func errorsCarryLineAndColumn() {
            #expect(throws: TomlDocument.DecodeError(message: "Invalid value", line: 2, column: 5)) {
                try TomlDocument(parsing: "a = 1\nb = @\n")
            }
            #expect(throws: ConfigError.tomlParse(file: "/p/pyproject.toml", line: nil, column: nil, message: "Invalid value")) {
                try TomlDocument.parse("a = [1,\n", file: "/p/pyproject.toml")
            }
        }

        @Test func deepNestingDoesNotNeedTheCallStackForTables() throws {
            let keys = (0..<2000).map { "k\($0)" }.joined(separator: ".")
            let document = try TomlDocument(parsing: "\(keys) = 1\n")
            var current = TomlValue.table(document.root)
            for i in 0..<2000 {
                guard case let .table(t) = current, let next = t["k\(i)"] else {
                    Issue.record("missing level \(i)")
                    return
                }
                current = next
            }
            #expect(current == .integer(1))
        }

        /// tomllib dies of Python's recursion limit a few hundred levels down; so do we, without
        /// using up the stack.
        @Test func deepNestingFailsLikePython() throws {
            let fine = "a = " + String(repeating: "[", count: 400) + String(repeating: "]", count: 400) + "\n"
            var value = try #require(try TomlDocument(parsing: fine).root["a"])
            for _ in 0..<399 { value = value.arrayValue![0] }
            #expect(value == .array([]))
            let recursion = ConfigError.malformedTable(path: "p.toml", message: "RecursionError: maximum recursion depth exceeded")
            #expect(!recursion.isUsageError)
            #expect(throws: recursion) {
                try TomlDocument.parse("a = " + String(repeating: "[", count: 10_000), file: "p.toml")
            }
            #expect(throws: recursion) {
                try TomlDocument.parse("a = " + String(repeating: "{b = ", count: 10_000), file: "p.toml")
            }
        }

        @Test func integerOutsideInt64IsReported() {
            #expect(throws: TomlDocument.DecodeError(message: "Integer out of range", line: 1, column: 5)) {
                try TomlDocument(parsing: "a = 9223372036854775808\n")
            }
        }
    }
}
