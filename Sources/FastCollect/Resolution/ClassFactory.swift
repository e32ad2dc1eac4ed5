import ModuleScanner

/// A function whose every outcome is `type(name, (bases…), namespace)`, read from its body:
/// Django's `BaseManager.from_queryset`, a `make_case(base)` helper. Called in a class
/// statement's base list, it gives a class whose bases are known and whose namespace is not.
struct ClassFactory: Sendable, Equatable {
    /// One element of the bases tuple, as the factory's body writes it.
    enum Base: Sendable, Equatable {
        /// The class a classmethod was looked up on (its first parameter, `cls`).
        case receiver
        /// The call's argument for a parameter: its position after `cls` and its name.
        case argument(index: Int, name: String)
        /// A dotted name the factory's module binds.
        case global([String])
    }

    var bases: [Base]
    /// The namespace dict's literal keys. Names a `**mapping` adds are not known: they are
    /// trusted to be neither `__test__` nor a name looked up through the class (a factory
    /// method), as metaclasses are trusted not to add tests.
    var namespaceKeys: [String]

    /// Reads the body of `decl` (a statement of `source`). Nil unless the body ends with a
    /// `return`, every `return` (outside nested functions and classes) is a three-argument call
    /// of the builtin `type` with the same tuple of plain or dotted names as bases and a dict
    /// display with string keys other than `"__test__"` as namespace, nothing in it raises or
    /// yields, and no statement rebinds a name the bases use.
    static func read(_ decl: FunctionDecl, isClassMethod: Bool, source: [UInt8]) -> ClassFactory? {
        guard !decl.isAsync, !decl.isGenerator, !decl.hasVarArgs, !decl.parameters.contains("type"),
            !isClassMethod || !decl.parameters.isEmpty
        else { return nil }
        return source.withUnsafeBufferPointer { whole -> ClassFactory? in
            guard let body = BodyTokens(decl, source: whole) else { return nil }
            var result: ClassFactory?
            for statement in body.returns {
                guard let factory = factory(returning: statement, decl: decl, isClassMethod: isClassMethod, source: whole)
                else { return nil }
                if let earlier = result, earlier != factory { return nil }
                result = factory
            }
            guard let result, body.endsWithReturn else { return nil }
            for case .global(let parts) in result.bases where body.rebinds(parts[0], source: whole) { return nil }
            for case .argument(_, let name) in result.bases where body.rebinds(name, source: whole) { return nil }
            if isClassMethod, body.rebinds(decl.parameters[0], source: whole) { return nil }
            return result
        }
    }

    private static func factory(
        returning range: Range<Int32>, decl: FunctionDecl, isClassMethod: Bool, source: UnsafeBufferPointer<UInt8>
    ) -> ClassFactory? {
        guard case .call(.name("type"), let arguments) = PyExpressionParser.parseExpression(source: source, range: range),
            arguments.count == 3, case .positional = arguments[0],
            case .positional(.tuple(let elements)) = arguments[1],
            case .positional(.dict(let entries)) = arguments[2], !elements.isEmpty
        else { return nil }
        var keys: [String] = []
        for entry in entries {
            switch entry {
            case .pair(.string(let key), _):
                guard key != "__test__" else { return nil }
                keys.append(key)
            case .pair:
                return nil
            case .unpack:
                break
            }
        }
        let ownParameters = isClassMethod ? Array(decl.parameters.dropFirst()) : decl.parameters
        var bases: [Base] = []
        for element in elements {
            guard let dotted = element.dottedName else { return nil }
            let parts = dotted.dottedParts()
            if isClassMethod, dotted == decl.parameters[0] {
                bases.append(.receiver)
            } else if let index = ownParameters.firstIndex(of: parts[0]) {
                guard parts.count == 1 else { return nil }
                bases.append(.argument(index: index, name: parts[0]))
            } else if parts[0] == decl.parameters.first {
                return nil
            } else {
                bases.append(.global(parts))
            }
        }
        return ClassFactory(bases: bases, namespaceKeys: keys)
    }
}

/// The tokens of a function's body, with the facts `ClassFactory` asks of them.
private struct BodyTokens {
    private var tokens: [Token] = []
    /// The expression ranges of the body's `return` statements (nested scopes excluded).
    private(set) var returns: [Range<Int32>] = []
    /// True when the body's last statement is a `return`.
    private(set) var endsWithReturn = false
    /// Token index ranges of nested `def`/`class` statements (their own scopes).
    private var nestedScopes: [Range<Int>] = []

    init?(_ decl: FunctionDecl, source: UnsafeBufferPointer<UInt8>) {
        let base = Int(decl.range.lowerBound)
        guard base >= 0, Int(decl.range.upperBound) <= source.count else { return nil }
        var lexer = Lexer(source: UnsafeBufferPointer(rebasing: source[base..<Int(decl.range.upperBound)]))
        while tokens.count < 50_000 {
            var token = lexer.next()
            if token.kind == .endOfFile { break }
            if token.kind == .comment || token.kind == .nonLogicalNewline { continue }
            token.start += Int32(base)
            token.end += Int32(base)
            tokens.append(token)
        }
        guard tokens.count < 50_000, let def = tokens.firstIndex(where: { $0.kind == .kwDef }) else { return nil }
        // The header ends at the first `:` outside brackets after `def`.
        var index = def
        var depth = 0
        while index < tokens.count {
            let kind = tokens[index].kind
            if kind == .leftParen || kind == .leftBracket || kind == .leftBrace {
                depth += 1
            } else if kind == .rightParen || kind == .rightBracket || kind == .rightBrace {
                depth -= 1
            } else if kind == .colon && depth == 0 {
                break
            }
            index += 1
        }
        index += 1
        guard index < tokens.count else { return nil }
        if tokens[index].kind == .newline {
            guard index + 1 < tokens.count, tokens[index + 1].kind == .indent else { return nil }
            index += 2
        }
        tokens.removeSubrange(..<index)
        guard scan() else { return nil }
    }

    /// Finds returns, nested scopes and the last statement; false on `yield`, `raise` or a
    /// malformed body.
    private mutating func scan() -> Bool {
        var level = 0
        var index = 0
        var lastBodyStatementIsReturn = false
        var atStatementStart = true
        // After a compound statement's `:` on the same line, up to the NEWLINE: its suite.
        var inlineSuite = false
        var bracketDepth = 0
        // `lambda`s outside brackets in this simple statement whose `:` is still to come.
        var pendingLambdas = 0
        while index < tokens.count {
            let kind = tokens[index].kind
            switch kind {
            case .indent:
                level += 1
                index += 1
                continue
            case .dedent:
                level -= 1
                if level < 0 { index = tokens.count }
                index += 1
                continue
            case .kwYield, .kwRaise:
                return false
            case .leftParen, .leftBracket, .leftBrace: bracketDepth += 1
            case .rightParen, .rightBracket, .rightBrace: bracketDepth -= 1
            default: break
            }
            if atStatementStart && bracketDepth == 0 {
                if level == 0 && !inlineSuite { lastBodyStatementIsReturn = kind == .kwReturn }
                if kind == .kwDef || kind == .kwClass || (kind == .kwAsync && index + 1 < tokens.count && tokens[index + 1].kind == .kwDef) || kind == .at {
                    // A nested scope: its statements are not this function's.
                    let start = index
                    index = endOfNestedScope(from: index)
                    nestedScopes.append(start..<index)
                    atStatementStart = true
                    continue
                }
                if kind == .kwReturn {
                    var end = index + 1
                    var depth = 0
                    while end < tokens.count {
                        let k = tokens[end].kind
                        if k == .leftParen || k == .leftBracket || k == .leftBrace { depth += 1 }
                        if k == .rightParen || k == .rightBracket || k == .rightBrace { depth -= 1 }
                        if depth == 0 && (k == .newline || k == .semicolon) { break }
                        end += 1
                    }
                    guard end > index + 1 else { return false }
                    returns.append(tokens[index + 1].start..<tokens[end - 1].end)
                }
            }
            // A `:` outside brackets ends a compound statement's header (`if x: return y`), so
            // the next token starts a statement, unless it is a lambda's.
            var endsHeader = false
            if bracketDepth == 0 && kind == .kwLambda { pendingLambdas += 1 }
            if bracketDepth == 0 && kind == .colon {
                if pendingLambdas > 0 { pendingLambdas -= 1 } else { endsHeader = true }
            }
            if endsHeader { inlineSuite = true }
            if kind == .newline || kind == .semicolon { pendingLambdas = 0 }
            if kind == .newline { inlineSuite = false }
            atStatementStart = bracketDepth == 0 && (kind == .newline || kind == .semicolon || endsHeader)
            index += 1
        }
        endsWithReturn = lastBodyStatementIsReturn
        return true
    }

    /// The index after a nested `def`/`class` statement (decorators included) and its block.
    private func endOfNestedScope(from start: Int) -> Int {
        var index = start
        // Decorator lines and the header, up to the NEWLINE that ends the header's line.
        var depth = 0
        while index < tokens.count {
            let k = tokens[index].kind
            if k == .leftParen || k == .leftBracket || k == .leftBrace { depth += 1 }
            if k == .rightParen || k == .rightBracket || k == .rightBrace { depth -= 1 }
            index += 1
            if depth == 0 && k == .newline {
                if index < tokens.count, tokens[index].kind == .at || tokens[index].kind == .kwDef
                    || tokens[index].kind == .kwClass || tokens[index].kind == .kwAsync,
                    tokens[start].kind == .at
                {
                    continue
                }
                break
            }
        }
        guard index < tokens.count, tokens[index].kind == .indent else { return index }
        var level = 0
        repeat {
            if tokens[index].kind == .indent { level += 1 }
            if tokens[index].kind == .dedent { level -= 1 }
            index += 1
        } while level > 0 && index < tokens.count
        return index
    }

    /// True when a statement of the body (outside nested scopes and `return`s) may bind `name`:
    /// an assignment, augmented or annotated target, a `for`/`with`/`except … as`/`import`
    /// target, `:=`, `del`, `global`/`nonlocal`, or a nested `def`/`class` of that name.
    func rebinds(_ name: String, source: UnsafeBufferPointer<UInt8>) -> Bool {
        let wanted = Array(name.utf8)
        func isName(_ token: Token) -> Bool {
            token.kind == .name && token.end - token.start == Int32(wanted.count)
                && wanted.withUnsafeBufferPointer { w in
                    (0..<w.count).allSatisfy { source[Int(token.start) + $0] == w[$0] }
                }
        }
        for scope in nestedScopes {
            var index = scope.lowerBound
            while index < scope.upperBound, tokens[index].kind == .at || !(tokens[index].kind == .kwDef || tokens[index].kind == .kwClass) {
                index += 1
            }
            if index + 1 < scope.upperBound, isName(tokens[index + 1]) { return true }
        }
        var statementStart = 0
        var index = 0
        var inForTarget = false
        while index < tokens.count {
            if let scope = nestedScopes.first(where: { $0.lowerBound == index }) {
                index = scope.upperBound
                statementStart = index
                continue
            }
            let token = tokens[index]
            switch token.kind {
            case .newline, .semicolon, .indent, .dedent:
                statementStart = index + 1
                inForTarget = false
            case .kwFor:
                inForTarget = true
            case .kwIn:
                inForTarget = false
            case .name where isName(token):
                let previous = index > 0 ? tokens[index - 1].kind : .newline
                let next = index + 1 < tokens.count ? tokens[index + 1].kind : .newline
                if inForTarget || previous == .kwAs || previous == .kwImport || previous == .kwDel
                    || previous == .kwGlobal || previous == .kwNonlocal || next == .colonEqual
                    || (index == statementStart && next == .colon)
                    || assignmentFollows(index)
                {
                    if !isInsideReturn(index) { return true }
                }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// True when a `=` or an augmented assignment follows token `index` at bracket depth 0 in
    /// its statement: the token is part of a target.
    private func assignmentFollows(_ index: Int) -> Bool {
        var probe = index + 1
        var depth = 0
        while probe < tokens.count {
            switch tokens[probe].kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace:
                depth -= 1
                if depth < 0 { return false }
            case .newline, .semicolon, .indent, .dedent: return false
            case .kwLambda where depth == 0: return false
            case .equal, .plusEqual, .minusEqual, .starEqual, .slashEqual, .doubleSlashEqual, .percentEqual,
                .doubleStarEqual, .vbarEqual, .amperEqual, .circumflexEqual, .leftShiftEqual, .rightShiftEqual, .atEqual:
                if depth == 0 { return true }
            default: break
            }
            probe += 1
        }
        return false
    }

    private func isInsideReturn(_ index: Int) -> Bool {
        let offset = tokens[index].start
        return returns.contains { $0.contains(offset) }
    }
}
