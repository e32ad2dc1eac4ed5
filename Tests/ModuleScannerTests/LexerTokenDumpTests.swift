import Testing
@testable import ModuleScanner

/// `TokenDump` against listings that CPython 3.11's `tokenize` printed for the same bytes.
extension LexerTests {
    @Suite struct Dump {
        struct DumpCase: Sendable, CustomTestStringConvertible {
            var source: [UInt8]
            var lines: [String]
            var testDescription: String { String(decoding: source, as: UTF8.self).debugDescription }

            init(_ source: String, _ lines: [String]) {
                self.init(bytes: Array(source.utf8), lines)
            }

            init(bytes: [UInt8], _ lines: [String]) {
                self.source = bytes
                self.lines = lines
            }
        }

        static let cases: [DumpCase] = [
            DumpCase("x = 1", ["NAME\tx", "OP\t=", "NUMBER\t1", "NEWLINE\t", "ENDMARKER\t", "# diagnostics: 0"]),
            DumpCase("# c", ["COMMENT\t# c", "NL\t", "ENDMARKER\t", "# diagnostics: 0"]),
            DumpCase("if a:\r\n    b = 'x'\r\n# end\r\n", [
                "NAME\tif", "NAME\ta", "OP\t:", "NEWLINE\t\\r\\n", "INDENT\t    ", "NAME\tb", "OP\t=", "STRING\t'x'",
                "NEWLINE\t\\r\\n", "COMMENT\t# end", "NL\t\\r\\n", "DEDENT\t", "ENDMARKER\t", "# diagnostics: 0",
            ]),
            DumpCase("f'{x!r:>{w}}' + f\"{'a'}\"\n", [
                "STRING\tf'{x!r:>{w}}'", "OP\t+", "STRING\tf\"{'a'}\"", "NEWLINE\t\\n", "ENDMARKER\t", "# diagnostics: 0",
            ]),
            DumpCase("x\ry\r", ["NAME\tx", "ERRORTOKEN\t\\r", "NAME\ty", "ERRORTOKEN\t\\r", "ENDMARKER\t", "# diagnostics: 0"]),
            DumpCase("a = \"\"\"\n# foo\"\"\"", [
                "NAME\ta", "OP\t=", "STRING\t\"\"\"\\n# foo\"\"\"", "ENDMARKER\t", "# diagnostics: 0",
            ]),
            DumpCase("x = 1 $ 2\n", [
                "NAME\tx", "OP\t=", "NUMBER\t1", "ERRORTOKEN\t ", "ERRORTOKEN\t$", "NUMBER\t2", "NEWLINE\t\\n",
                "ENDMARKER\t", "# diagnostics: 1 invalidCharacter@1",
            ]),
            DumpCase("x = \"abc\n", [
                "NAME\tx", "OP\t=", "ERRORTOKEN\t ", "ERRORTOKEN\t\"", "NAME\tabc", "NEWLINE\t\\n", "ENDMARKER\t",
                "# diagnostics: 1 unterminatedString@1",
            ]),
            DumpCase("x = f\"om a\n", [
                "NAME\tx", "OP\t=", "NAME\tf", "ERRORTOKEN\t\"", "NAME\tom", "NAME\ta", "NEWLINE\t\\n", "ENDMARKER\t",
                "# diagnostics: 1 unterminatedString@1",
            ]),
            DumpCase("t'a{b}'\n", ["NAME\tt", "STRING\t'a{b}'", "NEWLINE\t\\n", "ENDMARKER\t", "# diagnostics: 0"]),
            DumpCase("def f():\n  return 0777\n", [
                "NAME\tdef", "NAME\tf", "OP\t(", "OP\t)", "OP\t:", "NEWLINE\t\\n", "INDENT\t  ", "NAME\treturn",
                "NUMBER\t0", "NUMBER\t777", "NEWLINE\t\\n", "DEDENT\t", "ENDMARKER\t", "# diagnostics: 1 invalidNumber@2",
            ]),
            DumpCase("x\n   ", ["NAME\tx", "NEWLINE\t\\n", "ENDMARKER\t", "# diagnostics: 0"]),
            DumpCase("if x:\n  y\n\n", [
                "NAME\tif", "NAME\tx", "OP\t:", "NEWLINE\t\\n", "INDENT\t  ", "NAME\ty", "NEWLINE\t\\n", "NL\t\\n",
                "DEDENT\t", "ENDMARKER\t", "# diagnostics: 0",
            ]),
            DumpCase(bytes: [0xEF, 0xBB, 0xBF] + Array("x = 'café'\n".utf8), [
                "NAME\tx", "OP\t=", "STRING\t'caf\\xc3\\xa9'", "NEWLINE\t\\n", "ENDMARKER\t", "# diagnostics: 0",
            ]),
        ]

        @Test(arguments: cases)
        func dumpListsTokensAsTokenizeDoes(_ table: DumpCase) {
            let dump = table.source.withUnsafeBufferPointer { TokenDump.tokenizeLines(source: $0) }
            #expect(dump.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) == table.lines)
        }
    }
}
