/// pytest's parser for `-k`/`-m` (see the grammar on `Expression`), emitting a flat program instead
/// of a Python AST. It accepts tokens in the same order as pytest's recursive functions, so it
/// reports the same errors, but nesting costs heap rather than stack: no input can overflow it.
struct ExpressionParser {
    private var scanner: ExpressionScanner
    private(set) var program: [ExpressionInstruction] = []
    private(set) var atoms: [ExpressionAtom] = []
    /// Each call's keyword arguments in source order, for the checks of Python's compiler.
    private var calls: [[(name: String, value: ExpressionValue)]] = []

    /// An `expr` being read: whether a `not` applies to it as a whole, and the jumps of its
    /// `or`s and of its current `and_expr`'s `and`s, still to be pointed past their operands.
    private struct OpenExpr {
        var negated = false
        var orJumps: [Int] = []
        var andJumps: [Int] = []
    }

    init(_ input: String) throws(ExpressionError) {
        scanner = try ExpressionScanner(input)
    }

    /// expression: expr? EOF
    mutating func expression() throws(ExpressionError) {
        if try scanner.accept(.endOfInput) != nil {
            return
        }
        try expr()
        _ = try scanner.expect(.endOfInput)
        try checkCalls()
    }

    /// expr:     and_expr ('or' and_expr)*
    /// and_expr: not_expr ('and' not_expr)*
    /// not_expr: 'not' not_expr | '(' expr ')' | ident kwargs?
    ///
    /// The three rules in one loop: `(` saves the enclosing `expr` on a stack and starts a new one,
    /// and the `)` after it restores the enclosing one, its operand then complete.
    private mutating func expr() throws(ExpressionError) {
        var enclosing: [OpenExpr] = []
        var current = OpenExpr()
        while true {
            let negated = try nots()
            if try scanner.accept(.leftParenthesis) != nil {
                enclosing.append(current)
                current = OpenExpr(negated: negated)
                continue
            }
            guard let identifier = try scanner.accept(.identifier) else {
                throw scanner.reject([.not, .leftParenthesis, .identifier])
            }
            try atom(identifier)
            if negated {
                program.append(.not)
            }
            // An operand is complete: continue its and_expr, its expr, or close its parentheses.
            while true {
                if try scanner.accept(.and) != nil {
                    current.andJumps.append(program.count)
                    program.append(.jumpIfFalse(0))
                    break
                }
                for jump in current.andJumps {
                    program[jump] = .jumpIfFalse(program.count)
                }
                current.andJumps = []
                if try scanner.accept(.or) != nil {
                    current.orJumps.append(program.count)
                    program.append(.jumpIfTrue(0))
                    break
                }
                for jump in current.orJumps {
                    program[jump] = .jumpIfTrue(program.count)
                }
                guard let outer = enclosing.popLast() else {
                    return
                }
                _ = try scanner.expect(.rightParenthesis)
                if current.negated {
                    program.append(.not)
                }
                current = outer
            }
        }
    }

    /// The `'not'` prefixes of a not_expr; true when there is an odd number of them.
    private mutating func nots() throws(ExpressionError) -> Bool {
        var negated = false
        while try scanner.accept(.not) != nil {
            negated.toggle()
        }
        return negated
    }

    /// ident kwargs?
    private mutating func atom(_ identifier: ExpressionToken) throws(ExpressionError) {
        let name = scanner.text(of: identifier)
        var arguments: [String: ExpressionValue]?
        if try scanner.accept(.leftParenthesis) != nil {
            let list = try kwargs()
            _ = try scanner.expect(.rightParenthesis)
            calls.append(list)
            // Python's compiler rejects repeated names (`checkCalls`); names that Swift deems
            // canonically equivalent yet Python does not must not trap here.
            arguments = Dictionary(list.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        program.append(.match(atoms.count))
        atoms.append(ExpressionAtom(name: name, kwargs: arguments))
    }

    /// kwargs: '(' name '=' value (',' name '=' value)* ')', the parentheses read by `atom`.
    private mutating func kwargs() throws(ExpressionError) -> [(name: String, value: ExpressionValue)] {
        var list = [try singleKwarg()]
        while try scanner.accept(.comma) != nil {
            list.append(try singleKwarg())
        }
        return list
    }

    /// name: a valid Python identifier that is not a reserved keyword
    /// value: (unescaped) string literal | (-)?[0-9]+ | 'False' | 'True' | 'None'
    private mutating func singleKwarg() throws(ExpressionError) -> (name: String, value: ExpressionValue) {
        let nameToken = try scanner.expect(.identifier)
        let name = scanner.text(of: nameToken)
        guard ExpressionCharacters.isPythonIdentifier(name) else {
            throw scanner.error(at: nameToken.start, "not a valid python identifier \(name)")
        }
        if ExpressionCharacters.isPythonKeyword(name) {
            throw scanner.error(at: nameToken.start, "unexpected reserved python keyword `\(name)`")
        }
        _ = try scanner.expect(.equal)

        if let string = try scanner.accept(.stringLiteral) {
            let inner = ExpressionToken(kind: .stringLiteral, start: string.start + 1, end: string.end - 1)
            return (name, .string(scanner.text(of: inner)))
        }
        let valueToken = try scanner.expect(.identifier)
        let text = scanner.text(of: valueToken)
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if ExpressionCharacters.isPythonDigits(digits) {
            switch ExpressionCharacters.pythonInt(text) {
            case let .success(value):
                return (name, value)
            case let .failure(failure):
                throw scanner.error(at: valueToken.start, failure.message, kind: .beyondPytest)
            }
        }
        switch text {
        case "True": return (name, .bool(true))
        case "False": return (name, .bool(false))
        case "None": return (name, .pythonNone)
        default: throw scanner.error(at: valueToken.start, "unexpected character/s \"\(text)\"")
        }
    }

    /// What Python's `compile()` rejects in the calls, in source order: for each keyword in turn,
    /// the name `__debug__`, then a later keyword with the same name. pytest shows no text and column 1.
    private func checkCalls() throws(ExpressionError) {
        for list in calls where list.count > 1 || list.contains(where: { Self.isDebug($0.name) }) {
            var remaining: [[UInt8]: Int] = [:]
            for (name, _) in list {
                remaining[Array(name.utf8), default: 0] += 1
            }
            for (name, _) in list {
                if Self.isDebug(name) {
                    throw Self.compileError("cannot assign to __debug__")
                }
                let key = Array(name.utf8)
                if remaining[key, default: 0] > 1 {
                    throw Self.compileError("keyword argument repeated: \(name)")
                }
                remaining[key, default: 0] -= 1
            }
        }
    }

    private static func isDebug(_ name: String) -> Bool {
        name.utf8.elementsEqual("__debug__".utf8)
    }

    private static func compileError(_ reason: String) -> ExpressionError {
        ExpressionError(kind: .compile, text: nil, column: 1, reason: reason)
    }
}
