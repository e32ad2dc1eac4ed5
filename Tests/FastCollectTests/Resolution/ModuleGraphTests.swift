import Testing

@testable import FastCollect

/// Cross-file resolution on small trees written to a temporary directory.
@Suite struct ModuleGraphTests {
    private func tree(_ files: [String: String]) throws -> String {
        try TemporaryTree.make(files)
    }

    /// The MRO as qualified names; `?text` for an unresolved base, `!text` for a made class.
    private func mroNames(_ info: ClassInfo) -> [String] {
        info.mro.map {
            switch $0 {
            case .source(let ref): return ref.qualname.joined(separator: ".")
            case .known(let known): return known.name
            case .unknown(let text): return "?" + text
            case .made(let made): return "!" + made.text
            }
        }
    }

    private func classInfo(_ root: String, _ file: String, _ name: String) -> ClassInfo? {
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        guard case .classRef(let ref) = graph.resolveName(name, in: root + "/" + file) else { return nil }
        return graph.classInfo(ref)
    }

    @Test func testCaseThroughReexportingPackage() throws {
        let root = try tree([
            "fw/__init__.py": "from fw.cases import SimpleCase\n",
            "fw/cases.py": "import unittest\n\nclass SimpleCase(unittest.TestCase):\n    pass\n",
            "test_x.py": "from fw import SimpleCase\n\nclass FormsChecks(SimpleCase):\n    def test_a(self): pass\n",
        ])
        let info = try #require(classInfo(root, "test_x.py", "FormsChecks"))
        #expect(info.isTestCase)
        #expect(info.unresolvedBases.isEmpty)
    }

    /// The module last answered is answered again from memory, but a module inserted in its
    /// place (one a pool worker read) is the answer from then on.
    @Test func moduleAnswersWhatWasInsertedLast() throws {
        let root = try tree(["m.py": "A = 1\n", "n.py": "B = 2\n"])
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        let path = root + "/m.py"
        let first = try #require(graph.module(path))
        #expect(graph.module(path) === first)
        let replacement = LoadedModule.load(path: path)
        graph.insert(replacement)
        #expect(graph.module(path) === replacement)
        #expect(graph.module(root + "/n.py") !== replacement)
        #expect(graph.module(path) === replacement)
    }

    @Test func unresolvableBaseIsRecorded() throws {
        let root = try tree(["test_x.py": "from nowhere import Base\n\nclass TestA(Base):\n    pass\n"])
        let info = try #require(classInfo(root, "test_x.py", "TestA"))
        #expect(!info.isTestCase)
        #expect(info.unresolvedBases == ["Base"])
    }

    @Test(arguments: [
        ("import decimal\n", "decimal.Decimal"),
        ("import datetime\n", "datetime.datetime"),
        ("from datetime import date\n", "date"),
        ("import zoneinfo\n", "zoneinfo.ZoneInfo"),
        ("import concurrent.futures\n", "concurrent.futures.Future"),
        ("import collections\n", "collections.deque"),
    ])
    func standardLibraryBaseIsAKnownClass(imports: String, base: String) throws {
        let root = try tree(["test_s.py": imports + "\nclass Money(\(base)):\n    pass\n"])
        let info = try #require(classInfo(root, "test_s.py", "Money"))
        #expect(info.unresolvedBases.isEmpty)
        #expect(!info.isTestCase)
    }

    /// Bases made by factory calls (`BaseManager.from_queryset(QuerySet)`): their bases are
    /// known, so whether the class is a `TestCase` is known; their namespaces are not read.
    @Test func factoryMadeBases() throws {
        let root = try tree([
            "managers.py": """
                class BaseManager:
                    @classmethod
                    def from_queryset(cls, queryset_class, class_name=None):
                        if class_name is None:
                            class_name = cls.__name__ + queryset_class.__name__
                        return type(class_name, (cls,), {"_queryset_class": queryset_class, **cls._methods(queryset_class)})

                class QuerySet:
                    pass

                class Manager(BaseManager.from_queryset(QuerySet)):
                    pass

                class CaseFactory:
                    @classmethod
                    def case(cls, base):
                        return type("Case", (base, cls), {})

                def make_case(base):
                    return type("Case", (base,), {})

                """,
            "test_m.py": """
                import unittest
                from managers import Manager, QuerySet, CaseFactory, make_case

                class FoodManager(Manager.from_queryset(QuerySet)):
                    pass

                class Checks(make_case(unittest.TestCase)):
                    pass

                class Mixed(CaseFactory.case(base=unittest.TestCase)):
                    pass

                class Unknown(make_case(Missing)):
                    pass

                class Default(make_case()):
                    pass

                """,
        ])
        let food = try #require(classInfo(root, "test_m.py", "FoodManager"))
        #expect(food.unresolvedBases.isEmpty)
        #expect(!food.isTestCase)
        #expect(food.opaqueBases == ["Manager.from_queryset(QuerySet)", "BaseManager.from_queryset(QuerySet)"])
        let checks = try #require(classInfo(root, "test_m.py", "Checks"))
        #expect(checks.isTestCase && checks.unresolvedBases.isEmpty)
        #expect(checks.opaqueBases == ["make_case(unittest.TestCase)"])
        #expect(mroNames(food) == [
            "FoodManager", "!Manager.from_queryset(QuerySet)", "Manager", "!BaseManager.from_queryset(QuerySet)",
            "BaseManager", "object",
        ])
        let mixed = try #require(classInfo(root, "test_m.py", "Mixed"))
        #expect(mixed.isTestCase && mixed.unresolvedBases.isEmpty)
        #expect(mroNames(mixed) == ["Mixed", "!CaseFactory.case(base=unittest.TestCase)", "unittest.TestCase", "CaseFactory", "object"])
        let unknown = try #require(classInfo(root, "test_m.py", "Unknown"))
        #expect(unknown.unresolvedBases == ["make_case(Missing)"])
        let defaulted = try #require(classInfo(root, "test_m.py", "Default"))
        #expect(defaulted.unresolvedBases == ["make_case()"])
    }

    @Test func doctestCaseClassesAreTestCases() throws {
        let root = try tree(["test_d.py": "import doctest\n\nclass Docs(doctest.DocFileCase):\n    pass\n"])
        let info = try #require(classInfo(root, "test_d.py", "Docs"))
        #expect(info.isTestCase)
    }

    /// Builtin names: plain values (`__file__`) and callables that are not functions (`len`).
    @Test(arguments: [
        ("__file__", false), ("__name__", false), ("Ellipsis", false), ("len", true), ("print", true),
        ("__import__", true),
    ])
    func builtinNameResolves(value: String, callable: Bool) throws {
        let root = try tree(["test_v.py": "test_value = \(value)\n"])
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        switch graph.resolveName("test_value", in: root + "/test_v.py") {
        case .value: #expect(!callable, "\(value) is a builtin function")
        case .builtinFunction: #expect(callable, "\(value) is a plain value")
        default: Issue.record("test_value = \(value) should resolve to a builtin value or function")
        }
    }

    @Test func prebuiltNamespacesMatchTheGraphs() throws {
        let source = """
            import os
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from os.path import *
            x = 1

            class Outer:
                y = 2

                class Inner:
                    def test_a(self): pass

                def test_b(self): pass

            x = 3
            del os

            """
        let root = try tree(["test_p.py": source, "test_star.py": "from os.path import *\nfrom test_p import *\n"])
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        let path = root + "/test_p.py"
        let prebuilt = try #require(LoadedModule.load(path: path, prebuildingNamespaces: true).prebuilt)
        let module = try #require(prebuilt.module)
        #expect(module.order == graph.namespace(path).order)
        #expect(module.order == ["TYPE_CHECKING", "x", "Outer"])
        #expect(module.order.filter(module.isRebound) == ["x"])
        guard case .classRef(let outer) = graph.resolveName("Outer", in: path),
            case .classRef(let inner) = graph.attribute("Inner", of: .classRef(outer), depth: 0)
        else {
            Issue.record("Outer.Inner should resolve to a class")
            return
        }
        #expect(prebuilt.classBodies[outer.decl.range.lowerBound]?.order == ["y", "Inner", "test_b"])
        #expect(prebuilt.classBodies[inner.decl.range.lowerBound]?.order == ["test_a"])
        // A star import that runs needs the other module: left to the graph.
        let star = LoadedModule.load(path: root + "/test_star.py", prebuildingNamespaces: true)
        #expect(star.prebuilt != nil && star.prebuilt?.module == nil)
    }

    @Test func nestedClassBaseSeesTheEnclosingBody() throws {
        let source = """
            class TestPop:
                class ParentWarning(Warning):
                    pass

                class ChildWarning(ParentWarning):
                    pass

                class TestInner(ParentWarning):
                    pass

            """
        let root = try tree(["test_n.py": source])
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        let path = root + "/test_n.py"
        guard case .classRef(let outer) = graph.resolveName("TestPop", in: path),
            case .classRef(let child) = graph.attribute("ChildWarning", of: .classRef(outer), depth: 0)
        else {
            Issue.record("TestPop.ChildWarning should resolve to a class")
            return
        }
        let info = graph.classInfo(child)
        #expect(info.unresolvedBases.isEmpty)
        #expect(mroNames(info) == ["TestPop.ChildWarning", "TestPop.ParentWarning", "Warning", "object"])
    }

    @Test(arguments: [
        "from collections import namedtuple\n\nclass Point(namedtuple(\"Point\", \"x y\")):\n    pass\n",
        "import collections\n\nclass Point(collections.namedtuple(\"Point\", [\"x\", \"y\"])):\n    pass\n",
        "import enum\n\nclass Point(enum.Enum(\"Point\", \"X Y\")):\n    pass\n",
    ])
    func standardLibraryClassFactoryBaseIsKnown(source: String) throws {
        let root = try tree(["test_f.py": source])
        let info = try #require(classInfo(root, "test_f.py", "Point"))
        #expect(info.unresolvedBases.isEmpty)
        #expect(!info.isTestCase)
    }

    @Test func classMadeByTypeStaysUnknown() throws {
        let root = try tree(["test_t.py": "import unittest\n\nclass Made(type(\"X\", (unittest.TestCase,), {})):\n    pass\n"])
        let info = try #require(classInfo(root, "test_t.py", "Made"))
        #expect(!info.unresolvedBases.isEmpty)
    }

    @Test func c3Linearization() throws {
        let root = try tree([
            "test_m.py": """
                class O: pass
                class A(O): pass
                class B(O): pass
                class C(A, B): pass

                """
        ])
        let info = try #require(classInfo(root, "test_m.py", "C"))
        #expect(mroNames(info) == ["C", "A", "B", "O", "object"])
    }

    @Test func baseSeesTheBindingInForceWhenTheClassStatementRuns() throws {
        let root = try tree([
            "test_r.py": """
                import unittest

                class Checks(unittest.TestCase):
                    def test_one(self): pass

                class Checks(Checks):
                    pass

                """
        ])
        let info = try #require(classInfo(root, "test_r.py", "Checks"))
        #expect(info.isTestCase)
        #expect(info.mro.count == 4)
    }

    @Test func dataclassWritesAnInit() throws {
        let root = try tree([
            "test_d.py": "from dataclasses import dataclass\n\n@dataclass\nclass TestRecord:\n    x: int = 1\n",
            "test_e.py": "import dataclasses\n\n@dataclasses.dataclass(init=False)\nclass TestRecord:\n    x: int = 1\n",
        ])
        #expect(try #require(classInfo(root, "test_d.py", "TestRecord")).hasInit)
        #expect(try !#require(classInfo(root, "test_e.py", "TestRecord")).hasInit)
    }

    @Test func baseReachedThroughAnImportCall() throws {
        let root = try tree([
            "examples/__init__.py": "",
            "examples/shop/__init__.py": "",
            "examples/shop/checks.py": "import unittest\n\nclass Checks(unittest.TestCase):\n    def test_a(self): pass\n",
            "test_i.py": """
                shop = __import__("examples.shop.checks").shop.checks

                class Again(shop.Checks):
                    pass

                """,
        ])
        let info = try #require(classInfo(root, "test_i.py", "Again"))
        #expect(info.isTestCase)
        #expect(info.unresolvedBases.isEmpty)
    }

    /// The graph's `valueShape` answers as the module's, asked again too (it is kept per
    /// value range), and after the module let its bytes go.
    @Test func valueShapesAreKeptPerRange() throws {
        let source = "import pytest\nx = pytest.mark.skip\ny = lambda: 1\nz = f(a.b, 2)\nw = [1]\n"
        let root = try tree(["test_v.py": source])
        let path = root + "/test_v.py"
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        let module = try #require(graph.module(path))
        let summary = try #require(module.summary)
        let ranges = summary.members.compactMap { member -> Range<Int32>? in
            if case .assignment(let decl) = member { return decl.value }
            return nil
        }
        let expected: [LoadedModule.ValueShape] = [
            .dotted(["pytest", "mark", "skip"]), .lambda, .call(callee: ["f"], firstArgument: ["a", "b"]), .other,
        ]
        #expect(ranges.map { module.valueShape($0) } == expected)
        #expect(ranges.map { graph.valueShape($0, in: module) } == expected)
        module.releaseSource()
        #expect(ranges.map { graph.valueShape($0, in: module) } == expected)
    }
}
