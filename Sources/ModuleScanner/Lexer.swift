/// Python's tokenizer (3.8–3.14 syntax, f-strings as in 3.12+) over UTF-8 bytes: one `Token`
/// per `next()` call; errors are recorded in `diagnostics` and the scan goes on to the end.
public struct Lexer {
    /// Errors found so far, in source order, each with its byte range and line.
    public private(set) var diagnostics: [ScanDiagnostic] = []
    /// 1-based line of the start of the token most recently returned.
    public private(set) var tokenStartLine: Int32 = 1

    var cursor: Cursor
    /// 1-based line of the cursor.
    private var line: Int32 = 1
    private var state: LineState = .lineStart
    private var pendingDedents = 0
    private var indentation = IndentationStack()
    /// Open brackets, counted without limit; `closers` holds the closing byte expected at
    /// each of the first `maxNesting` levels.
    private var nesting = 0
    private var closers = InlineArray<200, UInt8>(repeating: 0)
    /// Where the outermost open bracket is, for the error at the end of the file.
    private var outermostBracketOffset: Int32 = 0
    private var outermostBracketLine: Int32 = 0
    private var fStrings: [FStringContext] = [] {
        didSet { fStringDepth = fStrings.count }
    }
    /// `fStrings.count`, kept in the lexer itself for the check on every token.
    private var fStringDepth = 0
    /// False when a coding cookie declares another encoding than UTF-8.
    private var validatesUTF8 = true

    /// CPython's limits: `MAXLEVEL` for brackets, `MAXFSTRINGLEVEL` for nested f-strings.
    static let maxNesting = 200
    static let maxFStringNesting = 150
    /// More diagnostics than this are dropped, so that a binary file cannot grow the array without bound.
    static let maxDiagnostics = 1000

    private enum LineState: UInt8 {
        /// At the start of a physical line that begins a logical line: indentation comes next.
        case lineStart
        /// On a line holding only whitespace so far, whose line break will be an NL.
        case blankLine
        /// On a blank line after its comment.
        case commentLine
        /// Inside a logical line.
        case inLine
    }

    private struct FStringContext {
        var flags: TokenFlags
        var quote: UInt8
        var isTriple: Bool
        var isRaw: Bool
        var isTemplate: Bool
        /// Bracket nesting when the string opened; brackets above it belong to replacement fields.
        var nesting: Int
        /// How many of the open replacement fields are in their format spec.
        var formatSpecDepth: Int
        var start: Int32
        var line: Int32
    }

    /// Number of bytes the lexer reads.
    var sourceCount: Int { cursor.count }

    public init(source: UnsafeBufferPointer<UInt8>) {
        cursor = Cursor(source)
        if source.count > cursor.count {
            report(.sourceTooLarge, from: cursor.count, to: cursor.count)
        }
        if cursor.peek() == 0xEF, cursor.peek(at: 1) == 0xBB, cursor.peek(at: 2) == 0xBF {
            cursor.advance(by: 3)
        }
        if let cookie = CodingCookie.find(in: cursor.base, count: cursor.count, start: cursor.offset) {
            validatesUTF8 = cookie.encoding == .utf8
            if cookie.encoding == .invalid {
                report(.invalidEncoding, from: cookie.range.lowerBound, to: cookie.range.upperBound)
            }
        }
    }

    #if DEBUG
    /// Tokens returned in a row without the cursor moving (debug builds: the progress check).
    private var stalledTokens = 0
    private var lastTokenOffset = -1
    #endif

    /// The next token; `.endOfFile` forever once the source is exhausted.
    public mutating func next() -> Token {
        #if DEBUG
        let token = nextToken()
        if cursor.offset != lastTokenOffset || token.kind == .endOfFile {
            lastTokenOffset = cursor.offset
            stalledTokens = 0
        } else {
            // Only zero-width tokens may repeat in place: the DEDENTs of one line (at most
            // one per indentation level), the NEWLINE/NL and DEDENTs at the end, and the
            // closing of each unterminated f-string.
            stalledTokens &+= 1
            assert(stalledTokens <= IndentationStack.maxDepth &+ Lexer.maxFStringNesting &+ 8, "lexer made no progress")
        }
        return token
        #else
        return nextToken()
        #endif
    }

    @inline(__always)
    private mutating func nextToken() -> Token {
        if pendingDedents | fStringDepth == 0 {
            return lexToken()
        }
        if pendingDedents > 0 {
            pendingDedents &-= 1
            tokenStartLine = line
            return Token(kind: .dedent, start: cursor.offset32, end: cursor.offset32)
        }
        if let context = fStrings.last, !isInExpression(context) {
            if let token = lexFStringMiddleOrEnd() { return token }
        }
        return lexToken()
    }

    // MARK: - Lines and indentation

    @inline(__always)
    private mutating func lexToken() -> Token {
        if state == .lineStart, let token = lexIndentation() {
            return token
        }
        while true {
            let loopStart = cursor.offset
            skipWhitespace()
            let start = cursor.offset
            tokenStartLine = line
            if cursor.isAtEnd { return lexEndOfFile() }
            let byte = cursor.peek()
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                return lexNameOrPrefixedString(start: start)
            case 0x80...0xFF:
                return lexNonASCIIName(start: start)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return lexNumber(start: start)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return lexString(start: start, flags: [])
            case UInt8(ascii: "#"):
                return lexComment(start: start)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return lexNewline(start: start)
            case UInt8(ascii: "\\"):
                cursor.advance()
                let startLine = line
                if eatLineBreak() {
                    if cursor.isAtEnd {
                        report(.lineContinuationError, from: start, to: cursor.offset, line: startLine)
                    }
                    assert(cursor.offset > loopStart, "lexer made no progress")
                    continue
                }
                report(.lineContinuationError, from: start, to: start &+ 1)
                return Token(kind: .unknown, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
            default:
                return lexOperator(start: start, byte: byte)
            }
        }
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        let bytes = cursor.base
        let count = cursor.count
        var index = cursor.offset
        while index < count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0C else { break }
            index &+= 1
        }
        cursor.move(to: index)
    }

    /// Consumes `\n`, `\r\n` or `\r` and counts the line; false when none is next.
    private mutating func eatLineBreak() -> Bool {
        switch cursor.peek() {
        case 0x0A:
            cursor.advance()
        case 0x0D:
            cursor.advance()
            _ = cursor.eat(0x0A)
        default:
            return false
        }
        line &+= 1
        return true
    }

    /// At the start of a logical line: measures the indentation and returns INDENT or the first
    /// DEDENT, or nil when the line is blank or keeps its level.
    private mutating func lexIndentation() -> Token? {
        let bytes = cursor.base
        let count = cursor.count
        let lineStart = cursor.offset
        var index = lineStart
        var column = 0
        var altColumn = 0
        measuring: while index < count {
            switch bytes[index] {
            case 0x20:
                column &+= 1
                altColumn &+= 1
            case 0x09:
                column = (column / 8 &+ 1) &* 8
                altColumn &+= 1
            case 0x0C:
                column = 0
                altColumn = 0
            default:
                break measuring
            }
            index &+= 1
        }
        cursor.move(to: index)
        if index >= count {
            state = .blankLine
            return nil
        }
        let byte = bytes[index]
        if byte == UInt8(ascii: "#") || byte == 0x0A || byte == 0x0D {
            state = .blankLine
            return nil
        }
        if column == 0 && indentation.depth == 0 {
            state = .inLine
            return nil
        }
        state = .inLine
        let change = indentation.apply(column: column, altColumn: altColumn)
        if let error = change.error {
            report(error, from: lineStart, to: cursor.offset)
        }
        tokenStartLine = line
        if change.indent {
            return Token(kind: .indent, start: Int32(truncatingIfNeeded: lineStart), end: cursor.offset32)
        }
        if change.dedents > 0 {
            pendingDedents = change.dedents &- 1
            return Token(kind: .dedent, start: cursor.offset32, end: cursor.offset32)
        }
        return nil
    }

    private mutating func lexNewline(start: Int) -> Token {
        _ = eatLineBreak()
        let kind: TokenKind
        switch state {
        case .blankLine, .commentLine, .lineStart:
            kind = .nonLogicalNewline
            state = .lineStart
        case .inLine:
            if nesting > 0 {
                kind = .nonLogicalNewline
            } else {
                kind = .newline
                state = .lineStart
            }
        }
        return Token(kind: kind, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
    }

    private mutating func lexEndOfFile() -> Token {
        let end = cursor.offset
        while let context = fStrings.popLast() {
            report(context.isTriple ? .unterminatedTripleQuotedString : .unterminatedString,
                   from: Int(context.start), to: end, line: context.line)
            nesting = min(nesting, context.nesting)
        }
        if nesting > 0 {
            report(.unclosedBracket, from: Int(outermostBracketOffset), to: Int(outermostBracketOffset) &+ 1,
                   line: outermostBracketLine)
            nesting = 0
        }
        let end32 = Int32(truncatingIfNeeded: end)
        switch state {
        case .inLine:
            state = .lineStart
            return Token(kind: .newline, start: end32, end: end32)
        case .commentLine:
            state = .lineStart
            return Token(kind: .nonLogicalNewline, start: end32, end: end32)
        case .lineStart, .blankLine:
            break
        }
        if indentation.popAtEnd() {
            return Token(kind: .dedent, start: end32, end: end32)
        }
        return Token(kind: .endOfFile, start: end32, end: end32)
    }

    // MARK: - Names, numbers, comments

    @inline(__always)
    private mutating func lexNameOrPrefixedString(start: Int) -> Token {
        let bytes = cursor.base
        let count = cursor.count
        var index = start &+ 1
        let classes = Lexer.byteClasses.utf8Start
        while index < count, classes[Int(bytes[index])] <= Lexer.digitClass { index &+= 1 }
        if index < count, bytes[index] >= 0x80 {
            cursor.move(to: index)
            return finishNonASCIIName(start: start)
        }
        let length = index &- start
        if length <= 2, index < count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'"),
           let flags = Lexer.stringPrefixFlags(bytes + start, count: length)
        {
            cursor.move(to: index)
            return lexString(start: start, flags: flags)
        }
        cursor.move(to: index)
        let kind = Keywords.kind(bytes + start, count: length, readable: count &- start)
        return Token(kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: index))
    }

    private mutating func lexNonASCIIName(start: Int) -> Token {
        let length = Lexer.utf8SequenceLength(cursor.base, at: start, count: cursor.count)
        if length == 0 && validatesUTF8 {
            cursor.advance()
            report(.invalidUTF8, from: start, to: cursor.offset)
            return Token(kind: .unknown, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
        }
        return finishNonASCIIName(start: start)
    }

    /// Continues a name from the cursor over ASCII identifier bytes and well-formed non-ASCII
    /// sequences; an ill-formed byte ends the name and becomes the next token.
    private mutating func finishNonASCIIName(start: Int) -> Token {
        let bytes = cursor.base
        let count = cursor.count
        var index = cursor.offset
        var flags: TokenFlags = []
        while index < count {
            let byte = bytes[index]
            let before = index
            if byte < 0x80 {
                guard Lexer.isASCIIIdentifierContinue(byte) else { break }
                index &+= 1
            } else {
                let length = validatesUTF8 ? Lexer.utf8SequenceLength(bytes, at: index, count: count) : 1
                guard length > 0 else { break }
                flags.insert(.nonASCII)
                index &+= length
            }
            assert(index > before, "name scan made no progress")
        }
        cursor.move(to: index)
        return Token(kind: .name, flags: flags, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
    }

    private mutating func lexComment(start: Int) -> Token {
        let bytes = cursor.base
        let count = cursor.count
        var index = start &+ 1
        var flags: TokenFlags = []
        while index < count {
            let byte = bytes[index]
            let before = index
            if byte > 0x0D && byte < 0x80 {
                index &+= 1
            } else if byte == 0x0A || byte == 0x0D {
                break
            } else if byte >= 0x80 {
                flags.insert(.nonASCII)
                index &+= validateNonASCII(at: index)
            } else {
                if byte == 0 { report(.nulByte, from: index, to: index &+ 1) }
                index &+= 1
            }
            assert(index > before, "comment scan made no progress")
        }
        cursor.move(to: index)
        if state == .blankLine { state = .commentLine }
        return Token(kind: .comment, flags: flags, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
    }

    private mutating func lexNumber(start: Int) -> Token {
        let bytes = cursor.base
        let count = cursor.count
        var index = start
        func byte(_ at: Int) -> UInt8 { at < count ? bytes[at] : 0 }
        /// Consumes `_?digit` repeatedly; returns how many digits.
        func digits(_ isDigit: (UInt8) -> Bool) -> Int {
            var found = 0
            while true {
                let current = byte(index)
                let before = index
                if isDigit(current) {
                    index &+= 1
                } else if current == UInt8(ascii: "_"), isDigit(byte(index &+ 1)) {
                    index &+= 2
                } else {
                    return found
                }
                assert(index > before, "digit scan made no progress")
                found &+= 1
            }
        }
        let first = byte(index)
        let second = byte(index &+ 1) | 0x20
        var invalid = false
        if first == UInt8(ascii: "0"), second == UInt8(ascii: "x") || second == UInt8(ascii: "o") || second == UInt8(ascii: "b") {
            index &+= 2
            let found: Int
            switch second {
            case UInt8(ascii: "x"): found = digits(Lexer.isHexDigit)
            case UInt8(ascii: "o"): found = digits { $0 >= 0x30 && $0 <= 0x37 }
            default: found = digits { $0 == 0x30 || $0 == 0x31 }
            }
            if found == 0 {
                index = start &+ 1
                invalid = true
            } else if Lexer.isDecimalDigit(byte(index)) {
                invalid = true
            }
        } else {
            var isInteger = true
            if first != UInt8(ascii: ".") {
                _ = digits(Lexer.isDecimalDigit)
                if byte(index) == UInt8(ascii: ".") {
                    index &+= 1
                    isInteger = false
                    _ = digits(Lexer.isDecimalDigit)
                }
            } else {
                index &+= 1
                isInteger = false
                _ = digits(Lexer.isDecimalDigit)
            }
            if byte(index) | 0x20 == UInt8(ascii: "e") {
                var exponent = index &+ 1
                if byte(exponent) == UInt8(ascii: "+") || byte(exponent) == UInt8(ascii: "-") { exponent &+= 1 }
                if Lexer.isDecimalDigit(byte(exponent)) {
                    index = exponent
                    _ = digits(Lexer.isDecimalDigit)
                    isInteger = false
                }
            }
            if byte(index) | 0x20 == UInt8(ascii: "j") {
                index &+= 1
                isInteger = false
            }
            if isInteger, first == UInt8(ascii: "0") {
                // `0777` is an error; like `tokenize`, end the token after the leading zeros.
                var zeros = start &+ 1
                while zeros < index {
                    if bytes[zeros] == UInt8(ascii: "0") {
                        zeros &+= 1
                    } else if bytes[zeros] == UInt8(ascii: "_"), byte(zeros &+ 1) == UInt8(ascii: "0") {
                        zeros &+= 2
                    } else {
                        break
                    }
                }
                if zeros < index {
                    index = zeros
                    invalid = true
                }
            }
        }
        if !invalid, !Lexer.numberEndIsValid(bytes, at: index, count: count) {
            invalid = true
        }
        cursor.move(to: index)
        if invalid {
            report(.invalidNumber, from: start, to: index)
        }
        return Token(kind: .number, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
    }

    /// CPython's `verify_end_of_number`: a number may be followed directly by a keyword
    /// (`1if x else 2`) but not by another name.
    private static func numberEndIsValid(_ bytes: UnsafePointer<UInt8>, at index: Int, count: Int) -> Bool {
        guard index < count else { return true }
        let next = bytes[index]
        guard next >= 0x80 || isASCIIIdentifierStart(next) || isDecimalDigit(next) else { return true }
        func follows(_ text: StaticString) -> Bool {
            let length = text.utf8CodeUnitCount
            guard index &+ length < count else { return false }
            let pointer = text.utf8Start
            for offset in 0..<length where bytes[index &+ 1 &+ offset] != pointer[offset] { return false }
            return true
        }
        switch next {
        case UInt8(ascii: "a"): return follows("nd")
        case UInt8(ascii: "e"): return follows("lse")
        case UInt8(ascii: "f"): return follows("or")
        case UInt8(ascii: "i"): return follows("f") || follows("n") || follows("s")
        case UInt8(ascii: "n"): return follows("ot")
        case UInt8(ascii: "o"): return follows("r")
        default: return false
        }
    }

    // MARK: - Operators

    private mutating func lexOperator(start: Int, byte: UInt8) -> Token {
        let next = cursor.peek(at: 1)
        var length = 1
        let kind: TokenKind
        switch byte {
        case UInt8(ascii: "("):
            kind = .leftParen
            openBracket(closer: UInt8(ascii: ")"), at: start)
        case UInt8(ascii: "["):
            kind = .leftBracket
            openBracket(closer: UInt8(ascii: "]"), at: start)
        case UInt8(ascii: "{"):
            kind = .leftBrace
            openBracket(closer: UInt8(ascii: "}"), at: start)
        case UInt8(ascii: ")"):
            kind = .rightParen
            closeBracket(byte, at: start)
        case UInt8(ascii: "]"):
            kind = .rightBracket
            closeBracket(byte, at: start)
        case UInt8(ascii: "}"):
            kind = .rightBrace
            if fStringDepth > 0, let context = fStrings.last, context.formatSpecDepth > 0,
               nesting &- context.nesting == context.formatSpecDepth
            {
                fStrings[fStrings.count &- 1].formatSpecDepth &-= 1
            }
            closeBracket(byte, at: start)
        case UInt8(ascii: ":"):
            if fStringDepth > 0, let context = fStrings.last, nesting &- context.nesting == context.formatSpecDepth &+ 1 {
                fStrings[fStrings.count &- 1].formatSpecDepth &+= 1
                kind = .colon
            } else if next == UInt8(ascii: "=") {
                kind = .colonEqual
                length = 2
            } else {
                kind = .colon
            }
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: "."):
            if Lexer.isDecimalDigit(next) { return lexNumber(start: start) }
            if next == UInt8(ascii: "."), cursor.peek(at: 2) == UInt8(ascii: ".") {
                kind = .ellipsis
                length = 3
            } else {
                kind = .dot
            }
        case UInt8(ascii: "+"):
            (kind, length) = next == UInt8(ascii: "=") ? (.plusEqual, 2) : (.plus, 1)
        case UInt8(ascii: "-"):
            if next == UInt8(ascii: "=") {
                (kind, length) = (.minusEqual, 2)
            } else if next == UInt8(ascii: ">") {
                (kind, length) = (.rightArrow, 2)
            } else {
                kind = .minus
            }
        case UInt8(ascii: "*"):
            if next == UInt8(ascii: "*") {
                (kind, length) = cursor.peek(at: 2) == UInt8(ascii: "=") ? (.doubleStarEqual, 3) : (.doubleStar, 2)
            } else {
                (kind, length) = next == UInt8(ascii: "=") ? (.starEqual, 2) : (.star, 1)
            }
        case UInt8(ascii: "/"):
            if next == UInt8(ascii: "/") {
                (kind, length) = cursor.peek(at: 2) == UInt8(ascii: "=") ? (.doubleSlashEqual, 3) : (.doubleSlash, 2)
            } else {
                (kind, length) = next == UInt8(ascii: "=") ? (.slashEqual, 2) : (.slash, 1)
            }
        case UInt8(ascii: "%"):
            (kind, length) = next == UInt8(ascii: "=") ? (.percentEqual, 2) : (.percent, 1)
        case UInt8(ascii: "@"):
            (kind, length) = next == UInt8(ascii: "=") ? (.atEqual, 2) : (.at, 1)
        case UInt8(ascii: "&"):
            (kind, length) = next == UInt8(ascii: "=") ? (.amperEqual, 2) : (.amper, 1)
        case UInt8(ascii: "|"):
            (kind, length) = next == UInt8(ascii: "=") ? (.vbarEqual, 2) : (.vbar, 1)
        case UInt8(ascii: "^"):
            (kind, length) = next == UInt8(ascii: "=") ? (.circumflexEqual, 2) : (.circumflex, 1)
        case UInt8(ascii: "="):
            (kind, length) = next == UInt8(ascii: "=") ? (.equalEqual, 2) : (.equal, 1)
        case UInt8(ascii: "!"):
            (kind, length) = next == UInt8(ascii: "=") ? (.notEqual, 2) : (.exclamation, 1)
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "<") {
                (kind, length) = cursor.peek(at: 2) == UInt8(ascii: "=") ? (.leftShiftEqual, 3) : (.leftShift, 2)
            } else {
                (kind, length) = next == UInt8(ascii: "=") ? (.lessEqual, 2) : (.less, 1)
            }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: ">") {
                (kind, length) = cursor.peek(at: 2) == UInt8(ascii: "=") ? (.rightShiftEqual, 3) : (.rightShift, 2)
            } else {
                (kind, length) = next == UInt8(ascii: "=") ? (.greaterEqual, 2) : (.greater, 1)
            }
        case 0:
            kind = .unknown
            report(.nulByte, from: start, to: start &+ 1)
        default:
            kind = .unknown
            report(.invalidCharacter, from: start, to: start &+ 1)
        }
        cursor.advance(by: length)
        return Token(kind: kind, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
    }

    @inline(__always)
    private mutating func openBracket(closer: UInt8, at offset: Int) {
        if nesting < Lexer.maxNesting {
            closers[nesting] = closer
            if nesting == 0 {
                outermostBracketOffset = Int32(truncatingIfNeeded: offset)
                outermostBracketLine = line
            }
        } else if nesting == Lexer.maxNesting {
            report(.nestingTooDeep, from: offset, to: offset &+ 1)
        }
        nesting &+= 1
    }

    @inline(__always)
    private mutating func closeBracket(_ closer: UInt8, at offset: Int) {
        guard nesting > 0 else {
            report(.unmatchedBracket, from: offset, to: offset &+ 1)
            return
        }
        nesting &-= 1
        if nesting < Lexer.maxNesting, closers[nesting] != closer {
            report(.mismatchedBracket, from: offset, to: offset &+ 1)
        }
    }

    // MARK: - Strings

    /// Lexes a string literal or the start of an f-/t-string; the cursor is on the opening quote
    /// and `start` is where the prefix began.
    private mutating func lexString(start: Int, flags prefixFlags: TokenFlags) -> Token {
        var flags = prefixFlags
        let quote = cursor.peek()
        if quote == UInt8(ascii: "\"") { flags.insert(.doubleQuote) }
        cursor.advance()
        if cursor.peek() == quote, cursor.peek(at: 1) == quote {
            cursor.advance(by: 2)
            flags.insert(.triple)
        }
        let isTemplate = flags.contains(.tString)
        if flags.contains(.fString) || isTemplate {
            if fStrings.count < Lexer.maxFStringNesting {
                fStrings.append(FStringContext(
                    flags: flags, quote: quote, isTriple: flags.contains(.triple), isRaw: flags.contains(.raw),
                    isTemplate: isTemplate, nesting: nesting, formatSpecDepth: 0,
                    start: Int32(truncatingIfNeeded: start), line: line))
                return Token(kind: isTemplate ? .tStringStart : .fStringStart, flags: flags,
                             start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
            }
            report(.nestingTooDeep, from: start, to: cursor.offset)
        }
        let startLine = line
        let bytes = cursor.base
        let count = cursor.count
        let isTriple = flags.contains(.triple)
        let stops = Lexer.stringStops.utf8Start
        var index = cursor.offset
        while true {
            index = Lexer.skipToStop(bytes, from: index, count: count, stops: stops, set: .string)
            guard index < count else {
                flags.insert(.unterminated)
                report(isTriple ? .unterminatedTripleQuotedString : .unterminatedString,
                       from: start, to: index, line: startLine)
                break
            }
            let byte = bytes[index]
            let before = index
            if byte == quote {
                if !isTriple {
                    index &+= 1
                    break
                }
                if index &+ 2 < count, bytes[index &+ 1] == quote, bytes[index &+ 2] == quote {
                    index &+= 3
                    break
                }
                index &+= 1
            } else if byte == UInt8(ascii: "\\") {
                index &+= 1
                if index < count {
                    let escaped = bytes[index]
                    if escaped == 0x0A {
                        line &+= 1
                        index &+= 1
                    } else if escaped == 0x0D {
                        line &+= 1
                        index &+= 1
                        if index < count, bytes[index] == 0x0A { index &+= 1 }
                    } else if escaped < 0x80 {
                        if escaped == 0 { report(.nulByte, from: index, to: index &+ 1) }
                        index &+= 1
                    }
                }
            } else if byte == 0x0A || byte == 0x0D {
                if !isTriple {
                    flags.insert(.unterminated)
                    report(.unterminatedString, from: start, to: index, line: startLine)
                    break
                }
                line &+= 1
                index &+= 1
                if byte == 0x0D, index < count, bytes[index] == 0x0A { index &+= 1 }
            } else if byte >= 0x80 {
                flags.insert(.nonASCII)
                index &+= validateNonASCII(at: index)
            } else {
                if byte == 0 { report(.nulByte, from: index, to: index &+ 1) }
                index &+= 1
            }
            assert(index > before, "string scan made no progress")
        }
        cursor.move(to: index)
        return Token(kind: .string, flags: flags, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
    }

    /// Bytes at which a string literal's scan stops (`S`): control bytes up to CR (line
    /// breaks, NUL), quotes, `\` and non-ASCII. The other quote is passed over after a look.
    static let stringStops: StaticString = """
        SSSSSSSSSSSSSS....................S....S........................\
        ............................S...................................\
        SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS\
        SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS
        """

    private func isInExpression(_ context: FStringContext) -> Bool {
        nesting &- context.nesting > context.formatSpecDepth
    }

    /// Outside the replacement fields of the innermost f-string: its literal text (or the text
    /// of a format spec), or its closing quote. Nil when the next byte opens or closes a field.
    private mutating func lexFStringMiddleOrEnd() -> Token? {
        let contextIndex = fStrings.count &- 1
        let context = fStrings[contextIndex]
        let inFormatSpec = context.formatSpecDepth > 0
        let quote = context.quote
        let bytes = cursor.base
        let count = cursor.count
        let start = cursor.offset
        tokenStartLine = line
        var flags = context.flags
        var index = start
        scanning: while index < count {
            let byte = bytes[index]
            let before = index
            switch byte {
            case quote:
                if !context.isTriple
                    || (index &+ 2 < count && bytes[index &+ 1] == quote && bytes[index &+ 2] == quote)
                {
                    break scanning
                }
                index &+= 1
            case 0x0A, 0x0D:
                if !context.isTriple { break scanning }
                line &+= 1
                index &+= 1
                if byte == 0x0D, index < count, bytes[index] == 0x0A { index &+= 1 }
            case UInt8(ascii: "\\"):
                index &+= 1
                guard index < count else { break }
                let escaped = bytes[index]
                if escaped == UInt8(ascii: "{") || escaped == UInt8(ascii: "}") {
                    break
                }
                if escaped == UInt8(ascii: "N"), !context.isRaw, index &+ 1 < count, bytes[index &+ 1] == UInt8(ascii: "{") {
                    index &+= 2
                    while index < count {
                        let inName = bytes[index]
                        if inName == UInt8(ascii: "}") {
                            index &+= 1
                            break
                        }
                        if inName == quote || inName == 0x0A || inName == 0x0D || inName >= 0x80 { break }
                        index &+= 1
                    }
                } else if escaped == 0x0A {
                    line &+= 1
                    index &+= 1
                } else if escaped == 0x0D {
                    line &+= 1
                    index &+= 1
                    if index < count, bytes[index] == 0x0A { index &+= 1 }
                } else if escaped < 0x80 {
                    if escaped == 0 { report(.nulByte, from: index, to: index &+ 1) }
                    index &+= 1
                }
            case UInt8(ascii: "{"):
                if !inFormatSpec, index &+ 1 < count, bytes[index &+ 1] == UInt8(ascii: "{") {
                    index &+= 2
                } else {
                    break scanning
                }
            case UInt8(ascii: "}"):
                if inFormatSpec { break scanning }
                if index &+ 1 < count, bytes[index &+ 1] == UInt8(ascii: "}") {
                    index &+= 2
                } else {
                    report(.invalidSyntax, from: index, to: index &+ 1)
                    index &+= 1
                }
            case 0:
                report(.nulByte, from: index, to: index &+ 1)
                index &+= 1
            case 0x80...0xFF:
                flags.insert(.nonASCII)
                index &+= validateNonASCII(at: index)
            default:
                index &+= 1
            }
            assert(index > before, "f-string scan made no progress")
        }
        if index > start {
            cursor.move(to: index)
            return Token(kind: context.isTemplate ? .tStringMiddle : .fStringMiddle, flags: flags,
                         start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
        }
        let endKind: TokenKind = context.isTemplate ? .tStringEnd : .fStringEnd
        if index < count, bytes[index] == quote {
            cursor.advance(by: context.isTriple ? 3 : 1)
            if inFormatSpec {
                report(.invalidSyntax, from: start, to: cursor.offset)
            }
            closeFString(context)
            return Token(kind: endKind, flags: context.flags, start: Int32(truncatingIfNeeded: start), end: cursor.offset32)
        }
        if index >= count || bytes[index] == 0x0A || bytes[index] == 0x0D {
            report(context.isTriple ? .unterminatedTripleQuotedString : .unterminatedString,
                   from: Int(context.start), to: index, line: context.line)
            closeFString(context)
            return Token(kind: endKind, flags: context.flags.union(.unterminated),
                         start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: start))
        }
        return nil
    }

    private mutating func closeFString(_ context: FStringContext) {
        fStrings.removeLast()
        if nesting > context.nesting {
            nesting = context.nesting
        }
    }

    // MARK: - Bytes

    /// Length of the well-formed UTF-8 sequence at `index`, or 1 after recording `invalidUTF8`.
    private mutating func validateNonASCII(at index: Int) -> Int {
        let length = Lexer.utf8SequenceLength(cursor.base, at: index, count: cursor.count)
        if length > 0 || !validatesUTF8 { return max(length, 1) }
        report(.invalidUTF8, from: index, to: index &+ 1)
        return 1
    }

    /// Length of the well-formed UTF-8 sequence starting with the non-ASCII byte at `index`, or 0.
    static func utf8SequenceLength(_ bytes: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int {
        let lead = bytes[index]
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            let at = index &+ offset
            return at < count && bytes[at] >= low && bytes[at] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xE1...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    static func isASCIIIdentifierStart(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }

    /// One class letter per byte value: `A` letters and `_`, `B` digits, `C` bytes above
    /// 0x7F, `D` everything else (a `StaticString`, so the table is a constant in the binary).
    static let byteClasses: StaticString = """
        DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDBBBBBBBBBBDDDDDD\
        DAAAAAAAAAAAAAAAAAAAAAAAAAADDDDADAAAAAAAAAAAAAAAAAAAAAAAAAADDDDD\
        CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\
        CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC
        """
    static let digitClass = UInt8(ascii: "B")

    @inline(__always)
    static func isASCIIIdentifierContinue(_ byte: UInt8) -> Bool {
        byteClasses.utf8Start[Int(byte)] <= digitClass
    }

    static func isDecimalDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return isDecimalDigit(byte) || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f"))
    }

    /// Flags for a string prefix of one or two letters, or nil when the letters are no prefix.
    static func stringPrefixFlags(_ bytes: UnsafePointer<UInt8>, count: Int) -> TokenFlags? {
        func flag(_ byte: UInt8) -> TokenFlags? {
            switch byte | 0x20 {
            case UInt8(ascii: "r"): return .raw
            case UInt8(ascii: "b"): return .bytes
            case UInt8(ascii: "u"): return .unicode
            case UInt8(ascii: "f"): return .fString
            case UInt8(ascii: "t"): return .tString
            default: return nil
            }
        }
        guard let first = flag(bytes[0]) else { return nil }
        if count == 1 { return first }
        guard count == 2, let second = flag(bytes[1]), first != second else { return nil }
        let combined = first.union(second)
        guard combined.contains(.raw), !combined.contains(.unicode) else { return nil }
        return combined
    }

    // MARK: - Diagnostics

    private mutating func report(_ kind: ScanErrorKind, from start: Int, to end: Int, line: Int32? = nil) {
        guard diagnostics.count < Lexer.maxDiagnostics else { return }
        let lower = Int32(truncatingIfNeeded: min(start, cursor.count))
        let upper = Int32(truncatingIfNeeded: min(max(end, start), cursor.count))
        diagnostics.append(ScanDiagnostic(kind: kind, range: lower..<upper, line: line ?? self.line))
    }
}

// MARK: - Skimming a block

extension Lexer {
    /// What `skimBlock` saw: a `yield` outside nested `def`/`class` statements, and the end
    /// of the last token other than NEWLINE, NL, comment, INDENT and DEDENT (nil when none).
    public struct SkimmedBlock {
        public var sawYield: Bool
        public var lastTokenEnd: Int32?
    }

    /// Skips the rest of the innermost indented block without making tokens: from the start
    /// of one of its lines (right after a NEWLINE) to the start of the first line indented
    /// less, where `next()` then returns the block's DEDENT. Returns nil, with the lexer
    /// untouched, when the block holds anything the fast path leaves to the tokenizer (tabs,
    /// line continuations, non-ASCII outside strings, any diagnostic). F-strings go through
    /// the tokenizer itself.
    public mutating func skimBlock() -> SkimmedBlock? {
        guard state == .lineStart else { return nil }
        return skimFromLineStart(at: cursor.offset)
    }

    /// Bytes at which `skim`'s inner loop stops (`S`); every other byte (`.`) is part of an
    /// identifier, an operator or spacing and is passed over. Control bytes, non-ASCII, quotes,
    /// `#`, brackets, `\`, digits (a number may hold an error), `y` (a `yield`) and the bytes
    /// that start no token (`! $ ? \``).
    static let skimStops: StaticString = """
        SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS.SSSS..SSS......SSSSSSSSSS.....S\
        ...........................SSS..S........................S.S.S.S\
        SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS\
        SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS
        """
    /// The mark of a stop in `skimStops` and `stringStops`.
    static let skimStop = UInt8(ascii: "S")
    /// Indentation levels and open brackets a skimmed block may hold before the tokenizer
    /// takes it.
    static let skimMaxLevels = 96
    static let skimMaxClosers = 104

    /// `skimBlock` from the first line of a block, right after its INDENT (`indent`), when
    /// that line does not start with a string (a docstring, which the caller reads itself).
    public mutating func skimBlockAfterIndent(_ indent: Token) -> SkimmedBlock? {
        guard indent.kind == .indent, state == .inLine, cursor.offset32 == indent.end,
            !startsWithString(at: cursor.offset)
        else { return nil }
        return skimFromLineStart(at: Int(indent.start))
    }

    /// Skims the innermost block from the line that starts at `lineStart`; when the skim fails,
    /// the lexer is put back as it was (`SkimCheckpoint`).
    private mutating func skimFromLineStart(at lineStart: Int) -> SkimmedBlock? {
        guard pendingDedents == 0, fStringDepth == 0, nesting == 0, let body = indentation.levels.last,
            body.column == body.altColumn
        else { return nil }
        let checkpoint = SkimCheckpoint(self)
        cursor.move(to: lineStart)
        state = .lineStart
        guard let block = skim(bodyColumn: body.column) else {
            checkpoint.restore(&self)
            return nil
        }
        return block
    }

    /// What a failed skim may have changed, to undo it without copying the lexer (a copy
    /// retains and releases each of its arrays, once per function body). A skim starts with no
    /// open bracket, f-string or pending DEDENT and never touches the indentation stack, so the
    /// arrays are put back by truncation.
    private struct SkimCheckpoint {
        let offset: Int
        let line: Int32
        let tokenStartLine: Int32
        let state: LineState
        let outermostBracketOffset: Int32
        let outermostBracketLine: Int32
        let diagnosticCount: Int
        let indentationDepth: Int
        #if DEBUG
        let stalledTokens: Int
        let lastTokenOffset: Int
        #endif

        init(_ lexer: Lexer) {
            offset = lexer.cursor.offset
            line = lexer.line
            tokenStartLine = lexer.tokenStartLine
            state = lexer.state
            outermostBracketOffset = lexer.outermostBracketOffset
            outermostBracketLine = lexer.outermostBracketLine
            diagnosticCount = lexer.diagnostics.count
            indentationDepth = lexer.indentation.depth
            #if DEBUG
            stalledTokens = lexer.stalledTokens
            lastTokenOffset = lexer.lastTokenOffset
            #endif
        }

        func restore(_ lexer: inout Lexer) {
            assert(lexer.indentation.depth == indentationDepth, "a skim changed the indentation stack")
            lexer.cursor.move(to: offset)
            lexer.line = line
            lexer.tokenStartLine = tokenStartLine
            lexer.state = state
            lexer.pendingDedents = 0
            lexer.nesting = 0
            if !lexer.fStrings.isEmpty { lexer.fStrings.removeAll(keepingCapacity: true) }
            lexer.outermostBracketOffset = outermostBracketOffset
            lexer.outermostBracketLine = outermostBracketLine
            if lexer.diagnostics.count > diagnosticCount {
                lexer.diagnostics.removeSubrange(diagnosticCount...)
            }
            #if DEBUG
            lexer.stalledTokens = stalledTokens
            lexer.lastTokenOffset = lastTokenOffset
            #endif
        }
    }

    /// True when a string literal, or a prefix of one and its quote, starts at `offset`.
    private func startsWithString(at offset: Int) -> Bool {
        let bytes = cursor.base
        var index = offset
        while index < cursor.count, index - offset < 3, Lexer.isASCIIIdentifierStart(bytes[index]) { index &+= 1 }
        return index < cursor.count && (bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'"))
    }

    private mutating func skim(bodyColumn: Int) -> SkimmedBlock? {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 &* Lexer.skimMaxLevels) { columns in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Lexer.skimMaxClosers) { closers in
                skim(
                    bodyColumn: bodyColumn, levels: columns.baseAddress!,
                    nestedScopes: columns.baseAddress! + Lexer.skimMaxLevels, closers: closers.baseAddress!)
            }
        }
    }

    /// The skimmer proper. `levels` holds the block's open indentation columns, `nestedScopes`
    /// the columns of the nested `def`/`class` lines still open (a `yield` there is theirs),
    /// `closers` the bracket each open one needs.
    private mutating func skim(
        bodyColumn: Int, levels: UnsafeMutablePointer<Int32>, nestedScopes: UnsafeMutablePointer<Int32>,
        closers: UnsafeMutablePointer<UInt8>
    ) -> SkimmedBlock? {
        let bytes = cursor.base
        let count = cursor.count
        let diagnosticsBefore = diagnostics.count
        let stops = Lexer.skimStops.utf8Start
        let classes = Lexer.byteClasses.utf8Start
        var index = cursor.offset
        levels[0] = Int32(truncatingIfNeeded: bodyColumn)
        var levelCount = 1
        var nestedCount = 0
        var closerCount = 0
        var sawYield = false
        var atLineStart = true
        // The end of the last token the declaration reader sees (comments and NL are not), and
        // where the bytes not yet accounted for in it begin.
        var lastEnd: Int32 = -1
        var runStart = index
        // Where the last number ended: an identifier byte right after it starts a new token.
        var numberEnd = -1
        /// Takes the identifier and operator bytes passed over since `runStart` into `lastEnd`.
        @inline(__always) func endRun(at end: Int, _ lastEnd: inout Int32) {
            var trimmed = end
            while trimmed > runStart, bytes[trimmed &- 1] == 0x20 { trimmed &-= 1 }
            if trimmed > runStart { lastEnd = Int32(truncatingIfNeeded: trimmed) }
        }
        /// True when the byte before `position` continues an identifier that reaches it.
        @inline(__always) func continuesIdentifier(_ position: Int) -> Bool {
            position > 0 && position != numberEnd && classes[Int(bytes[position &- 1])] <= Lexer.digitClass
        }
        while true {
            if atLineStart {
                atLineStart = false
                // Indentation, eight spaces at a time first.
                var first = index
                while first &+ 8 <= count,
                    UnsafeRawPointer(bytes + first).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020
                {
                    first &+= 8
                }
                while first < count, bytes[first] == 0x20 { first &+= 1 }
                let column = first &- index
                if first >= count {
                    guard first == index else { return nil }
                    cursor.move(to: index)
                    return SkimmedBlock(sawYield: sawYield, lastTokenEnd: lastEnd >= 0 ? lastEnd : nil)
                }
                switch bytes[first] {
                case 0x09, 0x0C:
                    return nil
                case 0x0A, 0x0D, UInt8(ascii: "#"):
                    // A blank or comment-only line: no indentation of its own.
                    index = first
                    runStart = first
                    continue
                default:
                    break
                }
                if column < bodyColumn {
                    cursor.move(to: index)
                    return SkimmedBlock(sawYield: sawYield, lastTokenEnd: lastEnd >= 0 ? lastEnd : nil)
                }
                let column32 = Int32(truncatingIfNeeded: column)
                if column32 > levels[levelCount &- 1] {
                    if levelCount > 90 { return nil }
                    levels[levelCount] = column32
                    levelCount &+= 1
                } else {
                    while column32 < levels[levelCount &- 1] { levelCount &-= 1 }
                    if column32 != levels[levelCount &- 1] { return nil }
                }
                while nestedCount > 0, column32 <= nestedScopes[nestedCount &- 1] { nestedCount &-= 1 }
                // A nested def or class owns its header line and every line indented deeper.
                if Lexer.startsNestedScope(bytes, at: first, count: count) {
                    nestedScopes[nestedCount] = column32
                    nestedCount &+= 1
                }
                index = first
                runStart = first
            }
            index = Lexer.skipToStop(bytes, from: index, count: count, stops: stops, set: .skim)
            guard index < count else { return nil }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "y"):
                if !continuesIdentifier(index), Lexer.isYield(bytes, at: index, count: count) {
                    if nestedCount == 0 { sawYield = true }
                    index &+= 5
                } else {
                    index &+= 1
                }
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if continuesIdentifier(index) {
                    index &+= 1
                    continue
                }
                let start = index > 0 && bytes[index &- 1] == UInt8(ascii: ".") ? index &- 1 : index
                endRun(at: start, &lastEnd)
                cursor.move(to: start)
                _ = lexNumber(start: start)
                if diagnostics.count != diagnosticsBefore { return nil }
                index = cursor.offset
                numberEnd = index
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                var prefixLength = 0
                while prefixLength < 3, index &- prefixLength > 0,
                    classes[Int(bytes[index &- prefixLength &- 1])] <= Lexer.digitClass
                {
                    prefixLength &+= 1
                }
                if index &- prefixLength == numberEnd { return nil }
                var flags: TokenFlags = []
                var start = index
                if prefixLength == 1 || prefixLength == 2 {
                    guard let prefixFlags = Lexer.stringPrefixFlags(bytes + (index &- prefixLength), count: prefixLength)
                    else { return nil }
                    flags = prefixFlags
                    start = index &- prefixLength
                }
                endRun(at: start, &lastEnd)
                if flags.contains(.fString) || flags.contains(.tString) {
                    // The tokenizer takes an f-string (its replacement fields may hold any
                    // quotes and strings of their own) until its context closes.
                    cursor.move(to: start)
                    state = .inLine
                    repeat {
                        let kind = next().kind
                        if kind == .endOfFile || kind == .newline || diagnostics.count != diagnosticsBefore {
                            return nil
                        }
                    } while fStringDepth > 0
                    state = .lineStart
                    if nesting != 0 { return nil }
                } else {
                    cursor.move(to: index)
                    _ = lexString(start: start, flags: flags)
                    if diagnostics.count != diagnosticsBefore { return nil }
                }
                index = cursor.offset
            case UInt8(ascii: "#"):
                endRun(at: index, &lastEnd)
                index &+= 1
                while index < count {
                    let next = bytes[index]
                    if next == 0x0A || next == 0x0D { break }
                    if next >= 0x80 || next == 0 { return nil }
                    index &+= 1
                }
                runStart = index
                continue
            case 0x0A, 0x0D:
                endRun(at: index, &lastEnd)
                index &+= 1
                if byte == 0x0D, index < count, bytes[index] == 0x0A { index &+= 1 }
                line &+= 1
                if closerCount == 0 { atLineStart = true }
                runStart = index
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                if closerCount > 100 { return nil }
                endRun(at: index, &lastEnd)
                // `(` + 1 is `)`; `[` and `{` are two below theirs.
                closers[closerCount] = byte == UInt8(ascii: "(") ? byte &+ 1 : byte &+ 2
                closerCount &+= 1
                index &+= 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard closerCount > 0, closers[closerCount &- 1] == byte else { return nil }
                endRun(at: index, &lastEnd)
                closerCount &-= 1
                index &+= 1
            case UInt8(ascii: "!"):
                guard index &+ 1 < count, bytes[index &+ 1] == UInt8(ascii: "=") else { return nil }
                endRun(at: index, &lastEnd)
                index &+= 2
            default:
                // Tabs, form feeds, backslashes, non-ASCII, control bytes, `$ ? \``: the tokenizer's.
                return nil
            }
            lastEnd = Int32(truncatingIfNeeded: index)
            runStart = index
        }
    }

    /// The stop tables, for `skipToStop`'s test of sixteen bytes at a time.
    enum StopSet {
        case skim
        case string
    }

    /// The first position from `index` whose byte is a stop of `set` (as its table `stops`
    /// says), or `count`. Sixteen bytes at a time: one vector test marks the stops of a block
    /// (`stopLanes`), and the lowest mark is the first stop; the last bytes of the source, and
    /// in code the first few, one at a time by the table.
    @inline(__always)
    static func skipToStop(
        _ bytes: UnsafePointer<UInt8>, from index: Int, count: Int, stops: UnsafePointer<UInt8>, set: StopSet
    ) -> Int {
        var offset = index
        if set == .skim {
            // Half of the runs between stops in code are two bytes or shorter: three by the table.
            let near = min(count, index &+ 3)
            while offset < near {
                if stops[Int(bytes[offset])] == skimStop { return offset }
                offset &+= 1
            }
        }
        #if _endian(little)
        while count &- offset >= 16 {
            let block = UnsafeRawPointer(bytes + offset).loadUnaligned(as: SIMD16<UInt8>.self)
            let lanes = stopLanes(block, set)
            if lanes[0] != 0 { return offset &+ lanes[0].trailingZeroBitCount >> 3 }
            if lanes[1] != 0 { return offset &+ 8 &+ lanes[1].trailingZeroBitCount >> 3 }
            offset &+= 16
        }
        #endif
        var byte = bytes + offset
        let end = bytes + count
        while byte < end, stops[Int(byte.pointee)] != skimStop { byte += 1 }
        return byte - bytes
    }

    /// The lanes of `block` whose byte is a stop of `set`, as the two 64-bit halves of a mask
    /// of all-ones bytes (byte `i` of the block is byte `i % 8` of half `i / 8`, counted from
    /// the least significant: `skipToStop` uses it on little-endian machines only).
    ///
    /// - `skim`: a control byte, non-ASCII, `! " # $`, `' ( )`, a digit, `?`, `[ \\ ]`, `` ` ``,
    ///   `y`, `{`, `}` or DEL.
    /// - `string`: a control byte up to CR, non-ASCII, a quote or `\\`.
    ///
    /// Only `<` and `==` on unsigned lanes, each or-ed into an empty mask: the compiler does
    /// signed or `>=` comparisons of bytes, and one that starts a mask, lane by lane.
    @inline(__always)
    static func stopLanes(_ block: SIMD16<UInt8>, _ set: StopSet) -> SIMD2<UInt64> {
        var mask = SIMDMask<SIMD16<Int8>>(repeating: false)
        mask .|= block & SIMD16(repeating: 0x80) .== SIMD16(repeating: 0x80)
        switch set {
        case .skim:
            mask .|= block .< SIMD16(repeating: 0x20)
            mask .|= block &- SIMD16(repeating: 0x21) .< SIMD16(repeating: 4)
            mask .|= block &- SIMD16(repeating: 0x27) .< SIMD16(repeating: 3)
            mask .|= block &- SIMD16(repeating: 0x30) .< SIMD16(repeating: 10)
            mask .|= block .== SIMD16(repeating: 0x3F)
            mask .|= block &- SIMD16(repeating: 0x5B) .< SIMD16(repeating: 3)
            mask .|= block .== SIMD16(repeating: 0x60)
            // 0x79 `y`, 0x7B `{`, 0x7D `}` and 0x7F are the bytes that this makes 0x7F.
            mask .|= (block | SIMD16(repeating: 0x06)) .== SIMD16(repeating: 0x7F)
        case .string:
            mask .|= block .< SIMD16(repeating: 0x0E)
            mask .|= block .== SIMD16(repeating: 0x22)
            mask .|= block .== SIMD16(repeating: 0x27)
            mask .|= block .== SIMD16(repeating: 0x5C)
        }
        return unsafeBitCast(mask, to: SIMD2<UInt64>.self)
    }

    /// True when `yield` starts at `position` and no identifier byte follows it.
    private static func isYield(_ bytes: UnsafePointer<UInt8>, at position: Int, count: Int) -> Bool {
        guard position &+ 5 <= count, bytes[position &+ 1] == UInt8(ascii: "i"),
            bytes[position &+ 2] == UInt8(ascii: "e"), bytes[position &+ 3] == UInt8(ascii: "l"),
            bytes[position &+ 4] == UInt8(ascii: "d")
        else { return false }
        return position &+ 5 == count || !isASCIIIdentifierContinue(bytes[position &+ 5])
    }

    /// True when the line at `first` starts with `def`, `class` or `async def`.
    private static func startsNestedScope(_ bytes: UnsafePointer<UInt8>, at first: Int, count: Int) -> Bool {
        func word(_ text: StaticString, at offset: Int) -> Bool {
            let length = text.utf8CodeUnitCount
            guard offset &+ length < count else { return false }
            for index in 0..<length where bytes[offset &+ index] != text.utf8Start[index] { return false }
            let after = bytes[offset &+ length]
            return after == 0x20 || after == 0x09
        }
        if word("def", at: first) || word("class", at: first) { return true }
        if word("async", at: first) {
            var index = first &+ 5
            while index < count, bytes[index] == 0x20 { index &+= 1 }
            return word("def", at: index)
        }
        return false
    }
}
