import ModuleScanner
import Testing

@testable import FastCollect

@Suite struct MarkReaderTests {
    @Test func marksThroughEveryAliasForm() throws {
        let root = TemporaryTree.make()
        try TemporaryTree.write(
            root + "/test_m.py",
            """
            import pytest
            from pytest import mark

            slow = pytest.mark.slow
            skiponwin = pytest.mark.skipif("sys.platform == 'win32'", reason="posix only")
            loader = __import__("os")

            @slow
            @skiponwin
            @mark.device(serial="123", count=2, live=True)
            @pytest.mark.xfail
            def test_a():
                pass

            """)
        let path = root + "/test_m.py"
        let graph = ModuleGraph(locator: ModuleLocator(searchRoots: [root]))
        guard case .function(let decl)? = graph.namespace(path)["test_a"] else {
            Issue.record("test_a not found")
            return
        }
        let marks = MarkReader(graph: graph).marks(decl.decorators, in: path)
        #expect(marks.map(\.name) == ["slow", "skipif", "device", "xfail"])
        #expect(marks[2].kwargs == ["serial": .string("123"), "count": .int(2), "live": .bool(true)])
    }
}
