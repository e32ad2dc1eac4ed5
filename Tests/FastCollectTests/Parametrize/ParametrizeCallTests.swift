import ModuleScanner
import Testing

@testable import FastCollect

@Suite struct ParametrizeCallTests {
    static let header = """
        import pytest
        import pytest as pt
        import mock
        from pytest import mark
        from helpers import deco, cases as imported_cases
        from sqlalchemy import testing
        cases = pytest.mark.parametrize("x", [1, 2])
        plain = pt.mark.skip

        """

    /// How the last function's decorator is classified, through `parametrizeCalls` (decorators
    /// imported from other modules stay unknown, as by default).
    @Test(arguments: [
        ("@pytest.mark.parametrize('a', [1])", "mark"),
        ("@pt.mark.parametrize('a', [1])", "mark"),
        ("@mark.parametrize('a', [1])", "mark"),
        ("@pytest.mark.skip(reason='x')", "none"),
        ("@pt.mark.skipif(True, reason='x')", "none"),
        ("@mark.slow", "none"),
        ("@plain", "none"),
        ("@cases", "mark"),
        ("@pytest.mark.parametrize", "failure: parametrize mark without arguments"),
        ("@testing.combinations((1,), (2,))", "combinations"),
        ("@testing.variation('v', ['a', 'b'])", "variation"),
        ("@deco(1)", "failure: decorator imported from helpers.deco"),
        ("@imported_cases", "failure: decorator imported from helpers.cases"),
        ("@mock.patch('os.getcwd')", "failure: decorator imported from mock.patch"),
        ("@undefined(1)", "failure: undefined"),
        ("@(pytest.mark.parametrize)('a', [1])", "mark"),
        ("@staticmethod", "none"),
    ])
    func decoratorLookup(decorator: String, expected: String) throws {
        let bytes = Array((Self.header + decorator + "\ndef test_f(a):\n    pass\n").utf8)
        let summary = ModuleScanner.scan(bytes: bytes)
        let table = ModuleNameTable(summary: summary, source: bytes)
        let function = try #require(
            summary.members.compactMap { member -> FunctionDecl? in
                if case .function(let decl) = member { return decl }
                return nil
            }.last)
        switch table.parametrizeCalls(for: function) {
        case .success(let calls):
            let kinds = calls.map { call -> String in
                switch call.kind {
                case .mark: return "mark"
                case .fixture(let name): return "fixture \(name)"
                case .combinations(let variation, _): return variation ? "variation" : "combinations"
                }
            }
            #expect((kinds.isEmpty ? "none" : kinds.joined(separator: ",")) == expected)
        case .failure(let failure):
            let reason: String = failure.reason.contains("undefined")
                ? "undefined" : failure.reason
            #expect("failure: " + reason == expected, "\(failure.reason)")
        }
    }
}
