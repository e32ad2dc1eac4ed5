// Parametrize ids against what real pytest 9.0.3 collected.
//
// Fixtures/parametrize-cases.json is written by scripts/make-parametrize-cases.py: per case,
// test modules (and an optional pytest.ini) and the node IDs `pytest --collect-only -q`
// printed, plus the ERROR block of modules pytest could not collect. Here each `test_*`
// function and `Test*` method is expanded with `ModuleNameTable.parametrizeCalls` (and the
// module's parametrized fixtures it requests, first) and `Parametrization.expand`, and the
// resulting node IDs are compared with pytest's. Functions named `test_dyn_*` must come out
// dynamic (never a wrong id).

import Foundation
import Testing

@testable import FastCollect
import ModuleScanner

struct ParametrizeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var ini: String?
    var files: [(name: String, source: String)]
    var nodeIDs: [String]
    var errors: [String: String]

    var testDescription: String { name }

    static let all: [ParametrizeCase] = load()

    private static func load() -> [ParametrizeCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/parametrize-cases.json")
        guard let data = try? Data(contentsOf: url),
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = document["cases"] as? [[String: Any]]
        else { return [] }
        return cases.map { entry in
            let files = (entry["files"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, source: $0.value) }
            return ParametrizeCase(
                name: entry["name"] as? String ?? "?", ini: entry["ini"] as? String, files: files,
                nodeIDs: entry["nodeids"] as? [String] ?? [], errors: entry["errors"] as? [String: String] ?? [:])
        }
    }

    var options: IdOptions {
        var options = IdOptions()
        for line in (ini ?? "").split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "strict_parametrization_ids": options.strictParametrizationIds = parts[1] == "true"
            case "disable_test_id_escaping_and_forfeit_all_rights_to_community_support": options.disableTestIdEscaping = parts[1] == "true"
            case "empty_parameter_set_mark": options.emptyParameterSetMark = parts[1]
            default: break
            }
        }
        return options
    }
}

/// What expanding one module gave: node IDs, failures (function, message), dynamic functions.
struct ModuleOutcome {
    var nodeIDs: [String] = []
    var failures: [(function: String, message: String)] = []
    var dynamic: [(function: String, reason: String)] = []
}

func expandModule(fileName: String, source: String, options: IdOptions) -> ModuleOutcome {
    let bytes = Array(source.utf8)
    let summary = ModuleScanner.scan(bytes: bytes)
    let table = ModuleNameTable(summary: summary, source: bytes)
    var outcome = ModuleOutcome()

    var fixtures: [String: FunctionDecl] = [:]
    for member in summary.members {
        guard case .function(let function) = member else { continue }
        for decorator in function.decorators where decorator.name == "pytest.fixture" && decorator.arguments != nil {
            fixtures[function.name] = function
        }
    }

    func visit(_ function: FunctionDecl, classPath: [ClassDecl]) {
        guard function.name.hasPrefix("test") else { return }
        let nodeID = ([fileName] + classPath.map(\.name) + [function.name]).joined(separator: "::")
        var calls: [ParametrizeCall]
        switch table.parametrizeCalls(for: function, classPath: classPath) {
        case .success(let found): calls = found
        case .failure(let failure):
            outcome.dynamic.append((function.name, failure.reason))
            return
        }
        var result = Parametrization.expand(calls, functionName: function.name, nodeID: nodeID,
                                            firstLine: Int(function.firstLine), options: options)
        if case .items(_, let signatures) = result {
            let covered = Set(signatures.flatMap(\.argnames))
            var fixtureCalls: [ParametrizeCall] = []
            bytes.withUnsafeBufferPointer { buffer in
                for parameter in function.parameters where !covered.contains(parameter) {
                    guard let fixture = fixtures[parameter],
                          let decorator = fixture.decorators.first(where: { $0.name == "pytest.fixture" }),
                          let range = decorator.arguments
                    else { continue }
                    let call = ParametrizeCall(kind: .fixture(parameter), source: buffer, arguments: range,
                                               resolver: table.resolver(line: fixture.firstLine))
                    if call.arguments.keyword("params") != nil { fixtureCalls.append(call) }
                }
            }
            if !fixtureCalls.isEmpty {
                result = Parametrization.expand(fixtureCalls + calls, functionName: function.name, nodeID: nodeID,
                                                firstLine: Int(function.firstLine), options: options)
            }
        }
        switch result {
        case .items(let items, _):
            outcome.nodeIDs += items.map { item in item.id.map { "\(nodeID)[\($0)]" } ?? nodeID }
        case .failure(let message):
            outcome.failures.append((function.name, message))
        case .dynamic(let reason):
            outcome.dynamic.append((function.name, reason))
        }
    }

    func visitClass(_ cls: ClassDecl, path: [ClassDecl]) {
        guard cls.name.hasPrefix("Test") else { return }
        let classPath = path + [cls]
        for member in cls.members {
            switch member {
            case .function(let method): visit(method, classPath: classPath)
            case .classDecl(let nested): visitClass(nested, path: classPath)
            default: continue
            }
        }
    }

    for member in summary.members {
        switch member {
        case .function(let function): visit(function, classPath: [])
        case .classDecl(let cls): visitClass(cls, path: [])
        default: continue
        }
    }
    return outcome
}

@Suite("Parametrize ids against pytest 9.0.3")
struct ParametrizeRecordedCaseTests {
    @Test("the recorded cases load")
    func casesLoad() {
        #expect(ParametrizeCase.all.count >= 16)
        #expect(ParametrizeCase.all.reduce(0) { $0 + $1.nodeIDs.count } >= 300)
    }

    @Test("node IDs match pytest's", arguments: ParametrizeCase.all)
    func matchesPytest(_ testCase: ParametrizeCase) {
        for file in testCase.files where file.name.hasPrefix("test_") {
            let outcome = expandModule(fileName: file.name, source: file.source, options: testCase.options)
            let dynamicNames = Set(outcome.dynamic.map(\.function))
            for (function, reason) in outcome.dynamic where !function.hasPrefix("test_dyn_") {
                Issue.record("\(file.name)::\(function) came out dynamic: \(reason)")
            }
            if let error = testCase.errors[file.name] {
                #expect(!outcome.failures.isEmpty, "\(file.name): pytest failed collecting it (\(error)), expansion did not")
                for (function, message) in outcome.failures where !message.hasPrefix("TypeError") && !message.hasPrefix("In \(function): multiple instances") {
                    #expect(error.hasSuffix(message), "\(file.name)::\(function): message \(message) vs pytest's \(error)")
                }
                continue
            }
            for (function, message) in outcome.failures {
                Issue.record("\(file.name)::\(function) failed: \(message)")
            }
            let expected = testCase.nodeIDs.filter { nodeID in
                guard nodeID.hasPrefix(file.name + "::") else { return false }
                let function = nodeID.split(separator: "::").last.map { String($0.split(separator: "[").first ?? "") } ?? ""
                return !dynamicNames.contains(function)
            }
            #expect(outcome.nodeIDs == expected, "\(file.name)")
            if outcome.nodeIDs != expected {
                for (mine, theirs) in zip(outcome.nodeIDs, expected) where mine != theirs {
                    Issue.record("first difference: \(mine) vs \(theirs)")
                    break
                }
            }
            for function in dynamicNames where !function.hasPrefix("test_dyn_") {
                Issue.record("\(function) is dynamic")
            }
        }
    }

    /// Guards against a comparison that checks nothing: nearly every recorded node ID is produced.
    @Test("almost every recorded node ID is reproduced exactly")
    func reproducedCount() {
        var recorded = 0
        var reproduced = 0
        for testCase in ParametrizeCase.all {
            var produced: Set<String> = []
            for file in testCase.files where file.name.hasPrefix("test_") {
                produced.formUnion(expandModule(fileName: file.name, source: file.source, options: testCase.options).nodeIDs)
            }
            recorded += testCase.nodeIDs.count
            reproduced += testCase.nodeIDs.filter(produced.contains).count
        }
        print("PARAMETRIZE-CASES reproduced \(reproduced) of \(recorded) recorded node IDs")
        #expect(recorded >= 480)
        #expect(reproduced >= recorded - 20)
    }

    /// `test_dyn_` functions were written as ones static reading may not know: each is either
    /// reported dynamic or expanded into exactly the node IDs pytest recorded (never a guess).
    @Test("test_dyn_ functions are reported dynamic or expanded exactly")
    func dynamicFunctionsAreDynamic() {
        var seen = 0
        var stillDynamic = 0
        for testCase in ParametrizeCase.all {
            for file in testCase.files where file.name.hasPrefix("test_") {
                let outcome = expandModule(fileName: file.name, source: file.source, options: testCase.options)
                let dynamicNames = Set(outcome.dynamic.map(\.function))
                let produced = outcome.nodeIDs
                for line in file.source.split(separator: "\n") where line.hasPrefix("def test_dyn_") {
                    let name = String(line.dropFirst(4).prefix { $0 != "(" })
                    seen += 1
                    let prefix = file.name + "::" + name
                    let recorded = testCase.nodeIDs.filter { $0 == prefix || $0.hasPrefix(prefix + "[") }
                    let mine = produced.filter { $0 == prefix || $0.hasPrefix(prefix + "[") }
                    if dynamicNames.contains(name) {
                        stillDynamic += 1
                    } else {
                        #expect(!recorded.isEmpty && mine == recorded, "\(prefix) is neither dynamic nor expanded as pytest did: \(mine)")
                    }
                }
            }
        }
        #expect(seen >= 8)
        #expect(stillDynamic >= 4, "random values, sets, __new__ and unreadable imports stay dynamic")
    }
}
