/// Reads a module's token stream into a `ModuleSummary` in one pass: an explicit stack of open
/// blocks instead of recursion, a one-token lookahead, and function bodies lexed through unread.
struct DeclarationReader {
    private enum FrameKind: UInt8 {
        case classBody
        case block
        /// The body of a `match` statement, whose lines are `case` clauses.
        case matchBody
        /// A block after an unexpected indent or a broken header: read like its surroundings.
        case stray
    }

    private struct Frame {
        var kind: FrameKind
        var guardKind: GuardKind
    }

    /// Where the scan of one assignment target (`a`, `a, (b, *c)`, `a.b[0]`) stands; the pure
    /// names it finds go to `names`.
    private struct TargetScan {
        var isValid = true
        /// Kind of the previous token of the target; `.newline` at its start.
        var previous: TokenKind = .newline
        /// A name that is bound unless the next token makes it the start of a primary.
        var candidate: Range<Int32>? = nil
        /// Depth before the bracket of a subscript or call being skipped; -1 outside one.
        var opaqueDepth = -1
        /// Index in `names` of the target's first name.
        var firstName = 0
        /// Index in `names` of the first name inside the group that the previous token closed.
        var closedGroupStart = -1
    }

    private enum DecoratorPhase {
        case start, afterName, afterDot, inCall, afterCall, other
    }

    private var lexer: Lexer
    private let source: UnsafeBufferPointer<UInt8>
    private var token: Token
    private var line: Int32 = 1
    private var peeked: Token?
    private var peekedLine: Int32 = 1
    /// End of the last consumed token that is not NEWLINE, INDENT or DEDENT.
    private var lastEnd: Int32 = 0
    /// Whether function bodies after their first statement go through `Lexer.skimBlock`.
    private let skimsBodies: Bool
    private var diagnostics: [ScanDiagnostic] = []
    private var frames: [Frame] = []
    private var moduleMembers: [Member] = []
    private var attributeAssignments: [AssignmentDecl] = []
    private var calls: [ModuleCall] = []
    private var namespaceWrites: [ModuleCall] = []
    /// Set when a `def` or `class` is read inside a compound statement.
    private var sawConditionalDefinition = false
    /// Set by `skipBlock(findingYield:)`: the skipped body held `yield` outside nested scopes.
    private var skippedBlockYields = false
    /// Set by `skipBlock(findingYield:)`: the skipped body's docstring.
    private var skippedBlockDocstring: Range<Int32>?
    /// True until the first statement of the module or of a class body just opened.
    private var atBodyStart = true
    private var moduleDocstring: Range<Int32>?
    private var openClasses: [ClassDecl] = []
    private var scratch: [UInt8] = []
    private var names: [Range<Int32>] = []
    private var groupStarts: [Int] = []
    private var target = TargetScan()
    /// The first tokens of an `if`/`elif` condition, for recognising guards.
    private var condition: [Token] = []
    private var conditionIsLong = false

    private static let conditionCapacity = 8

    init(source: UnsafeBufferPointer<UInt8>, skimsBodies: Bool = true) {
        self.source = source
        self.skimsBodies = skimsBodies
        lexer = Lexer(source: source)
        token = Token(kind: .newline, start: 0, end: 0)
        scratch.reserveCapacity(256)
        names.reserveCapacity(16)
        condition.reserveCapacity(Self.conditionCapacity)
        advance()
    }

    mutating func read() -> ModuleSummary {
        while true {
            switch token.kind {
            case .endOfFile:
                while let frame = frames.popLast() {
                    if frame.kind == .classBody { finishClass() }
                }
                while !openClasses.isEmpty { finishClass() }
                return summary()
            case .newline, .semicolon:
                advance()
            case .indent:
                report(.unexpectedIndent)
                frames.append(Frame(kind: .stray, guardKind: currentGuard))
                advance()
            case .dedent:
                if let frame = frames.popLast(), frame.kind == .classBody { finishClass() }
                advance()
            default:
                statement()
            }
        }
    }

    private mutating func summary() -> ModuleSummary {
        var all = lexer.diagnostics
        if !diagnostics.isEmpty {
            all.append(contentsOf: diagnostics)
            all = all.enumerated().sorted {
                ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
            }.map(\.element)
        }
        var summary = ModuleSummary(
            members: Self.exactly(moduleMembers), diagnostics: all, byteCount: source.count,
            attributeAssignments: attributeAssignments, calls: calls, docstring: moduleDocstring)
        summary.namespaceWrites = namespaceWrites
        summary.hasConditionalDefinitions = sawConditionalDefinition
        return summary
    }

    // MARK: Tokens

    private mutating func fetch() -> Token {
        var next = lexer.next()
        while next.kind == .comment || next.kind == .nonLogicalNewline { next = lexer.next() }
        return next
    }

    private mutating func advance() {
        switch token.kind {
        case .newline, .indent, .dedent, .endOfFile: break
        default: lastEnd = token.end
        }
        if let next = peeked {
            token = next
            line = peekedLine
            peeked = nil
        } else {
            token = fetch()
            line = lexer.tokenStartLine
        }
    }

    private mutating func peekKind() -> TokenKind {
        if let peeked { return peeked.kind }
        let next = fetch()
        peeked = next
        peekedLine = lexer.tokenStartLine
        return next.kind
    }

    /// True at the end of a logical line, where every statement reader stops.
    private var atLineEnd: Bool {
        switch token.kind {
        case .newline, .endOfFile, .indent, .dedent: true
        default: false
        }
    }

    private static func depthChange(_ kind: TokenKind) -> Int {
        switch kind {
        case .leftParen, .leftBracket, .leftBrace, .fStringStart, .tStringStart: 1
        case .rightParen, .rightBracket, .rightBrace, .fStringEnd, .tStringEnd: -1
        default: 0
        }
    }

    private static func isAugmentedAssignment(_ kind: TokenKind) -> Bool {
        kind.rawValue >= TokenKind.plusEqual.rawValue && kind.rawValue <= TokenKind.atEqual.rawValue
    }

    private static let selfOnly = ["self"]

    private func tokenIs(_ text: StaticString) -> Bool { Self.bytes(of: token, in: source, equal: text) }

    private static func bytes(of token: Token, in source: UnsafeBufferPointer<UInt8>, equal text: StaticString) -> Bool {
        let count = Int(token.end &- token.start)
        guard count == text.utf8CodeUnitCount, token.start >= 0, Int(token.end) <= source.count else { return false }
        let start = Int(token.start)
        let expected = text.utf8Start
        for i in 0..<count where source[start &+ i] != expected[i] { return false }
        return true
    }

    private func string(_ range: Range<Int32>) -> String {
        let lower = max(0, min(Int(range.lowerBound), source.count))
        let upper = max(lower, min(Int(range.upperBound), source.count))
        return String(decoding: UnsafeBufferPointer(rebasing: source[lower..<upper]), as: UTF8.self)
    }

    private func scratchString(upTo count: Int? = nil) -> String {
        String(decoding: scratch[0..<(count ?? scratch.count)], as: UTF8.self)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// Appends the current token's text to `scratch`, with one space where two words would merge.
    private mutating func appendTokenText(previousEnd: Int32) {
        let start = Int(token.start), end = min(Int(token.end), source.count)
        guard start < end else { return }
        if let last = scratch.last, token.start > previousEnd, Self.isWordByte(last), Self.isWordByte(source[start]) {
            scratch.append(UInt8(ascii: " "))
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<end]))
    }

    private mutating func report(_ kind: ScanErrorKind) {
        diagnostics.append(ScanDiagnostic(kind: kind, range: token.start..<token.end, line: line))
    }

    // MARK: Blocks

    private var currentGuard: GuardKind { frames.last?.guardKind ?? .none }

    /// The guard of a block opened inside `outer`: main-guard and type-checking blocks stay so.
    private static func combine(_ outer: GuardKind, _ inner: GuardKind) -> GuardKind {
        if outer == .mainGuard || outer == .typeChecking { return outer }
        if inner == .mainGuard || inner == .typeChecking { return inner }
        return .conditional
    }

    private mutating func append(_ member: consuming Member) {
        if openClasses.isEmpty {
            if moduleMembers.isEmpty { moduleMembers.reserveCapacity(16) }
            moduleMembers.append(member)
        } else {
            let last = openClasses.count - 1
            if openClasses[last].members.isEmpty { openClasses[last].members.reserveCapacity(8) }
            openClasses[last].members.append(member)
        }
    }

    private mutating func finishClass() {
        guard var decl = openClasses.popLast() else { return }
        decl.range = decl.range.lowerBound..<max(decl.range.lowerBound, lastEnd)
        decl.members = Self.exactly(decl.members)
        append(.classDecl(decl))
    }

    /// A copy without the spare capacity that appending left (summaries live until the end).
    private static func exactly(_ members: [Member]) -> [Member] {
        guard members.capacity > members.count else { return members }
        return [Member](unsafeUninitializedCapacity: members.count) { buffer, count in
            _ = buffer.initialize(from: members)
            count = members.count
        }
    }

    /// With `token` on the colon of a compound statement's header: reads a one-line body, or
    /// opens the indented block that follows.
    private mutating func openBody(_ kind: FrameKind, _ guardKind: GuardKind) {
        advance()
        if token.kind == .newline {
            advance()
            if token.kind == .indent {
                frames.append(Frame(kind: kind, guardKind: guardKind))
                advance()
                atBodyStart = kind == .classBody
                return
            }
            report(.invalidSyntax)
        } else {
            simpleStatements(guardKind, first: false)
        }
        if kind == .classBody { finishClass() }
    }

    /// After a header that could not be read: the rest of its line, then its block, go unrecorded
    /// (`skipBody`) or read like the surrounding statements.
    private mutating func recoverFromHeader(skipBody: Bool) {
        while !atLineEnd { advance() }
        guard token.kind == .newline else { return }
        advance()
        guard token.kind == .indent else { return }
        if skipBody {
            skipBlock()
        } else {
            frames.append(Frame(kind: .stray, guardKind: currentGuard))
            advance()
        }
    }

    /// With `token` on an INDENT: consumes the block through its matching DEDENT, pulling
    /// tokens straight from the lexer.
    private mutating func skipBlock(findingYield: Bool = false) {
        skippedBlockYields = false
        guard peeked == nil, !findingYield else {
            if findingYield { return skipBlockFindingYield() }
            var level = 0
            repeat {
                switch token.kind {
                case .indent: level += 1
                case .dedent: level -= 1
                case .endOfFile: return
                default: break
                }
                advance()
            } while level > 0
            return
        }
        var level = 1
        var end = lastEnd
        while level > 0 {
            let next = lexer.next()
            switch next.kind {
            case .indent: level += 1
            case .dedent: level -= 1
            case .newline, .comment, .nonLogicalNewline: break
            case .endOfFile:
                lastEnd = end
                token = next
                line = lexer.tokenStartLine
                return
            default: end = next.end
            }
        }
        lastEnd = end
        token = fetch()
        line = lexer.tokenStartLine
    }

    /// `skipBlock` for a function body, noting a `yield` that belongs to the function itself
    /// (not to a nested `def`, `class` or `lambda`).
    private mutating func skipBlockFindingYield() {
        skippedBlockDocstring = nil
        var level = 0
        var docstringStart: Int32 = -1
        var docstringEnd: Int32 = -1
        var docstringOpen = false
        var nestedLevels: [Int] = []
        var pendingNested = false
        var afterNewline = false
        var triedSkim = false
        // Open brackets: a `def` or `class` inside them (a syntax error) opens no scope, as in
        // the skimmer, which sees scopes only at the starts of lines.
        var brackets = 0
        repeat {
            switch token.kind {
            case .indent:
                level += 1
                if pendingNested { nestedLevels.append(level) }
                pendingNested = false
                docstringOpen = level == 1
                // A body that does not open with a string has no docstring: all of it is
                // skimmed, its first statement too.
                if skimsBodies, level == 1, !triedSkim, peeked == nil {
                    if let block = lexer.skimBlockAfterIndent(token) {
                        triedSkim = true
                        if block.sawYield { skippedBlockYields = true }
                        if let end = block.lastTokenEnd { lastEnd = end }
                        docstringOpen = false
                    }
                }
            case .dedent:
                if nestedLevels.last == level { nestedLevels.removeLast() }
                level -= 1
                // A nested def followed by a dedent has no body: what follows is the function's.
                pendingNested = false
            case .endOfFile:
                return
            case .newline:
                if docstringOpen && docstringStart >= 0 { skippedBlockDocstring = docstringStart..<docstringEnd }
                docstringOpen = false
                afterNewline = true
                // After the first statement, the rest of the body is skimmed without tokens
                // when the lexer's fast path can take it.
                if skimsBodies, level == 1, nestedLevels.isEmpty, !pendingNested, peeked == nil, !triedSkim {
                    triedSkim = true
                    if let block = lexer.skimBlock() {
                        if block.sawYield { skippedBlockYields = true }
                        if let end = block.lastTokenEnd { lastEnd = end }
                    }
                }
                advance()
                continue
            case .comment, .nonLogicalNewline:
                advance()
                continue
            case .kwDef where brackets == 0, .kwClass where brackets == 0:
                pendingNested = true
            // A nested def whose next line is not indented has no body: the line is the function's.
            case .kwYield where nestedLevels.isEmpty && (!pendingNested || afterNewline):
                skippedBlockYields = true
                docstringOpen = false
            case .string where docstringOpen:
                if docstringStart < 0 { docstringStart = token.start }
                docstringEnd = token.end
            case .semicolon where docstringOpen && docstringStart >= 0:
                skippedBlockDocstring = docstringStart..<docstringEnd
                docstringOpen = false
            default:
                switch token.kind {
                case .leftParen, .leftBracket, .leftBrace: brackets += 1
                case .rightParen, .rightBracket, .rightBrace: brackets = max(0, brackets - 1)
                default: break
                }
                docstringOpen = false
                if afterNewline { pendingNested = pendingNested && token.kind == .indent }
            }
            afterNewline = false
            advance()
        } while level > 0
    }

    /// Advances to the `:` that ends a compound statement's header (not one inside brackets or
    /// ending a lambda's parameters). Records the first tokens in `condition` when asked.
    private mutating func skipToHeaderColon(recordCondition: Bool = false) -> Bool {
        var depth = 0, lambdas = 0
        if recordCondition {
            condition.removeAll(keepingCapacity: true)
            conditionIsLong = false
        }
        while true {
            let kind = token.kind
            switch kind {
            case .newline, .endOfFile, .indent, .dedent:
                if depth == 0 { report(.invalidSyntax) }
                return false
            case .colon where depth == 0:
                if lambdas == 0 { return true }
                lambdas -= 1
            case .kwLambda where depth == 0:
                lambdas += 1
            default:
                depth = max(0, depth + Self.depthChange(kind))
            }
            if recordCondition {
                if condition.count < Self.conditionCapacity { condition.append(token) } else { conditionIsLong = true }
            }
            advance()
        }
    }

    // MARK: Statements

    /// Reads one statement that starts a logical line.
    private mutating func statement() {
        if token.kind != .string { atBodyStart = false }
        switch token.kind {
        case .at:
            decorated()
        case .kwDef:
            functionDef(start: token.start, line: line, decorators: [], isAsync: false)
        case .kwClass:
            classDef(start: token.start, decorators: [])
        case .kwAsync:
            switch peekKind() {
            case .kwDef:
                let start = token.start, asyncLine = line
                advance()
                functionDef(start: start, line: asyncLine, decorators: [], isAsync: true)
            case .kwFor:
                advance()
                forHeader()
            case .kwWith:
                advance()
                asHeader()
            default:
                simpleStatements(currentGuard, first: true)
            }
        case .kwIf, .kwElif:
            conditionHeader(detectsGuard: true)
        case .kwWhile:
            conditionHeader(detectsGuard: false)
        case .kwElse, .kwTry, .kwFinally:
            plainHeader()
        case .kwFor:
            forHeader()
        case .kwWith, .kwExcept:
            asHeader()
        case .name where frames.last?.kind == .matchBody && tokenIs("case"):
            plainHeader()
        default:
            simpleStatements(currentGuard, first: true)
        }
    }

    private mutating func plainHeader() {
        let guardKind = Self.combine(currentGuard, .conditional)
        advance()
        guard skipToHeaderColon() else { return recoverFromHeader(skipBody: false) }
        openBody(.block, guardKind)
    }

    private mutating func conditionHeader(detectsGuard: Bool) {
        let outer = currentGuard
        advance()
        guard skipToHeaderColon(recordCondition: detectsGuard) else { return recoverFromHeader(skipBody: false) }
        openBody(.block, Self.combine(outer, detectsGuard ? classifyCondition() : .conditional))
    }

    /// `__name__ == "__main__"` (either order) or `TYPE_CHECKING` / `module.TYPE_CHECKING`,
    /// possibly parenthesized; anything else is `.conditional`.
    private func classifyCondition() -> GuardKind {
        guard !conditionIsLong else { return .conditional }
        var lower = 0, upper = condition.count
        while upper - lower >= 2, condition[lower].kind == .leftParen, condition[upper - 1].kind == .rightParen {
            lower += 1
            upper -= 1
        }
        func isName(_ index: Int, _ text: StaticString) -> Bool {
            condition[index].kind == .name && Self.bytes(of: condition[index], in: source, equal: text)
        }
        switch upper - lower {
        case 1:
            if isName(lower, "TYPE_CHECKING") { return .typeChecking }
        case 3:
            if condition[lower].kind == .name, condition[lower + 1].kind == .dot, isName(lower + 2, "TYPE_CHECKING") {
                return .typeChecking
            }
            if condition[lower + 1].kind == .equalEqual,
                isName(lower, "__name__") && isMainString(condition[upper - 1])
                    || isMainString(condition[lower]) && isName(upper - 1, "__name__")
            {
                return .mainGuard
            }
        default:
            break
        }
        return .conditional
    }

    private func isMainString(_ token: Token) -> Bool {
        guard token.kind == .string, token.flags.isDisjoint(with: [.bytes, .unterminated]) else { return false }
        var start = Int(token.start)
        let end = Int(token.end)
        while start < end, source[start] != UInt8(ascii: "\""), source[start] != UInt8(ascii: "'") { start += 1 }
        let quotes = token.flags.contains(.triple) ? 3 : 1
        guard end - start - 2 * quotes == 8 else { return false }
        let content = (start + quotes)..<(end - quotes)
        return zip(source[content], "__main__".utf8).allSatisfy { $0 == $1 }
    }

    /// `for TARGET in …:`: the names of TARGET are bound at this level.
    private mutating func forHeader() {
        let headerLine = line
        let guardKind = Self.combine(currentGuard, .conditional)
        advance()
        names.removeAll(keepingCapacity: true)
        beginTarget()
        var depth = 0
        while !atLineEnd, !(depth == 0 && token.kind == .kwIn) {
            let before = depth
            depth = max(0, depth + Self.depthChange(token.kind))
            if target.isValid { feedTarget(depth: before) }
            advance()
        }
        guard token.kind == .kwIn else {
            if depth == 0 { report(.invalidSyntax) }
            return recoverFromHeader(skipBody: false)
        }
        endTarget(keep: true)
        advance()
        guard skipToHeaderColon() else { return recoverFromHeader(skipBody: false) }
        recordBinding(line: headerLine, guardKind: guardKind)
        openBody(.block, guardKind)
    }

    /// `with … as TARGET, …:` and `except … as NAME:`: the names after each `as` are bound.
    private mutating func asHeader() {
        let headerLine = line
        let guardKind = Self.combine(currentGuard, .conditional)
        advance()
        names.removeAll(keepingCapacity: true)
        var depth = 0, lambdas = 0
        var targetDepth = -1
        while true {
            let kind = token.kind
            if atLineEnd {
                if depth == 0 { report(.invalidSyntax) }
                return recoverFromHeader(skipBody: false)
            }
            let change = Self.depthChange(kind)
            if targetDepth >= 0 {
                if depth == targetDepth && (kind == .comma || kind == .colon) || change < 0 && depth == targetDepth {
                    endTarget(keep: true)
                    targetDepth = -1
                } else if target.isValid {
                    feedTarget(depth: depth)
                }
            }
            if kind == .colon && depth == 0 {
                if lambdas == 0 { break }
                lambdas -= 1
            } else if kind == .kwLambda && depth == 0 {
                lambdas += 1
            } else if kind == .kwAs {
                targetDepth = depth
                beginTarget()
            }
            depth = max(0, depth + change)
            advance()
        }
        recordBinding(line: headerLine, guardKind: guardKind)
        openBody(.block, guardKind)
    }

    private mutating func recordBinding(line: Int32, guardKind: GuardKind) {
        guard !names.isEmpty else { return }
        let targets = names.map { string($0) }
        append(.assignment(AssignmentDecl(targets: targets, op: .other, value: nil, line: line, guardKind: guardKind)))
    }

    /// True where a compound statement starts in a position only a simple statement may take.
    private var startsCompoundStatement: Bool {
        switch token.kind {
        case .kwDef, .kwClass, .kwIf, .kwElif, .kwElse, .kwWhile, .kwFor, .kwTry, .kwExcept, .kwFinally,
            .kwWith, .kwAsync, .at:
            true
        default:
            false
        }
    }

    /// Reads `;`-separated simple statements through the NEWLINE that ends their line.
    private mutating func simpleStatements(_ guardKind: GuardKind, first: Bool) {
        var first = first
        while true {
            if !first && startsCompoundStatement {
                report(.invalidSyntax)
                while !atLineEnd { advance() }
            } else if simpleStatement(guardKind, matchCandidate: first && token.kind == .name && tokenIs("match")) {
                return openBody(.matchBody, Self.combine(guardKind, .conditional))
            }
            first = false
            switch token.kind {
            case .semicolon:
                advance()
                if token.kind == .newline {
                    advance()
                    return
                }
            case .newline:
                advance()
                return
            default:
                if atLineEnd { return }
                advance()
            }
        }
    }

    private mutating func skipStatement() {
        var depth = 0
        while !atLineEnd, !(depth == 0 && token.kind == .semicolon) {
            depth = max(0, depth + Self.depthChange(token.kind))
            advance()
        }
    }

    /// Reads one simple statement up to its `;` or line end. Returns true, with `token` on the
    /// colon, when it turns out to be the header of a `match` statement.
    private mutating func simpleStatement(_ guardKind: GuardKind, matchCandidate: Bool) -> Bool {
        switch token.kind {
        case .kwImport:
            importStatement(guardKind)
        case .kwFrom:
            fromImport(guardKind)
        case .kwDel:
            deletion(guardKind)
        case .kwGlobal:
            globalStatement(guardKind)
        case .kwReturn, .kwYield:
            report(.invalidSyntax)
            skipStatement()
        case .name where tokenIs("type") && peekKind() == .name:
            let statementLine = line
            advance()
            let name = string(token.start..<token.end)
            skipStatement()
            append(.assignment(AssignmentDecl(targets: [name], op: .other, value: nil, line: statementLine, guardKind: guardKind)))
        default:
            return assignmentOrExpression(guardKind, matchCandidate: matchCandidate)
        }
        return false
    }

    private mutating func assignmentOrExpression(_ guardKind: GuardKind, matchCandidate: Bool) -> Bool {
        let statementLine = line
        var depth = 0, lambdas = 0
        var op: AssignmentOp? = nil
        var valueStart: Int32 = -1
        var previous = TokenKind.newline
        var tokenCount = 0
        var reportedJuxtaposition = false
        var previousIsBytes = false
        // `name.attr = …` statements at module level, and `callee(…)` ones in module-level code
        // (in blocks too), recognised on the fly.
        let atModuleLevel = frames.isEmpty && openClasses.isEmpty
        let inModuleCode = openClasses.isEmpty
        let mayBeDocstring = atBodyStart
        atBodyStart = false
        var onlyStrings = true
        let statementStart = token.start
        var head: [Token] = []
        var callOpen: Token?
        var callClose: Token?
        var callEndsStatement = false
        // `globals()[k] = v`, `globals().update(…)`, `exec(…)` in module-level code: 1 after the
        // name, 2 after `(`, 3 after `)`, 4 after `.`; 5 a subscript (a write once the statement
        // assigns), 6 a write; -1 none.
        var namespaceState = openClasses.isEmpty ? 0 : -1
        var namespaceCallee: Range<Int32>?
        names.removeAll(keepingCapacity: true)
        beginTarget()
        while true {
            let kind = token.kind
            if namespaceState >= 0 && namespaceState < 5 { namespaceState = nextNamespaceState(namespaceState, &namespaceCallee) }
            if kind != .string && !(atLineEnd || kind == .semicolon && depth == 0) { onlyStrings = false }
            if inModuleCode {
                if head.count < 4 && op == nil && callOpen == nil { head.append(token) }
                if callOpen == nil, depth == 0, kind == .leftParen, op == nil,
                    head.dropLast().allSatisfy({ $0.kind == .name || $0.kind == .dot }), head.count >= 2
                {
                    callOpen = token
                } else if callOpen != nil, callClose == nil, depth == 1, kind == .rightParen {
                    callClose = token
                    callEndsStatement = true
                } else if callClose != nil, !(atLineEnd || kind == .semicolon && depth == 0) {
                    callEndsStatement = false
                }
            }
            if atLineEnd || kind == .semicolon && depth == 0 { break }
            let isBytes = kind == .string && token.flags.contains(.bytes)
            if Self.endsAtom(previous) && Self.startsAtom(kind) && !reportedJuxtaposition
                && !(matchCandidate && tokenCount == 1)
            {
                let concatenates = Self.endsString(previous) && Self.startsString(kind)
                    && previousIsBytes == isBytes && (previous == .tStringEnd) == (kind == .tStringStart)
                if !concatenates {
                    report(.invalidSyntax)
                    reportedJuxtaposition = true
                }
            }
            previous = kind
            previousIsBytes = isBytes
            tokenCount += 1
            if depth == 0 && lambdas == 0 {
                if kind == .equal || Self.isAugmentedAssignment(kind) && op == nil {
                    let augmented = kind != .equal
                    endTarget(keep: op == nil || op == .assign)
                    if op == nil { op = augmented ? .augmented : .assign }
                    advance()
                    valueStart = token.start
                    beginTarget()
                    continue
                }
                if kind == .colon && op == nil {
                    if matchCandidate && peekKind() == .newline { return true }
                    endTarget(keep: true, single: true)
                    op = .annotated
                    advance()
                    beginTarget()
                    target.isValid = false
                    continue
                }
            }
            let before = depth
            switch kind {
            case .kwLambda where depth == 0: lambdas += 1
            case .colon where depth == 0: lambdas = max(0, lambdas - 1)
            default: depth = max(0, depth + Self.depthChange(kind))
            }
            if target.isValid { feedTarget(depth: before) }
            advance()
        }
        endTarget(keep: false)
        if mayBeDocstring, op == nil, onlyStrings, tokenCount > 0 {
            if frames.isEmpty {
                moduleDocstring = statementStart..<lastEnd
            } else if frames.last?.kind == .classBody, !openClasses.isEmpty {
                openClasses[openClasses.count - 1].docstring = statementStart..<lastEnd
            }
        }
        if namespaceState == 6 || namespaceState == 5 && op != nil, let callee = namespaceCallee {
            namespaceWrites.append(
                ModuleCall(
                    callee: string(callee), arguments: statementStart..<max(statementStart, lastEnd), line: statementLine,
                    guardKind: guardKind))
        }
        if inModuleCode, op == nil, let open = callOpen, let close = callClose, callEndsStatement, let first = head.first {
            calls.append(
                ModuleCall(
                    callee: string(first.start..<open.start).filter { $0 != " " && $0 != "\t" },
                    arguments: open.end..<close.start, line: statementLine, guardKind: guardKind))
        }
        if atModuleLevel, op == .assign, head.count == 4, head[0].kind == .name, head[1].kind == .dot,
            head[2].kind == .name, head[3].kind == .equal, valueStart >= 0, valueStart < lastEnd
        {
            attributeAssignments.append(
                AssignmentDecl(
                    targets: [string(head[0].start..<head[2].end)], op: .assign, value: valueStart..<lastEnd,
                    line: statementLine, guardKind: guardKind))
            return false
        }
        guard let op else { return false }
        var value: Range<Int32>? = nil
        if valueStart >= 0 {
            if valueStart < lastEnd {
                value = valueStart..<lastEnd
            } else {
                report(.invalidSyntax)
            }
        }
        guard !names.isEmpty else { return false }
        let targets = names.map { string($0) }
        append(.assignment(AssignmentDecl(targets: targets, op: op, value: value, line: statementLine, guardKind: guardKind)))
        return false
    }

    /// One step of recognising a statement that writes into the module's namespace (see
    /// `assignmentOrExpression`), on the current token.
    private mutating func nextNamespaceState(_ state: Int, _ callee: inout Range<Int32>?) -> Int {
        let kind = token.kind
        switch state {
        case 0:
            guard kind == .name else { return -1 }
            if tokenIs("exec") {
                callee = token.start..<token.end
                return peekKind() == .leftParen ? 6 : -1
            }
            guard tokenIs("globals") || tokenIs("vars") || tokenIs("locals") else { return -1 }
            callee = token.start..<token.end
            return 1
        case 1: return kind == .leftParen ? 2 : -1
        case 2: return kind == .rightParen ? 3 : -1
        case 3: return kind == .leftBracket ? 5 : kind == .dot ? 4 : -1
        case 4: return kind == .name && (tokenIs("update") || tokenIs("setdefault") || tokenIs("__setitem__")) ? 6 : -1
        default: return state
        }
    }

    /// Two atoms in a row (`print "x"`, `exec code in ns`) are a syntax error, except strings
    /// that concatenate (not bytes with text, nor template strings with others).
    private static func endsAtom(_ kind: TokenKind) -> Bool {
        switch kind {
        case .name, .number, .string, .kwNone, .kwTrue, .kwFalse, .fStringEnd, .tStringEnd: true
        default: false
        }
    }

    private static func startsAtom(_ kind: TokenKind) -> Bool {
        switch kind {
        case .name, .number, .string, .kwNone, .kwTrue, .kwFalse, .fStringStart, .tStringStart: true
        default: false
        }
    }

    private static func endsString(_ kind: TokenKind) -> Bool {
        kind == .string || kind == .fStringEnd || kind == .tStringEnd
    }

    private static func startsString(_ kind: TokenKind) -> Bool {
        kind == .string || kind == .fStringStart || kind == .tStringStart
    }

    private mutating func deletion(_ guardKind: GuardKind) {
        let statementLine = line
        advance()
        names.removeAll(keepingCapacity: true)
        beginTarget()
        var depth = 0
        while !atLineEnd, !(depth == 0 && token.kind == .semicolon) {
            let before = depth
            depth = max(0, depth + Self.depthChange(token.kind))
            if target.isValid { feedTarget(depth: before) }
            advance()
        }
        endTarget(keep: true)
        guard !names.isEmpty else { return }
        append(.deletion(names: names.map { string($0) }, line: statementLine, guardKind: guardKind))
    }

    private mutating func globalStatement(_ guardKind: GuardKind) {
        let statementLine = line
        advance()
        names.removeAll(keepingCapacity: true)
        while !atLineEnd, token.kind != .semicolon {
            if token.kind == .name { names.append(token.start..<token.end) }
            advance()
        }
        recordBinding(line: statementLine, guardKind: guardKind)
    }

    // MARK: Targets

    private mutating func beginTarget() {
        target = TargetScan()
        target.firstName = names.count
        groupStarts.removeAll(keepingCapacity: true)
    }

    private mutating func endTarget(keep: Bool, single: Bool = false) {
        if target.isValid, let candidate = target.candidate { names.append(candidate) }
        target.candidate = nil
        if !keep || !target.isValid || single && names.count - target.firstName != 1 {
            names.removeSubrange(target.firstName...)
        }
    }

    private static func startsTargetItem(_ previous: TokenKind) -> Bool {
        switch previous {
        case .newline, .leftParen, .leftBracket, .comma, .star: true
        default: false
        }
    }

    private static func endsPrimary(_ previous: TokenKind) -> Bool {
        switch previous {
        case .name, .rightParen, .rightBracket, .string, .number, .kwNone, .kwTrue, .kwFalse, .ellipsis: true
        default: false
        }
    }

    /// Feeds the current token, found at bracket depth `depth`, to the target scan: names are
    /// bound where they stand alone in a (nested) tuple or list, not in a primary (`a.b`, `a[i]`).
    private mutating func feedTarget(depth: Int) {
        let kind = token.kind
        if target.opaqueDepth >= 0 {
            if Self.depthChange(kind) < 0 && depth - 1 <= target.opaqueDepth {
                target.opaqueDepth = -1
                target.previous = .rightParen
            }
            return
        }
        let closedGroup = target.closedGroupStart
        target.closedGroupStart = -1
        if let candidate = target.candidate {
            target.candidate = nil
            switch kind {
            case .comma, .rightParen, .rightBracket: names.append(candidate)
            case .dot, .leftParen, .leftBracket: break
            default:
                target.isValid = false
                return
            }
        }
        switch kind {
        case .name:
            if Self.startsTargetItem(target.previous) {
                target.candidate = token.start..<token.end
            } else if target.previous != .dot {
                target.isValid = false
            }
        case .leftParen, .leftBracket:
            if Self.startsTargetItem(target.previous) {
                groupStarts.append(names.count)
            } else if Self.endsPrimary(target.previous) {
                if closedGroup >= 0 { names.removeSubrange(closedGroup...) }
                target.opaqueDepth = depth
            } else {
                target.isValid = false
            }
        case .rightParen, .rightBracket:
            target.closedGroupStart = groupStarts.popLast() ?? -1
        case .comma:
            break
        case .star:
            if !Self.startsTargetItem(target.previous) || target.previous == .star { target.isValid = false }
        case .dot:
            if Self.endsPrimary(target.previous) {
                if closedGroup >= 0 { names.removeSubrange(closedGroup...) }
            } else {
                target.isValid = false
            }
        case .string, .number, .kwNone, .kwTrue, .kwFalse, .ellipsis:
            if !Self.startsTargetItem(target.previous) { target.isValid = false }
        default:
            target.isValid = false
        }
        target.previous = kind
    }

    // MARK: Imports

    /// Reads a dotted name (`a.b.c`) into `scratch`; false when `token` is not a name.
    private mutating func dottedName() -> Bool {
        scratch.removeAll(keepingCapacity: true)
        guard token.kind == .name else { return false }
        while true {
            appendTokenText(previousEnd: token.start)
            advance()
            guard token.kind == .dot else { return true }
            scratch.append(UInt8(ascii: "."))
            advance()
            guard token.kind == .name else { return false }
        }
    }

    /// `as NAME` after an imported name, if present; nil for a malformed one.
    private mutating func importAlias() -> String?? {
        guard token.kind == .kwAs else { return .some(nil) }
        advance()
        guard token.kind == .name else { return nil }
        let alias = string(token.start..<token.end)
        advance()
        return .some(alias)
    }

    private var atStatementEnd: Bool { atLineEnd || token.kind == .semicolon }

    private mutating func invalidStatement() {
        report(.invalidSyntax)
        skipStatement()
    }

    private mutating func importStatement(_ guardKind: GuardKind) {
        let statementLine = line
        advance()
        var imported: [(name: String, asName: String?)] = []
        imported.reserveCapacity(4)
        while true {
            guard dottedName() else { return invalidStatement() }
            let name = scratchString()
            guard let alias = importAlias() else { return invalidStatement() }
            imported.append((name, alias))
            guard token.kind == .comma else { break }
            advance()
        }
        guard atStatementEnd else { return invalidStatement() }
        append(.importDecl(ImportDecl(module: "", names: imported, isFrom: false, line: statementLine, guardKind: guardKind)))
    }

    private mutating func fromImport(_ guardKind: GuardKind) {
        let statementLine = line
        advance()
        var level = 0
        while token.kind == .dot || token.kind == .ellipsis {
            level += token.kind == .dot ? 1 : 3
            advance()
        }
        var module = ""
        if token.kind == .name {
            guard dottedName() else { return invalidStatement() }
            module = scratchString()
        } else if level == 0 {
            return invalidStatement()
        }
        guard token.kind == .kwImport else { return invalidStatement() }
        advance()
        var imported: [(name: String, asName: String?)] = []
        imported.reserveCapacity(4)
        var isStar = false
        if token.kind == .star {
            isStar = true
            advance()
        } else {
            let parenthesized = token.kind == .leftParen
            if parenthesized { advance() }
            while true {
                guard token.kind == .name else { return invalidStatement() }
                let name = string(token.start..<token.end)
                advance()
                guard let alias = importAlias() else { return invalidStatement() }
                imported.append((name, alias))
                guard token.kind == .comma else { break }
                advance()
                if parenthesized && token.kind == .rightParen { break }
            }
            if parenthesized {
                guard token.kind == .rightParen else { return invalidStatement() }
                advance()
            }
        }
        guard atStatementEnd else { return invalidStatement() }
        append(.importDecl(ImportDecl(
            module: module, level: level, names: imported, isStar: isStar, isFrom: true, line: statementLine,
            guardKind: guardKind)))
    }

    // MARK: Definitions

    private mutating func decorated() {
        let start = token.start, firstLine = line
        var decorators: [Decorator] = []
        while token.kind == .at {
            let decoratorLine = line
            advance()
            scratch.removeAll(keepingCapacity: true)
            var phase = DecoratorPhase.start
            var depth = 0, nameLength = 0
            var arguments: Range<Int32>? = nil
            var argumentsStart: Int32 = 0
            var previousEnd = token.start
            while !atLineEnd {
                let kind = token.kind
                if depth == 0 {
                    switch phase {
                    case .start, .afterDot:
                        phase = kind == .name ? .afterName : .other
                    case .afterName:
                        if kind == .dot {
                            phase = .afterDot
                        } else if kind == .leftParen {
                            phase = .inCall
                            nameLength = scratch.count
                            argumentsStart = token.end
                        } else {
                            phase = .other
                        }
                    case .afterCall:
                        phase = .other
                    case .inCall, .other:
                        break
                    }
                }
                appendTokenText(previousEnd: previousEnd)
                previousEnd = token.end
                depth = max(0, depth + Self.depthChange(kind))
                if depth == 0 && phase == .inCall {
                    phase = .afterCall
                    arguments = argumentsStart..<token.start
                }
                advance()
            }
            if scratch.isEmpty { report(.invalidSyntax) }
            let name = phase == .afterCall ? scratchString(upTo: nameLength) : scratchString()
            decorators.append(Decorator(name: name, arguments: phase == .afterCall ? arguments : nil, line: decoratorLine))
            if token.kind == .newline { advance() }
        }
        switch token.kind {
        case .kwDef:
            functionDef(start: start, line: line, decorators: decorators, isAsync: false, firstLine: firstLine)
        case .kwAsync where peekKind() == .kwDef:
            let asyncLine = line
            advance()
            functionDef(start: start, line: asyncLine, decorators: decorators, isAsync: true, firstLine: firstLine)
        case .kwClass:
            classDef(start: start, decorators: decorators, firstLine: firstLine)
        default:
            report(.invalidSyntax)
        }
    }

    /// With `token` on `def`: reads the signature, then skips the body.
    private mutating func functionDef(
        start: Int32, line defLine: Int32, decorators: [Decorator], isAsync: Bool, firstLine: Int32? = nil
    ) {
        let guardKind = currentGuard
        if guardKind == .conditional { sawConditionalDefinition = true }
        advance()
        guard token.kind == .name else {
            report(.invalidSyntax)
            return recoverFromHeader(skipBody: true)
        }
        var decl = FunctionDecl(
            name: string(token.start..<token.end), isAsync: isAsync, decorators: decorators, line: defLine,
            guardKind: guardKind, range: start..<start, firstLine: firstLine)
        advance()
        if token.kind == .leftBracket { skipBrackets() }
        guard token.kind == .leftParen else {
            report(.invalidSyntax)
            return recoverFromHeader(skipBody: true)
        }
        guard parameters(into: &decl) else { return recoverFromHeader(skipBody: true) }
        if token.kind == .rightArrow {
            advance()
            guard skipToHeaderColon() else { return recoverFromHeader(skipBody: true) }
        } else if token.kind != .colon {
            report(.invalidSyntax)
            return recoverFromHeader(skipBody: true)
        }
        advance()
        if token.kind == .newline {
            advance()
            if token.kind == .indent {
                skipBlock(findingYield: true)
                decl.isGenerator = !isAsync && skippedBlockYields
                decl.docstring = skippedBlockDocstring
            } else {
                report(.invalidSyntax)
            }
        } else {
            var lambdas = 0
            while !atLineEnd {
                if token.kind == .kwLambda { lambdas += 1 }
                if token.kind == .kwYield && lambdas == 0 && !isAsync { decl.isGenerator = true }
                advance()
            }
            if token.kind == .newline { advance() }
        }
        decl.range = start..<max(start, lastEnd)
        append(.function(decl))
    }

    /// With `token` on an opening bracket: advances past its match. False if the line ended first.
    @discardableResult
    private mutating func skipBrackets() -> Bool {
        var depth = 0
        repeat {
            if atLineEnd { return false }
            depth = max(0, depth + Self.depthChange(token.kind))
            advance()
        } while depth > 0
        return true
    }

    /// With `token` on the `(` of a parameter list: records parameter names, then advances past `)`.
    private mutating func parameters(into decl: inout FunctionDecl) -> Bool {
        advance()
        var depth = 1, lambdas = 0
        var expectsParameter = true
        var stars = 0
        while true {
            let kind = token.kind
            if atLineEnd { return false }
            let change = Self.depthChange(kind)
            if depth == 1 {
                if change < 0 {
                    advance()
                    return true
                }
                switch kind {
                case .kwLambda:
                    lambdas += 1
                case .colon where lambdas > 0:
                    lambdas -= 1
                case .comma where lambdas == 0:
                    expectsParameter = true
                    stars = 0
                    advance()
                    continue
                case .equal where lambdas == 0 && !expectsParameter && stars == 0 && !decl.parameters.isEmpty:
                    if decl.parameterHasDefault.isEmpty {
                        decl.parameterHasDefault = Array(repeating: false, count: decl.parameters.count)
                    }
                    decl.parameterHasDefault[decl.parameterHasDefault.count - 1] = true
                default:
                    break
                }
                if expectsParameter {
                    switch kind {
                    case .name, .star, .doubleStar, .slash, .comma:
                        break
                    default:
                        // `def f(:` and the like: CPython's parser stops here.
                        if change >= 0 && lambdas == 0 { report(.invalidSyntax) }
                    }
                    switch kind {
                    case .star: stars = 1
                    case .doubleStar: stars = 2
                    case .slash:
                        decl.positionalOnlyCount = decl.parameters.count
                        expectsParameter = false
                    case .name:
                        if stars == 1 {
                            decl.hasVarArgs = true
                        } else if stars == 2 {
                            decl.hasVarKeywords = true
                        } else {
                            if decl.parameters.isEmpty, tokenIs("self") {
                                // Most methods take only `self`: one shared array for them all.
                                decl.parameters = Self.selfOnly
                            } else {
                                if decl.parameters.count < 2 { decl.parameters.reserveCapacity(4) }
                                decl.parameters.append(string(token.start..<token.end))
                            }
                            if !decl.parameterHasDefault.isEmpty { decl.parameterHasDefault.append(false) }
                        }
                        expectsParameter = false
                    default:
                        expectsParameter = false
                    }
                }
            }
            depth += change
            advance()
        }
    }

    /// With `token` on `class`: reads the header, then opens the body on the class stack.
    private mutating func classDef(start: Int32, decorators: [Decorator], firstLine: Int32? = nil) {
        let guardKind = currentGuard
        if guardKind == .conditional { sawConditionalDefinition = true }
        let classLine = line
        advance()
        guard token.kind == .name else {
            report(.invalidSyntax)
            return recoverFromHeader(skipBody: false)
        }
        var decl = ClassDecl(
            name: string(token.start..<token.end), decorators: decorators, line: classLine, guardKind: guardKind,
            range: start..<start, firstLine: firstLine)
        advance()
        if token.kind == .leftBracket { skipBrackets() }
        if token.kind == .leftParen {
            guard classArguments(into: &decl) else { return recoverFromHeader(skipBody: false) }
        }
        guard token.kind == .colon else {
            report(.invalidSyntax)
            return recoverFromHeader(skipBody: false)
        }
        openClasses.append(decl)
        openBody(.classBody, .none)
    }

    /// With `token` on the `(` after a class name: records bases and keywords, then advances past `)`.
    private mutating func classArguments(into decl: inout ClassDecl) -> Bool {
        advance()
        var depth = 1
        var tokenCount = 0
        var firstName: Range<Int32>? = nil
        var keyword: Range<Int32>? = nil
        var isDoubleStar = false
        var previousEnd = token.start
        scratch.removeAll(keepingCapacity: true)
        while true {
            let kind = token.kind
            if atLineEnd { return false }
            let change = Self.depthChange(kind)
            if depth == 1 && (kind == .comma || change < 0) {
                if tokenCount > 0 {
                    if let keyword {
                        decl.keywords.append((string(keyword), scratchString()))
                    } else if isDoubleStar {
                        decl.keywords.append(("**", scratchString()))
                    } else {
                        decl.bases.append(scratchString())
                    }
                }
                advance()
                if change < 0 { return true }
                scratch.removeAll(keepingCapacity: true)
                tokenCount = 0
                firstName = nil
                keyword = nil
                isDoubleStar = false
                continue
            }
            if depth == 1 && tokenCount == 0 && kind == .doubleStar {
                isDoubleStar = true
            } else if depth == 1 && tokenCount == 1 && kind == .equal, let name = firstName {
                keyword = name
                scratch.removeAll(keepingCapacity: true)
            } else {
                if tokenCount == 0 && kind == .name { firstName = token.start..<token.end }
                appendTokenText(previousEnd: previousEnd)
            }
            tokenCount += 1
            previousEnd = token.end
            depth += change
            advance()
        }
    }
}
