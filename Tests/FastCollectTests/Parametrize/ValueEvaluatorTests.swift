import Foundation
import Testing

@testable import FastCollect
import ModuleScanner

/// Evaluates `expression` (Python source) with module-level `definitions` (`NAME = value` lines).
private func evaluate(_ expression: String, _ definitions: [String: String] = [:]) -> PyValue {
    func parse(_ text: String) -> PyExpression {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count)) }
    }
    var parsed: [String: PyExpression] = [:]
    for (name, text) in definitions { parsed[name] = parse(text) }
    let resolver = NameResolver { name in
        if name == "pytest" || name == "itertools" || name == "math" || name == "re" { return .module(name) }
        return parsed[name].map { .expression($0, scope: nil) }
    }
    var evaluator = ValueEvaluator(resolver: resolver)
    return evaluator.evaluate(parse(expression))
}

/// `str()` of a value, or `opaque: reason`.
private func shown(_ value: PyValue) -> String {
    if case .opaque(let reason) = value { return "opaque: \(reason)" }
    if case .iterator(let items) = value { return "iter" + (PyFormatting.repr(.list(items)) ?? "?") }
    if case .param(let param) = value {
        return "param(\(PyFormatting.repr(.tuple(param.values)) ?? "?"), id=\(param.id), marks=\(param.marks))"
    }
    return PyFormatting.repr(value) ?? "<\(value.typeName)>"
}

/// True when the value is opaque or holds an opaque value (at any depth).
private func containsOpaque(_ value: PyValue) -> Bool {
    var stack = [value]
    while let current = stack.popLast() {
        switch current {
        case .opaque: return true
        case .tuple(let items), .list(let items), .set(let items), .iterator(let items): stack.append(contentsOf: items)
        case .dict(let dict): stack.append(contentsOf: dict.keys + dict.values)
        case .param(let param): stack.append(contentsOf: param.values)
        default: continue
        }
    }
    return false
}

@Suite("ValueEvaluator (Parametrize)")
struct ParametrizeValueEvaluatorTests {
    static let table: [(String, String)] = [
        ("[1, 'a', None, True, 2.5, -3]", "[1, 'a', None, True, 2.5, -3]"),
        ("(1,)", "(1,)"),
        ("{'a': 1, 'a': 2, True: 3, 1: 4}", "{'a': 2, True: 4}"),
        ("[*range(3), *'ab']", "[0, 1, 2, 'a', 'b']"),
        ("{**{'a': 1}, 'b': 2}", "{'a': 1, 'b': 2}"),
        ("[x * 2 for x in range(4) if x % 2]", "[2, 6]"),
        ("{k: v for k, v in zip('ab', [1, 2])}", "{'a': 1, 'b': 2}"),
        ("[(a, b) for a in range(2) for b in range(a)]", "[(1, 0)]"),
        ("[(a, rest) for a, *rest in [(1, 2, 3)]]", "[(1, [2, 3])]"),
        ("list(zip([1, 2, 3], 'ab'))", "[(1, 'a'), (2, 'b')]"),
        ("list(enumerate('ab', 1))", "[(1, 'a'), (2, 'b')]"),
        ("list(itertools.product([1, 2], repeat=2))", "[(1, 1), (1, 2), (2, 1), (2, 2)]"),
        ("list(itertools.combinations(range(4), 3))", "[(0, 1, 2), (0, 1, 3), (0, 2, 3), (1, 2, 3)]"),
        ("list(itertools.chain([1], (2,), 'c'))", "[1, 2, 'c']"),
        ("sorted([3, 1, 2], reverse=True)", "[3, 2, 1]"),
        ("sorted(['bb', 'a', 'ccc', 'dd'], key=len)", "['a', 'bb', 'dd', 'ccc']"),
        ("sorted({'b', 'a'})", "['a', 'b']"),
        ("max([1, 5, 2]), min(4, 3), sum(range(5)), len('héllo'), abs(-2.5)", "(5, 3, 10, 5, 2.5)"),
        ("7 // 2, -7 // 2, 7 % -3, 2 ** 10, 2 ** 64, 10 / 4, 1 / 3", "(3, -4, -2, 1024, 18446744073709551616, 2.5, 0.3333333333333333)"),
        ("-7.5 // 2, -7.5 % 2, 7.0 % -3", "(-4.0, 0.5, -2.0)"),
        ("1 + 2j, (1 + 2j) * 1j, -(1j)", "((1+2j), (-2+1j), (-0-1j))"),
        ("True + True, ~5, 1 << 3, -9 >> 1, 6 & 3, 6 | 3, 6 ^ 3", "(2, -6, 8, -5, 2, 7, 5)"),
        ("'ab' * 2, [0] * 3, 3 * (1,)", "('abab', [0, 0, 0], (1, 1, 1))"),
        ("'%s-%d-%r' % ('a', 5, 'b'), '%05d' % 42, '%-3s|' % 'x'", "(\"a-5-'b'\", '00042', 'x  |')"),
        ("'{} {k}'.format(1, k='v'), '{:>4}'.format('a'), '{0}{0}'.format('z')", "('1 v', '   a', 'zz')"),
        ("f'{1 + 1}-{\"x\"!r}-{3:03d}-{\"y\":>3}'", "\"2-'x'-003-  y\""),
        ("' a b '.split(), 'a,b,,c'.split(','), 'a b c'.split(None, 1)", "(['a', 'b'], ['a', 'b', '', 'c'], ['a', 'b c'])"),
        ("'-'.join(['a', 'b']), 'Ab'.upper(), 'Ab'.lower(), 'ab'.capitalize(), ' x '.strip()", "('a-b', 'AB', 'ab', 'Ab', 'x')"),
        ("'abc'[1], 'abc'[-1], 'abcdef'[1:4], 'abcdef'[::-2], (1, 2, 3)[1:], range(10)[2:8:3]", "('b', 'c', 'bcd', 'fdb', (2, 3), [2, 5])"),
        ("1 < 2 < 3, 1 < 3 < 2, 'a' in 'cat', 3 not in [1, 2], None is None, 1 == 1.0, 'a' != 'b'", "(True, False, True, True, True, True, True)"),
        ("0 or '' or 'x', 1 and 0, not [], 'y' if 0 else 'n'", "('x', 0, True, 'n')"),
        ("int('12'), int(3.9), int(-3.9), float('1e3'), float('-inf'), str(1.0), repr('a'), bool([])", "(12, 3, -3, 1000.0, -inf, '1.0', \"'a'\", False)"),
        ("chr(233), ord('é'), hex(255), oct(8), bin(5), round(2.5), round(3.5)", "('é', 233, '0xff', '0o10', '0b101', 2, 4)"),
        ("math.pi, math.inf, -math.nan", "(3.141592653589793, inf, nan)"),
        ("pytest.param(1, 2, id='x', marks=pytest.mark.slow)", "param((1, 2), id=text(\"x\"), marks=[\"slow\"])"),
        ("pytest.param(1, id=pytest.HIDDEN_PARAM, marks=[pytest.mark.a, pytest.mark.b(1)])", "param((1,), id=hidden, marks=[\"a\", \"b\"])"),
        ("(lambda x, y: x * y)(3, 4)", "12"),
        ("list(map(lambda v: v + 1, [1, 2]))", "[2, 3]"),
        ("list(filter(None, [0, 1, '', 'a']))", "[1, 'a']"),
        ("[v for v in VALUES if v > LIMIT]", "[5, 7]"),
        ("{'a': 1}.get('b', 0), dict(a=1, b=2), list({'x': 1}.items())", "(0, {'a': 1, 'b': 2}, [('x', 1)])"),
        ("str.upper('ab'), 'x'.zfill(3), 'ab'.center(5, '*')", "('AB', '00x', '**ab*')"),
    ]

    @Test(arguments: table)
    func evaluates(_ expression: String, _ expected: String) {
        let value = evaluate(expression, ["VALUES": "[1, 5, 7]", "LIMIT": "2"])
        #expect(shown(value) == expected)
    }

    static let unknowable: [String] = [
        "undefined_name",
        "some_function()",
        "[random()]",
        "{1, 2}[0]",
        "list({'a', 'b'})",
        "2.0 ** 0.5",
        "1 / 0",
        "'a' + 1",
        "[1, 2][5]",
        "x.attribute",
        "f'{x=}'",
        "f'{1.5:.2f}'",
        "(yield)",
        "[y := 1]",
        "itertools.count()",
        "list(range(10 ** 12))",
        "[0] * 10 ** 9",
        "'x' * 10 ** 9",
        "2 ** 10 ** 9",
        "1 << 10 ** 9",
        "list(itertools.product(range(100), range(100), range(100), range(100)))",
        "list(itertools.permutations(range(20)))",
        "CYCLE",
        "RECURSE(1)",
        "DEEP0",
        "await x",
    ]

    @Test(arguments: unknowable)
    func unknowableIsOpaque(_ expression: String) {
        var definitions = ["CYCLE": "CYCLE + 1", "RECURSE": "lambda n: RECURSE(n + 1)"]
        for index in 0..<400 { definitions["DEEP\(index)"] = "[DEEP\(index + 1)]" }
        let value = evaluate(expression, definitions)
        #expect(containsOpaque(value), "\(expression) gave \(shown(value))")
    }

    @Test func opaqueElementsKeepTheirPlace() {
        guard case .list(let items) = evaluate("[1, unknown(), *range(2)]") else {
            Issue.record("not a list")
            return
        }
        #expect(items.count == 4)
        #expect(items[1].opaqueReason != nil)
        #expect(evaluate("[*unknown()]").opaqueReason != nil)
        #expect(evaluate("{unknown(): 1}").opaqueReason != nil)
        #expect(evaluate("{1, unknown()}").opaqueReason != nil)
        guard case .param(let param) = evaluate("pytest.param(unknown(), id='x')") else {
            Issue.record("not a param")
            return
        }
        #expect(param.id == .text("x"))
        #expect(evaluate("pytest.param(1, id=unknown())").opaqueReason != nil)
    }

    /// Whole parametrize argument lists of random fragments: expansion never traps and answers
    /// items, a failure or dynamic.
    @Test func randomArgumentsAreSafe() {
        let fragments = [
            "'a'", "'a,b'", "[", "]", "(", ")", ",", "1", "2.5", "None", "True", "pytest.param(", "id=", "ids=", "indirect=",
            "scope=", "'x'", "range(", "3", "*", "**", "lambda v:", "v", "for", "in", "if", "x", "{", "}", ":", "-",
            "'%s'", "%", ".format(", "f'{", "}'", "itertools.product(", "zip(", "sorted(", "pytest.HIDDEN_PARAM",
            "marks=pytest.mark.xfail", "10**", "* 2", "+", "'é'", "b'\\xff'", "...",
        ]
        var state: UInt64 = 11
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let resolver = NameResolver { name in name == "pytest" || name == "itertools" ? .module(name) : nil }
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(next() % 24) { text += fragments[Int(next() % UInt64(fragments.count))] + " " }
            let bytes = Array(text.utf8)
            let call = bytes.withUnsafeBufferPointer {
                ParametrizeCall(source: $0, arguments: 0..<Int32($0.count), resolver: resolver)
            }
            switch Parametrization.expand([call], functionName: "f", nodeID: "t.py::f") {
            case .items(let items, _): #expect(!items.isEmpty)
            case .failure(let message): #expect(!message.isEmpty)
            case .dynamic(let reason): #expect(!reason.isEmpty)
            }
        }
    }

    @Test func enumsFromClassBindings() {
        func parse(_ text: String) -> PyExpression {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count)) }
        }
        let color = ClassBinding(
            name: "Color", bases: ["enum.Enum"],
            assignments: [("RED", parse("1")), ("CRIMSON", parse("1")), ("BLUE", parse("enum.auto()")), ("__doc__", parse("'x'"))])
        let number = ClassBinding(name: "Number", bases: ["IntEnum"], assignments: [("ONE", parse("1")), ("TWO", parse("auto()"))])
        let resolver = NameResolver { name in
            switch name {
            case "Color": return .classDef(color)
            case "Number": return .classDef(number)
            case "enum": return .module("enum")
            case "IntEnum": return .imported("enum.IntEnum")
            case "auto": return .imported("enum.auto")
            default: return nil
            }
        }
        var evaluator = ValueEvaluator(resolver: resolver)
        let members = evaluator.evaluate(parse("list(Color) + [Color.CRIMSON, Number.TWO, Color(1), Color['BLUE'], len(Color)]"))
        guard case .list(let items) = members else {
            Issue.record("not a list: \(shown(members))")
            return
        }
        let ids = items.map { (try? IdMaker.idFromValue($0, options: IdOptions())) ?? "?" }
        #expect(ids == ["Color.RED", "Color.BLUE", "Color.RED", "2", "Color.RED", "Color.BLUE", "2"])
    }

    /// Parsing and evaluation stay within a small thread stack: 512 KiB (a Darwin worker
    /// thread's) in release builds, twice that for the larger frames of debug builds.
    @Test func boundedStackOnASmallThread() {
        var chain: [String: String] = [:]
        for index in 0..<5000 { chain["N\(index)"] = "[N\(index + 1)] + [(lambda v: v)(1)]" }
        let definitions = chain
        let nested = String(repeating: "[", count: 199) + "1" + String(repeating: "]", count: 199)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var results: [PyValue] = []
        let thread = Thread {
            results.append(evaluate("N0", definitions))
            results.append(evaluate(nested))
            results.append(evaluate("f(" + nested + ")"))
            done.signal()
        }
        #if DEBUG
        thread.stackSize = 1024 * 1024
        #else
        thread.stackSize = 512 * 1024
        #endif
        // The thread and address sanitizers make every frame several times larger (shadow
        // stack, redzones): the same bounded recursion needs a proportionally larger stack.
        if dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
            || dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
        {
            thread.stackSize *= 8
        }
        thread.start()
        done.wait()
        #expect(results.count == 3)
        #expect(results.first.map(containsOpaque) == true)
    }
}
