import ModuleScanner

/// The exception line CPython 3.11 prints for a module it refuses to compile, for each kind of
/// error the scanner finds (`SyntaxError: '(' was never closed`).
enum SyntaxErrorText {
    /// The `E   ` lines pytest shows for a module CPython would refuse, or nil when it compiles:
    /// the error CPython meets first (parse errors where they stand, an unclosed bracket at the end).
    static func lines(for module: LoadedModule) -> [String]? {
        guard var diagnostics = module.summary?.diagnostics, !diagnostics.isEmpty else { return nil }
        if diagnostics.contains(where: { $0.kind == .invalidUTF8 }) {
            // CPython 3.11 never decodes comments: undecodable bytes there are accepted.
            let comments = commentRanges(module)
            diagnostics.removeAll { diagnostic in
                diagnostic.kind == .invalidUTF8
                    && comments.contains { $0.contains(diagnostic.range.lowerBound) }
            }
            if diagnostics.isEmpty { return nil }
        }
        let first = diagnostics.min { detection($0) < detection($1) }!
        let message = message(for: first, in: module)
        if first.kind == .nulByte { return [message] }
        let (_, text) = module.lineAndText(at: first.range.lowerBound)
        return ["  File \"\(module.path)\", line \(first.line)", "    \(text)", message]
    }

    private static func commentRanges(_ module: LoadedModule) -> [Range<Int32>] {
        module.source.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            var ranges: [Range<Int32>] = []
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                if token.kind == .comment { ranges.append(token.start..<token.end) }
            }
            return ranges
        }
    }

    /// `(unicode error) 'utf-8' codec can't decode byte 0x.. in position N: reason`, where
    /// CPython decodes the token holding the byte (a string literal's body, a name…).
    private static func unicodeError(at offset: Int32, in module: LoadedModule) -> String {
        let source = module.source
        var start = 0, end = source.count
        source.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                guard token.start <= offset && offset < token.end else { continue }
                start = Int(token.start)
                end = Int(token.end)
                if token.kind == .string {
                    var i = start
                    while i < end, source[i] != 0x27, source[i] != 0x22 { i += 1 }
                    let quote = i < end ? source[i] : 0x22
                    let triple = i + 2 < end && source[i + 1] == quote && source[i + 2] == quote
                    start = i + (triple ? 3 : 1)
                    end = max(start, end - (triple ? 3 : 1))
                }
                break
            }
        }
        let bad = Int(offset)
        let byte = bad < source.count ? source[bad] : 0
        let needed: Int
        switch byte {
        case 0xC2...0xDF: needed = 1
        case 0xE0...0xEF: needed = 2
        case 0xF0...0xF4: needed = 3
        default: needed = 0
        }
        var reason = "invalid start byte"
        if needed > 0 {
            reason = "unexpected end of data"
            for k in 1...needed {
                let index = bad + k
                if index >= end { break }
                if source[index] & 0xC0 != 0x80 {
                    reason = "invalid continuation byte"
                    break
                }
            }
        }
        let hex = String(byte, radix: 16)
        return "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x\(hex.count == 1 ? "0" + hex : hex) in position \(bad - start): \(reason)"
    }

    private static func detection(_ diagnostic: ScanDiagnostic) -> Int64 {
        diagnostic.kind == .unclosedBracket ? Int64(Int32.max) + Int64(diagnostic.range.lowerBound) : Int64(diagnostic.range.lowerBound)
    }

    static func message(for diagnostic: ScanDiagnostic, in module: LoadedModule) -> String {
        let source = module.source
        func text(_ range: Range<Int32>) -> String {
            let lower = max(0, min(Int(range.lowerBound), source.count))
            let upper = max(lower, min(Int(range.upperBound), source.count))
            return String(decoding: source[lower..<upper], as: UTF8.self)
        }
        let lastLine = Int32(lineCount(source))
        switch diagnostic.kind {
        case .unterminatedString:
            return "SyntaxError: unterminated string literal (detected at line \(diagnostic.line))"
        case .unterminatedTripleQuotedString:
            return "SyntaxError: unterminated triple-quoted string literal (detected at line \(lastLine))"
        case .unclosedBracket:
            return "SyntaxError: '\(text(diagnostic.range))' was never closed"
        case .unmatchedBracket:
            return "SyntaxError: unmatched '\(text(diagnostic.range))'"
        case .mismatchedBracket:
            let closer = text(diagnostic.range)
            guard let (opener, openerLine) = openingBracket(before: diagnostic.range.lowerBound, in: module) else {
                return "SyntaxError: closing parenthesis '\(closer)' does not match opening parenthesis"
            }
            let onLine = openerLine == diagnostic.line ? "" : " on line \(openerLine)"
            return "SyntaxError: closing parenthesis '\(closer)' does not match opening parenthesis '\(opener)'\(onLine)"
        case .inconsistentDedent:
            return "IndentationError: unindent does not match any outer indentation level"
        case .unexpectedIndent:
            return "IndentationError: unexpected indent"
        case .tabsInconsistent:
            return "TabError: inconsistent use of tabs and spaces in indentation"
        case .nulByte:
            return "SyntaxError: source code string cannot contain null bytes"
        case .invalidUTF8:
            return unicodeError(at: diagnostic.range.lowerBound, in: module)
        case .invalidCharacter:
            return "SyntaxError: invalid character '\(text(diagnostic.range))'"
        case .lineContinuationError:
            return "SyntaxError: unexpected character after line continuation character"
        case .nestingTooDeep:
            // The lexer caps brackets (CPython: 200) and indentation (CPython: 100) alike.
            let offset = Int(diagnostic.range.lowerBound)
            var start = offset
            while start > 0, source[start - 1] == 32 || source[start - 1] == 9 || source[start - 1] == 12 { start -= 1 }
            let atLineStart = start == 0 || source[start - 1] == 10 || source[start - 1] == 13
            let isBracket = offset < source.count && [UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{")].contains(source[offset])
            return atLineStart && !isBracket
                ? "IndentationError: too many levels of indentation" : "SyntaxError: too many nested parentheses"
        default:
            return "SyntaxError: invalid syntax"
        }
    }

    /// Lines in the file, a final line break not starting another one.
    private static func lineCount(_ source: [UInt8]) -> Int {
        var lines = 0
        var previous: UInt8 = 0
        for byte in source {
            if byte == 10 && previous != 13 { lines += 1 }
            if byte == 13 { lines += 1 }
            previous = byte
        }
        if let last = source.last, last != 10, last != 13 { lines += 1 }
        return max(lines, 1)
    }

    /// The innermost bracket still open just before `offset`, and its line.
    private static func openingBracket(before offset: Int32, in module: LoadedModule) -> (String, Int32)? {
        module.source.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(source: buffer)
            var stack: [(String, Int32)] = []
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile || token.start >= offset { break }
                switch token.kind {
                case .leftParen: stack.append(("(", lexer.tokenStartLine))
                case .leftBracket: stack.append(("[", lexer.tokenStartLine))
                case .leftBrace: stack.append(("{", lexer.tokenStartLine))
                case .rightParen, .rightBracket, .rightBrace: if !stack.isEmpty { stack.removeLast() }
                default: break
                }
            }
            return stack.last
        }
    }
}
