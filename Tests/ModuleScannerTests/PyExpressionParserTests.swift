import Testing

@testable import ModuleScanner

/// A compact, unambiguous rendering of an expression tree for table tests.
private func render(_ expression: PyExpression) -> String {
    func list(_ items: [PyExpression]) -> String { items.map(render).joined(separator: " ") }
    func optional(_ item: PyExpression?) -> String { item.map(render) ?? "_" }
    switch expression {
    case .name(let name): return name
    case .attribute(let base, let name): return "(. \(render(base)) \(name))"
    case .call(let function, let arguments):
        let rendered = arguments.map { argument -> String in
            switch argument {
            case .positional(let value): return render(value)
            case .starred(let value): return "*\(render(value))"
            case .keyword(let name, let value): return "\(name)=\(render(value))"
            case .doubleStarred(let value): return "**\(render(value))"
            }
        }
        return "(call \(render(function))\(rendered.map { " " + $0 }.joined()))"
    case .string(let value): return "s\(String(reflecting: value))"
    case .bytes(let value): return "b\(value)"
    case .fString(let parts):
        func renderPart(_ part: PyFStringPart) -> String {
            switch part {
            case .literal(let text): return String(reflecting: text)
            case .field(let value, let conversion, let spec):
                let conversionText = conversion.map { "!" + String(UnicodeScalar($0)) } ?? ""
                let specText = spec.isEmpty ? "" : ":" + spec.map(renderPart).joined(separator: ",")
                return "{\(render(value))\(conversionText)\(specText)}"
            }
        }
        return "(f \(parts.map(renderPart).joined(separator: " ")))"
    case .int(let literal): return literal.value.map { "\($0)" } ?? "big:\(literal.decimal)"
    case .float(let value, let text): return "float:\(value)/\(text)"
    case .imaginary(let value, _): return "\(value)j"
    case .bool(let value): return value ? "True" : "False"
    case .none: return "None"
    case .ellipsis: return "..."
    case .tuple(let items): return "(tuple\(items.isEmpty ? "" : " " + list(items)))"
    case .list(let items): return "[\(list(items))]"
    case .set(let items): return "{set \(list(items))}"
    case .dict(let entries):
        let rendered = entries.map { entry -> String in
            switch entry {
            case .pair(let key, let value): return "\(render(key)):\(render(value))"
            case .unpack(let value): return "**\(render(value))"
            }
        }
        return "{\(rendered.joined(separator: " "))}"
    case .unary(let op, let operand): return "(\(op) \(render(operand)))"
    case .binary(let op, let left, let right): return "(\(op) \(render(left)) \(render(right)))"
    case .compare(let first, let links):
        return "(cmp \(render(first))\(links.map { " \($0.op) \(render($0.operand))" }.joined()))"
    case .boolean(let isAnd, let operands): return "(\(isAnd ? "and" : "or") \(list(operands)))"
    case .index(let base, let index): return "(index \(render(base)) \(render(index)))"
    case .slice(let lower, let upper, let step): return "(slice \(optional(lower)) \(optional(upper)) \(optional(step)))"
    case .lambda(let parameters, let body):
        return "(lambda \(parameters.map { "[" + $0.joined(separator: ",") + "]" } ?? "?") \(render(body)))"
    case .comprehension(let comprehension):
        var text = "(\(comprehension.kind)comp \(render(comprehension.element))"
        if let value = comprehension.value { text += ":\(render(value))" }
        for clause in comprehension.clauses {
            text += " for \(render(clause.target)) in \(render(clause.iterable))"
            for condition in clause.conditions { text += " if \(render(condition))" }
        }
        return text + ")"
    case .conditional(let test, let body, let orElse): return "(if \(render(test)) \(render(body)) \(render(orElse)))"
    case .starred(let value): return "*\(render(value))"
    case .unknown: return "?"
    }
}

private func parse(_ source: String) -> String {
    let bytes = Array(source.utf8)
    return bytes.withUnsafeBufferPointer {
        render(PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count)))
    }
}

private func arguments(_ source: String) -> String {
    let bytes = Array(source.utf8)
    let parsed = bytes.withUnsafeBufferPointer {
        PyExpressionParser.parseArguments(source: $0, range: 0..<Int32($0.count))
    }
    return (parsed.positional.map(render) + parsed.keywords.map { "\($0.0)=\(render($0.1))" }).joined(separator: " | ")
}

@Suite struct PyExpressionParserTests {
    static let expressions: [(String, String)] = [
        ("x", "x"),
        ("pytest.mark.parametrize", "(. (. pytest mark) parametrize)"),
        ("1", "1"),
        ("1_000", "1000"),
        ("0x_ff", "255"),
        ("0o17", "15"),
        ("0b101", "5"),
        ("00", "0"),
        ("123456789012345678901234567890", "big:123456789012345678901234567890"),
        ("0xFFFFFFFFFFFFFFFFFFFF", "big:1208925819614629174706175"),
        ("9223372036854775807", "9223372036854775807"),
        ("9223372036854775808", "big:9223372036854775808"),
        ("1.5", "float:1.5/1.5"),
        ("1e-05", "float:1e-05/1e-05"),
        ("1_0.0_1", "float:10.01/1_0.0_1"),
        (".5", "float:0.5/.5"),
        ("5.", "float:5.0/5."),
        ("1e500", "float:inf/1e500"),
        ("2j", "2.0j"),
        ("1.5e3J", "1500.0j"),
        ("True, False, None, ...", "(tuple True False None ...)"),
        ("'a' \"b\" '''c'''", "s\"abc\""),
        ("'\\x41\\u00e9\\U0001F600\\n\\t\\\\\\'\\101\\0'", "s\"Aé😀\\n\\t\\\\\\'A\\0\""),
        ("r'\\n\\d'", "s\"\\\\n\\\\d\""),
        ("'\\d\\q'", "s\"\\\\d\\\\q\""),
        ("'é☃'", "s\"é☃\""),
        ("'a\\\nb'", "s\"ab\""),
        ("b'\\xe9\\x00a'", "b[233, 0, 97]"),
        ("b'a' b'b'", "b[97, 98]"),
        ("b'a' 'b'", "?"),
        ("b'é'", "?"),
        ("'\\N{BULLET}'", "?"),
        ("'\\ud800'", "?"),
        ("f'abc'", "s\"abc\""),
        ("f'{{x}}'", "s\"{x}\""),
        ("'a' f'b{x}c' 'd'", "(f \"ab\" {x} \"cd\")"),
        ("f'{x!r:>{w}}'", "(f {x!r:\">\",{w}})"),
        ("f'{x:02d}'", "(f {x:\"02d\"})"),
        ("f'{x=}'", "?"),
        ("f'{f\"{y}\"}'", "(f {(f {y})})"),
        ("t'{x}'", "?"),
        ("-1", "(negative 1)"),
        ("- - 1", "(negative (negative 1))"),
        ("not not x", "(not (not x))"),
        ("-x ** 2", "(negative (power x 2))"),
        ("2 ** -1", "(power 2 (negative 1))"),
        ("2 ** 3 ** 2", "(power 2 (power 3 2))"),
        ("1 + 2 * 3 - 4", "(subtract (add 1 (multiply 2 3)) 4)"),
        ("a | b ^ c & d << 1 >> 2", "(bitOr a (bitXor b (bitAnd c (rightShift (leftShift d 1) 2))))"),
        ("a // b % c / d @ e", "(matrixMultiply (divide (modulo (floorDivide a b) c) d) e)"),
        ("a < b <= c", "(cmp a less b lessEqual c)"),
        ("a not in b", "(cmp a notIn b)"),
        ("a is not None", "(cmp a isNot None)"),
        ("not a == b", "(not (cmp a equal b))"),
        ("a and b or c and not d", "(or (and a b) (and c (not d)))"),
        ("a if b else c", "(if b a c)"),
        ("a if b else c if d else e", "(if b a (if d c e))"),
        ("lambda: 0", "(lambda [] 0)"),
        ("lambda x, y: x + y", "(lambda [x,y] (add x y))"),
        ("lambda x=1: x", "(lambda ? x)"),
        ("lambda *a: a", "(lambda ? a)"),
        ("()", "(tuple)"),
        ("(1,)", "(tuple 1)"),
        ("(1)", "1"),
        ("1, 2", "(tuple 1 2)"),
        ("[1, *a, 2,]", "[1 *a 2]"),
        ("{1, 2}", "{set 1 2}"),
        ("{}", "{}"),
        ("{'a': 1, **b}", "{s\"a\":1 **b}"),
        ("[x for x in y]", "(listcomp x for x in y)"),
        ("[(a, b) for a, b in zip(c, d) if a if not b for e in a]",
         "(listcomp (tuple a b) for (tuple a b) in (call zip c d) if a if (not b) for e in a)"),
        ("{k: v for k, v in d.items()}", "(dictcomp k:v for (tuple k v) in (call (. d items)))"),
        ("{x for x in y}", "(setcomp x for x in y)"),
        ("(x for x in y)", "(generatorcomp x for x in y)"),
        ("[x for [a, *b] in y]", "(listcomp x for [a *b] in y)"),
        ("f(1, *a, k=2, **kw)", "(call f 1 *a k=2 **kw)"),
        ("f(x for x in y)", "(call f (generatorcomp x for x in y))"),
        ("f()()", "(call (call f))"),
        ("a[1]", "(index a 1)"),
        ("a[1:2]", "(index a (slice 1 2 _))"),
        ("a[::-1]", "(index a (slice _ _ (negative 1)))"),
        ("a[1, 2]", "(index a (tuple 1 2))"),
        ("a.b[0].c(d)", "(call (. (index (. a b) 0) c) d)"),
        ("(x := 1)", "?"),
        ("await x", "?"),
        ("[1, 2", "?"),
        ("1 +", "(add 1 ?)"),
        ("x\n  + 1  # comment", "(add x 1)"),
        ("x\r\n+ 1", "(add x 1)"),
    ]

    @Test(arguments: expressions)
    func parsesExpression(_ source: String, _ expected: String) {
        #expect(parse(source) == expected)
    }

    static let argumentLists: [(String, String)] = [
        ("", ""),
        ("\"a\", [1, 2]", "s\"a\" | [1 2]"),
        ("\n    'a,b',\n    [(1, 2), (3, 4)],\n    ids=['x', 'y'],\n", "s\"a,b\" | [(tuple 1 2) (tuple 3 4)] | ids=[s\"x\" s\"y\"]"),
        ("'a', *rest, k=1, **kw", "s\"a\" | *rest | k=1 | **=kw"),
        ("x for x in y", "(generatorcomp x for x in y)"),
        ("'a', [1, 2) , 3", "s\"a\" | ? | 3"),
        ("a b, c", "? | c"),
        ("), 1", "? | 1"),
        (",", "?"),
    ]

    @Test(arguments: argumentLists)
    func parsesArguments(_ source: String, _ expected: String) {
        #expect(arguments(source) == expected)
    }

    @Test func parsesOnlyTheGivenRange() {
        let source = Array("@pytest.mark.parametrize('a', [1, 2])\ndef test(a): pass\n".utf8)
        let open = Int32(source.firstIndex(of: UInt8(ascii: "("))!) + 1
        let close = Int32(source.firstIndex(of: UInt8(ascii: ")"))!)
        let parsed = source.withUnsafeBufferPointer { PyExpressionParser.parseArguments(source: $0, range: open..<close) }
        #expect(parsed.positional == [.string("a"), .list([.int(PyIntLiteral(value: 1, decimal: "1")), .int(PyIntLiteral(value: 2, decimal: "2"))])])
        #expect(parsed.keywords.isEmpty)
    }

    @Test func rangesOutsideTheSourceAreClamped() {
        let source = Array("[1]".utf8)
        let expression = source.withUnsafeBufferPointer { PyExpressionParser.parseExpression(source: $0, range: -5..<100) }
        #expect(render(expression) == "[1]")
    }

    /// Deep nesting and long chains end as `.unknown` parts without exhausting the stack.
    @Test(arguments: [
        String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
        String(repeating: "-", count: 100_000) + "1",
        String(repeating: "not ", count: 100_000) + "x",
        "1" + String(repeating: " + 1", count: 100_000),
        "x" + String(repeating: ".a", count: 100_000),
        "f" + String(repeating: "()", count: 100_000),
        "x" + String(repeating: "[0]", count: 100_000),
        String(repeating: "2 ** ", count: 100_000) + "2",
        String(repeating: "a if b else ", count: 100_000) + "c",
        String(repeating: "lambda: ", count: 100_000) + "0",
        String(repeating: "f'{", count: 140) + String(repeating: "}'", count: 140),
        String(repeating: "[", count: 100_000),
        String(repeating: "]", count: 100_000),
    ])
    func deepInputIsBounded(_ source: String) {
        let bytes = Array(source.utf8)
        let expression = bytes.withUnsafeBufferPointer { PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count)) }
        #expect(depth(expression) <= PyExpressionParser.maxDepth + 1)
    }

    /// Random fragments of Python (and random bytes) never trap the parser and keep trees bounded.
    @Test func randomInputIsSafe() {
        let fragments = [
            "(", ")", "[", "]", "{", "}", ",", ":", "=", "==", "*", "**", ".", "...", "lambda", "for", "in", "if", "else",
            "not", "and", "or", "is", "x", "pytest", "1", "0x1F", "1.5e3", "2j", "'s'", "b'b'", "f'{", "}'", "f'a{x!r:>{w}}'",
            "\"", "'", "\n", "\r\n", "\\", "#c\n", "yield", "await", ":=", "@", "-", "~", "+", "%", "//", "<<", "é", "\u{0}",
            "\t", "async", "t'{x}'", "r'\\'", "'''", "\"\"\"",
        ]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 40) {
                if generator.next() % 10 == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: generator.next()))
                } else {
                    bytes += Array(fragments[Int(generator.next() % UInt64(fragments.count))].utf8)
                    if generator.next() % 3 == 0 { bytes.append(UInt8(ascii: " ")) }
                }
            }
            bytes.withUnsafeBufferPointer { buffer in
                let expression = PyExpressionParser.parseExpression(source: buffer, range: 0..<Int32(buffer.count))
                #expect(depth(expression) <= PyExpressionParser.maxDepth + 1)
                let arguments = PyExpressionParser.parseArguments(source: buffer, range: 0..<Int32(buffer.count))
                for value in arguments.positional + arguments.keywords.map(\.1) {
                    #expect(depth(value) <= PyExpressionParser.maxDepth + 1)
                }
            }
        }
    }

    @Test func deepButAllowedNestingParses() {
        let source = String(repeating: "[", count: 50) + "1" + String(repeating: "]", count: 50)
        #expect(parse(source).filter { $0 == "[" }.count == 50)
    }
}

/// Depth of a tree, counting at most a little past the parser's bound.
private func depth(_ expression: PyExpression) -> Int {
    func children(_ expression: PyExpression) -> [PyExpression] {
        switch expression {
        case .attribute(let base, _): return [base]
        case .call(let function, let arguments):
            return [function] + arguments.map {
                switch $0 {
                case .positional(let v), .starred(let v), .keyword(_, let v), .doubleStarred(let v): return v
                }
            }
        case .tuple(let items), .list(let items), .set(let items), .boolean(_, let items): return items
        case .dict(let entries):
            return entries.flatMap { entry -> [PyExpression] in
                switch entry {
                case .pair(let k, let v): return [k, v]
                case .unpack(let v): return [v]
                }
            }
        case .unary(_, let operand), .starred(let operand): return [operand]
        case .binary(_, let left, let right), .index(let left, let right): return [left, right]
        case .compare(let first, let links): return [first] + links.map(\.operand)
        case .slice(let a, let b, let c): return [a, b, c].compactMap { $0 }
        case .lambda(_, let body): return [body]
        case .conditional(let test, let body, let orElse): return [test, body, orElse]
        case .comprehension(let comprehension):
            return [comprehension.element] + (comprehension.value.map { [$0] } ?? [])
                + comprehension.clauses.flatMap { [$0.target, $0.iterable] + $0.conditions }
        case .fString(let parts):
            return parts.compactMap {
                if case .field(let value, _, _) = $0 { return value }
                return nil
            }
        default: return []
        }
    }
    var deepest = 0
    var stack: [(PyExpression, Int)] = [(expression, 1)]
    while let (current, level) = stack.popLast() {
        deepest = max(deepest, level)
        if level > PyExpressionParser.maxDepth + 5 { break }
        for child in children(current) { stack.append((child, level + 1)) }
    }
    return deepest
}

