/// Parses Python expressions (3.8–3.14 syntax) from a byte range of a module's source into
/// `PyExpression` trees. Recursion and tree depth are bounded by `maxDepth` (deeper parts become
/// `.unknown`), as is syntax it does not model; it never traps, and every loop consumes a token or ends.
public struct PyExpressionParser {
    /// Deepest nesting parsed, and deepest tree built, before a part becomes `.unknown`.
    public static let maxDepth = 200

    private let base: UnsafePointer<UInt8>
    private let tokens: [Token]
    private var position = 0
    private var depth = 0

    /// An expression and the depth of its tree.
    private struct Node {
        var expression: PyExpression
        var depth: Int

        init(_ expression: PyExpression, _ depth: Int = 1) {
            self.expression = expression
            self.depth = depth
        }
    }

    /// The arguments between a call's parentheses (`Decorator.arguments`).
    public static func parseArguments(source: UnsafeBufferPointer<UInt8>, range: Range<Int32>) -> PyArguments {
        var parser = PyExpressionParser(source: source, range: range)
        return parser.parseArgumentList()
    }

    /// One expression (an assignment's value, for instance); several comma-separated ones make a tuple.
    public static func parseExpression(source: UnsafeBufferPointer<UInt8>, range: Range<Int32>) -> PyExpression {
        var parser = PyExpressionParser(source: source, range: range)
        let start = parser.currentStart
        let node = parser.parseStarExpressions()
        if parser.kind != .endOfFile {
            return .unknown(start..<parser.tokens[parser.tokens.count &- 1].end)
        }
        return node.expression
    }

    private init(source: UnsafeBufferPointer<UInt8>, range: Range<Int32>) {
        let count = Int32(clamping: source.count)
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        base = source.baseAddress ?? PyExpressionParser.emptyBytes
        var tokens: [Token] = []
        if upper > lower {
            let slice = UnsafeBufferPointer(rebasing: source[Int(lower)..<Int(upper)])
            var lexer = Lexer(source: slice)
            tokens.reserveCapacity(Int(upper &- lower) / 3 &+ 1)
            lexing: while true {
                var token = lexer.next()
                switch token.kind {
                case .endOfFile:
                    break lexing
                case .newline, .nonLogicalNewline, .indent, .dedent, .comment:
                    continue
                default:
                    token.start &+= lower
                    token.end &+= lower
                    tokens.append(token)
                }
            }
        }
        tokens.append(Token(kind: .endOfFile, start: upper, end: upper))
        self.tokens = tokens
    }

    private nonisolated(unsafe) static let emptyBytes: UnsafePointer<UInt8> = {
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        bytes.initialize(to: 0)
        return UnsafePointer(bytes)
    }()

    // MARK: - Tokens

    private var token: Token { tokens[position] }
    private var kind: TokenKind { tokens[position].kind }
    private func kind(at offset: Int) -> TokenKind {
        let index = position &+ offset
        return index < tokens.count ? tokens[index].kind : .endOfFile
    }

    private var currentStart: Int32 { tokens[position].start }
    /// End of the token before the current one.
    private var lastEnd: Int32 { position > 0 ? tokens[position &- 1].end : tokens[position].start }

    private mutating func advance() {
        if position < tokens.count &- 1 { position &+= 1 }
    }

    private mutating func eat(_ expected: TokenKind) -> Bool {
        guard kind == expected else { return false }
        advance()
        return true
    }

    private func text(_ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(start: base + Int(token.start), count: Int(token.end &- token.start)), as: UTF8.self)
    }

    private func unknown(from start: Int32) -> Node {
        Node(.unknown(start..<max(start, lastEnd)))
    }

    /// A node over `children`, or `.unknown` when it would be deeper than `maxDepth`.
    private func node(_ expression: PyExpression, over childDepth: Int, from start: Int32) -> Node {
        childDepth >= PyExpressionParser.maxDepth ? unknown(from: start) : Node(expression, childDepth &+ 1)
    }

    private static func isOpener(_ kind: TokenKind) -> Bool {
        kind == .leftParen || kind == .leftBracket || kind == .leftBrace || kind == .fStringStart || kind == .tStringStart
    }

    private static func isCloser(_ kind: TokenKind) -> Bool {
        kind == .rightParen || kind == .rightBracket || kind == .rightBrace || kind == .fStringEnd || kind == .tStringEnd
    }

    /// Skips tokens up to (not including) a `,`, a closer of an enclosing bracket, or one of
    /// `stops`, at the current bracket level. Iterative, so any nesting is safe.
    private mutating func skip(stoppingAt stops: (TokenKind) -> Bool = { _ in false }) {
        var nesting = 0
        while kind != .endOfFile {
            let current = kind
            if nesting == 0 && (current == .comma || PyExpressionParser.isCloser(current) || stops(current)) { return }
            if PyExpressionParser.isOpener(current) {
                nesting &+= 1
            } else if PyExpressionParser.isCloser(current) {
                nesting &-= 1
            }
            advance()
        }
    }

    /// Skips the rest of an expression nested too deep to parse.
    private mutating func skipTooDeep() -> Node {
        let start = currentStart
        skip { kind in
            switch kind {
            case .colon, .equal, .colonEqual, .exclamation, .kwFor, .kwAsync, .kwIf, .kwElse: return true
            default: return false
            }
        }
        return unknown(from: start)
    }

    // MARK: - Argument lists

    private mutating func parseArgumentList() -> PyArguments {
        var arguments = PyArguments()
        while kind != .endOfFile {
            var argument = parseArgument()
            if kind != .comma && kind != .endOfFile {
                // Malformed: the argument extends to the next comma; a stray closer is dropped.
                argument = malformed(argument)
                if kind != .comma { advance() }
            }
            switch argument {
            case .positional(let value): arguments.positional.append(value)
            case .starred(let value): arguments.positional.append(.starred(value))
            case .keyword(let name, let value): arguments.keywords.append((name, value))
            case .doubleStarred(let value): arguments.keywords.append(("**", value))
            }
            _ = eat(.comma)
        }
        return arguments
    }

    /// Skips to the next `,` or closer and makes `argument`'s value `.unknown` (up to there).
    private mutating func malformed(_ argument: PyArgument) -> PyArgument {
        let start = currentStart
        skip()
        let value = PyExpression.unknown(start..<max(start, lastEnd))
        if case .keyword(let name, _) = argument { return .keyword(name, value) }
        return .positional(value)
    }

    /// One call argument (a lone generator expression included).
    private mutating func parseArgument() -> PyArgument {
        parseArgumentNode().argument
    }

    private mutating func parseArgumentNode() -> (argument: PyArgument, depth: Int) {
        switch kind {
        case .star:
            advance()
            let value = parseExpression()
            return (.starred(value.expression), value.depth)
        case .doubleStar:
            advance()
            let value = parseExpression()
            return (.doubleStarred(value.expression), value.depth)
        case .name where kind(at: 1) == .equal:
            let name = text(token)
            advance()
            advance()
            let value = parseExpression()
            return (.keyword(name, value.expression), value.depth)
        default:
            let start = currentStart
            let value = parseNamedExpression()
            if kind == .kwFor || kind == .kwAsync {
                let generator = parseComprehension(.generator, element: value, value: nil, start: start)
                return (.positional(generator.expression), generator.depth)
            }
            return (.positional(value.expression), value.depth)
        }
    }

    /// The arguments of a call after its `(`, through its `)`; nil when malformed.
    private mutating func parseCallArguments() -> (arguments: [PyArgument], depth: Int)? {
        var arguments: [PyArgument] = []
        var depth = 0
        while kind != .rightParen {
            if kind == .endOfFile || PyExpressionParser.isCloser(kind) { return nil }
            var (argument, argumentDepth) = parseArgumentNode()
            if kind != .comma && kind != .rightParen {
                argument = malformed(argument)
                argumentDepth = 1
                if kind != .comma && kind != .rightParen { return nil }
            }
            arguments.append(argument)
            depth = max(depth, argumentDepth)
            _ = eat(.comma)
        }
        advance()
        return (arguments, depth)
    }

    // MARK: - Expressions

    /// `star_expressions`: one expression, or a tuple when commas follow.
    private mutating func parseStarExpressions() -> Node {
        let start = currentStart
        let first = parseStarExpression()
        guard kind == .comma else { return first }
        var elements = [first.expression]
        var depth = first.depth
        while eat(.comma) {
            if !startsExpression(kind) { break }
            let element = parseStarExpression()
            elements.append(element.expression)
            depth = max(depth, element.depth)
        }
        return node(.tuple(elements), over: depth, from: start)
    }

    private func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .endOfFile, .comma, .rightParen, .rightBracket, .rightBrace, .colon, .equal, .colonEqual,
             .exclamation, .fStringEnd, .tStringEnd, .kwFor, .kwAsync, .kwIf, .kwElse, .kwIn:
            return false
        default:
            return true
        }
    }

    private mutating func parseStarExpression() -> Node {
        let start = currentStart
        if eat(.star) {
            let value = parseBinary(5)
            return node(.starred(value.expression), over: value.depth, from: start)
        }
        return parseNamedExpression()
    }

    /// `name := value` is not modelled: it becomes `.unknown`.
    private mutating func parseNamedExpression() -> Node {
        let start = currentStart
        let value = parseExpression()
        if eat(.colonEqual) {
            _ = parseExpression()
            return unknown(from: start)
        }
        return value
    }

    /// `expression`: a conditional expression or a lambda.
    private mutating func parseExpression() -> Node {
        if depth >= PyExpressionParser.maxDepth { return skipTooDeep() }
        depth &+= 1
        defer { depth &-= 1 }
        let start = currentStart
        if kind == .kwLambda { return parseLambda() }
        if kind == .kwYield || kind == .kwAwait {
            skip { $0 == .colon || $0 == .equal }
            return unknown(from: start)
        }
        let body = parseBinary(1)
        guard kind == .kwIf else { return body }
        advance()
        let test = parseBinary(1)
        guard eat(.kwElse) else { return unknown(from: start) }
        let orElse = parseExpression()
        return node(.conditional(test: test.expression, body: body.expression, orElse: orElse.expression),
                    over: max(body.depth, test.depth, orElse.depth), from: start)
    }

    private mutating func parseLambda() -> Node {
        let start = currentStart
        advance()
        var names: [String]? = []
        while kind != .colon && kind != .endOfFile {
            switch kind {
            case .name:
                names?.append(text(token))
                advance()
                if eat(.equal) {
                    names = nil
                    _ = parseExpression()
                }
            case .star, .doubleStar, .slash:
                names = nil
                advance()
                if kind == .name { advance() }
            default:
                skip { $0 == .colon }
                return unknown(from: start)
            }
            if !eat(.comma) { break }
        }
        guard eat(.colon) else { return unknown(from: start) }
        let body = parseExpression()
        return node(.lambda(parameters: names, body: body.expression), over: body.depth, from: start)
    }

    /// Binding strength of the binary operator (or comparison, `and`, `or`) at the cursor; 0 if none.
    private func binaryPrecedence() -> Int {
        switch kind {
        case .kwOr: return 1
        case .kwAnd: return 2
        case .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .kwIn, .kwIs: return 4
        case .kwNot: return kind(at: 1) == .kwIn ? 4 : 0
        case .vbar: return 5
        case .circumflex: return 6
        case .amper: return 7
        case .leftShift, .rightShift: return 8
        case .plus, .minus: return 9
        case .star, .slash, .doubleSlash, .percent, .at: return 10
        default: return 0
        }
    }

    /// Precedence climbing over the binary levels from `or` (1) to `*` (10); `not` sits at 3.
    private mutating func parseBinary(_ minimum: Int) -> Node {
        let start = currentStart
        var left: Node
        if minimum <= 3, kind == .kwNot {
            var count = 0
            while kind == .kwNot {
                count &+= 1
                advance()
            }
            left = parseBinary(4)
            for _ in 0..<count { left = node(.unary(.not, left.expression), over: left.depth, from: start) }
        } else {
            left = parseFactor()
        }
        while true {
            let precedence = binaryPrecedence()
            guard precedence >= minimum, precedence > 0 else { return left }
            switch precedence {
            case 1, 2:
                var operands = [left.expression]
                var depth = left.depth
                while binaryPrecedence() == precedence {
                    advance()
                    let operand = parseBinary(precedence &+ 1)
                    operands.append(operand.expression)
                    depth = max(depth, operand.depth)
                }
                left = node(.boolean(isAnd: precedence == 2, operands), over: depth, from: start)
            case 4:
                var links: [PyComparison] = []
                var depth = left.depth
                while binaryPrecedence() == 4 {
                    let op = parseComparisonOperator()
                    let operand = parseBinary(5)
                    links.append(PyComparison(op, operand.expression))
                    depth = max(depth, operand.depth)
                }
                left = node(.compare(left.expression, links), over: depth, from: start)
            default:
                let op: PyBinaryOperator
                switch kind {
                case .vbar: op = .bitOr
                case .circumflex: op = .bitXor
                case .amper: op = .bitAnd
                case .leftShift: op = .leftShift
                case .rightShift: op = .rightShift
                case .plus: op = .add
                case .minus: op = .subtract
                case .star: op = .multiply
                case .slash: op = .divide
                case .doubleSlash: op = .floorDivide
                case .percent: op = .modulo
                default: op = .matrixMultiply
                }
                advance()
                let right = parseBinary(precedence &+ 1)
                left = node(.binary(op, left.expression, right.expression), over: max(left.depth, right.depth), from: start)
            }
        }
    }

    private mutating func parseComparisonOperator() -> PyCompareOperator {
        let current = kind
        advance()
        switch current {
        case .equalEqual: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .kwIn: return .isIn
        case .kwNot:
            advance()
            return .notIn
        default:
            return eat(.kwNot) ? .isNot : .isSame
        }
    }

    /// `factor`: unary `+`, `-`, `~` (applied without recursion) over a power.
    private mutating func parseFactor() -> Node {
        let start = currentStart
        var prefixes: [PyUnaryOperator] = []
        prefixLoop: while true {
            switch kind {
            case .minus: prefixes.append(.negative)
            case .plus: prefixes.append(.positive)
            case .tilde: prefixes.append(.invert)
            default: break prefixLoop
            }
            advance()
        }
        var value = parsePower()
        for op in prefixes.reversed() { value = node(.unary(op, value.expression), over: value.depth, from: start) }
        return value
    }

    private mutating func parsePower() -> Node {
        let start = currentStart
        let base = parsePrimary()
        guard kind == .doubleStar else { return base }
        advance()
        if depth >= PyExpressionParser.maxDepth { return skipTooDeep() }
        depth &+= 1
        defer { depth &-= 1 }
        let exponent = parseFactor()
        return node(.binary(.power, base.expression, exponent.expression), over: max(base.depth, exponent.depth), from: start)
    }

    /// An atom and its trailers: `.name`, `(arguments)`, `[subscript]`.
    private mutating func parsePrimary() -> Node {
        let start = currentStart
        if kind == .kwAwait {
            advance()
            _ = parsePrimary()
            return unknown(from: start)
        }
        var value = parseAtom()
        while true {
            switch kind {
            case .dot:
                advance()
                guard kind == .name else { return unknown(from: start) }
                let name = text(token)
                advance()
                value = node(.attribute(value.expression, name), over: value.depth, from: start)
            case .leftParen:
                advance()
                guard let (arguments, depth) = parseCallArguments() else {
                    skip()
                    _ = eat(.rightParen)
                    return unknown(from: start)
                }
                value = node(.call(value.expression, arguments), over: max(value.depth, depth), from: start)
            case .leftBracket:
                advance()
                let index = parseSubscript()
                guard eat(.rightBracket) else {
                    skip()
                    _ = eat(.rightBracket)
                    return unknown(from: start)
                }
                value = node(.index(value.expression, index.expression), over: max(value.depth, index.depth), from: start)
            default:
                return value
            }
        }
    }

    private mutating func parseSubscript() -> Node {
        let start = currentStart
        var elements: [PyExpression] = []
        var depth = 0
        var sawComma = false
        while kind != .rightBracket && kind != .endOfFile {
            let element = parseSlice()
            elements.append(element.expression)
            depth = max(depth, element.depth)
            guard eat(.comma) else { break }
            sawComma = true
        }
        if elements.count == 1 && !sawComma { return Node(elements[0], depth) }
        return node(.tuple(elements), over: depth, from: start)
    }

    private mutating func parseSlice() -> Node {
        let start = currentStart
        if kind == .star { return parseStarExpression() }
        var lower: Node?
        if kind != .colon { lower = parseNamedExpression() }
        guard eat(.colon) else { return lower ?? unknown(from: start) }
        var upper: Node?
        if kind != .colon && kind != .comma && kind != .rightBracket { upper = parseExpression() }
        var step: Node?
        if eat(.colon), kind != .comma && kind != .rightBracket { step = parseExpression() }
        let depth = max(lower?.depth ?? 0, upper?.depth ?? 0, step?.depth ?? 0)
        return node(.slice(lower?.expression, upper?.expression, step?.expression), over: depth, from: start)
    }

    // MARK: - Atoms

    private mutating func parseAtom() -> Node {
        let current = token
        switch current.kind {
        case .name:
            advance()
            return Node(.name(text(current)))
        case .kwTrue:
            advance()
            return Node(.bool(true))
        case .kwFalse:
            advance()
            return Node(.bool(false))
        case .kwNone:
            advance()
            return Node(.none)
        case .ellipsis:
            advance()
            return Node(.ellipsis)
        case .number:
            advance()
            return Node(PyNumberLiteral.parse(base + Int(current.start), count: Int(current.end &- current.start))
                ?? .unknown(current.start..<current.end))
        case .string, .fStringStart, .tStringStart:
            return parseStrings()
        case .leftParen:
            return parseParenthesized()
        case .leftBracket:
            return parseListDisplay()
        case .leftBrace:
            return parseBraceDisplay()
        default:
            if current.kind == .comma || PyExpressionParser.isCloser(current.kind) || current.kind == .endOfFile {
                return Node(.unknown(current.start..<current.start))
            }
            advance()
            return Node(.unknown(current.start..<current.end))
        }
    }

    /// Comma-separated elements up to `closer` (the first one given), for tuples, lists and sets.
    private mutating func parseElements(after first: Node, closer: TokenKind) -> (elements: [PyExpression], depth: Int) {
        var elements = [first.expression]
        var depth = first.depth
        while eat(.comma) {
            if kind == closer { break }
            let element = parseStarExpression()
            elements.append(element.expression)
            depth = max(depth, element.depth)
        }
        return (elements, depth)
    }

    private mutating func parseParenthesized() -> Node {
        let start = currentStart
        advance()
        if eat(.rightParen) { return Node(.tuple([])) }
        if kind == .kwYield {
            skip()
            _ = eat(.rightParen)
            return unknown(from: start)
        }
        let first = parseStarExpression()
        if kind == .kwFor || kind == .kwAsync {
            let generator = parseComprehension(.generator, element: first, value: nil, start: start)
            return eat(.rightParen) ? generator : unclosed(start, closer: .rightParen)
        }
        if eat(.rightParen) { return first }
        guard kind == .comma else { return unclosed(start, closer: .rightParen) }
        let (elements, depth) = parseElements(after: first, closer: .rightParen)
        return eat(.rightParen) ? node(.tuple(elements), over: depth, from: start) : unclosed(start, closer: .rightParen)
    }

    private mutating func parseListDisplay() -> Node {
        let start = currentStart
        advance()
        if eat(.rightBracket) { return Node(.list([])) }
        let first = parseStarExpression()
        if kind == .kwFor || kind == .kwAsync {
            let comprehension = parseComprehension(.list, element: first, value: nil, start: start)
            return eat(.rightBracket) ? comprehension : unclosed(start, closer: .rightBracket)
        }
        let (elements, depth) = parseElements(after: first, closer: .rightBracket)
        return eat(.rightBracket) ? node(.list(elements), over: depth, from: start) : unclosed(start, closer: .rightBracket)
    }

    private mutating func parseBraceDisplay() -> Node {
        let start = currentStart
        advance()
        if eat(.rightBrace) { return Node(.dict([])) }
        var entries: [PyDictEntry] = []
        var depth = 0
        if eat(.doubleStar) {
            let mapping = parseBinary(5)
            entries.append(.unpack(mapping.expression))
            depth = mapping.depth
        } else {
            let first = parseStarExpression()
            guard eat(.colon) else {
                if kind == .kwFor || kind == .kwAsync {
                    let comprehension = parseComprehension(.set, element: first, value: nil, start: start)
                    return eat(.rightBrace) ? comprehension : unclosed(start, closer: .rightBrace)
                }
                let (elements, depth) = parseElements(after: first, closer: .rightBrace)
                return eat(.rightBrace) ? node(.set(elements), over: depth, from: start) : unclosed(start, closer: .rightBrace)
            }
            let value = parseExpression()
            if kind == .kwFor || kind == .kwAsync {
                let comprehension = parseComprehension(.dict, element: first, value: value, start: start)
                return eat(.rightBrace) ? comprehension : unclosed(start, closer: .rightBrace)
            }
            entries.append(.pair(first.expression, value.expression))
            depth = max(first.depth, value.depth)
        }
        while eat(.comma) {
            if kind == .rightBrace { break }
            if eat(.doubleStar) {
                let mapping = parseBinary(5)
                entries.append(.unpack(mapping.expression))
                depth = max(depth, mapping.depth)
            } else {
                let key = parseExpression()
                guard eat(.colon) else { return unclosed(start, closer: .rightBrace) }
                let value = parseExpression()
                entries.append(.pair(key.expression, value.expression))
                depth = max(depth, key.depth, value.depth)
            }
        }
        return eat(.rightBrace) ? node(.dict(entries), over: depth, from: start) : unclosed(start, closer: .rightBrace)
    }

    /// A display that did not end where expected: skip past its closer and make it `.unknown`.
    private mutating func unclosed(_ start: Int32, closer: TokenKind) -> Node {
        while kind != .endOfFile {
            skip()
            guard eat(.comma) else { break }
        }
        _ = eat(closer)
        return unknown(from: start)
    }

    private mutating func parseComprehension(_ kind: PyComprehension.Kind, element: Node, value: Node?, start: Int32) -> Node {
        var clauses: [PyComprehensionClause] = []
        var depth = max(element.depth, value?.depth ?? 0)
        while self.kind == .kwFor || self.kind == .kwAsync {
            let isAsync = eat(.kwAsync)
            guard eat(.kwFor) else { return unknown(from: start) }
            let target = parseTargets()
            guard eat(.kwIn) else {
                skip()
                return unknown(from: start)
            }
            let iterable = parseBinary(1)
            depth = max(depth, target.depth, iterable.depth)
            var conditions: [PyExpression] = []
            while eat(.kwIf) {
                let condition = parseBinary(1)
                conditions.append(condition.expression)
                depth = max(depth, condition.depth)
            }
            clauses.append(PyComprehensionClause(
                target: target.expression, iterable: iterable.expression, conditions: conditions, isAsync: isAsync))
        }
        let comprehension = PyComprehension(kind: kind, element: element.expression, value: value?.expression, clauses: clauses)
        return node(.comprehension(comprehension), over: depth, from: start)
    }

    /// `star_targets` of a `for` clause: one target or a tuple of them.
    private mutating func parseTargets() -> Node {
        let start = currentStart
        var elements: [PyExpression] = []
        var depth = 0
        var sawComma = false
        while kind != .kwIn && kind != .endOfFile {
            let element: Node
            if eat(.star) {
                let target = parseBinary(5)
                element = node(.starred(target.expression), over: target.depth, from: start)
            } else {
                element = parseBinary(5)
            }
            elements.append(element.expression)
            depth = max(depth, element.depth)
            guard eat(.comma) else { break }
            sawComma = true
        }
        if elements.count == 1 && !sawComma { return Node(elements[0], depth) }
        return node(.tuple(elements), over: depth, from: start)
    }

    // MARK: - Strings

    /// Adjacent string literals and f-strings, joined.
    private mutating func parseStrings() -> Node {
        let start = currentStart
        var isBytes: Bool?
        var valid = true
        var buffer: [UInt8] = []
        var parts: [PyFStringPart] = []
        var depth = 0
        while true {
            let current = token
            if current.kind == .string {
                advance()
                let literalIsBytes = current.flags.contains(.bytes)
                if isBytes == nil { isBytes = literalIsBytes } else if isBytes != literalIsBytes { valid = false }
                if !PyStringLiteralDecoder.decodeLiteral(base, current, into: &buffer) { valid = false }
            } else if current.kind == .fStringStart {
                if isBytes == true { valid = false }
                isBytes = false
                if !parseFString(buffer: &buffer, parts: &parts, depth: &depth) { valid = false }
            } else if current.kind == .tStringStart {
                valid = false
                skipFString()
            } else {
                break
            }
        }
        guard valid else { return unknown(from: start) }
        if isBytes == true { return Node(.bytes(buffer)) }
        if parts.isEmpty { return Node(.string(String(decoding: buffer, as: UTF8.self))) }
        if !buffer.isEmpty { parts.append(.literal(String(decoding: buffer, as: UTF8.self))) }
        return node(.fString(parts), over: depth, from: start)
    }

    /// Skips an f- or t-string from its start token through its end token.
    private mutating func skipFString() {
        advance()
        skipRestOfFString()
    }

    /// Skips to just after the end token of the f-string the cursor is in.
    private mutating func skipRestOfFString() {
        var nesting = 1
        while kind != .endOfFile {
            let current = kind
            advance()
            if current == .fStringStart || current == .tStringStart {
                nesting &+= 1
            } else if current == .fStringEnd || current == .tStringEnd {
                nesting &-= 1
                if nesting == 0 { return }
            }
        }
    }

    /// Parses one f-string from its start token, appending literal text to `buffer` and, at each
    /// replacement field, the pending text and the field to `parts`; false when it holds
    /// something not modelled (the caller makes it `.unknown`).
    private mutating func parseFString(buffer: inout [UInt8], parts: inout [PyFStringPart], depth: inout Int) -> Bool {
        let raw = token.flags.contains(.raw)
        advance()
        while true {
            switch kind {
            case .fStringEnd:
                let terminated = !token.flags.contains(.unterminated)
                advance()
                return terminated
            case .fStringMiddle:
                if !PyStringLiteralDecoder.decodeFStringMiddle(base, token, raw: raw, into: &buffer) {
                    skipRestOfFString()
                    return false
                }
                advance()
            case .leftBrace:
                guard let field = parseFStringField(raw: raw) else {
                    skipRestOfFString()
                    return false
                }
                if !buffer.isEmpty {
                    parts.append(.literal(String(decoding: buffer, as: UTF8.self)))
                    buffer.removeAll(keepingCapacity: true)
                }
                parts.append(field.expression)
                depth = max(depth, field.depth)
            default:
                skipRestOfFString()
                return false
            }
        }
    }

    /// `{expression!conversion:spec}` from its `{`; nil for `{x=}` and malformed or too deep fields.
    private mutating func parseFStringField(raw: Bool) -> (expression: PyFStringPart, depth: Int)? {
        advance()
        if depth >= PyExpressionParser.maxDepth { return nil }
        depth &+= 1
        defer { depth &-= 1 }
        let value = parseStarExpressions()
        if kind == .equal { return nil }
        var conversion: UInt8?
        if eat(.exclamation) {
            guard kind == .name, token.end &- token.start == 1 else { return nil }
            conversion = base[Int(token.start)]
            advance()
        }
        var spec: [PyFStringPart] = []
        var treeDepth = value.depth
        if eat(.colon) {
            var buffer: [UInt8] = []
            while kind != .rightBrace {
                switch kind {
                case .fStringMiddle:
                    guard PyStringLiteralDecoder.decodeFStringMiddle(base, token, raw: raw, into: &buffer) else { return nil }
                    advance()
                case .leftBrace:
                    guard let field = parseFStringField(raw: raw) else { return nil }
                    if !buffer.isEmpty {
                        spec.append(.literal(String(decoding: buffer, as: UTF8.self)))
                        buffer.removeAll()
                    }
                    spec.append(field.expression)
                    treeDepth = max(treeDepth, field.depth)
                default:
                    return nil
                }
            }
            if !buffer.isEmpty { spec.append(.literal(String(decoding: buffer, as: UTF8.self))) }
        }
        guard eat(.rightBrace), treeDepth < PyExpressionParser.maxDepth else { return nil }
        return (.field(value.expression, conversion: conversion, spec: spec), treeDepth &+ 1)
    }
}
