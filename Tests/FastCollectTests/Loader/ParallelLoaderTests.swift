import Testing

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

    @Test func outputIsTheSameForEveryWorkerCount() throws {
        let root = try Self.generatedTree(files: 600, directories: 7)
        let sequential = try Self.nodeIDs(root, workers: 1)
        #expect(sequential.count == 600 * 8)
        for workers in [2, 3, 8] {
            #expect(try Self.nodeIDs(root, workers: workers) == sequential)
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
