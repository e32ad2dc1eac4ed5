import Foundation
import Testing
@testable import FastCollect

extension ConfigTests {
    /// Builds each tree of `discovery-cases.json` in a temporary directory and checks that discovery
    /// gives what real pytest 9.0.3 gave there: rootdir, config file, the `configfile:` header text,
    /// the ini values, or the error.
    @Suite struct ConfigDiscoveryTests {
        static let rootMark = "<ROOT>"

        @Test func matchesPytest() throws {
            let fixture = try #require(try ConfigFixtures.json("discovery-cases.json") as? [String: Any])
            #expect(fixture["pytest"] as? String == "9.0.3")
            let cases = try #require(fixture["cases"] as? [[String: Any]])
            #expect(cases.count > 70)

            let base = try ConfigFixtures.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: base) }
            // Trees are built below `base`: a config file or setup.py above it would change every answer.
            for ancestor in ConfigPath.parents(base) {
                for name in ConfigDiscovery.configNames + ["setup.py"] where ConfigFileSystem.isFile(ConfigPath.join(ancestor, name)) {
                    Issue.record("\(ConfigPath.join(ancestor, name)) exists above the temporary directory; cases would not be isolated")
                    return
                }
            }
            for (index, c) in cases.enumerated() {
                let root = ConfigPath.join(base, "case\(index)")
                try check(c, root: root)
            }
        }

        private func check(_ c: [String: Any], root: String) throws {
            let name = c["name"] as! String
            let binary = Set(c["binaryFiles"] as? [String] ?? [])
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            for dir in c["dirs"] as! [String] {
                try FileManager.default.createDirectory(atPath: ConfigPath.join(root, dir), withIntermediateDirectories: true)
            }
            for (path, content) in c["files"] as! [String: String] {
                let bytes = binary.contains(path) ? content.unicodeScalars.map { UInt8($0.value) } : Array(content.utf8)
                try ConfigFixtures.write(bytes, to: ConfigPath.join(root, path))
            }
            func expand(_ s: String) -> String { s.replacingOccurrences(of: Self.rootMark, with: root) }
            var environment: [String: String] = [:]
            for (key, value) in c["env"] as! [String: String] { environment[key] = expand(value) }

            let expected = c["expected"] as! [String: Any]
            let result = Result { () throws(ConfigError) in
                try ConfigDiscovery.discover(
                    arguments: c["args"] as! [String],
                    configFile: c["configFile"] as? String,
                    rootdirOption: c["rootdirOption"] as? String,
                    invocationDirectory: ConfigPath.normpath(ConfigPath.join(root, c["cwd"] as! String)),
                    overrideIni: c["overrideIni"] as! [String],
                    environment: environment
                )
            }
            if let error = expected["error"] as? [String: Any] {
                switch result {
                case let .success(config):
                    Issue.record("\(name): expected \(error), got rootdir \(config.rootdir)")
                case let .failure(failure):
                    #expect(failure.message == expand(error["message"] as! String), "\(name)")
                    #expect(failure.isUsageError == (error["usage"] as! Bool), "\(name)")
                }
                return
            }
            let config: PytestConfig
            switch result {
            case let .success(value): config = value
            case let .failure(failure):
                Issue.record("\(name): unexpected error \(failure.message)")
                return
            }
            #expect(config.rootdir == expand(expected["rootdir"] as! String), "\(name)")
            #expect(config.configFile == (expected["configfile"] as? String).map(expand), "\(name)")
            #expect(config.configFileDisplay == expected["display"] as? String, "\(name)")
            let values = expected["values"] as! [String: [String: Any]]
            #expect(values.count == 13, "\(name)")
            for (option, outcome) in values {
                let actual = ConfigDiscoveryTests.read(option, from: config)
                if let message = outcome["error"] as? String {
                    #expect(actual == .error(expand(message)), "\(name): \(option)")
                } else {
                    let value = outcome["value"]
                    let wanted: Outcome
                    if let list = value as? [String] {
                        wanted = .list(list.map(expand))
                    } else if let flag = value as? Bool {
                        wanted = .bool(flag)
                    } else {
                        wanted = .string(value as? String)
                    }
                    #expect(actual == wanted, "\(name): \(option)")
                }
            }
        }

        enum Outcome: Equatable {
            case list([String])
            case bool(Bool)
            case string(String?)
            case error(String)
        }

        static func read(_ option: String, from config: PytestConfig) -> Outcome {
            func run(_ body: () throws(ConfigError) -> Outcome) -> Outcome {
                do { return try body() } catch { return .error(error.message) }
            }
            switch option {
            case "python_files": return run { () throws(ConfigError) in .list(try config.pythonFiles) }
            case "python_classes": return run { () throws(ConfigError) in .list(try config.pythonClasses) }
            case "python_functions": return run { () throws(ConfigError) in .list(try config.pythonFunctions) }
            case "norecursedirs": return run { () throws(ConfigError) in .list(try config.norecursedirs) }
            case "testpaths": return run { () throws(ConfigError) in .list(try config.testpaths) }
            case "pythonpath": return run { () throws(ConfigError) in .list(try config.pythonpath) }
            case "addopts": return run { () throws(ConfigError) in .list(try config.addopts) }
            case "markers": return run { () throws(ConfigError) in .list(try config.markers) }
            case "collect_imported_tests": return run { () throws(ConfigError) in .bool(try config.collectImportedTests) }
            case "consider_namespace_packages":
                return run { () throws(ConfigError) in .bool(try config.considerNamespacePackages) }
            case "disable_test_id_escaping_and_forfeit_all_rights_to_community_support":
                return run { () throws(ConfigError) in .bool(try config.disableTestIdEscaping) }
            case "strict_parametrization_ids":
                return run { () throws(ConfigError) in .bool(try config.strictParametrizationIds) }
            case "minversion": return run { () throws(ConfigError) in .string(try config.minversion) }
            default: return .error("unknown option \(option)")
            }
        }
    }
}
