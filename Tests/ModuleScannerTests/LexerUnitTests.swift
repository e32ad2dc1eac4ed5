import Testing
@testable import ModuleScanner

/// The lexer's parts: keyword lookup, byte classes, UTF-8 validation, the indentation stack,
/// the cursor, and the line of each token.
extension LexerTests {
    @Suite struct Units {
        static let keywords: [(String, TokenKind)] = [
            ("False", .kwFalse), ("None", .kwNone), ("True", .kwTrue), ("and", .kwAnd), ("as", .kwAs),
            ("assert", .kwAssert), ("async", .kwAsync), ("await", .kwAwait), ("break", .kwBreak),
            ("class", .kwClass), ("continue", .kwContinue), ("def", .kwDef), ("del", .kwDel), ("elif", .kwElif),
            ("else", .kwElse), ("except", .kwExcept), ("finally", .kwFinally), ("for", .kwFor), ("from", .kwFrom),
            ("global", .kwGlobal), ("if", .kwIf), ("import", .kwImport), ("in", .kwIn), ("is", .kwIs),
            ("lambda", .kwLambda), ("nonlocal", .kwNonlocal), ("not", .kwNot), ("or", .kwOr), ("pass", .kwPass),
            ("raise", .kwRaise), ("return", .kwReturn), ("try", .kwTry), ("while", .kwWhile), ("with", .kwWith),
            ("yield", .kwYield),
        ]

        @Test func everyKeywordHasItsKindWhateverFollowsInTheBuffer() {
            for (word, kind) in Units.keywords {
                for suffix in ["", " = 1", "(x)xxxxxxxxxx"] {
                    let bytes = Array((word + suffix).utf8)
                    let found = bytes.withUnsafeBufferPointer {
                        Keywords.kind($0.baseAddress!, count: word.utf8.count, readable: $0.count)
                    }
                    #expect(found == kind, "\(word)\(suffix)")
                }
            }
        }

        @Test func wordsNearKeywordsAreNames() {
            for word in ["i", "fals", "Nonee", "classs", "continu", "nonlocax", "continues", "IF", "Def", "a", "x_"] {
                let bytes = Array(word.utf8)
                let found = bytes.withUnsafeBufferPointer {
                    Keywords.kind($0.baseAddress!, count: $0.count, readable: $0.count)
                }
                #expect(found == .name, "\(word)")
            }
            #expect(lex("match case type _ soft\n").tokens.allSatisfy { $0.kind == .name || $0.kind == .newline })
        }

        @Test func byteClassesCoverEveryByte() {
            #expect(Lexer.byteClasses.utf8CodeUnitCount == 256)
            for byte in 0...255 {
                let value = UInt8(byte)
                let expected = Lexer.isASCIIIdentifierStart(value) || Lexer.isDecimalDigit(value)
                #expect(Lexer.isASCIIIdentifierContinue(value) == expected, "byte \(byte)")
            }
        }

        /// The scanners' stop tables, against the rules their doc comments state.
        @Test func stopTablesStopWhereTheirRulesSay() {
            #expect(Lexer.stringStops.utf8CodeUnitCount == 256 && Lexer.skimStops.utf8CodeUnitCount == 256)
            let stop = Lexer.skimStop
            for byte in 0...255 {
                let value = UInt8(byte)
                let inString = value <= 0x0D || value >= 0x80 || value == 0x22 || value == 0x27 || value == 0x5C
                #expect((Lexer.stringStops.utf8Start[byte] == stop) == inString, "string, byte \(byte)")
                let passedInBody =
                    Lexer.isASCIIIdentifierStart(value) && value != UInt8(ascii: "y")
                    || Array(" %&*+,-./:;<=>@^|~".utf8).contains(value)
                #expect((Lexer.skimStops.utf8Start[byte] == stop) == !passedInBody, "body, byte \(byte)")
            }
        }

        /// The sixteen bytes of a lane mask, lane 0 first.
        static func laneBytes(_ halves: SIMD2<UInt64>) -> [UInt8] {
            (0..<16).map { lane in UInt8(truncatingIfNeeded: halves[lane / 8] >> UInt64(lane % 8 * 8)) }
        }

        /// The sixteen-byte test `skipToStop` marks stops with agrees with the tables for every
        /// byte in every lane, and the skip finds the first stop a byte-by-byte walk finds.
        @Test func vectorStopTestsAgreeWithTheTables() {
            for byte in 0...255 {
                for lane in 0..<16 {
                    var block = SIMD16<UInt8>(repeating: UInt8(ascii: "a"))
                    block[lane] = UInt8(byte)
                    for (set, table) in [(Lexer.StopSet.skim, Lexer.skimStops), (.string, Lexer.stringStops)] {
                        let lanes = Self.laneBytes(Lexer.stopLanes(block, set))
                        var expected = [UInt8](repeating: 0, count: 16)
                        if table.utf8Start[byte] == Lexer.skimStop { expected[lane] = 0xFF }
                        #expect(lanes == expected, "\(set), byte \(byte), lane \(lane)")
                    }
                }
            }
            var generator = SeededGenerator(seed: 0x5707)
            let common = Array("abc_xyz ,.=+".utf8)
            for round in 0..<4000 {
                let length = Int.random(in: 0...80, using: &generator)
                var bytes = (0..<length).map { _ in common.randomElement(using: &generator)! }
                if !bytes.isEmpty, Bool.random(using: &generator) {
                    bytes[Int.random(in: 0..<length, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                let from = Int.random(in: 0...length, using: &generator)
                bytes.withUnsafeBufferPointer { buffer in
                    let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                    for (set, table) in [(Lexer.StopSet.skim, Lexer.skimStops), (.string, Lexer.stringStops)] {
                        var expected = from
                        while expected < length, table.utf8Start[Int(bytes[expected])] != Lexer.skimStop { expected += 1 }
                        let found = Lexer.skipToStop(base, from: from, count: length, stops: table.utf8Start, set: set)
                        #expect(found == expected, "round \(round), \(set), from \(from): \(bytes)")
                    }
                }
            }
        }

        @Test(arguments: [
            ([0xC3, 0xA9], 2), ([0xE2, 0x82, 0xAC], 3), ([0xF0, 0x9F, 0x98, 0x80], 4), ([0xF4, 0x8F, 0xBF, 0xBF], 4),
            ([0xC0, 0xAF], 0), ([0xC1, 0xBF], 0), ([0xE0, 0x80, 0xAF], 0), ([0xED, 0xA0, 0x80], 0),
            ([0xF0, 0x80, 0x80, 0xAF], 0), ([0xF4, 0x90, 0x80, 0x80], 0), ([0xF5, 0x80, 0x80, 0x80], 0),
            ([0x80], 0), ([0xC3], 0), ([0xE2, 0x82], 0), ([0xFF], 0),
        ] as [([UInt8], Int)])
        func utf8SequencesAreValidated(_ bytes: [UInt8], _ length: Int) {
            let found = bytes.withUnsafeBufferPointer {
                Lexer.utf8SequenceLength($0.baseAddress!, at: 0, count: $0.count)
            }
            #expect(found == length)
        }

        @Test func indentationStackFollowsCPython() {
            var stack = IndentationStack()
            #expect(stack.apply(column: 4, altColumn: 4).indent)
            #expect(stack.apply(column: 8, altColumn: 5).indent)
            let equal = stack.apply(column: 8, altColumn: 5)
            #expect(!equal.indent && equal.dedents == 0 && equal.error == nil)
            let two = stack.apply(column: 0, altColumn: 0)
            #expect(two.dedents == 2 && two.error == nil && stack.depth == 0)

            #expect(stack.apply(column: 8, altColumn: 1).indent)
            #expect(stack.apply(column: 8, altColumn: 8).error == .tabsInconsistent)
            #expect(stack.apply(column: 16, altColumn: 1).error == .tabsInconsistent)

            var dedent = IndentationStack()
            _ = dedent.apply(column: 4, altColumn: 4)
            _ = dedent.apply(column: 8, altColumn: 8)
            let inconsistent = dedent.apply(column: 6, altColumn: 6)
            #expect(inconsistent.error == .inconsistentDedent && inconsistent.dedents == 0 && dedent.depth == 2)
            #expect(dedent.apply(column: 6, altColumn: 6).error == nil)
            #expect(dedent.popAtEnd() && dedent.popAtEnd() && !dedent.popAtEnd())
        }

        @Test func cursorPeeksZeroPastTheEnd() {
            let bytes: [UInt8] = Array("ab  c".utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var cursor = Cursor(buffer)
                #expect(cursor.peek() == UInt8(ascii: "a") && cursor.peek(at: 1) == UInt8(ascii: "b"))
                #expect(cursor.peek(at: 5) == 0)
                #expect(!cursor.eat(UInt8(ascii: "b")) && cursor.eat(UInt8(ascii: "a")))
                cursor.advance(while: { $0 != 0x20 })
                #expect(cursor.offset == 2)
                cursor.advance(by: 100)
                #expect(cursor.isAtEnd && cursor.offset == 5 && cursor.peek() == 0)
                cursor.advance()
                #expect(cursor.offset == 5)
            }
            let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            #expect(Cursor(empty).isAtEnd && Cursor(empty).peek() == 0)
            var lexer = Lexer(source: empty)
            #expect(lexer.next().kind == .endOfFile && lexer.next().kind == .endOfFile)
        }

        @Test(arguments: LineEnding.allCases)
        func tokenStartLinesCountEveryKindOfLineBreak(_ ending: LineEnding) {
            let source = ending.apply("""
                @decorator
                def f(a,
                      b):
                    '''doc
                    string'''
                    x = 1 + \\
                        2
                    return f'''{
                    x}'''

                class C:
                    pass
                """)
            let result = lex(source)
            func line(of kind: TokenKind) -> Int32? {
                result.raw.firstIndex { $0.kind == kind }.map { result.lines[$0] }
            }
            #expect(line(of: .at) == 1)
            #expect(line(of: .kwDef) == 2)
            #expect(line(of: .string) == 4)
            #expect(line(of: .number) == 6)
            #expect(result.raw.lastIndex { $0.kind == .number }.map { result.lines[$0] } == 7)
            #expect(line(of: .kwReturn) == 8)
            #expect(line(of: .fStringEnd) == 9)
            #expect(line(of: .kwClass) == 11)
            #expect(line(of: .kwPass) == 12)
            #expect(result.lines.last == 12)
        }

        @Test func aBOMIsSkippedButOffsetsStayInTheOriginalBuffer() {
            let result = lex(bytes: [0xEF, 0xBB, 0xBF] + Array("x\n".utf8))
            #expect(result.raw.first?.start == 3 && result.raw.first?.end == 4)
            #expect(result.raw.first?.kind == .name)
        }

        @Test func flagsDescribeStrings() {
            let result = lex("rb'a' f\"\"\"x\"\"\" 'é' u'x' T'{1}'\n")
            let flags = result.raw.map(\.flags)
            #expect(flags[0] == [.raw, .bytes])
            #expect(flags[1] == [.fString, .triple, .doubleQuote])
            #expect(result.raw[2].kind == .fStringMiddle && flags[2].contains(.fString))
            #expect(flags[4] == [.nonASCII])
            #expect(flags[5] == [.unicode])
            #expect(result.raw[6].kind == .tStringStart && flags[6] == [.tString])
            #expect(lex("'abc\n").raw[0].flags == [.unterminated])
            #expect(lex("naïve\n").raw[0].flags == [.nonASCII])
        }
    }
}
