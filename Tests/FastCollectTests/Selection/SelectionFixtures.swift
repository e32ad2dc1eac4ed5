import Testing

import FastCollect

// Items of two small trees as pytest 9.0.3 sees them, and what `-k`/`-m` select among them.
// Names are `KeywordMatcher.from_item(item)._names` and marks `item.iter_markers()`, dumped by a
// plugin from real runs of `pytest --co`; each case's selection is what `pytest --co -q -k/-m EXPR`
// printed over both trees. The trees:
//   kx2/pytest.ini, kx2/test_top.py, kx2/tests/pkg/{__init__.py,test_inpkg.py} (module pytestmark),
//   kx2/tests/sub_dir/test_mod.py (marks, parametrize with ids and pytest.param marks, classes,
//   a function attribute, non-ASCII names);
//   kx3/{pytest.ini,__init__.py}, kx3/tests/test_u.py (unittest with @unittest.skip, inherited class
//   marks, nested classes, functools.wraps, mark keyword arguments, a parametrized fixture).
// The rootdirs `kx2`/`kx3` are the outermost directories and so are not among the names.

/// A collected item: the names `-k` matches against and the marks `-m` matches against.
struct SelectionItem: Sendable {
    var nodeID: String
    var names: [String]
    var marks: [(name: String, kwargs: [String: ExpressionValue])]
    /// The node ID after the file part, as the selection lists name items.
    var shortID: String { nodeID.split(separator: "::", maxSplits: 1).last.map(String.init) ?? nodeID }

    init(_ nodeID: String, names: [String], marks: [(String, [String: ExpressionValue])]) {
        self.nodeID = nodeID
        self.names = names
        self.marks = marks.map { (name: $0.0, kwargs: $0.1) }
    }
}

/// An option value and the items (short IDs, in collection order) pytest selects with it.
struct SelectionCase: Sendable, CustomTestStringConvertible {
    var expression: String
    var selected: [String]
    var testDescription: String { expression }

    init(_ expression: String, _ selected: [String]) {
        self.expression = expression
        self.selected = selected
    }
}

enum SelectionFixtures {
    static let items: [SelectionItem] = [
        SelectionItem("test_top.py::test_top", names: ["test_top", "test_top.py"], marks: []),
        SelectionItem("tests/pkg/test_inpkg.py::test_inpkg", names: ["modmark", "pkg", "test_inpkg", "test_inpkg.py", "tests"], marks: [("modmark", [:])]),
        SelectionItem("tests/sub_dir/test_mod.py::test_plain", names: ["sub_dir", "test_mod.py", "test_plain", "tests"], marks: []),
        SelectionItem("tests/sub_dir/test_mod.py::test_marked", names: ["pytestmark", "slow", "sub_dir", "test_marked", "test_mod.py", "tests"], marks: [("slow", [:])]),
        SelectionItem("tests/sub_dir/test_mod.py::test_param[Alpha]", names: ["parametrize", "pytestmark", "sub_dir", "test_mod.py", "test_param[Alpha]", "tests"], marks: [("parametrize", [:])]),
        SelectionItem("tests/sub_dir/test_mod.py::test_param[beta]", names: ["parametrize", "pytestmark", "sub_dir", "test_mod.py", "test_param[beta]", "tests"], marks: [("parametrize", [:])]),
        SelectionItem("tests/sub_dir/test_mod.py::test_pmark[p1]", names: ["parametrize", "parammark", "pytestmark", "sub_dir", "test_mod.py", "test_pmark[p1]", "tests"], marks: [("parametrize", [:]), ("parammark", [:])]),
        SelectionItem("tests/sub_dir/test_mod.py::test_pmark[2]", names: ["parametrize", "pytestmark", "sub_dir", "test_mod.py", "test_pmark[2]", "tests"], marks: [("parametrize", [:])]),
        SelectionItem("tests/sub_dir/test_mod.py::TestCls::test_m", names: ["TestCls", "sub_dir", "test_m", "test_mod.py", "tests"], marks: []),
        SelectionItem("tests/sub_dir/test_mod.py::TestMarked::test_n", names: ["TestMarked", "clsmark", "sub_dir", "test_mod.py", "test_n", "tests"], marks: [("clsmark", [:])]),
        SelectionItem("tests/sub_dir/test_mod.py::test_attr", names: ["customattr", "sub_dir", "test_attr", "test_mod.py", "tests"], marks: []),
        SelectionItem("tests/sub_dir/test_mod.py::test_ΑΣ_x", names: ["sub_dir", "test_mod.py", "test_ΑΣ_x", "tests"], marks: []),
        SelectionItem("tests/sub_dir/test_mod.py::test_İstanbul", names: ["sub_dir", "test_mod.py", "test_İstanbul", "tests"], marks: []),
        SelectionItem("tests/sub_dir/test_mod.py::test_straße", names: ["sub_dir", "test_mod.py", "test_straße", "tests"], marks: []),
        SelectionItem("tests/test_u.py::TestCase1::test_ok", names: ["TestCase1", "test_ok", "test_u.py", "tests"], marks: []),
        SelectionItem("tests/test_u.py::TestCase1::test_skipped", names: ["TestCase1", "__unittest_skip__", "__unittest_skip_why__", "__wrapped__", "test_skipped", "test_u.py", "tests"], marks: []),
        SelectionItem("tests/test_u.py::TestBase::test_b", names: ["TestBase", "clsmark", "test_b", "test_u.py", "tests"], marks: [("clsmark", [:])]),
        SelectionItem("tests/test_u.py::TestDerived::test_b", names: ["TestDerived", "clsmark", "test_b", "test_u.py", "tests"], marks: [("clsmark", [:])]),
        SelectionItem("tests/test_u.py::TestDerived::test_d", names: ["TestDerived", "clsmark", "test_d", "test_u.py", "tests"], marks: [("clsmark", [:])]),
        SelectionItem("tests/test_u.py::TestOuter::TestInner::test_i", names: ["TestInner", "TestOuter", "test_i", "test_u.py", "tests"], marks: []),
        SelectionItem("tests/test_u.py::test_wrapped", names: ["__wrapped__", "test_u.py", "test_wrapped", "tests"], marks: []),
        SelectionItem("tests/test_u.py::test_s1", names: ["device", "pytestmark", "test_s1", "test_u.py", "tests"], marks: [("device", ["serial": .string("123")])]),
        SelectionItem("tests/test_u.py::test_s2", names: ["device", "pytestmark", "test_s2", "test_u.py", "tests"], marks: [("device", ["serial": .integer("123")])]),
        SelectionItem("tests/test_u.py::test_s3", names: ["device", "pytestmark", "test_s3", "test_u.py", "tests"], marks: [("device", ["serial": .bool(true)])]),
        SelectionItem("tests/test_u.py::test_s4", names: ["device", "pytestmark", "test_s4", "test_u.py", "tests"], marks: [("device", ["serial": .integer("1")])]),
        SelectionItem("tests/test_u.py::test_s5", names: ["device", "pytestmark", "test_s5", "test_u.py", "tests"], marks: [("device", [:])]),
        SelectionItem("tests/test_u.py::test_dd", names: ["d", "pytestmark", "test_dd", "test_u.py", "tests"], marks: [("d", ["b": .integer("2")]), ("d", ["a": .integer("1")])]),
        SelectionItem("tests/test_u.py::test_s6", names: ["device", "pytestmark", "test_s6", "test_u.py", "tests"], marks: [("device", ["serial": .pythonNone])]),
        SelectionItem("tests/test_u.py::test_s7", names: ["device", "pytestmark", "test_s7", "test_u.py", "tests"], marks: [("device", ["serial": .integer("99999999999999999999")])]),
        SelectionItem("tests/test_u.py::test_fix[fa]", names: ["test_fix[fa]", "test_u.py", "tests"], marks: []),
        SelectionItem("tests/test_u.py::test_fix[fb]", names: ["test_fix[fb]", "test_u.py", "tests"], marks: []),
    ]

    static let keywordCases: [SelectionCase] = [
        SelectionCase("kx2", []),
        SelectionCase("kx3", []),
        SelectionCase("tests", ["test_inpkg", "test_plain", "test_marked", "test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "TestCls::test_m", "TestMarked::test_n", "test_attr", "test_ΑΣ_x", "test_İstanbul", "test_straße", "TestCase1::test_ok", "TestCase1::test_skipped", "TestBase::test_b", "TestDerived::test_b", "TestDerived::test_d", "TestOuter::TestInner::test_i", "test_wrapped", "test_s1", "test_s2", "test_s3", "test_s4", "test_s5", "test_dd", "test_s6", "test_s7", "test_fix[fa]", "test_fix[fb]"]),
        SelectionCase("pkg", ["test_inpkg"]),
        SelectionCase(".py", ["test_top", "test_inpkg", "test_plain", "test_marked", "test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "TestCls::test_m", "TestMarked::test_n", "test_attr", "test_ΑΣ_x", "test_İstanbul", "test_straße", "TestCase1::test_ok", "TestCase1::test_skipped", "TestBase::test_b", "TestDerived::test_b", "TestDerived::test_d", "TestOuter::TestInner::test_i", "test_wrapped", "test_s1", "test_s2", "test_s3", "test_s4", "test_s5", "test_dd", "test_s6", "test_s7", "test_fix[fa]", "test_fix[fb]"]),
        SelectionCase("py", ["test_top", "test_inpkg", "test_plain", "test_marked", "test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "TestCls::test_m", "TestMarked::test_n", "test_attr", "test_ΑΣ_x", "test_İstanbul", "test_straße", "TestCase1::test_ok", "TestCase1::test_skipped", "TestBase::test_b", "TestDerived::test_b", "TestDerived::test_d", "TestOuter::TestInner::test_i", "test_wrapped", "test_s1", "test_s2", "test_s3", "test_s4", "test_s5", "test_dd", "test_s6", "test_s7", "test_fix[fa]", "test_fix[fb]"]),
        SelectionCase("test_mod", ["test_plain", "test_marked", "test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "TestCls::test_m", "TestMarked::test_n", "test_attr", "test_ΑΣ_x", "test_İstanbul", "test_straße"]),
        SelectionCase("alpha", ["test_param[Alpha]"]),
        SelectionCase("ALPHA", ["test_param[Alpha]"]),
        SelectionCase("[", ["test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "test_fix[fa]", "test_fix[fb]"]),
        SelectionCase("]", ["test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "test_fix[fa]", "test_fix[fb]"]),
        SelectionCase("p1", ["test_pmark[p1]"]),
        SelectionCase("parammark", ["test_pmark[p1]"]),
        SelectionCase("clsmark", ["TestMarked::test_n", "TestBase::test_b", "TestDerived::test_b", "TestDerived::test_d"]),
        SelectionCase("slow", ["test_marked"]),
        SelectionCase("parametrize", ["test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]"]),
        SelectionCase("pytestmark", ["test_marked", "test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "test_s1", "test_s2", "test_s3", "test_s4", "test_s5", "test_dd", "test_s6", "test_s7"]),
        SelectionCase("customattr", ["test_attr"]),
        SelectionCase("TestCls", ["TestCls::test_m"]),
        SelectionCase("testcls", ["TestCls::test_m"]),
        SelectionCase("modmark", ["test_inpkg"]),
        SelectionCase("test_inpkg.py", ["test_inpkg"]),
        SelectionCase("ΑΣ", ["test_ΑΣ_x"]),
        SelectionCase("ασ", []),
        SelectionCase("ας", ["test_ΑΣ_x"]),
        SelectionCase("ΑΣ_", ["test_ΑΣ_x"]),
        SelectionCase("ΣΑ", []),
        SelectionCase("istanbul", []),
        SelectionCase("İstanbul", ["test_İstanbul"]),
        SelectionCase("STRASSE", []),
        SelectionCase("STRAßE", ["test_straße"]),
        SelectionCase("sub_dir/test_mod.py", []),
        SelectionCase("None", []),
        SelectionCase("__init__", []),
        SelectionCase("Function", []),
        SelectionCase("1", ["test_pmark[p1]", "TestCase1::test_ok", "TestCase1::test_skipped", "test_s1"]),
        SelectionCase("x", ["test_ΑΣ_x", "test_fix[fa]", "test_fix[fb]"]),
        SelectionCase("test_top.py", ["test_top"]),
        SelectionCase("__", ["TestCase1::test_skipped", "test_wrapped"]),
        SelectionCase("TestCase1", ["TestCase1::test_ok", "TestCase1::test_skipped"]),
        SelectionCase("__unittest_skip__", ["TestCase1::test_skipped"]),
        SelectionCase("skip", ["TestCase1::test_skipped"]),
        SelectionCase("TestOuter and TestInner", ["TestOuter::TestInner::test_i"]),
        SelectionCase("__wrapped__", ["TestCase1::test_skipped", "test_wrapped"]),
        SelectionCase("fa", ["test_fix[fa]"]),
        SelectionCase("device and not s1", ["test_s2", "test_s3", "test_s4", "test_s5", "test_s6", "test_s7"]),
        SelectionCase("test_ and not (py or tests)", []),
        SelectionCase("not tests and not pkg", ["test_top"]),
        SelectionCase("test_b and not derived", ["TestBase::test_b"]),
        SelectionCase("test_s", ["test_straße", "TestCase1::test_skipped", "test_s1", "test_s2", "test_s3", "test_s4", "test_s5", "test_s6", "test_s7"]),
        SelectionCase("S5 or s6", ["test_s5", "test_s6"]),
        SelectionCase("  test_top", ["test_top"]),
        SelectionCase("d", ["test_inpkg", "test_plain", "test_marked", "test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "TestCls::test_m", "TestMarked::test_n", "test_attr", "test_ΑΣ_x", "test_İstanbul", "test_straße", "TestCase1::test_skipped", "TestDerived::test_b", "TestDerived::test_d", "test_wrapped", "test_s1", "test_s2", "test_s3", "test_s4", "test_s5", "test_dd", "test_s6", "test_s7"]),
    ]

    static let markCases: [SelectionCase] = [
        SelectionCase("device", ["test_s1", "test_s2", "test_s3", "test_s4", "test_s5", "test_s6", "test_s7"]),
        SelectionCase("device(serial='123')", ["test_s1"]),
        SelectionCase("device(serial=\"123\")", ["test_s1"]),
        SelectionCase("device(serial=123)", ["test_s2"]),
        SelectionCase("device(serial=1)", ["test_s3", "test_s4"]),
        SelectionCase("device(serial=True)", ["test_s3", "test_s4"]),
        SelectionCase("device(serial=None)", ["test_s6"]),
        SelectionCase("device(serial=99999999999999999999)", ["test_s7"]),
        SelectionCase("d(a=1, b=2)", []),
        SelectionCase("d(a=1) and d(b=2)", ["test_dd"]),
        SelectionCase("d(a=True)", ["test_dd"]),
        SelectionCase("clsmark", ["TestMarked::test_n", "TestBase::test_b", "TestDerived::test_b", "TestDerived::test_d"]),
        SelectionCase("  ", []),
        SelectionCase("skip", []),
        SelectionCase("DEVICE", []),
        SelectionCase("device(serial=0123)", ["test_s2"]),
        SelectionCase("device(serial=-0)", []),
        SelectionCase("device(serial=False)", []),
        SelectionCase("device(serial='1')", []),
        SelectionCase("device(serial=0)", []),
        SelectionCase("parametrize", ["test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]"]),
        SelectionCase("parammark or slow", ["test_marked", "test_pmark[p1]"]),
        SelectionCase("not device", ["test_top", "test_inpkg", "test_plain", "test_marked", "test_param[Alpha]", "test_param[beta]", "test_pmark[p1]", "test_pmark[2]", "TestCls::test_m", "TestMarked::test_n", "test_attr", "test_ΑΣ_x", "test_İstanbul", "test_straße", "TestCase1::test_ok", "TestCase1::test_skipped", "TestBase::test_b", "TestDerived::test_b", "TestDerived::test_d", "TestOuter::TestInner::test_i", "test_wrapped", "test_dd", "test_fix[fa]", "test_fix[fb]"]),
        SelectionCase("device(nope=1)", []),
        SelectionCase("device(serial=123) or d(a=1)", ["test_s2", "test_dd"]),
        SelectionCase("modmark and not clsmark", ["test_inpkg"]),
        SelectionCase("py", []),
        SelectionCase("test_s1", []),
        SelectionCase("pytestmark", []),
    ]
}
