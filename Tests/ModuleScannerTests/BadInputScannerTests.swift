import Testing

@testable import ModuleScanner

/// The scanner on the bad-input kinds: it reaches the end of any input in a number of tokens
/// bounded by its size (no input-controlled recursion, no stall), keeps its diagnostics
/// bounded, and reports the errors CPython reports.
@Suite struct BadInputScannerTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Deterministic binary bytes (xorshift32), as BadInputCorpus makes them.
    static func binary(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
    }

    static let inputs: [(name: String, source: [UInt8])] = [
        ("10,000 nested brackets", bytes("x = " + String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000) + "\n")),
        ("10,000 unclosed brackets", bytes("x = " + String(repeating: "[", count: 10_000))),
        ("1,000 nested classes", bytes((0..<1000).map { String(repeating: " ", count: $0) + "class C\($0):" }.joined(separator: "\n") + "\n")),
        ("1 MiB line", bytes("x = \"" + String(repeating: "a", count: 1 << 20) + "\"\ndef test_a():\n    pass\n")),
        ("binary", binary(65_536, seed: 0x2545_F491)),
        ("NUL bytes", [UInt8](repeating: 0, count: 10_000)),
        ("150 nested f-strings", bytes(String(repeating: "f'{", count: 150) + String(repeating: "}'", count: 150) + "\n")),
        ("200 unterminated f-strings", bytes(String(repeating: "f\"{", count: 200))),
        ("CR only", bytes(String(repeating: "def test_a():\r    pass\r", count: 1000))),
        ("backslashes", bytes(String(repeating: "\\\n", count: 10_000))),
        ("dedents", bytes((0..<99).map { String(repeating: " ", count: $0) + "if x:" }.joined(separator: "\n") + "\n" + String(repeating: " ", count: 99) + "pass\ny = 1\n")),
    ]

    @Test("the lexer ends in a bounded number of tokens", arguments: inputs.indices)
    func lexerTerminates(_ index: Int) {
        let (name, source) = Self.inputs[index]
        source.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            var tokens = 0
            var previous: Int32 = 0
            while true {
                let token = lexer.next()
                #expect(token.start >= previous && token.end <= Int32(source.count), "\(name): token out of order")
                previous = token.start
                if token.kind == .endOfFile { break }
                tokens += 1
                if tokens > 4 * source.count + 1_000 {
                    Issue.record("\(name): no end after \(tokens) tokens")
                    return
                }
            }
            #expect(lexer.diagnostics.count <= Lexer.maxDiagnostics, "\(name)")
        }
        let summary = ModuleScanner.scan(bytes: source)
        #expect(summary.byteCount == source.count, "\(name)")
    }

    @Test func deepNestingIsAnErrorNotARecursion() {
        let brackets = ModuleScanner.scan(bytes: Self.inputs[0].source)
        #expect(brackets.diagnostics.contains { $0.kind == .nestingTooDeep })
        let classes = ModuleScanner.scan(bytes: Self.inputs[2].source)
        #expect(classes.diagnostics.contains { $0.kind == .nestingTooDeep })
        let longLine = ModuleScanner.scan(bytes: Self.inputs[3].source)
        #expect(longLine.diagnostics.isEmpty)
        #expect(longLine.members.count == 2)
    }

    /// `# coding: ascii` makes CPython decode the whole file as ASCII: the first byte above 0x7F
    /// is an error wherever it is (a comment too); latin-1 accepts every byte.
    @Test(arguments: [
        ("# -*- coding: ascii -*-\nx = \"caf\u{E9}\"\n", Int32?(32)),
        ("#!/usr/bin/env python\n# vim: set fileencoding=us-ascii :\n# caf\u{E9}\n", Int32?(62)),
        ("# -*- coding: latin-1 -*-\nx = \"caf\u{E9}\"\n", Int32?.none),
        ("x = 1\n\n# coding: ascii\nx = \"\u{E9}\"\n", Int32?.none),
    ])
    func asciiCookie(_ text: String, _ expected: Int32?) {
        // `é` written as the single byte 0xE9, as a latin-1 editor would save it.
        let source = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let found = ModuleScanner.scan(bytes: source).diagnostics.first { $0.kind == .undecodableSource }
        #expect(found?.range.lowerBound == expected)
    }
}
