/// Lists the lexer's tokens the way CPython 3.11's `tokenize` module does, one `TYPE<TAB>text`
/// line per token, so that the lexer can be checked against `tokenize`.
public enum TokenDump {
    /// Text is escaped byte by byte: printable ASCII as is, `\\`, `\t`, `\n`, `\r`, anything
    /// else as `\xHH`; the last line is `# diagnostics: N` and the first diagnostics' kinds and
    /// lines. `tokenize`'s ways are reproduced: an f-string with everything nested in it is one
    /// STRING (3.11 has no f-string tokens); a t-string is a NAME (its prefix) and a STRING; a
    /// lone CR is an ERRORTOKEN (lines split at LF only); a byte `tokenize` cannot match is an
    /// ERRORTOKEN preceded by one per whitespace byte before it; a string unterminated on its
    /// line is its prefix as a NAME, its quote as an ERRORTOKEN and the rest lexed as code; no
    /// NEWLINE is added at the end when the last line starts with `#`.
    public static func tokenizeLines(source: UnsafeBufferPointer<UInt8>) -> String {
        var renderer = Renderer(source: source)
        renderer.run()
        return String(decoding: renderer.output, as: UTF8.self)
    }

    private struct Renderer {
        let source: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        /// The file's lexer, then one lexer per unterminated string whose text `tokenize`
        /// lexes as code after an ERRORTOKEN for the quote (an explicit stack, not recursion).
        var frames: [Frame]
        /// After a lone-CR line break `tokenize` is still on the same line: no INDENT/DEDENT.
        var afterLoneCR = false
        var droppedIndents = 0
        /// End of the previous token and whether a statement starts after it (for `tokenize`'s
        /// ERRORTOKENs for the whitespace before a byte it cannot match).
        var previousEnd = 0
        var atStatementStart = true
        var bracketDepth = 0

        struct Frame {
            var lexer: Lexer
            /// Offset of the lexer's buffer in the file.
            var base: Int
            /// Depth of f-/t-strings being folded into one STRING, and where the outermost began.
            var stringDepth = 0
            var stringStart = 0
            var stringIsTemplate = false
            var lastStringEnd = 0
        }

        init(source: UnsafeBufferPointer<UInt8>) {
            self.source = source
            frames = [Frame(lexer: Lexer(source: source), base: 0)]
            output.reserveCapacity(source.count * 2)
        }

        mutating func run() {
            let end = min(source.count, Int(Int32.max))
            while let frameIndex = frames.indices.last {
                let token = frames[frameIndex].lexer.next()
                let base = frames[frameIndex].base
                let start = base + Int(token.start)
                let tokenEnd = base + Int(token.end)
                let isNested = frameIndex > 0
                let frameEnd = isNested ? base + frames[frameIndex].lexer.sourceCount : end
                if frames[frameIndex].stringDepth > 0 {
                    if foldString(token, start: start, end: tokenEnd, frame: frameIndex, frameEnd: frameEnd) { continue }
                }
                switch token.kind {
                case .fStringStart, .tStringStart:
                    frames[frameIndex].stringDepth = 1
                    frames[frameIndex].stringStart = start
                    frames[frameIndex].stringIsTemplate = token.kind == .tStringStart
                    frames[frameIndex].lastStringEnd = tokenEnd
                    continue
                case .endOfFile where isNested:
                    frames.removeLast()
                    continue
                default:
                    break
                }
                if isNested, token.kind == .indent || token.kind == .dedent
                    || ((token.kind == .newline || token.kind == .nonLogicalNewline) && start == tokenEnd)
                {
                    continue
                }
                render(token, start: start, end: tokenEnd, sourceEnd: end)
                if token.kind == .endOfFile { break }
            }
            let diagnostics = frames.first?.lexer.diagnostics ?? []
            append("# diagnostics: \(diagnostics.count)")
            for diagnostic in diagnostics.prefix(20) {
                append(" \(diagnostic.kind)@\(diagnostic.line)")
            }
            output.append(0x0A)
        }

        /// Folds a token into the f-string being collected; false when the string was cut off
        /// by the end of the file and the token must be rendered on its own.
        mutating func foldString(_ token: Token, start: Int, end: Int, frame: Int, frameEnd: Int) -> Bool {
            switch token.kind {
            case .fStringStart, .tStringStart:
                frames[frame].stringDepth += 1
            case .fStringEnd, .tStringEnd:
                frames[frame].stringDepth -= 1
            case .endOfFile, .dedent, .newline, .nonLogicalNewline:
                if start == frameEnd && end == frameEnd {
                    frames[frame].stringDepth = 0
                    emitFoldedString(frames[frame])
                    return false
                }
            default:
                break
            }
            if end > frames[frame].lastStringEnd { frames[frame].lastStringEnd = end }
            if frames[frame].stringDepth == 0 {
                if token.flags.contains(.unterminated) && !token.flags.contains(.triple) {
                    renderUnterminatedString(start: frames[frame].stringStart, end: frames[frame].lastStringEnd)
                } else {
                    emitFoldedString(frames[frame])
                }
            }
            return true
        }

        mutating func emitFoldedString(_ frame: Frame) {
            var quoteAt = frame.stringStart
            let end = frame.lastStringEnd
            if frame.stringIsTemplate {
                while quoteAt < end, source[quoteAt] != UInt8(ascii: "\""), source[quoteAt] != UInt8(ascii: "'") {
                    quoteAt += 1
                }
                line("NAME", frame.stringStart, quoteAt)
            }
            line("STRING", quoteAt, end)
            previousEnd = end
            atStatementStart = false
        }

        mutating func render(_ token: Token, start: Int, end: Int, sourceEnd: Int) {
            defer {
                if token.kind != .indent && token.kind != .dedent && token.kind != .endOfFile { previousEnd = end }
            }
            switch token.kind {
            case .endOfFile:
                line("ENDMARKER", start, start)
            case .newline, .nonLogicalNewline:
                if end - start == 1, source[start] == 0x0D {
                    afterLoneCR = true
                    errorToken(start, end)
                    return
                } else if start == end {
                    renderImplicitNewline(token.kind, at: start)
                } else {
                    afterLoneCR = false
                    line(token.kind == .newline ? "NEWLINE" : "NL", start, end)
                }
                atStatementStart = token.kind == .newline || bracketDepth == 0
            case .indent:
                if afterLoneCR {
                    droppedIndents += 1
                } else {
                    line("INDENT", start, end)
                }
                previousEnd = end
            case .dedent:
                if afterLoneCR || (start == sourceEnd && droppedIndents > 0) {
                    droppedIndents -= 1
                } else {
                    line("DEDENT", start, start)
                }
            case .comment:
                line("COMMENT", start, end)
            case .number:
                line("NUMBER", start, end)
            case .string:
                if token.flags.contains(.unterminated) && !token.flags.contains(.triple) {
                    renderUnterminatedString(start: start, end: end)
                    return
                }
                line("STRING", start, end)
            case .fStringMiddle, .fStringEnd, .tStringMiddle, .tStringEnd, .fStringStart, .tStringStart:
                line("STRING", start, end)
            case .unknown, .exclamation:
                errorToken(start, end)
                return
            default:
                if token.kind == .name || token.kind.isKeyword {
                    line("NAME", start, end)
                } else {
                    switch token.kind {
                    case .leftParen, .leftBracket, .leftBrace: bracketDepth += 1
                    case .rightParen, .rightBracket, .rightBrace: bracketDepth -= 1
                    default: break
                    }
                    line("OP", start, end)
                }
            }
            if token.kind != .newline && token.kind != .nonLogicalNewline && token.kind != .indent
                && token.kind != .dedent
            {
                atStatementStart = false
            }
        }

        /// `tokenize` cannot match a byte: an ERRORTOKEN for each whitespace byte before it
        /// (unless they are a statement's indentation), then one for the byte.
        mutating func errorToken(_ start: Int, _ end: Int) {
            var first = start
            while first > previousEnd, source[first - 1] == 0x20 || source[first - 1] == 0x09 || source[first - 1] == 0x0C {
                first -= 1
            }
            let atLineStart = first == 0 || source[first - 1] == 0x0A || source[first - 1] == 0x0D
            if !(atLineStart && atStatementStart) {
                for offset in first..<start { line("ERRORTOKEN", offset, offset + 1) }
            }
            line("ERRORTOKEN", start, end)
            previousEnd = end
            atStatementStart = false
        }

        /// A string with no closing quote on its line: `tokenize` lists its prefix as a NAME,
        /// its quote as an ERRORTOKEN, and lexes the rest of the line as code.
        mutating func renderUnterminatedString(start: Int, end: Int) {
            var quoteAt = start
            while quoteAt < end, source[quoteAt] != UInt8(ascii: "\""), source[quoteAt] != UInt8(ascii: "'") {
                quoteAt += 1
            }
            guard quoteAt < end else { return }
            if quoteAt > start {
                line("NAME", start, quoteAt)
                previousEnd = quoteAt
            }
            errorToken(quoteAt, quoteAt + 1)
            let interior = UnsafeBufferPointer(rebasing: source[(quoteAt + 1)..<end])
            frames.append(Frame(lexer: Lexer(source: interior), base: quoteAt + 1))
        }

        /// The lexer's empty NEWLINE/NL at the end of a file without a final line break, shown
        /// by `tokenize`'s rule: no NEWLINE when its last line (after the last LF) starts with `#`.
        mutating func renderImplicitNewline(_ kind: TokenKind, at offset: Int) {
            if kind == .nonLogicalNewline && !afterLoneCR {
                line("NL", offset, offset)
                return
            }
            var lineStart = source.count
            while lineStart > 0, source[lineStart - 1] != 0x0A { lineStart -= 1 }
            if lineStart == 0, source.count >= 3, source[0] == 0xEF, source[1] == 0xBB, source[2] == 0xBF {
                lineStart = 3
            }
            var first = lineStart
            while first < source.count, isStrippable(source[first]) { first += 1 }
            if first < source.count, source[first] == UInt8(ascii: "#") { return }
            line("NEWLINE", offset, offset)
        }

        func isStrippable(_ byte: UInt8) -> Bool {
            byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F)
        }

        mutating func line(_ type: StaticString, _ start: Int, _ end: Int) {
            type.withUTF8Buffer { output.append(contentsOf: $0) }
            output.append(0x09)
            var index = start
            while index < end {
                let byte = source[index]
                switch byte {
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x09: append("\\t")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x20...0x7E: output.append(byte)
                default:
                    let digits: [UInt8] = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
                }
                index += 1
            }
            output.append(0x0A)
        }

        mutating func append(_ text: String) {
            output.append(contentsOf: text.utf8)
        }
    }
}
