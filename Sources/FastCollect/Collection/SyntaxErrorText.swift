import ModuleScanner

/// The exception line CPython 3.11 prints for a module it refuses to compile, for each kind of
/// error the scanner finds (`SyntaxError: '(' was never closed`).
enum SyntaxErrorText {
    /// The `E   ` lines pytest shows for a module CPython would refuse, or nil when it compiles:
    /// the error CPython meets first (parse errors where they stand, an unclosed bracket at the end).
    static func lines(for module: LoadedModule) -> [String]? {
        guard var diagnostics = module.summary?.diagnostics, !diagnostics.isEmpty else { return nil }
        // `compile()` refuses a NUL anywhere before it decodes or tokenizes anything (and the
        // lexer keeps at most 1,000 diagnostics, so a binary file's NUL may not be among them).
        if module.source.contains(0) { return ["SyntaxError: source code string cannot contain null bytes"] }
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
                if token.kind != .string {
                    // CPython's tokenizer takes every byte above 0x7F into a name, so the name it
                    // decodes runs over the ASCII name before the bad byte and the bytes after it.
                    func inName(_ byte: UInt8) -> Bool {
                        byte >= 0x80 || byte == 0x5F || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    }
                    while start > 0, inName(source[start - 1]) { start -= 1 }
                    while end < source.count, inName(source[end]) { end += 1 }
                }
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
        // Python's UTF-8 decoder: the lead byte's length, and the range its second byte must be in.
        let needed: Int
        var secondLow: UInt8 = 0x80, secondHigh: UInt8 = 0xBF
        switch byte {
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; secondLow = 0xA0
        case 0xED: needed = 2; secondHigh = 0x9F
        case 0xE1...0xEF: needed = 2
        case 0xF0: needed = 3; secondLow = 0x90
        case 0xF4: needed = 3; secondHigh = 0x8F
        case 0xF1...0xF3: needed = 3
        default: needed = 0
        }
        var reason = "invalid start byte"
        var valid = 0  // continuation bytes that fit before the sequence breaks off
        if needed > 0 {
            reason = "unexpected end of data"
            for k in 1...needed {
                let index = bad + k
                if index >= end { break }
                let low = k == 1 ? secondLow : 0x80, high = k == 1 ? secondHigh : 0xBF
                if source[index] < low || source[index] > high {
                    reason = "invalid continuation byte"
                    break
                }
                valid = k
            }
        }
        let position = bad - start
        if valid > 0 {
            return "SyntaxError: (unicode error) 'utf-8' codec can't decode bytes in position \(position)-\(position + valid): \(reason)"
        }
        let hex = String(byte, radix: 16)
        return "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x\(hex.count == 1 ? "0" + hex : hex) in position \(position): \(reason)"
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
            return invalidCharacter(text(diagnostic.range))
        case .lineContinuationError:
            // A backslash with nothing after it but (at most) one line break: the parser hits the end.
            if Int(diagnostic.range.upperBound) >= source.count { return "SyntaxError: unexpected EOF while parsing" }
            return "SyntaxError: unexpected character after line continuation character"
        case .undecodableSource:
            // The tokenizer decodes through a text file object whose decoder sees 8 KiB chunks;
            // the position is exact for a byte in the first chunk.
            let byte = Int(diagnostic.range.lowerBound) < source.count ? source[Int(diagnostic.range.lowerBound)] : 0
            return "SyntaxError: 'ascii' codec can't decode byte 0x\(String(byte, radix: 16)) in position \(diagnostic.range.lowerBound): ordinal not in range(128)"
        case .invalidEncoding:
            return encodingError(name: text(diagnostic.range), afterBOM: source.starts(with: [0xEF, 0xBB, 0xBF]))
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

    /// CPython's tokenizer on a character that starts no token: `invalid character '€' (U+20AC)`,
    /// or `invalid non-printable character U+0019` for one `str.isprintable` rejects.
    private static func invalidCharacter(_ text: String) -> String {
        guard let scalar = text.unicodeScalars.first else { return "SyntaxError: invalid syntax" }
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        let printable: Bool
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            printable = false
        case .spaceSeparator:
            printable = scalar == " "
        default:
            printable = true
        }
        return printable
            ? "SyntaxError: invalid character '\(text)' (U+\(hex))"
            : "SyntaxError: invalid non-printable character U+\(hex)"
    }

    /// A coding cookie CPython refuses: an unknown codec, or another codec than UTF-8 after a BOM
    /// (named as `get_normal_name` spells it: `utf-8`, `iso-8859-1`, or as written).
    private static func encodingError(name: String, afterBOM: Bool) -> String {
        guard afterBOM else { return "SyntaxError: unknown encoding: \(name)" }
        let lowered = String(name.lowercased().map { $0 == "_" ? "-" : $0 }.prefix(12))
        var normal = name
        if lowered == "utf-8" || lowered.hasPrefix("utf-8-") {
            normal = "utf-8"
        } else if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(where: { lowered == $0 || lowered.hasPrefix($0 + "-") }) {
            normal = "iso-8859-1"
        }
        return "SyntaxError: encoding problem: \(normal) with BOM"
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
