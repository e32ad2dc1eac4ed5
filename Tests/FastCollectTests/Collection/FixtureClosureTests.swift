import ModuleScanner
import Testing

@testable import FastCollect

@Suite struct FixtureClosureTests {
    /// A module read from `text` (not from a file).
    static func module(_ text: String) -> LoadedModule {
        let bytes = Array(text.utf8)
        let summary = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0) }
        return LoadedModule(path: "/t/test_m.py", source: bytes, summary: summary, readError: nil, stamp: FileStamp(error: 0))
    }

    static func classMembers(_ module: LoadedModule, _ name: String) -> [Member] {
        for case .classDecl(let decl) in module.summary?.members ?? [] where decl.name == name { return decl.members }
        return []
    }

    static let source = """
        import pytest

        @pytest.fixture(autouse=True)
        def setup(tmp_path):
            pass

        @pytest.fixture
        def db(setup):
            pass

        class TestPlain:
            def test_a(self, db):
                pass

        class TestOwn:
            @pytest.fixture(autouse=True)
            def own(self, db):
                pass

            @pytest.fixture
            def db(self):
                pass

            def test_b(self):
                pass

        """

    /// Closures asked of the module first, then of copies that add class bodies: a body
    /// without fixtures answers as the module does, one with fixtures answers with them,
    /// whichever was asked first, and the module's answers stay its own.
    @Test func classBodiesChangeTheClosureOnlyWhenTheyDefineFixtures() {
        let module = Self.module(Self.source)
        var moduleClosure = FixtureClosure()
        moduleClosure.add(module.summary!.members, of: module, inClass: false)
        #expect(moduleClosure.closure(arguments: []) == ["setup", "tmp_path", "request", "tmp_path_factory"])
        #expect(moduleClosure.closure(arguments: ["db"]) == ["setup", "db", "tmp_path", "request", "tmp_path_factory"])

        var plain = moduleClosure
        plain.add(Self.classMembers(module, "TestPlain"), of: module, inClass: true)
        #expect(plain.closure(arguments: ["db"]) == moduleClosure.closure(arguments: ["db"]))

        var own = moduleClosure
        own.add(Self.classMembers(module, "TestOwn"), of: module, inClass: true)
        #expect(own.closure(arguments: []) == ["setup", "own", "tmp_path", "db", "request", "tmp_path_factory"])
        #expect(own.closure(arguments: ["db"]) == ["setup", "own", "db", "tmp_path", "request", "tmp_path_factory"])
        #expect(moduleClosure.closure(arguments: []) == ["setup", "tmp_path", "request", "tmp_path_factory"])
    }

    /// Only definitions passing `params=` make a closure able to hold a parametrized fixture,
    /// at whichever level they are added (a class body adding one to a module's closure).
    @Test func knowsWhetherAnyFixtureIsParametrized() {
        let plain = Self.module(Self.source)
        var closure = FixtureClosure()
        closure.add(plain.summary!.members, of: plain, inClass: false)
        #expect(!closure.hasParametrized)
        let parametrized = Self.module("""
            import pytest

            class TestP:
                @pytest.fixture(params=[1, 2], scope="class")
                def value(self, request):
                    return request.param

            """)
        var inClass = closure
        inClass.add(Self.classMembers(parametrized, "TestP"), of: parametrized, inClass: true)
        #expect(inClass.hasParametrized)
        #expect(!closure.hasParametrized)
    }
}
