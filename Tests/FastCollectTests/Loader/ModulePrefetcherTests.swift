import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import FastCollect

/// Workers reading ahead of resolution must hand over exactly what a plain read gives, whatever
/// order resolution asks in and however far the workers got.
@Suite struct ModulePrefetcherTests {
    /// Packages of test modules that import a shared base module, a package submodule and each
    /// other, plus files that fail to scan.
    private static func tree(modules: Int, packages: Int) throws -> (root: String, paths: [String]) {
        let root = TemporaryTree.make()
        try TemporaryTree.write(root + "/pytest.ini", "[pytest]\n")
        try TemporaryTree.write(root + "/shared/__init__.py", "from .bases import Base\n")
        try TemporaryTree.write(
            root + "/shared/bases.py", "import unittest\n\n\nclass Base(unittest.TestCase):\n    def test_base(self):\n        pass\n")
        try TemporaryTree.write(root + "/shared/helpers.py", "VALUES = [1, 2, 3]\n")
        var paths: [String] = []
        for index in 0..<modules {
            let package = "pkg\(index % packages)"
            if index < packages { try TemporaryTree.write("\(root)/\(package)/__init__.py", "") }
            let previous = index >= packages ? "from .test_mod\(index - packages) import TestPlain\(index - packages)\n" : ""
            let body = """
                import pytest

                from shared import Base, helpers
                \(previous)

                class Case\(index)(Base):
                    def test_own(self):
                        pass


                class TestPlain\(index):
                    @pytest.mark.parametrize("n", helpers.VALUES)
                    def test_n(self, n):
                        pass

                """
            let path = "\(root)/\(package)/test_mod\(index).py"
            try TemporaryTree.write(path, body)
            paths.append(path)
        }
        let bad: [[UInt8]] = [
            Array("def test_a():\n    pass\0\n".utf8),
            Array("x = \"caf".utf8) + [0xE9] + Array("\"\n".utf8),
            Array(("x = " + String(repeating: "[", count: 4000)).utf8),
        ]
        for (index, bytes) in bad.enumerated() {
            let path = "\(root)/pkg0/test_bad\(index).py"
            let file = fopen(path, "wb")
            _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
            paths.insert(path, at: index * 11)
        }
        paths.insert("\(root)/pkg1/test_missing.py", at: 17)
        return (root, paths)
    }

    private static func digest(_ module: LoadedModule) -> String {
        let diagnostics = module.summary?.diagnostics.map { "\($0.kind)@\($0.range)" }.joined(separator: ",") ?? "-"
        return "\(module.path) \(module.source.count) \(module.summary?.members.count ?? -1) [\(diagnostics)] \(String(describing: module.readError))"
    }

    /// Run it under `--sanitize=thread` too. Each round asks for the modules (and the files they
    /// import) in a different order (a permutation of the files), and some rounds stop the workers half-way.
    @Test func takenModulesMatchPlainReads() throws {
        let (root, paths) = try Self.tree(modules: 60, packages: 4)
        let wanted = paths + [root + "/shared/__init__.py", root + "/shared/bases.py", root + "/shared/helpers.py"]
        let expected = Dictionary(uniqueKeysWithValues: wanted.map { ($0, Self.digest(LoadedModule.load(path: $0))) })
        for round in 0..<30 {
            let workers = 1 + round % 8
            // Some rounds let workers stay at most one file (or a few) ahead of the reads.
            let limit = [0, 600, 4 << 20][round % 3]
            let prefetcher = ModulePrefetcher(
                paths: paths, workers: workers, searchRoots: [root], importDepth: 8, readAheadLimit: limit)
            // A different permutation each round: position i asks for entry (i * stride + round).
            let strides = [1, 7, 11, 13, 17, 19, 23, 29, 31, 37].filter { Self.gcd($0, wanted.count) == 1 }
            let stride = strides[round % strides.count]
            let order = wanted.indices.map { wanted[($0 * stride + round) % wanted.count] }
            for (position, path) in order.enumerated() {
                if round % 5 == 4 && position == order.count / 2 { _ = prefetcher.finish() }
                let module = prefetcher.take(path) ?? LoadedModule.load(path: path)
                #expect(Self.digest(module) == expected[path], "round \(round), \(workers) workers, \(path)")
            }
            #expect(prefetcher.finish() >= 0)
        }
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Workers wait while the test modules read and not yet taken exceed the limit: before
    /// resolution takes anything they read at most the limit plus one file per worker.
    @Test func workersStayWithinTheReadAheadLimit() throws {
        let (root, paths) = try Self.tree(modules: 60, packages: 4)
        let largest = paths.compactMap { LoadedModule.load(path: $0).summary?.byteCount }.max() ?? 0
        let total = paths.compactMap { LoadedModule.load(path: $0).summary?.byteCount }.reduce(0, +)
        let limit = 1_000
        let workers = 3
        let prefetcher = ModulePrefetcher(
            paths: paths, workers: workers, searchRoots: [root], importDepth: 8, readAheadLimit: limit)
        // On a loaded machine the workers may not run at once: wait until they have begun.
        for _ in 0..<500 where prefetcher.peakBytesAhead == 0 { usleep(10_000) }
        usleep(300_000)  // long enough for unbounded workers to read every file
        for path in paths { _ = prefetcher.take(path) }
        _ = prefetcher.finish()
        #expect(total > limit + workers * largest)
        #expect(prefetcher.peakBytesAhead <= limit + workers * largest)
        #expect(prefetcher.peakBytesAhead > 0)
    }

    /// Held at the read-ahead limit, workers go on with the files the test modules read so far
    /// import: resolution needs those as soon as it reaches the importer.
    @Test func workersReadImportsWhileHeldAtTheLimit() throws {
        let (root, paths) = try Self.tree(modules: 60, packages: 4)
        // The first file (it imports nothing) fits under the limit, so a worker always goes on
        // to the second, which imports `shared`; then the limit holds the test modules back.
        let first = LoadedModule.load(path: paths[0]).summary?.byteCount ?? 0
        #expect(first > 0 && !paths[1].hasSuffix("bad1.py"))
        let prefetcher = ModulePrefetcher(
            paths: paths, workers: 2, searchRoots: [root], importDepth: 8, readAheadLimit: first)
        let shared = ["/shared/__init__.py", "/shared/bases.py", "/shared/helpers.py"].map { root + $0 }
        for _ in 0..<1_000 where !shared.allSatisfy(prefetcher.hasRead) { usleep(10_000) }
        _ = prefetcher.finish()
        for file in shared { #expect(prefetcher.hasRead(file), "\(file) was not read ahead") }
        // The limit still holds for the test modules: the last ones were never read.
        #expect(!prefetcher.hasRead(paths[paths.count - 1]))
    }

    /// The walk hands test modules over as it finds them: workers wait for more while the queue
    /// is open and read what comes, in order, until it is sealed.
    @Test func workersWaitForModulesTheWalkHandsOver() throws {
        let (root, paths) = try Self.tree(modules: 30, packages: 2)
        let prefetcher = ModulePrefetcher(workers: 2, searchRoots: [root], importDepth: 0)
        usleep(100_000)  // an empty open queue: the workers must still be there afterwards
        prefetcher.enqueue(Array(paths[..<6]))
        for _ in 0..<500 where !paths[..<6].allSatisfy(prefetcher.hasRead) { usleep(10_000) }
        for path in paths[..<6] { #expect(prefetcher.hasRead(path), "\(path) was not read") }
        #expect(!prefetcher.hasRead(paths[6]))
        prefetcher.enqueue(Array(paths[6...]))
        prefetcher.sealQueue()
        for _ in 0..<500 where !paths.allSatisfy(prefetcher.hasRead) { usleep(10_000) }
        for path in paths {
            let module = try #require(prefetcher.take(path), "\(path) was not read ahead")
            #expect(module.path == path)
        }
        _ = prefetcher.finish()
    }

    @Test func collectionIsTheSameForEveryWorkerCount() throws {
        let (root, _) = try Self.tree(modules: 200, packages: 7)
        let sequential = try WorkerIdentityTests.nodeIDs(root, workers: 1)
        #expect(sequential.contains("pkg1/test_mod1.py::Case1::test_base"))
        #expect(sequential.contains("pkg2/test_mod9.py::TestPlain9::test_n[3]"))
        for workers in [2, 3, 8] {
            #expect(try WorkerIdentityTests.nodeIDs(root, workers: workers) == sequential, "\(workers) workers")
        }
    }

    @Test func importedFilesFollowModuleLevelImports() throws {
        let root = TemporaryTree.make()
        try TemporaryTree.write(root + "/app/__init__.py", "")
        try TemporaryTree.write(root + "/app/models.py", "")
        try TemporaryTree.write(root + "/app/views/__init__.py", "")
        try TemporaryTree.write(root + "/app/tests/__init__.py", "")
        try TemporaryTree.write(root + "/app/tests/base.py", "")
        try TemporaryTree.write(root + "/lib.py", "")
        let path = root + "/app/tests/test_x.py"
        let source = """
            import os
            import lib
            from app import models, views, missing
            from . import base
            from ..models import *
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from app.views import late
            try:
                import app.models as m
            except ImportError:
                pass

            """
        try TemporaryTree.write(path, source)
        let module = LoadedModule.load(path: path)
        let summary = try #require(module.summary)
        let locator = ModuleLocator(searchRoots: [root])
        #expect(
            locator.importedFiles(of: summary, in: path) == [
                root + "/lib.py",
                root + "/app/__init__.py", root + "/app/models.py", root + "/app/views/__init__.py",
                root + "/app/tests/__init__.py", root + "/app/tests/base.py",
                root + "/app/models.py",
                root + "/app/models.py",
            ])
    }
}
