import Foundation
import Testing

@testable import FastCollect

/// `--format=json` against a golden document. Fixtures/json-basic/tree is a small project
/// (a package it imports, a conftest.py, a parametrized and marked test, a TestCase, a module
/// with `pytest_generate_tests`, a syntax error); expected.json is fastcollect's answer for
/// `-k "add or one or value"` with the tree's path as `<ROOT>`, its node IDs checked against real
/// pytest by scripts/test-plugin.sh.
@Suite struct CollectionJSONTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/json-basic")

    private func document(keyword: String?) throws -> String {
        let tree = CollectionJSONTests.fixture.appendingPathComponent("tree").path
        let config = try ConfigDiscovery.discover(
            arguments: [], configFile: nil, rootdirOption: nil, invocationDirectory: tree, overrideIni: [])
        var options = CollectOptions(invocationDirectory: tree)
        options.keyword = keyword
        let session = try CollectionSession(config: config, options: options)
        let result = try session.run()
        let json = CollectionJSON(session: session, result: result, exitCode: 2, version: "test")
        return json.text.replacingOccurrences(of: tree, with: "<ROOT>")
    }

    @Test func matchesTheGoldenDocument() throws {
        let expected = try String(
            contentsOf: CollectionJSONTests.fixture.appendingPathComponent("expected.json"), encoding: .utf8)
        let actual = try document(keyword: "add or one or value")
        #expect(actual == expected)
    }

    @Test func isValidJSONWithTheDocumentedKeys() throws {
        let data = Data(try document(keyword: nil).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["version"] as? Int == CollectionJSON.schemaVersion)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 8)
        let files = try #require(object["files"] as? [[String: Any]])
        let other = try #require(files.first { ($0["path"] as? String)?.hasSuffix("test_other.py") == true })
        #expect(other["has_selected"] as? Bool == true)
    }

    /// A warning located in an imported module belongs to the test module whose import raises
    /// it (the plugin's stand-in for that module raises it, so pytest's warnings summary stays
    /// the same).
    @Test func warningsBelongToTheImportingModule() throws {
        let root = try TemporaryTree.make([
            "pytest.ini": "[pytest]\n",
            "models.py": "class TestModel:\n    def __init__(self):\n        pass\n",
            "test_uses.py": "from models import TestModel\n\n\ndef test_a():\n    pass\n",
            "test_plain.py": "def test_b():\n    pass\n",
        ])
        let config = try ConfigDiscovery.discover(
            arguments: [], configFile: nil, rootdirOption: nil, invocationDirectory: root, overrideIni: [])
        let session = try CollectionSession(config: config, options: CollectOptions(invocationDirectory: root))
        let result = try session.run()
        let data = Data(CollectionJSON(session: session, result: result, exitCode: 0, version: "test").text.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        func warnings(_ name: String) -> [String]? {
            files.first { ($0["path"] as? String)?.hasSuffix("/" + name) == true }?["warnings"] as? [String]
        }
        #expect(warnings("test_uses.py")?.count == 1)
        #expect(warnings("test_uses.py")?.first?.contains("cannot collect test class 'TestModel'") == true)
        #expect(warnings("test_plain.py") == [])
        // How pytest raises it (`Node.warn`: the class's file and 1-based line), for the plugin's stand-in.
        let uses = try #require(files.first { ($0["path"] as? String)?.hasSuffix("/test_uses.py") == true })
        let raised = try #require(uses["warnings_raised"] as? [[String: Any]])
        #expect(raised.count == 1)
        #expect(raised.first?["category"] as? String == "PytestCollectionWarning")
        #expect(
            raised.first?["message"] as? String
                == "cannot collect test class 'TestModel' because it has a __init__ constructor (from: test_uses.py)")
        #expect((raised.first?["filename"] as? String)?.hasSuffix("/models.py") == true)
        #expect(raised.first?["lineno"] as? Int == 1)
        let plain = try #require(files.first { ($0["path"] as? String)?.hasSuffix("/test_plain.py") == true })
        #expect((plain["warnings_raised"] as? [Any])?.isEmpty == true)
    }

    @Test func escapesStrings() {
        #expect(JSONText.quoted("a\"b\\c\n\u{1}é") == "\"a\\\"b\\\\c\\n\\u0001é\"")
    }

    @Test func splitsParametrization() {
        #expect(CollectionJSON.splitName("test_x[1-a]") == ("test_x", "1-a"))
        #expect(CollectionJSON.splitName("test_x[a[b]]") == ("test_x", "a[b]"))
        #expect(CollectionJSON.splitName("test_x") == ("test_x", nil))
    }
}
