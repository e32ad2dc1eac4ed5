import Foundation
import Testing

@testable import FastCollect

/// The worker pool (`ModulePrefetcher`) must not change what is collected or its order.
@Suite struct WorkerIdentityTests {
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

    /// The node IDs collected in `root` with `workers` workers.
    static func nodeIDs(_ root: String, workers: Int) throws -> [String] {
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
}
