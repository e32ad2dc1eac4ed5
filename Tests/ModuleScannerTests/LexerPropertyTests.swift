import Testing
@testable import ModuleScanner

/// SplitMix64: a seeded generator, so that a failing input can be rebuilt from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Checks what must hold for any input: the scan ends, every token lies inside the source,
/// tokens come in order without overlapping, INDENT and DEDENT balance, and the end repeats.
/// Returns a description of the first violation, or nil.
func lexerInvariantViolation(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { buffer -> String? in
        var lexer = Lexer(source: buffer)
        let count = Int32(bytes.count)
        let limit = bytes.count * 4 + 16
        var previousEnd: Int32 = 0
        var produced = 0
        var indents = 0
        var dedents = 0
        while true {
            let token = lexer.next()
            if token.start > token.end || token.end > count {
                return "token \(token) out of bounds (count \(count))"
            }
            if token.start < previousEnd {
                return "token \(token) starts before the previous token's end \(previousEnd)"
            }
            previousEnd = token.end
            if lexer.tokenStartLine < 1 { return "line \(lexer.tokenStartLine) for \(token)" }
            switch token.kind {
            case .endOfFile:
                for _ in 0..<3 where lexer.next().kind != .endOfFile {
                    return "a token after the end of the file"
                }
                for diagnostic in lexer.diagnostics
                where diagnostic.range.lowerBound < 0 || diagnostic.range.upperBound > count {
                    return "diagnostic \(diagnostic) out of bounds"
                }
                return indents == dedents ? nil : "\(indents) INDENTs but \(dedents) DEDENTs"
            case .indent: indents += 1
            case .dedent: dedents += 1
            default: break
            }
            produced += 1
            if produced > limit { return "more than \(limit) tokens: no termination" }
        }
    }
}

extension LexerTests {
    @Suite struct Properties {
        static let seeds: [UInt64] = Array(1...24)

        /// Bytes that steer the lexer into its states, plus non-ASCII lead and continuation bytes.
        static let alphabet: [UInt8] = Array(" \t\n\n\r\\'\"#{}()[]:!=fFrRbBtTuU019._xXeEjJ+-*/<>@,;ab\u{0C}".utf8)
            + [0x00, 0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xED, 0xA0, 0xF0, 0x9F, 0xF4, 0x90, 0xFF, 0xEF, 0xBB]

        static let samples: [String] = [
            """
            import os, sys
            from .x import (a as b,
                c)

            @pytest.mark.parametrize("x, y", [(1, 2), (3, 4)])
            class TestA(Base, metaclass=Meta):
                '''Doc "string".'''
                x: int = 0x1F + 1_000 * 3.5e-2j

                async def test_b(self, *args, **kwargs) -> None:
                    if x := f"{self!r:>{width}} {{literal}} {'nested'} {f'{1}'}":
                        return [i for i in range(10) if i % 2]
                    else:  # comment
                        pass
                def other(): ...
            """,
            "def f():\n\tx = rb'\\x00' + b\"\"\"\nmulti\\\nline\"\"\"\n\treturn (x,\n\t\t# c\n\t)\n",
            "s = f'''{\n  a # c\n}:{b:{c}.{d}}''' + t'{x!s}' + rf\"\\{y}\"\nmatch p:\n    case [1, *_]: pass\n",
            "\u{FEFF}x = 'café' # ñ\r\nif x:\r\n    y = 1\r\n\u{0C}z = \\\r\n  2\r\n",
        ]

        @Test(arguments: seeds)
        func byteSoupNeverBreaksTheLexer(seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            for round in 0..<60 {
                let length = Int.random(in: 0...300, using: &generator)
                let fromAlphabet = Bool.random(using: &generator)
                let bytes: [UInt8] = (0..<length).map { _ in
                    fromAlphabet ? Properties.alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                }
                if let violation = lexerInvariantViolation(bytes) {
                    Issue.record("seed \(seed) round \(round): \(violation) for \(bytes)")
                    return
                }
            }
        }

        @Test(arguments: seeds)
        func mutatedPythonNeverBreaksTheLexer(seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            for sample in Properties.samples {
                var bytes = Array(sample.utf8)
                #expect(lexerInvariantViolation(bytes) == nil)
                for round in 0..<25 {
                    mutate(&bytes, using: &generator)
                    if let violation = lexerInvariantViolation(bytes) {
                        Issue.record("seed \(seed) round \(round): \(violation) for \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                        return
                    }
                }
            }
        }

        @Test func theValidSamplesLexWithoutDiagnostics() {
            for sample in Properties.samples {
                #expect(lex(sample).diagnostics.isEmpty, "\(sample)")
            }
        }

        @Test func hostileShapesEndWithBoundedWork() {
            let shapes: [[UInt8]] = [
                Array((String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000) + "\n").utf8),
                Array((String(repeating: "[{(", count: 5_000) + "\n").utf8),
                Array((String(repeating: "f'{", count: 1_000) + "x" + String(repeating: "}'", count: 1_000)).utf8),
                Array(("x = " + String(repeating: "1 + ", count: 100_000) + "1").utf8),
                Array((String(repeating: "'", count: 10_001) + String(repeating: "\"", count: 9_999)).utf8),
                Array((0..<2_000).map { String(repeating: " ", count: $0) + "if a:\n" }.joined().utf8),
                [UInt8](repeating: 0, count: 5_000),
                [UInt8](repeating: 0xFF, count: 5_000),
                Array(String(repeating: "\\\n", count: 5_000).utf8),
            ]
            for shape in shapes {
                #expect(lexerInvariantViolation(shape) == nil)
            }
            [UInt8](repeating: 0, count: 5_000).withUnsafeBufferPointer { buffer in
                var lexer = Lexer(source: buffer)
                while lexer.next().kind != .endOfFile {}
                #expect(lexer.diagnostics.count == Lexer.maxDiagnostics)
                #expect(lexer.next().kind == .endOfFile)
            }
        }

        private func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &generator))
                bytes.removeSubrange(position..<end)
            case 1:
                let inserted = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    Properties.alphabet.randomElement(using: &generator)!
                }
                bytes.insert(contentsOf: inserted, at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...40, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &generator))
            case 3 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            default:
                if !bytes.isEmpty { bytes.removeLast(Int.random(in: 0...min(3, bytes.count), using: &generator)) }
            }
        }
    }
}
