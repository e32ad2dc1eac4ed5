// Parametrize ids on the real suites of ../shared/corpus (opt-in: FASTCOLLECT_PARAMETRIZE_CORPUS=1,
// corpus in $FASTCOLLECT_CORPUS or ~/.cache/fastcollect-corpus). For every parametrized node ID
// of a truth file whose function is defined in its module (methods in the class named by the
// node ID), the function's parametrize marks and same-module parametrized fixtures are expanded
// and compared with pytest's ids. Prints a tally; fails on a wrong id (dynamic is allowed).

import Foundation
import Testing

@testable import FastCollect
import ModuleScanner

@Suite("Parametrize ids on the real corpus")
struct ParametrizeCorpusTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["FASTCOLLECT_PARAMETRIZE_CORPUS"] == "1" }

    static let suites: [(name: String, root: String)] = [
        ("pytest", "pytest-9.0.3"), ("django", "django-5.2.19"), ("sqlalchemy", "sqlalchemy-2.0.58"),
    ]

    @Test(.enabled(if: enabled), arguments: suites.map(\.name))
    func corpusIds(_ suite: String) throws {
        let corpus = ProcessInfo.processInfo.environment["FASTCOLLECT_CORPUS"]
            ?? (NSHomeDirectory() + "/.cache/fastcollect-corpus")
        let root = corpus + "/" + Self.suites.first { $0.name == suite }!.root
        let truthPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../shared/corpus/truth/\(suite).txt").standardized.path
        let truth = try String(contentsOfFile: truthPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let overlayRoot = suite == "django" ? root + "/tests" : root

        // Group truth ids by "file::Class::function" in order.
        var groups: [String: [String?]] = [:]
        var order: [String] = []
        for line in truth {
            var key = line
            var id: String?
            if line.hasSuffix("]"), let open = line.firstIndex(of: "[") {
                key = String(line[..<open])
                id = String(line[line.index(after: open)..<line.index(before: line.endIndex)])
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(id)
        }

        var tables: [String: (ModuleSummary, ModuleNameTable, [UInt8])] = [:]
        var exact = 0, dynamic = 0, wrong = 0, failures = 0, skipped = 0
        var expansions: [(calls: [ParametrizeCall], function: FunctionDecl, key: String)] = []
        var spent = Duration.zero
        var marksSpent = Duration.zero
        var reasons: [String: Int] = [:]
        for key in order {
            let ids = groups[key]!
            guard ids.contains(where: { $0 != nil }) else { continue }
            let parts = key.components(separatedBy: "::")
            let file = parts[0]
            let path = [root + "/" + file, overlayRoot + "/" + file].first { FileManager.default.fileExists(atPath: $0) }
            guard let path, let data = FileManager.default.contents(atPath: path) else {
                skipped += 1
                continue
            }
            if tables[file] == nil {
                let bytes = [UInt8](data)
                let summary = ModuleScanner.scan(bytes: bytes)
                tables[file] = (summary, ModuleNameTable(summary: summary, source: bytes), bytes)
            }
            let (summary, table, bytes) = tables[file]!
            var members = summary.members
            var classPath: [ClassDecl] = []
            var function: FunctionDecl?
            for (index, name) in parts.dropFirst().enumerated() {
                let last = index == parts.count - 2
                var found = false
                for member in members {
                    if last, case .function(let decl) = member, decl.name == name { function = decl; found = true }
                    if !last, case .classDecl(let decl) = member, decl.name == name {
                        classPath.append(decl)
                        members = decl.members
                        found = true
                    }
                }
                if !found { break }
            }
            guard let function else {
                skipped += 1
                continue
            }
            let calls: [ParametrizeCall]
            let marksClock = ContinuousClock.now
            let lookup = table.parametrizeCalls(for: function, classPath: classPath, importedDecorator: { _ in .other })
            marksSpent += ContinuousClock.now - marksClock
            switch lookup {
            case .success(let found): calls = found
            case .failure(let failure):
                dynamic += 1
                reasons["marks: " + failure.reason, default: 0] += 1
                continue
            }
            var fixtureCalls: [ParametrizeCall] = []
            bytes.withUnsafeBufferPointer { buffer in
                // The closest definition: the innermost class first, then the module.
                let scopes: [(members: [Member], path: [ClassDecl])] =
                    (0..<classPath.count).reversed().map { (classPath[$0].members, Array(classPath[...$0])) } + [(summary.members, [])]
                for parameter in function.parameters {
                    search: for (members, path) in scopes {
                        for member in members {
                            guard case .function(let fixture) = member, fixture.name == parameter,
                                  let decorator = fixture.decorators.first(where: { $0.name == "pytest.fixture" })
                            else { continue }
                            if let range = decorator.arguments {
                                let call = ParametrizeCall(kind: .fixture(parameter), source: buffer, arguments: range,
                                                           resolver: table.resolver(classPath: path, line: fixture.firstLine))
                                if call.arguments.keyword("params") != nil { fixtureCalls.append(call) }
                            }
                            break search
                        }
                    }
                }
            }
            expansions.append((fixtureCalls + calls, function, key))
            let clock = ContinuousClock.now
            let result = Parametrization.expand(fixtureCalls + calls, functionName: function.name, nodeID: key,
                                                firstLine: Int(function.firstLine))
            spent += ContinuousClock.now - clock
            switch result {
            case .items(let items, _):
                let mine = items.map(\.id)
                if mine == ids {
                    exact += 1
                } else if Set(mine.compactMap { $0 }).isSubset(of: Set(ids.compactMap { $0 })) || mine.count < ids.count {
                    // Fixtures from conftest files or plugins add parameters this test does not know.
                    skipped += 1
                    if ProcessInfo.processInfo.environment["FASTCOLLECT_PARAMETRIZE_VERBOSE"] == "1" {
                        print("PARAMETRIZE-CORPUS skipped \(key): \(mine.prefix(3)) vs \(ids.prefix(3))")
                    }
                } else {
                    wrong += 1
                    Issue.record("\(key): \(mine.prefix(4)) vs \(ids.prefix(4))")
                }
            case .dynamic(let reason):
                dynamic += 1
                reasons[reason, default: 0] += 1
            case .failure(let message):
                failures += 1
                Issue.record("\(key): failure \(message)")
            }
        }
        print("PARAMETRIZE-CORPUS \(suite): exact \(exact), dynamic \(dynamic), wrong \(wrong), failures \(failures), skipped \(skipped), finding marks \(marksSpent), expanding \(spent)")
        if let rounds = Int(ProcessInfo.processInfo.environment["FASTCOLLECT_PARAMETRIZE_BENCH"] ?? "") {
            var items = 0
            let clock = ContinuousClock.now
            for _ in 0..<rounds {
                for (calls, function, key) in expansions {
                    if case .items(let made, _) = Parametrization.expand(calls, functionName: function.name, nodeID: key,
                                                                         firstLine: Int(function.firstLine)) {
                        items += made.count
                    }
                }
            }
            let elapsed = ContinuousClock.now - clock
            print("PARAMETRIZE-CORPUS \(suite) bench: \(expansions.count) functions, \(items / max(1, rounds)) items, \(elapsed / max(1, rounds)) per round")
        }
        for (reason, count) in reasons.sorted(by: { $0.value > $1.value }).prefix(25) {
            print("PARAMETRIZE-CORPUS   \(count) × \(reason)")
        }
    }
}
