import Foundation
import Testing

/// Reads the golden JSON files `scripts/make-config-cases.py` records from real Python/pytest.
enum ConfigFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func json(_ name: String) throws -> Any {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    static func cases(_ name: String) throws -> [[String: Any]] {
        try #require(try json(name) as? [[String: Any]], "\(name) is not a list of objects")
    }

    /// A fresh directory whose path has no symlinks.
    static func makeTemporaryDirectory() throws -> String {
        URL(fileURLWithPath: TemporaryTree.make()).resolvingSymlinksInPath().path
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
