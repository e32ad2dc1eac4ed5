import Testing

@testable import ModuleScanner

/// A source and the whole rendering of its summary (see `render`).
private struct ReaderCase: Sendable, CustomTestStringConvertible {
    var name: String
    var source: String
    var expected: String
    var testDescription: String { name }

    init(_ name: String, _ source: String, _ expected: String) {
        self.name = name
        self.source = source
        self.expected = expected
    }
}

// MARK: - Rendering

/// A stable text form of a summary: one line per member (class members indented), decorators on
/// the lines before their definition, texts of byte ranges with line breaks shown as `\n`,
/// diagnostics last. With `ranges`, definitions show their range as `@line:column-line:column`.
private func render(_ summary: ModuleSummary, _ source: [UInt8], ranges: Bool = false) -> String {
    var lines: [String] = []
    func text(_ range: Range<Int32>) -> String {
        let lower = max(0, min(Int(range.lowerBound), source.count))
        let upper = max(lower, min(Int(range.upperBound), source.count))
        var out = ""
        var index = lower
        while index < upper {
            let byte = source[index]
            if byte == UInt8(ascii: "\r") {
                out += "\\n"
                if index + 1 < upper, source[index + 1] == UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "\n") {
                out += "\\n"
            } else {
                out += String(decoding: [byte], as: UTF8.self)
            }
            index += 1
        }
        return out
    }
    func position(_ offset: Int32) -> String {
        var line = 1, lineStart = 0, index = 0
        let end = min(Int(offset), source.count)
        while index < end {
            let byte = source[index]
            if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                if byte == UInt8(ascii: "\r"), index + 1 < source.count, source[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return "\(line):\(max(0, end - lineStart))"
    }
    func suffix(line: Int32, firstLine: Int32 = 0, guardKind: GuardKind, range: Range<Int32>? = nil) -> String {
        var out = " L\(line)"
        if firstLine != 0 && firstLine != line { out += " from L\(firstLine)" }
        switch guardKind {
        case .none: break
        case .mainGuard: out += " [main]"
        case .typeChecking: out += " [typing]"
        case .conditional: out += " [cond]"
        case .branchNotTaken: out += " [not taken]"
        }
        if ranges, let range { out += " @\(position(range.lowerBound))-\(position(range.upperBound))" }
        return out
    }
    func decorators(_ list: [Decorator], _ indent: String) {
        for decorator in list {
            let arguments = decorator.arguments.map { "(\(text($0)))" } ?? ""
            lines.append("\(indent)@\(decorator.name)\(arguments) L\(decorator.line)")
        }
    }
    func renderMember(_ member: Member, _ indent: String) {
        switch member {
        case .function(let f):
            decorators(f.decorators, indent)
            var parameters: [String] = []
            for (index, name) in f.parameters.enumerated() {
                if index == f.positionalOnlyCount && index > 0 { parameters.append("/") }
                let hasDefault = index < f.parameterHasDefault.count && f.parameterHasDefault[index]
                parameters.append(hasDefault ? name + "=" : name)
            }
            if f.positionalOnlyCount == f.parameters.count && f.positionalOnlyCount > 0 { parameters.append("/") }
            var line = "\(indent)def \(f.name)(\(parameters.joined(separator: ", ")))"
            if f.hasVarArgs { line += " *args" }
            if f.hasVarKeywords { line += " **kwargs" }
            if f.isAsync { line += " async" }
            lines.append(line + suffix(line: f.line, firstLine: f.firstLine, guardKind: f.guardKind, range: f.range))
        case .classDecl(let c):
            decorators(c.decorators, indent)
            let arguments = c.bases + c.keywords.map { "\($0.name)=\($0.value)" }
            let header = arguments.isEmpty ? "" : "(\(arguments.joined(separator: ", ")))"
            lines.append(
                "\(indent)class \(c.name)\(header)"
                    + suffix(line: c.line, firstLine: c.firstLine, guardKind: c.guardKind, range: c.range))
            for inner in c.members { renderMember(inner, indent + "  ") }
        case .assignment(let a):
            let op: String
            switch a.op {
            case .assign: op = "assign"
            case .annotated: op = "annotated"
            case .augmented: op = "augmented"
            case .other: op = "other"
            }
            let value = a.value.map { " = \(text($0))" } ?? ""
            lines.append(
                "\(indent)\(op) \(a.targets.joined(separator: ", "))" + suffix(line: a.line, guardKind: a.guardKind)
                    + value)
        case .importDecl(let i):
            let names = i.names.map { entry in entry.asName.map { "\(entry.name) as \($0)" } ?? entry.name }
            let list = i.isStar ? "*" : names.joined(separator: ", ")
            let head = i.isFrom ? "from \(String(repeating: ".", count: i.level))\(i.module) import " : "import "
            lines.append(indent + head + list + suffix(line: i.line, guardKind: i.guardKind))
        case .deletion(let names, let line, let guardKind):
            lines.append("\(indent)del \(names.joined(separator: ", "))" + suffix(line: line, guardKind: guardKind))
        }
    }
    for m in summary.members { renderMember(m, "") }
    for diagnostic in summary.diagnostics {
        lines.append("! \(diagnostic.kind) L\(diagnostic.line) '\(text(diagnostic.range))'")
    }
    return lines.joined(separator: "\n")
}

private func bytes(_ source: String, newline: String = "\n") -> [UInt8] {
    Array((newline == "\n" ? source : source.split(separator: "\n", omittingEmptySubsequences: false)
        .joined(separator: newline)).utf8)
}

private func rendered(_ source: String, newline: String = "\n", ranges: Bool = false) -> String {
    let input = bytes(source, newline: newline)
    return render(ModuleScanner.scan(bytes: input), input, ranges: ranges)
}

// MARK: - Cases

private let readerCases: [ReaderCase] = [
    ReaderCase("empty module", "", ""),
    ReaderCase(
        "functions, classes and skipped bodies",
        #"""
        import os
        def test_a():
            pass

        async def test_b(x, y=1, *args, z, **kw) -> None:
            await x

        class TestC(Base):
            def test_m(self):
                def inner():
                    class Hidden: pass
                return 1
            x = 1
        """#,
        #"""
        import os L1
        def test_a() L2
        def test_b(x, y=, z) *args **kwargs async L5
        class TestC(Base) L8
          def test_m(self) L9
          assign x L13 = 1
        """#),
    ReaderCase(
        "decorators",
        #"""
        import pytest

        @pytest.mark.parametrize(
            "a, b",
            [(1, 2), (3, 4)],  # comment
        )
        @pytest.fixture
        def test_p(a, b):
            pass

        @ pytest . mark . skip ( reason = "x" )
        class TestD:
            @staticmethod
            def test_s(): ...

        @buttons[0].clicked.connect
        def handler(): pass

        @(lambda f: f)
        def lam(): pass

        @a.b(1)(2)
        async def double(): pass

        @not_called
        @called()
        def plain(): pass
        """#,
        #"""
        import pytest L1
        @pytest.mark.parametrize(\n    "a, b",\n    [(1, 2), (3, 4)],  # comment\n) L3
        @pytest.fixture L7
        def test_p(a, b) L8 from L3
        @pytest.mark.skip( reason = "x" ) L11
        class TestD L12 from L11
          @staticmethod L13
          def test_s() L14 from L13
        @buttons[0].clicked.connect L16
        def handler() L17 from L16
        @(lambda f:f) L19
        def lam() L20 from L19
        @a.b(1)(2) L22
        def double() async L23 from L22
        @not_called L25
        @called() L26
        def plain() L27 from L25
        """#),
    ReaderCase(
        "class bases and keywords",
        #"""
        class A(B, mod.C, Generic[T], metaclass=abc.ABCMeta, **extra):
            pass
        class E(): pass
        class F[T](Base[T]): x: int
        class G(
            # comment
            unittest . TestCase,
            mixin(),
        ):
            pass
        """#,
        #"""
        class A(B, mod.C, Generic[T], metaclass=abc.ABCMeta, **=extra) L1
        class E L3
        class F(Base[T]) L4
          annotated x L4
        class G(unittest.TestCase, mixin()) L5
        """#),
    ReaderCase(
        "assignments",
        #"""
        a = b = 1
        c, (d, *e) = f = g()
        [h, i] = 1, 2
        (j) = 3
        k: int = 4
        l: "List[int]"
        m += 1
        n.attr = 5
        o[0] = p = 6
        q = lambda x=1, y=2: x
        r = {s: t for s in u}
        print(v)
        (aa).b = 1
        (bb, cc)[0] = 1
        dd, ee.ff, gg[0], hh = z
        x == 1
        f"{ii=}"
        jj = f"{kk=}"
        ll = mm = (nn := 3)
        oo: dict[str, int] = {}
        pp = qq =
        """#,
        #"""
        assign a, b L1 = 1
        assign c, d, e, f L2 = g()
        assign h, i L3 = 1, 2
        assign j L4 = 3
        annotated k L5 = 4
        annotated l L6
        augmented m L7 = 1
        assign p L9 = 6
        assign q L10 = lambda x=1, y=2: x
        assign r L11 = {s: t for s in u}
        assign dd, hh L15 = z
        assign jj L18 = f"{kk=}"
        assign ll, mm L19 = (nn := 3)
        annotated oo L20 = {}
        assign pp, qq L21
        ! invalidSyntax L21 ''
        """#),
    ReaderCase(
        "imports",
        #"""
        import a.b as c, d
        import e . f
        from . import x
        from ..pkg.mod import (a as b, c,)
        from x import *
        from ... import y
        from .... z import w
        from __future__ import annotations
        from .m import (
            p,  # comment
            q as r
        )
        """#,
        #"""
        import a.b as c, d L1
        import e.f L2
        from . import x L3
        from ..pkg.mod import a as b, c L4
        from x import * L5
        from ... import y L6
        from ....z import w L7
        from __future__ import annotations L8
        from .m import p, q as r L9
        """#),
    ReaderCase(
        "del, global and semicolons",
        #"""
        del a, b.c, (d, e)
        global f, g
        x = 1; del x
        y = 2;
        """#,
        #"""
        del a, d, e L1
        other f, g L2
        assign x L3 = 1
        del x L3
        assign y L4 = 2
        """#),
    ReaderCase(
        "conditional blocks and guards",
        #"""
        import sys
        if sys.version_info >= (3, 8):
            def f(): pass
        elif TYPE_CHECKING:
            from x import y
        else:
            g = 1
        if TYPE_CHECKING:
            import typing
            if x:
                h = 1
        else:
            import other
        if typing.TYPE_CHECKING: i = 1
        try:
            import j
        except ImportError as e:
            j = None
        else:
            k = 1
        finally:
            l = 2
        with open(p) as fh, ctx() as (m, n):
            o = fh.read()
        with (open(p) as fa, open(q) as fb.attr):
            pass
        for q, r in items:
            s = q
        else:
            t = 0
        while cond:
            u = 1
        if __name__ == "__main__":
            main = 1
            if other:
                z = 1
        if '__main__' == __name__: main2 = 1
        if (__name__ == '__main__'): main3 = 1
        if __name__ == "__main__" and x: cond = 1
        if lambda: x: lam = 1
        """#,
        #"""
        import sys L1
        def f() L3 [cond]
        from x import y L5 [typing]
        assign g L7 [cond] = 1
        import typing L9 [typing]
        assign h L11 [typing] = 1
        import other L13 [cond]
        assign i L14 [typing] = 1
        import j L16 [cond]
        other e L17 [cond]
        assign j L18 [cond] = None
        assign k L20 [cond] = 1
        assign l L22 [cond] = 2
        other fh, m, n L23 [cond]
        assign o L24 [cond] = fh.read()
        other fa L25 [cond]
        other q, r L27 [cond]
        assign s L28 [cond] = q
        assign t L30 [cond] = 0
        assign u L32 [cond] = 1
        assign main L34 [main] = 1
        assign z L36 [main] = 1
        assign main2 L37 [main] = 1
        assign main3 L38 [main] = 1
        assign cond L39 [cond] = 1
        assign lam L40 [cond] = 1
        """#),
    ReaderCase(
        "the stronger or outer guard wins in nested blocks; else branches are conditional",
        #"""
        if __name__ == "__main__":
            a = 1
        else:
            b = 2
        if x:
            if TYPE_CHECKING:
                c = 3
            else:
                d = 4
        if TYPE_CHECKING:
            if __name__ == "__main__":
                e = 5
            else:
                f = 6
        try:
            pass
        except* ValueError as eg:
            pass
        """#,
        #"""
        assign a L2 [main] = 1
        assign b L4 [cond] = 2
        assign c L7 [typing] = 3
        assign d L9 [cond] = 4
        assign e L12 [typing] = 5
        assign f L14 [typing] = 6
        other eg L17 [cond]
        """#),
    ReaderCase(
        "async compound statements are read like their plain forms",
        #"""
        async with a as v: pass
        async for w in x: y = 1
        """#,
        #"""
        other v L1 [cond]
        other w L2 [cond]
        assign y L2 [cond] = 1
        """#),
    ReaderCase(
        "match is a statement only before an expression and a colon ending the line",
        #"""
        match command:
            case ["go", direction]:
                x = 1
            case {"k": v} if v > 0:
                y = 2
            case _:
                pass
        match = 1
        match(x)
        match[x]: int = 1
        match.attr = 2
        match (a, b):
            case (1, 2): z = 3
        case = 4
        match -x:
            case 1: w = 5
        """#,
        #"""
        assign x L3 [cond] = 1
        assign y L5 [cond] = 2
        assign match L8 = 1
        assign z L13 [cond] = 3
        assign case L14 = 4
        assign w L16 [cond] = 5
        """#),
    ReaderCase(
        "type aliases",
        #"""
        type Alias = int
        type Pair[T] = tuple[T, T]
        type = 5
        type(x)
        """#,
        #"""
        other Alias L1
        other Pair L2
        assign type L3 = 5
        """#),
    ReaderCase(
        "nested classes and classes inside blocks",
        #"""
        class A:
            class B:
                class C:
                    def test_c(self): pass
                def test_b(self): pass
            def test_a(self): pass
        if True:
            class D:
                def test_d(self): pass
                if x:
                    def test_e(self): pass
                else:
                    class E(D): __test__ = False
        """#,
        #"""
        class A L1
          class B L2
            class C L3
              def test_c(self) L4
            def test_b(self) L5
          def test_a(self) L6
        class D L8 [cond]
          def test_d(self) L9
          def test_e(self) L11 [cond]
          class E(D) L13 [cond]
            assign __test__ L13 = False
        """#),
    ReaderCase(
        "one-line bodies",
        #"""
        class A: x = 1; y = 2
        def f(): return 1; x = 2
        if x: y = 1; z = 2
        class B: pass
        class C: ...
        x = 3
        """#,
        #"""
        class A L1
          assign x L1 = 1
          assign y L1 = 2
        def f() L2
        assign y L3 [cond] = 1
        assign z L3 [cond] = 2
        class B L4
        class C L5
        assign x L6 = 3
        """#),
    ReaderCase(
        "parameters",
        #"""
        def f(a, b=1, /, c=(1, 2), *, d: Callable[[int], str] = lambda x, y: x, e, **kw): pass
        def g(*, a): pass
        def h(a, /): pass
        def k(*args: int, **kwargs: str): pass
        def p[T](x: T) -> T: return x
        def q(a=lambda: 1, b={"k": [1, 2]}): pass
        def r(a: lambda x=1: x, b,): pass
        def s(
            self,  # comment
            request: "FixtureRequest",
        ) -> dict[str, int]:
            pass
        """#,
        #"""
        def f(a, b=, /, c=, d=, e) **kwargs L1
        def g(a) L2
        def h(a, /) L3
        def k() *args **kwargs L4
        def p(x) L5
        def q(a=, b=) L6
        def r(a, b) L7
        def s(self, request) L8
        """#),
    ReaderCase(
        "class body ending at end of file without a newline",
        "class A:\n    def f(self): pass\n    x = 1",
        #"""
        class A L1
          def f(self) L2
          assign x L3 = 1
        """#),
    ReaderCase(
        "tabs",
        "class A:\n\tdef f(self):\n\t\tpass\n\tx = 1\nif y:\n\tz = 2\n",
        #"""
        class A L1
          def f(self) L2
          assign x L4 = 1
        assign z L6 [cond] = 2
        """#),
    ReaderCase(
        "backslash continuations and comments",
        "x = \\\n    1\n# comment\nclass A(\\\n B):  # trailing\n    # inside\n    y = 2\n",
        #"""
        assign x L1 = 1
        class A(B) L4
          assign y L7 = 2
        """#),
    ReaderCase(
        "adjacent atoms are a syntax error unless strings concatenate",
        #"""
        print "hello"
        exec code in ns
        x = "a" "b" f"c{d}" 'e'
        y = b"a" B'b' "c"
        z = t"a" t"b{c}" "d"
        """#,
        #"""
        assign x L3 = "a" "b" f"c{d}" 'e'
        assign y L4 = b"a" B'b' "c"
        assign z L5 = t"a" t"b{c}" "d"
        ! invalidSyntax L1 '"hello"'
        ! invalidSyntax L2 'code'
        ! invalidSyntax L4 '"c"'
        ! invalidSyntax L5 '"d"'
        """#),
    ReaderCase("def without a name", "def (): pass\n", "! invalidSyntax L1 '('"),
    ReaderCase("def without a colon", "def f()\n    pass\n", "! invalidSyntax L1 '\\n'"),
    ReaderCase("class without a name", "class :\n    pass\n", "! invalidSyntax L1 ':'"),
    ReaderCase("class without a colon", "class A\n", "! invalidSyntax L1 '\\n'"),
    ReaderCase("if without a colon", "if x\n    y = 1\n", "assign y L2 = 1\n! invalidSyntax L1 '\\n'"),
    ReaderCase(
        "unexpected indent",
        "  x = 1\n",
        #"""
        assign x L1 = 1
        ! unexpectedIndent L1 '  '
        """#),
    ReaderCase(
        "missing indented block",
        "if x:\ny = 1\n",
        #"""
        assign y L2 = 1
        ! invalidSyntax L2 'y'
        """#),
    ReaderCase("return outside a function", "return 1\n", "! invalidSyntax L1 'return'"),
    ReaderCase(
        "compound statement in a one-line body",
        "if x: def f(): pass\ny = 1\n",
        #"""
        assign y L2 = 1
        ! invalidSyntax L1 'def'
        """#),
    ReaderCase("from without import", "from x\n", "! invalidSyntax L1 '\\n'"),
    ReaderCase("import without a name", "import\n", "! invalidSyntax L1 '\\n'"),
    ReaderCase("trailing comma without parentheses", "from x import a,\n", "! invalidSyntax L1 '\\n'"),
    ReaderCase("decorator before a statement", "@dec\nx = 1\n", "assign x L2 = 1\n! invalidSyntax L2 'x'"),
]

@Suite("DeclarationReader")
struct DeclarationReaderTests {
    @Test(arguments: readerCases)
    fileprivate func readsWholeSummaries(_ c: ReaderCase) {
        #expect(rendered(c.source) == c.expected)
    }

    @Test(arguments: readerCases)
    fileprivate func readsCRLFAndCRSourcesAlike(_ c: ReaderCase) {
        #expect(rendered(c.source, newline: "\r\n") == c.expected)
        #expect(rendered(c.source, newline: "\r") == c.expected)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func recordsRangesOfWholeStatements(newline: String) {
        let source = #"""
            @dec
            def f():
                pass

            class A:
                x = 1
                @prop
                async def g(self): pass  # comment
            if x:
                class B: y = 2
            def h(): ...
            """#
        #expect(
            rendered(source, newline: newline, ranges: true) == #"""
                @dec L1
                def f() L2 from L1 @1:0-3:8
                class A L5 @5:0-8:27
                  assign x L6 = 1
                  @prop L7
                  def g(self) async L8 from L7 @7:4-8:27
                class B L10 [cond] @10:4-10:18
                  assign y L10 = 2
                def h() L11 @11:0-11:12
                """#)
    }

    @Test func decoratorArgumentsAreTheBytesBetweenTheParentheses() {
        let input = bytes("@pytest.mark.parametrize('x', [1, 2])\ndef test(x): pass\n")
        guard case .function(let f)? = ModuleScanner.scan(bytes: input).members.first else {
            Issue.record("no function")
            return
        }
        let arguments = f.decorators.first?.arguments
        #expect(arguments == 25..<36)
        #expect(f.range == 0..<Int32(input.count - 1))
    }

    @Test func validSampleHasNoDiagnostics() {
        let summary = ModuleScanner.scan(bytes: bytes(sampleModule))
        #expect(summary.diagnostics.isEmpty)
        #expect(summary.byteCount == sampleModule.utf8.count)
        #expect(summary.members.count == 11)
    }

    // MARK: Robustness

    @Test func everyTruncationOfARealModuleIsReadSafely() {
        let full = bytes(sampleModule)
        for length in 0...full.count {
            let input = Array(full[0..<length])
            checkInvariants(ModuleScanner.scan(bytes: input), input)
        }
    }

    @Test func randomTokenSoupIsReadSafely() {
        var generator = SeededGenerator(seed: 0x5EED)
        for _ in 0..<3000 {
            var input: [UInt8] = []
            for _ in 0..<Int(generator.next() % 120) {
                input += soupFragments[Int(generator.next() % UInt64(soupFragments.count))]
            }
            checkInvariants(ModuleScanner.scan(bytes: input), input)
        }
    }

    @Test func randomBytesAreReadSafely() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let input = (0..<Int(generator.next() % 400)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            checkInvariants(ModuleScanner.scan(bytes: input), input)
        }
    }

    @Test func deepNestingIsReadWithoutRecursion() {
        let depth = 99
        var classes = ""
        for level in 0..<depth { classes += String(repeating: " ", count: level) + "class C\(level):\n" }
        classes += String(repeating: " ", count: depth) + "x = 1\n"
        let summary = ModuleScanner.scan(bytes: bytes(classes))
        #expect(summary.diagnostics.isEmpty)
        var members = summary.members
        var level = 0
        while case .classDecl(let c)? = members.first {
            level += 1
            members = c.members
        }
        #expect(level == depth)
        guard case .assignment(let a)? = members.first else {
            Issue.record("innermost assignment missing")
            return
        }
        #expect(a.targets == ["x"])

        var blocks = ""
        for level in 0..<depth { blocks += String(repeating: "\t", count: level) + "if x:\n" }
        blocks += String(repeating: "\t", count: depth) + "y = 1\nz = 2\n"
        #expect(rendered(blocks).hasSuffix("assign y L\(depth + 1) [cond] = 1\nassign z L\(depth + 2) = 2"))
    }

    @Test func nestingBeyondCPythonsLimitsIsReadSafely() {
        let brackets = bytes("x = " + String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000) + "\n")
        let bracketSummary = ModuleScanner.scan(bytes: brackets)
        checkInvariants(bracketSummary, brackets)
        #expect(!bracketSummary.diagnostics.isEmpty)

        var classes = ""
        for level in 0..<3_000 { classes += String(repeating: " ", count: level) + "class C\(level):\n" }
        let input = bytes(classes + String(repeating: " ", count: 3_000) + "x = 1\n")
        let summary = ModuleScanner.scan(bytes: input)
        checkInvariants(summary, input)
        #expect(!summary.diagnostics.isEmpty)
    }
}

// MARK: - Helpers

private func checkInvariants(_ summary: ModuleSummary, _ input: [UInt8]) {
    let count = Int32(input.count)
    let maxLine = Int32(input.count + 1)
    #expect(summary.byteCount == input.count)
    func valid(_ range: Range<Int32>) -> Bool { range.lowerBound >= 0 && range.upperBound <= count }
    func validLine(_ line: Int32) -> Bool { line >= 1 && line <= maxLine }
    var pending = summary.members[...]
    var nested: [[Member]] = []
    while true {
        guard let member = pending.popFirst() else {
            guard let next = nested.popLast() else { break }
            pending = next[...]
            continue
        }
        switch member {
        case .function(let f):
            #expect(valid(f.range) && validLine(f.line) && f.firstLine <= f.line)
            #expect(f.parameterHasDefault.isEmpty || f.parameterHasDefault.count == f.parameters.count)
            for d in f.decorators { #expect(d.arguments.map(valid) ?? true) }
        case .classDecl(let c):
            #expect(valid(c.range) && validLine(c.line) && c.firstLine <= c.line)
            for d in c.decorators { #expect(d.arguments.map(valid) ?? true) }
            nested.append(c.members)
        case .assignment(let a):
            #expect(!a.targets.isEmpty && validLine(a.line) && (a.value.map(valid) ?? true))
        case .importDecl(let i):
            #expect(validLine(i.line))
        case .deletion(let names, let line, _):
            #expect(!names.isEmpty && validLine(line))
        }
    }
    for diagnostic in summary.diagnostics {
        #expect(valid(diagnostic.range) && validLine(diagnostic.line))
    }
}


private let soupFragments: [[UInt8]] = [
    "def", "class", "async", "if", "elif", "else", "for", "while", "with", "try", "except", "finally", "match",
    "case", "type", "lambda", "import", "from", "as", "del", "global", "return", "in", "x", "__name__",
    "TYPE_CHECKING", "'__main__'", " ", "    ", "\t", "\n", "\r", "\r\n", "\\\n", "(", ")", "[", "]", "{", "}",
    ":", ";", ",", ".", "...", "@", "=", "+=", "->", "*", "**", "/", ":=", "'", "\"", "'''", "f'", "f\"{",
    "#", "0", "1.5", "\u{FF}", "\0", "é",
].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xEF, 0xBB, 0xBF]]

private let sampleModule = #"""
    """Docstring."""
    from __future__ import annotations

    import pytest
    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from collections.abc import Iterator

    pytestmark = [pytest.mark.slow]


    @pytest.fixture(params=[1, 2], ids=lambda p: f"p{p!r:>3}")
    def value(request: pytest.FixtureRequest) -> int:
        return request.param


    @pytest.mark.parametrize(
        ("a", "b"),
        [
            (1, 2),  # one
            (3, 4),
        ],
    )
    def test_sum(a, b, value):
        assert a + b > value


    class TestThing(Base, metaclass=Meta):
        __test__ = True
        x: int = 3

        def setup_method(self, method):
            self.things = {k: v for k, v in zip("ab", "cd")}

        class TestInner:
            def test_inner(self):
                match self:
                    case TestThing():
                        pass

        @staticmethod
        async def test_async(*args, **kwargs) -> None:
            '''Multi
            line.'''
            await something()


    def helper(a, /, b=(1, 2), *, c):
        for i in range(3):
            yield i


    try:
        import numpy as np
    except ImportError:
        np = None

    if __name__ == "__main__":
        pytest.main([__file__])
    """#

/// Calls whose whole statement is `callee(…)` in module-level code, in compound statements too
/// (not in class or function bodies): the collector treats one that passes a class of the
/// module as possibly adding tests to it, and reads `pytest.skip(…)` among them.
@Suite struct ModuleCallTests {
    private static func calls(_ source: String) -> [String] {
        let bytes = Array(source.utf8)
        let summary = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0) }
        return summary.calls.map { call in
            let arguments = String(decoding: bytes[Int(call.arguments.lowerBound)..<Int(call.arguments.upperBound)], as: UTF8.self)
            return "\(call.line) \(call.callee)(\(arguments))" + (call.guardKind == .conditional ? " [cond]" : "")
        }
    }

    @Test(arguments: ["\n", "\r", "\r\n"])
    func recordsWholeStatementCalls(ending: String) {
        let source = [
            "register_tests(Cls, 'test_%s', f)", "x = g(a)", "h(a).i(b)", "j(a) + 1", "mod.k(\n    Cls,\n)",
            "if c:\n    l(Cls)", "m(a); n(b)", "def f():\n    o(Cls)", "class C:\n    p(Cls)",
        ].joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending) + ending
        let expectedArguments = ending == "\n" ? "\n    Cls,\n" : ending == "\r" ? "\r    Cls,\r" : "\r\n    Cls,\r\n"
        #expect(Self.calls(source) == [
            "1 register_tests(Cls, 'test_%s', f)", "5 mod.k(\(expectedArguments))", "9 l(Cls) [cond]", "10 m(a)", "10 n(b)",
        ])
    }
}

/// Statements of module-level code that put names into the module's namespace at run time
/// (`globals()[k] = v`, `globals().update(…)`, `exec(…)`), in blocks too, not in classes or
/// functions: the collector reports such a module as possibly holding tests it cannot list.
@Suite struct NamespaceWriteTests {
    private static func writes(_ source: String) -> [String] {
        let bytes = Array(source.utf8)
        let summary = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0) }
        return summary.namespaceWrites.map { "\($0.line) \($0.callee) \($0.guardKind == .none ? "always" : "guarded")" }
    }

    @Test(arguments: LineEnding.allCases)
    func recordsWritesIntoTheModuleNamespace(ending: LineEnding) {
        let source = ending.apply("""
            globals()["test_a"] = make()
            for name in names:
                globals()[name] = make(name)
            globals().update(generated)
            vars()[k] += 1
            locals().setdefault("x", 1)
            exec(code)
            if flag:
                exec("def test_b(): pass", globals())
            x = globals()["a"]
            globals()["a"] == 1
            print(globals())
            globals().get("a")
            execute(code)
            def f():
                globals()["test_c"] = 1
                exec(code)
            class C:
                vars()["test_d"] = 1
            if __name__ == "__main__":
                globals()["e"] = 1

            """)
        #expect(Self.writes(source) == [
            "1 globals always", "3 globals guarded", "4 globals always", "5 vars always", "6 locals always",
            "7 exec always", "9 exec guarded", "21 globals guarded",
        ])
    }
}
