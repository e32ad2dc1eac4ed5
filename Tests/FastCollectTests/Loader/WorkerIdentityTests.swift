import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import FastCollect

/// The worker pool must not change what is collected or its order.
@Suite struct ParallelLoaderTests {
    /// A generated project: packages of modules with functions, classes, parametrize marks and
    /// a unittest case, spread over `directories` folders.
    private static func generatedTree(files: Int, directories: Int) throws -> String {
        let root = TemporaryTree.make()
        try TemporaryTree.write(root + "/pytest.ini", "[pytest]\n")
        for index in 0..<files {
            let folder = "pkg\(index % directories)"
            if index < directories { try TemporaryTree.write("\(root)/\(folder)/__init__.py", "") }
            let body = """
                import unittest

                import pytest


                def test_plain_\(index)():
                    pass


                @pytest.mark.parametrize("n", [\(index), \(index + 1), "x\(index)"])
                def test_param(n):
                    pass


                class TestGroup\(index):
                    def test_a(self):
                        pass

                    def test_b(self):
                        pass


                class Case\(index)(unittest.TestCase):
                    def test_z(self):
                        pass

                    def test_y(self):
                        pass

                """
            try TemporaryTree.write("\(root)/\(folder)/test_mod\(index).py", body)
        }
        return root
    }

    private static func nodeIDs(_ root: String, workers: Int) throws -> [String] {
        let config = try ConfigDiscovery.discover(
            arguments: [], configFile: nil, rootdirOption: nil, invocationDirectory: root)
        var options = CollectOptions(invocationDirectory: root)
        options.workers = workers
        let result = try CollectionSession(config: config, options: options).run()
        return result.items.map { result.nodes[Int($0)].nodeID }
    }

    /// The bundled demo suite, `Examples/` at the package root.
    private static let examplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples").path

    @Test func outputIsTheSameForEveryWorkerCount() throws {
        let root = try Self.generatedTree(files: 3_000, directories: 23)
        let sequential = try Self.nodeIDs(root, workers: 1)
        #expect(sequential.count == 3_000 * 8)
        #expect(sequential.first == "pkg0/test_mod0.py::test_plain_0")
        for workers in [2, 3, 8] {
            #expect(try Self.nodeIDs(root, workers: workers) == sequential)
        }
    }

    /// What pytest 9.0.3 prints for `pytest --collect-only -q` in Examples/, for every worker count.
    @Test(arguments: [1, 2, 3, 8])
    func bundledExamplesCollectTheSameForEveryWorkerCount(workers: Int) throws {
        let expected = [
            "tests/integration/test_orders.py::TestOrders::test_order_fits[apples-2]",
            "tests/integration/test_orders.py::TestOrders::test_order_fits[pears-1]",
            "tests/integration/test_orders.py::TestOrders::test_unknown_item",
            "tests/integration/test_orders.py::test_no_orders",
            "tests/unit/test_inventory.py::test_restock_adds",
            "tests/unit/test_inventory.py::test_restock_counts[1]",
            "tests/unit/test_inventory.py::test_restock_counts[5]",
            "tests/unit/test_inventory.py::test_restock_counts[10]",
            "tests/unit/test_inventory.py::TestShelf::test_empty_shelf",
            "tests/unit/test_inventory.py::TestShelf::test_big_restock",
            "tests/unit/test_inventory.py::StockKeepingSuite::test_names_are_kept",
            "tests/unit/test_inventory.py::LegacyChecks::test_negative",
            "tests/unit/test_inventory.py::LegacyChecks::test_zero",
        ]
        #expect(try Self.nodeIDs(Self.examplesDirectory, workers: workers) == expected)
    }

    /// What a load produced for one path, as comparable values.
    private static func digest(_ module: LoadedModule) -> String {
        let diagnostics = module.summary?.diagnostics.map { "\($0.kind)@\($0.range)" }.joined(separator: ",") ?? "-"
        return "\(module.path) \(module.source.count) \(module.summary?.members.count ?? -1) [\(diagnostics)] \(String(describing: module.readError))"
    }

    /// The stress test (run it under `--sanitize=thread`): the loader runs many times over a
    /// generated tree that mixes good modules with bad ones (NUL bytes, invalid UTF-8, an
    /// unterminated string, deep brackets, a missing file) and must give the same results, in
    /// the same slots, every time and for every worker count.
    @Test func repeatedLoadsAgreeWithTheSequentialOne() throws {
        let root = try Self.generatedTree(files: 200, directories: 5)
        var paths = (0..<200).map { "\(root)/pkg\($0 % 5)/test_mod\($0).py" }
        let bad: [[UInt8]] = [
            Array("def test_a():\n    pass\0\n".utf8),
            Array("x = \"caf".utf8) + [0xE9] + Array("\"\n".utf8),
            Array("def test_a():\n    x = 'abc\n".utf8),
            Array(("x = " + String(repeating: "(", count: 5000)).utf8),
        ]
        for (index, bytes) in bad.enumerated() {
            let path = "\(root)/pkg0/test_bad\(index).py"
            try TemporaryTree.write(path, "")
            let file = fopen(path, "wb")
            _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
            paths.insert(path, at: index * 37)
        }
        paths.insert("\(root)/pkg1/test_missing.py", at: 101)
        let sequential = ParallelLoader.load(paths, workers: 1).map(Self.digest)
        #expect(sequential.count == paths.count)
        #expect(sequential.filter { $0.contains("notFound") }.count == 1)
        for round in 0..<40 {
            let workers = 2 + round % 7
            #expect(ParallelLoader.load(paths, workers: workers).map(Self.digest) == sequential, "round \(round), \(workers) workers")
        }
    }

    @Test func loadedModulesComeBackInInputOrder() throws {
        let root = try Self.generatedTree(files: 120, directories: 3)
        let paths = (0..<120).map { "\(root)/pkg\($0 % 3)/test_mod\($0).py" }
        let loaded = ParallelLoader.load(paths, workers: 4)
        #expect(loaded.map(\.path) == paths)
        #expect(loaded.allSatisfy { $0.summary?.diagnostics.isEmpty == true })
    }
}
