import Testing

@testable import FastCollect

/// pytest's `reorder_items` over small trees; every expected order is what pytest 9.0.3 printed
/// for `pytest --collect-only -q` on the same files.
@Suite("Reordering of items with wider-scoped params")
struct ScopeReorderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "session fixture groups items across modules",
            files: [
                "conftest.py": "import pytest\n\n@pytest.fixture(params=[1, 2], scope='session')\ndef s(request):\n    return request.param\n",
                "test_a.py": "def test_x(s):\n    pass\n\ndef test_plain():\n    pass\n\ndef test_y(s):\n    pass\n",
                "test_b.py": "def test_z(s):\n    pass\n\ndef test_w():\n    pass\n",
            ],
            expected: [
                "test_a.py::test_x[1]",
                "test_a.py::test_y[1]",
                "test_b.py::test_z[1]",
                "test_a.py::test_x[2]",
                "test_a.py::test_y[2]",
                "test_b.py::test_z[2]",
                "test_a.py::test_plain",
                "test_b.py::test_w",
            ]),
        Case(
            name: "two module-scoped params in one item",
            files: [
                "test_m.py": "import pytest\n\n@pytest.fixture(params=['a', 'b'], scope='module')\ndef m(request):\n    return request.param\n\n@pytest.mark.parametrize('p', [1, 2], scope='module')\ndef test_both(m, p):\n    pass\n\ndef test_m(m):\n    pass\n\n@pytest.mark.parametrize('p', [1, 2], scope='module')\ndef test_p(p):\n    pass\n",
            ],
            expected: [
                "test_m.py::test_both[a-1]",
                "test_m.py::test_both[a-2]",
                "test_m.py::test_p[2]",
                "test_m.py::test_m[a]",
                "test_m.py::test_p[1]",
                "test_m.py::test_both[b-1]",
                "test_m.py::test_both[b-2]",
                "test_m.py::test_m[b]",
            ]),
        Case(
            name: "package scope keys on the module's directory",
            files: [
                "conftest.py": "import pytest\n\n@pytest.fixture(params=['x', 'y'], scope='package')\ndef pk(request):\n    return request.param\n",
                "one/__init__.py": "",
                "one/test_a.py": "def test_a(pk):\n    pass\n\ndef test_a2():\n    pass\n",
                "one/test_b.py": "def test_b(pk):\n    pass\n",
                "two/__init__.py": "",
                "two/test_c.py": "def test_c(pk):\n    pass\n",
            ],
            expected: [
                "one/test_a.py::test_a[x]",
                "one/test_b.py::test_b[x]",
                "one/test_a.py::test_a[y]",
                "one/test_b.py::test_b[y]",
                "one/test_a.py::test_a2",
                "two/test_c.py::test_c[x]",
                "two/test_c.py::test_c[y]",
            ]),
        Case(
            name: "class scope keys on the class",
            files: [
                "test_c.py": "import pytest\n\n@pytest.fixture(params=[1, 2], scope='class')\ndef c(request):\n    return request.param\n\ndef test_free(c):\n    pass\n\nclass TestA:\n    def test_one(self, c):\n        pass\n    def test_two(self):\n        pass\n    def test_three(self, c):\n        pass\n\nclass TestB:\n    def test_four(self, c):\n        pass\n\ndef test_free2(c):\n    pass\n",
            ],
            expected: [
                "test_c.py::test_free[1]",
                "test_c.py::test_free2[1]",
                "test_c.py::test_free[2]",
                "test_c.py::test_free2[2]",
                "test_c.py::TestA::test_one[1]",
                "test_c.py::TestA::test_three[1]",
                "test_c.py::TestA::test_one[2]",
                "test_c.py::TestA::test_three[2]",
                "test_c.py::TestA::test_two",
                "test_c.py::TestB::test_four[1]",
                "test_c.py::TestB::test_four[2]",
            ]),
        Case(
            name: "indirect parametrization takes the fixture's scope",
            files: [
                "test_i.py": "import pytest\n\n@pytest.fixture(params=[0], scope='module')\ndef f(request):\n    return request.param\n\n@pytest.mark.parametrize('f', ['a', 'b'], indirect=True)\ndef test_ind(f):\n    pass\n\ndef test_plain():\n    pass\n\n@pytest.mark.parametrize('f', ['a', 'b'], indirect=True)\ndef test_ind2(f):\n    pass\n\n@pytest.mark.parametrize('f,g', [('a', 1), ('b', 2)], indirect=['f'])\ndef test_mixed(f, g):\n    pass\n\n@pytest.mark.parametrize('f', ['a', 'b'], indirect=True)\ndef test_ind3(f):\n    pass\n",
            ],
            expected: [
                "test_i.py::test_ind[a]",
                "test_i.py::test_ind2[a]",
                "test_i.py::test_ind3[a]",
                "test_i.py::test_ind[b]",
                "test_i.py::test_ind2[b]",
                "test_i.py::test_ind3[b]",
                "test_i.py::test_plain",
                "test_i.py::test_mixed[a-1]",
                "test_i.py::test_mixed[b-2]",
            ]),
        Case(
            name: "function-scoped params keep collection order",
            files: [
                "test_f.py": "import pytest\n\n@pytest.fixture(params=[1, 2])\ndef f(request):\n    return request.param\n\ndef test_a(f):\n    pass\n\ndef test_b(f):\n    pass\n\n@pytest.mark.parametrize('x', [1, 2])\ndef test_c(x):\n    pass\n",
            ],
            expected: [
                "test_f.py::test_a[1]",
                "test_f.py::test_a[2]",
                "test_f.py::test_b[1]",
                "test_f.py::test_b[2]",
                "test_f.py::test_c[1]",
                "test_f.py::test_c[2]",
            ]),
    ]

    @Test("items come out in pytest's order", arguments: cases)
    func matchesPytest(_ testCase: Case) throws {
        let root = TemporaryTree.make()
        for (path, text) in testCase.files { try TemporaryTree.write(root + "/" + path, text) }
        let config = try ConfigDiscovery.discover(
            arguments: [], configFile: nil, rootdirOption: nil, invocationDirectory: root, environment: [:])
        let session = try CollectionSession(config: config, options: CollectOptions(invocationDirectory: root))
        let result = try session.run()
        #expect(result.items.map { result.nodes[Int($0)].nodeID } == testCase.expected)
    }

    @Test("items without wider-scoped params are returned as given")
    func unscopedItemsKeepTheirOrder() {
        let items: [Int32] = [4, 2, 9, 7]
        let reordered = ScopeReorder.reorder(items, params: [:]) { _ in
            ScopeReorder.Place(path: "/t/test_x.py", classNode: -1)
        }
        #expect(reordered == items)
    }

    @Test("a session param pulls matching items forward, the rest keep their order")
    func sessionParamGroups() {
        let session = { (index: Int) in [ScopeReorder.Param(argname: "s", index: index, scope: .session)] }
        let params: [Int32: [ScopeReorder.Param]] = [0: session(0), 1: session(1), 3: session(0), 4: session(1)]
        let reordered = ScopeReorder.reorder([0, 1, 2, 3, 4], params: params) { _ in
            ScopeReorder.Place(path: "/t/test_x.py", classNode: -1)
        }
        #expect(reordered == [0, 3, 1, 4, 2])
    }
}
