import Foundation
import Testing
@testable import ModuleScanner

/// The skimming fast path for function bodies must leave every summary exactly as reading the
/// body token by token does: same declarations, ranges, generator flags and diagnostics.
@Suite struct BlockSkimTests {
    static let bodies: [String] = [
        "def f():\n    a = 1\n    b = [1,\n  2]\n    return b\nx = 1\n",
        "def f():\n    \"\"\"Doc.\"\"\"\n    yield 1\n",
        "def f():\n    a = 1\n    def g():\n        yield 1\n    return g\n",
        "def f():\n    a = 1\n    class C:\n        def m(self):\n            yield\n    return C\n",
        "def f():\n    a = 1\n    def g(x=(yield)):\n        pass\n",
        "def f():\n    a = 1\n    async def g():\n        yield 1\n    yield 2\n",
        "def f():\n    a = 1\n    s = '''\nnot code: yield\n'''\n    return s\ndef h():\n    pass\n",
        "def f():\n    a = 1\n    # yield in a comment\n\n        # deeper comment\n    return a\n\n\nclass T:\n    pass\n",
        "def f():\n    a = 1\n    if a:\n        if a:\n            b = 2\n      c = 3\n",
        "def f():\n    a = 1\n    b = f\"{a}\"\n    yield b\n",
        "def f():\n    a = 1\n\tb = 2\n",
        "def f():\n    a = 1\n    b = a + \\\n        2\n    yield\n",
        "def f():\n    a = 1\n    b = 'unterminated\n    yield\n",
        "def f():\n    a = 1\n    b = 0777\n",
        "def f():\n    a = 1\n    é = 2\n    yield é\n",
        "def f():\n    a = 1\n    b = a ! 2\n",
        "def f():\n    a = 1\n    b = $a\n",
        "def f():\n    a = 1\n    return (a,\n# comment inside\n    )\n",
        "def f():\n    a = 1\n    b = rb'\\x00' + br\"x\" + u'y' + 1.5e3 + .5 + 0x1F + 1_000j\n    yield\n",
        "def f():\n    a = 1\n    return a",
        "def f():\n    a = 1\n    return a\n   ",
        "class C:\n    def m(self):\n        a = 1\n        b = {'k': [1, (2, 3)]}\n        yield\n    def n(self):\n        x = 1\n        return x\n",
        "def f():\n    a = 1\n    lambda: (yield)\n",
        "def f():\n    a = 1\n    b = a)\n",
        "def f():\n    a = 1\n    b = (a]\n",
        "def f():\n    a = 1\n    b = b'caf\\xc3\\xa9'\n",
        "def f():\n    a = 1\n\n    \n    b = 2\n\n",
        "def outer():\n    x = 1\n    def inner():\n        y = 2\n        return y\n    yield inner\n",
        "@decorator\ndef f():\n    a = 1\n    @pytest.mark.parametrize('x', [1, 2])\n    def g(x):\n        yield x\n",
        "def f():\n    a = 1\n    b = f\"{a!r:>{a}}\" + F'{a}' + rf'{a}\\d'\n    yield b\n",
        "def f():\n    a = 1\n    b = f'''multi\n{a}\nline'''\n    c = (f\"{a}\",\n  f\"{ {'k': a}['k'] }\")\n    return b\n",
        "def f():\n    a = 1\n    b = f\"{'nested'}\" f\"{f'{a}'}\"\n    yield\n",
        "def f():\n    a = 1\n    b = f\"{a[\"k\"]}\"\n",
        "def f():\n    a = 1\n    b = t\"{a}\"\n    return b\n",
        "def f():\n    a = 1\n    b = f\"{a\n",
        "def f():\n    a = 1\n    b = f\"{a:{'x'}}}\"\n",
        "def f():\n    a = 1\n    myield = yielded = _yield = yield_ = y1 = 2\n    return myield\n",
        "def f():\n    a = 1\n    b = [x1.5, a2b'x', ab1\"y\", \"s\"1, 1j\"z\", 1if a else 2]\n",
        "def f():\n    a = 1\n    b = a[...5] + a != 3 + x.y1 + 0b1_0 + 1e-5\n    c = (yield)+1\n",
        "def f():\n    a = 1\n    b = 1yield\n",
        "def f():\n    a = 1\n    b = 'a'y'b'\n    return b  # yield\n",
        "def f():\n    a = 1\n    return a  \n    # trailing\n  \n",
        "def f():\n    a = 1\n    c = (1,\ndef g():\n        yield\n    )\n",
        "def f():\n    x = yield\n    return x\ndef g():\n    return 1\n",
        "def f():\n    r'''doc'''\n    yield\n",
        "def f():\n    Rb'doc'\n    return 1\n",
        "def f():\n    f'{a}'\n    yield\n",
        "def f():\n    # comment first\n\n    a = 1\n    yield a\n",
        "def f():\n    def g():\n        yield\n    return g\n",
        "def f():\n    rb = 1\n    return rb\n",
        "def f():\n    a = 1\n    x1y2yield = t2yield3 + v9_8y + a1b2 - 0x1fy\n    yield x1y2yield\n",
        "def f():\n    a = 1\n    x12 = a1b2'c'\n    return x12\n",
        "def f():\n    t1 = 2; yield t1\n",
    ]

    static let lineEndings = ["\n", "\r", "\r\n"]

    /// Where two descriptions first differ, with some context, for a readable failure.
    static func difference(_ a: String, _ b: String) -> String {
        let x = Array(a.utf8), y = Array(b.utf8)
        var index = 0
        while index < min(x.count, y.count), x[index] == y[index] { index += 1 }
        let lower = max(0, index - 120)
        func window(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[lower..<min(bytes.count, index + 80)], as: UTF8.self)
        }
        return "skimmed: …\(window(x))…\ntokens:  …\(window(y))…"
    }

    static func summaries(_ text: String) -> (skimmed: String, tokens: String) {
        let bytes = Array(text.utf8)
        let skimmed = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0, skimsBodies: true) }
        let tokens = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0, skimsBodies: false) }
        return (String(reflecting: skimmed), String(reflecting: tokens))
    }

    @Test(arguments: bodies.indices, lineEndings)
    func skimmingMatchesTokenReading(index: Int, ending: String) {
        let text = Self.bodies[index].replacingOccurrences(of: "\n", with: ending)
        let (skimmed, tokens) = Self.summaries(text)
        #expect(skimmed == tokens, "body \(index) with \(ending.debugDescription): \(Self.difference(skimmed, tokens))")
    }

    @Test func skimStopsAtTheDedentAndReportsTheLastToken() {
        let text = "def f():\n    a = 1\n    b = (2,\n 3)  # c\n\nx = 3\n"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            var token = lexer.next()
            var newlines = 0
            while newlines < 2 {
                if token.kind == .newline { newlines += 1 }
                if newlines < 2 { token = lexer.next() }
            }
            let block = lexer.skimBlock()
            #expect(block?.sawYield == false)
            // The `)`: comments and NL tokens are not what the declaration reader sees.
            #expect(block?.lastTokenEnd == Int32("def f():\n    a = 1\n    b = (2,\n 3)".utf8.count))
            #expect(lexer.next().kind == .dedent)
            let name = lexer.next()
            #expect(name.kind == .name && name.start == Int32(text.utf8.count - 6))
            #expect(lexer.tokenStartLine == 6)
        }
    }

    /// Runs `body` on a lexer that has just returned the NEWLINE of `text`'s second line.
    static func afterSecondLine(_ text: String, _ body: (inout Lexer) -> Void) {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            while lexer.next().kind != .newline {}
            while lexer.next().kind != .newline {}
            body(&lexer)
        }
    }

    @Test func skimFindsAYieldOfTheFunctionItself() {
        Self.afterSecondLine("def f():\n    a = 1\n    def g():\n        yield\n    x = [(yield)]\n") { lexer in
            #expect(lexer.skimBlock()?.sawYield == true)
        }
        Self.afterSecondLine("def f():\n    a = 1\n    def g():\n        yield\n    x = 2\n") { lexer in
            #expect(lexer.skimBlock()?.sawYield == false)
        }
    }

    @Test func skimHandsFStringsToTheTokenizer() {
        Self.afterSecondLine("def f():\n    a = 1\n    b = f'{a}'\n    yield\nx = 1\n") { lexer in
            #expect(lexer.skimBlock()?.sawYield == true)
            #expect(lexer.next().kind == .dedent)
        }
    }

    /// Runs `body` on a lexer that has just returned the first INDENT of `text`.
    static func atFirstIndent(_ text: String, _ body: (inout Lexer, Token) -> Void) {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            var token = lexer.next()
            while token.kind != .indent { token = lexer.next() }
            body(&lexer, token)
        }
    }

    @Test func skimFromTheIndentTakesTheFirstStatementToo() {
        Self.atFirstIndent("def f():\n    x = (yield)\n    return x\ny = 1\n") { lexer, indent in
            let block = lexer.skimBlockAfterIndent(indent)
            #expect(block?.sawYield == true)
            #expect(block?.lastTokenEnd == Int32("def f():\n    x = (yield)\n    return x".utf8.count))
            #expect(lexer.next().kind == .dedent)
            #expect(lexer.next().kind == .name)
        }
    }

    @Test func skimFromTheIndentLeavesADocstringToTheReader() {
        for text in ["def f():\n    \"doc\"\n    yield\n", "def f():\n    rb'doc'\n", "def f():\n    u\"doc\"\n"] {
            Self.atFirstIndent(text) { lexer, indent in
                #expect(lexer.skimBlockAfterIndent(indent) == nil, "\(text.debugDescription)")
                #expect(lexer.next().kind == .string)
            }
        }
    }

    @Test func skimGivesUpOnAnUnterminatedFString() {
        Self.afterSecondLine("def f():\n    a = 1\n    b = f'{a'\n") { lexer in
            #expect(lexer.skimBlock() == nil)
            #expect(lexer.next().kind == .name)
        }
    }

    /// The rest of the scan after the second line: every token with its start line, then the
    /// diagnostics; with `trySkim`, after a `skimBlock()` that gave up (nil when it did not).
    static func remainingScan(_ text: String, trySkim: Bool) -> [String]? {
        var result: [String] = []
        var skimmed = false
        Self.afterSecondLine(text) { lexer in
            if trySkim, lexer.skimBlock() != nil {
                skimmed = true
                return
            }
            while true {
                let token = lexer.next()
                result.append("\(token) line \(lexer.tokenStartLine)")
                if token.kind == .endOfFile { break }
            }
            result += lexer.diagnostics.map { "\($0)" }
        }
        return skimmed ? nil : result
    }

    /// A skim that gives up (tabs, continuations, errors in strings and numbers, f-strings the
    /// tokenizer rejects) must leave the lexer exactly where it was: cursor, line, state,
    /// brackets, f-string stack and diagnostics.
    @Test(arguments: lineEndings)
    func failedSkimLeavesTheLexerAsItWas(ending: String) {
        var failures = 0
        for body in Self.bodies {
            let text = body.replacingOccurrences(of: "\n", with: ending)
            guard let afterFailure = Self.remainingScan(text, trySkim: true) else { continue }
            failures += 1
            let untouched = Self.remainingScan(text, trySkim: false)
            #expect(afterFailure == untouched, "\(text.debugDescription)")
        }
        // Enough of the bodies make the skim give up for the comparison to mean something.
        #expect(failures >= 10)
    }

    /// Random splices of the bodies above: whatever the fast path accepts must agree.
    @Test func randomSplicesAgree() {
        var generator = SeededGenerator(seed: 0x5EED_B10C)
        let pieces = Self.bodies.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        for round in 0..<3000 {
            var lines = ["def f():", "    a = 1"]
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                lines.append(pieces.randomElement(using: &generator)!)
            }
            let ending = Self.lineEndings.randomElement(using: &generator)!
            let text = lines.joined(separator: ending) + ending
            let (skimmed, tokens) = Self.summaries(text)
            #expect(skimmed == tokens, "round \(round): \(text.debugDescription): \(Self.difference(skimmed, tokens))")
            if skimmed != tokens { break }
        }
    }

    /// Every Python file of the bundled fixtures and examples, and of the real suites when they
    /// have been fetched (`FASTCOLLECT_CORPUS`, default ~/.cache/fastcollect-corpus).
    @Test func realFilesAgree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var directories = [root.appendingPathComponent("Tests"), root.appendingPathComponent("Examples")]
        let corpus = ProcessInfo.processInfo.environment["FASTCOLLECT_CORPUS"]
            ?? (NSHomeDirectory() + "/.cache/fastcollect-corpus")
        for suite in ["pytest-9.0.3/testing", "django-5.2.19/tests", "sqlalchemy-2.0.58/test"] {
            let path = corpus + "/" + suite
            if FileManager.default.fileExists(atPath: path) { directories.append(URL(fileURLWithPath: path)) }
        }
        var checked = 0
        for directory in directories {
            guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where url.pathExtension == "py" {
                guard let data = try? Data(contentsOf: url) else { continue }
                let bytes = [UInt8](data)
                let skimmed = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0, skimsBodies: true) }
                let tokens = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0, skimsBodies: false) }
                let (a, b) = (String(reflecting: skimmed), String(reflecting: tokens))
                #expect(a == b, "\(url.path): \(Self.difference(a, b))")
                checked += 1
            }
        }
        #expect(checked > 50)
    }
}
