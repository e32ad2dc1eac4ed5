import Testing

@testable import FastCollect

@Suite struct ModuleCollectorTests {
    /// pytest's IGNORED_ATTRIBUTES and nothing else, whatever the shortcut on `__`.
    @Test func ignoredAttributesAreExactlyPytests() {
        for name in ModuleCollector.ignoredAttributes {
            #expect(ModuleCollector.isIgnoredAttribute(name), "\(name)")
        }
        for name in ["", "_", "__", "test_x", "_private", "__custom__", "__init", "Test__init__", "__init__x"] {
            #expect(!ModuleCollector.isIgnoredAttribute(name), "\(name)")
        }
    }

    /// A module whose code writes names into its namespace (here in a loop, as numpy's
    /// test_simd.py makes its classes) is reported: its tests cannot all be listed. The same
    /// statements inside a function or under the main guard are not.
    @Test func namespaceWritesMakeTheModuleDynamic() throws {
        let root = try TemporaryTree.make([
            "test_generated.py": """
                def test_listed(): pass

                for name in ["a", "b"]:
                    globals()["test_" + name] = lambda: None
                exec("def test_c(): pass")
                """,
            "test_quiet.py": """
                def test_listed(): pass

                def helper():
                    globals()["test_x"] = 1

                if __name__ == "__main__":
                    exec("def test_y(): pass")
                """,
        ])
        var collector = Self.collector(root)
        let generated = collector.collect(modulePath: root + "/test_generated.py", moduleNodeID: "test_generated.py")
        #expect(generated.dynamicReasons == [
            "module-level code on line 4 writes into globals(): the names it binds are not known",
            "module-level code on line 5 runs exec(): the names it binds are not known",
        ])
        let quiet = collector.collect(modulePath: root + "/test_quiet.py", moduleNodeID: "test_quiet.py")
        #expect(quiet.dynamicReasons.isEmpty)
    }

    /// A decorator that cannot be identified may be a parametrize mark under another name: its
    /// function is reported, whatever the decorator is called. (Here `pytest` itself is unknown
    /// after a star import of an unreadable module, which may rebind it.) A decorator known to be
    /// something else leaves the function plain.
    @Test func unidentifiedDecoratorsMakeTheirFunctionDynamic() throws {
        let root = try TemporaryTree.make([
            "test_alias.py": """
                import pytest
                from not_installed_anywhere import *

                cases = pytest.mark.parametrize("value", [1, 2])

                @cases
                def test_alias(value): pass
                """,
            "test_known.py": """
                import functools

                @functools.lru_cache
                def test_cached(): pass
                """,
        ])
        var collector = Self.collector(root, expandingParametrize: true)
        let alias = collector.collect(modulePath: root + "/test_alias.py", moduleNodeID: "test_alias.py")
        #expect(alias.dynamicReasons.contains { $0.hasPrefix("test_alias: ") })
        let known = collector.collect(modulePath: root + "/test_known.py", moduleNodeID: "test_known.py")
        #expect(known.dynamicReasons.isEmpty)
    }

    /// Tests in branches whose conditions can be evaluated are kept or dropped as Python would;
    /// those under a condition that cannot (another module's value, a loop) are kept and
    /// reported, never dropped without a word.
    @Test func conditionalDefinitionsAreSettledOrReported() throws {
        let root = try TemporaryTree.make([
            "test_conditions.py": """
                import sys
                try:
                    import not_installed_anywhere
                except ImportError:
                    not_installed_anywhere = None

                if not_installed_anywhere is not None:
                    def test_with_module(): pass

                if sys.platform == "win32":
                    def test_windows(): pass

                for _ in range(2):
                    def test_in_loop(): pass

                class TestK:
                    if True:
                        def test_kept(self): pass
                    else:
                        def test_dropped(self): pass

                import unittest

                class CaseK(unittest.TestCase):
                    if not_installed_anywhere:
                        def test_maybe(self): pass
                    if False:
                        def test_never(self): pass
                """
        ])
        var collector = Self.collector(root)
        let result = collector.collect(modulePath: root + "/test_conditions.py", moduleNodeID: "test_conditions.py")
        func name(_ entry: ModuleEntry) -> String {
            switch entry {
            case .function(let name, _, _, _), .parametrized(let name, _, _, _, _, _, _), .testClass(let name, _, _, _, _):
                return name
            }
        }
        #expect(result.entries.map(name) == ["test_with_module", "test_in_loop", "TestK", "CaseK"])
        guard result.entries.count == 4, case .testClass(_, _, _, _, let children) = result.entries[2],
            case .testClass(_, _, _, _, let caseChildren) = result.entries[3]
        else {
            Issue.record("TestK and CaseK are not test classes")
            return
        }
        #expect(children.map(name) == ["test_kept"])
        #expect(caseChildren.map(name) == ["test_maybe"])
        #expect(result.dynamicReasons == [
            "test_with_module is defined on line 8 under a condition that is not known statically",
            "test_in_loop is defined on line 14 under a condition that is not known statically",
            "test_maybe is defined on line 26 under a condition that is not known statically",
        ])
    }

    /// A metaclass other than `type` or `ABCMeta`, on the class or a class it inherits from,
    /// may add or remove methods as the class is made: its classes are reported.
    @Test func classesMadeByMetaclassesAreReported() throws {
        let root = try TemporaryTree.make([
            "test_meta.py": """
                import abc
                import unittest

                class Meta(type):
                    pass

                class Mixin(metaclass=Meta):
                    pass

                class GeneratedTests(unittest.TestCase, Mixin):
                    pass

                class TestInherited(Mixin):
                    def test_own(self): pass

                class TestAbstractBase(metaclass=abc.ABCMeta):
                    def test_plain(self): pass
                """
        ])
        var collector = Self.collector(root)
        let result = collector.collect(modulePath: root + "/test_meta.py", moduleNodeID: "test_meta.py")
        #expect(result.dynamicReasons == [
            "class GeneratedTests is made by metaclass Meta, which may add or remove tests",
            "class TestInherited is made by metaclass Meta, which may add or remove tests",
        ])
    }


    /// A long `elif` chain (at module level and in a class body) is settled branch by branch:
    /// the one taken is found whichever branch it is, and the chain is read once, not once per
    /// branch (a chain of thousands of branches, read again for each, took seconds).
    @Test(arguments: [0, 1, 1_499, 2_999])
    func longElifChainsTakeTheRightBranch(taken: Int) throws {
        var lines = ["X = \(taken)", "if X == -1:", "    def test_none(): pass"]
        for branch in 0..<3_000 { lines += ["elif X == \(branch):", "    def test_\(branch)(): pass"] }
        lines += ["else:", "    def test_else(): pass", "class TestK:", "    if X == -1:", "        pass"]
        for branch in 0..<3_000 { lines += ["    elif X == \(branch):", "        def test_m\(branch)(self): pass"] }
        let root = try TemporaryTree.make(["test_chain.py": lines.joined(separator: "\n") + "\n"])
        var collector = Self.collector(root)
        let result = collector.collect(modulePath: root + "/test_chain.py", moduleNodeID: "test_chain.py")
        #expect(result.dynamicReasons.isEmpty)
        guard result.entries.count == 2, case .function(let function, _, _, _) = result.entries[0],
            case .testClass(_, _, _, _, let children) = result.entries[1], children.count == 1,
            case .function(let method, _, _, _) = children[0]
        else {
            Issue.record("not one function and one class with one method: \(result.entries.count) entries")
            return
        }
        #expect(function == "test_\(taken)")
        #expect(method == "test_m\(taken)")
    }

    /// A collector for the modules of the tree at `root`, with pytest's default name rules.
    static func collector(_ root: String, expandingParametrize: Bool = false) -> ModuleCollector {
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        var collector = ModuleCollector(
            graph: graph, rules: NameRules(pythonClasses: ["Test"], pythonFunctions: ["test"]), collectImportedTests: true,
            invocationDirectory: root)
        if expandingParametrize {
            collector.parametrize = ParametrizeExpander(graph: graph, fixtures: { _, _ in FixtureClosure() }, options: IdOptions())
        }
        return collector
    }
}
