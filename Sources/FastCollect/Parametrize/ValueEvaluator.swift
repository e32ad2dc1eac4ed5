import ModuleScanner

/// Evaluates `PyExpression`s to `PyValue`s without running Python: literals, displays,
/// comprehensions, arithmetic, known builtins and library calls, names through a `NameResolver`.
/// Work and recursion are bounded; whatever cannot be known is `.opaque(reason)`.
public struct ValueEvaluator {
    /// How many steps (nodes evaluated plus elements produced) one evaluator may spend.
    public static let defaultBudget = 2_000_000
    /// Deepest recursion of evaluation (nested expressions, names, calls) before giving up.
    static let maxDepth = 200

    /// Resolvers of the scopes met so far; index 0 is the one the evaluator was made with.
    private var scopes: [NameResolver]
    /// Identifies `scopes[0]`; the others are found through `scopeIndex` (most evaluators never
    /// leave their first scope, and need no table).
    private let firstScopeKey: AnyHashable
    private var scopeIndex: [AnyHashable: Int] = [:]
    private var currentScope = 0
    /// Comprehension and lambda variables, innermost frame last.
    private var locals: [[(String, PyValue)]] = []
    /// Locals of the running simple function that an attribute assignment changed.
    private var changedLocals: Set<String> = []
    private var cache: [CacheKey: PyValue] = [:]
    private var budget: Int
    private var depth = 0
    /// How often a depth limit cut an evaluation short: a value computed meanwhile depends on
    /// where it was asked for, and is not shared.
    private var depthLimitHits = 0

        private struct CacheKey: DigestKey {
        let scope: Int
        let name: String
        let digest: UInt64

        init(scope: Int, name: String) {
            self.scope = scope
            self.name = name
            digest = ByteDigest.of(name) &+ UInt64(truncatingIfNeeded: scope)
        }

        static func == (lhs: CacheKey, rhs: CacheKey) -> Bool {
            lhs.digest == rhs.digest && lhs.scope == rhs.scope && lhs.name == rhs.name
        }
    }

    public init(resolver: NameResolver, budget: Int = ValueEvaluator.defaultBudget) {
        scopes = [resolver]
        firstScopeKey = resolver.key ?? AnyHashable(ObjectIdentifier(resolver))
        self.budget = budget
    }

    /// The value of `expression` evaluated in the resolver's scope.
    public mutating func evaluate(_ expression: PyExpression) -> PyValue {
        guard depth < ValueEvaluator.maxDepth else {
            depthLimitHits &+= 1
            return .opaque("expression nested too deeply")
        }
        guard spend(1) else { return .opaque("evaluation budget exhausted") }
        depth &+= 1
        defer { depth &-= 1 }
        switch expression {
        case .name(let name): return lookup(name)
        case .attribute(let base, let name): return evaluateAttribute(expression, base, name)
        case .call(let function, let arguments): return evaluateCall(function, arguments)
        case .string(let text): return .str(text)
        case .bytes(let bytes): return .bytes(bytes)
        case .fString(let parts): return formatted(parts)
        case .int(let literal): return integer(literal)
        case .float(let value, _): return .float(value)
        case .imaginary(let value, _): return .complex(real: 0, imag: value)
        case .bool(let flag): return .bool(flag)
        case .none: return .none
        case .ellipsis: return .ellipsis
        case .tuple(let items): return evaluateDisplay(items, kind: 0)
        case .list(let items): return evaluateDisplay(items, kind: 1)
        case .set(let items): return evaluateDisplay(items, kind: 2)
        case .dict(let entries): return evaluateDict(entries)
        case .unary(let op, let operand): return unary(op, evaluate(operand))
        case .binary(let op, let left, let right): return evaluateBinary(op, left, right)
        case .compare(let first, let links): return evaluateCompare(first, links)
        case .boolean(let isAnd, let operands): return evaluateBoolean(isAnd, operands)
        case .index(let base, let index): return subscriptValue(evaluate(base), index)
        case .slice: return .opaque("slice outside a subscript")
        case .lambda(let parameters, let body): return makeLambda(parameters, body)
        case .comprehension(let comprehension): return evaluateComprehension(comprehension)
        case .conditional(let test, let body, let orElse): return evaluateConditional(test, body, orElse)
        case .starred: return .opaque("starred expression outside a display")
        case .unknown: return .opaque("expression not understood")
        }
    }

    // The cases of `evaluate`, each in its own function to keep the recursive frame small.

    private mutating func evaluateAttribute(_ expression: PyExpression, _ base: PyExpression, _ name: String) -> PyValue {
        var root = base
        while case .attribute(let inner, _) = root { root = inner }
        if case .name(let rootName) = root, local(rootName) == nil, let dotted = expression.dottedName,
           let value = resolveGlobal(dotted)
        {
            return value
        }
        if case .name(let rootName) = root, changedLocals.contains(rootName), local(rootName) != nil {
            return .opaque("attribute of \(rootName) after the function set one")
        }
        // `sys.version_info.major`: a named tuple's field.
        if case .attribute(let inner, "version_info") = base, case .module("sys") = evaluate(inner) {
            return PyBuiltins.knownObject("sys.version_info." + name) ?? .opaque("attribute sys.version_info.\(name)")
        }
        return attribute(of: evaluate(base), name)
    }

    private mutating func evaluateCall(_ function: PyExpression, _ arguments: [PyArgument]) -> PyValue {
        let callee = evaluate(function)
        if case .opaque = callee { return callee }
        var positional: [PyValue] = []
        var keywords: [(String, PyValue)] = []
        for argument in arguments {
            switch argument {
            case .positional(let value):
                positional.append(evaluate(value))
            case .starred(let value):
                switch elements(of: evaluate(value)) {
                case .values(let items): positional.append(contentsOf: items)
                case .failure(let reason): return .opaque(reason)
                }
            case .keyword(let name, let value):
                keywords.append((name, evaluate(value)))
            case .doubleStarred(let value):
                guard case .dict(let dict) = evaluate(value) else { return .opaque("** of a non-dict") }
                for (key, item) in zip(dict.keys, dict.values) {
                    guard case .str(let name) = key else { return .opaque("** with non-string keys") }
                    keywords.append((name, item))
                }
            }
        }
        return call(callee, positional, keywords)
    }

    private func integer(_ literal: PyIntLiteral) -> PyValue {
        if let value = literal.value { return .int(.small(value)) }
        return PyInt(decimal: literal.decimal).map { .int($0) } ?? .opaque("integer literal")
    }

    /// A tuple (0), list (1) or set (2) display.
    private mutating func evaluateDisplay(_ items: [PyExpression], kind: Int) -> PyValue {
        guard let values = display(items) else { return .opaque(lastDisplayFailure ?? "display element not understood") }
        switch kind {
        case 0: return .tuple(values)
        case 1: return .list(values)
        default: return makeSet(values)
        }
    }

    private mutating func evaluateDict(_ entries: [PyDictEntry]) -> PyValue {
        var dict = PyDict()
        for entry in entries {
            switch entry {
            case .pair(let key, let value):
                let keyValue = evaluate(key)
                if case .opaque = keyValue { return keyValue }
                guard insert(&dict, keyValue, evaluate(value)) else { return .opaque("unhashable or unknown dict key") }
            case .unpack(let mapping):
                guard case .dict(let other) = evaluate(mapping) else { return .opaque("** of a non-dict in a dict display") }
                for (key, value) in zip(other.keys, other.values) {
                    guard insert(&dict, key, value) else { return .opaque("unknown dict key") }
                }
            }
        }
        return .dict(dict)
    }

    private mutating func evaluateBinary(_ op: PyBinaryOperator, _ left: PyExpression, _ right: PyExpression) -> PyValue {
        let leftValue = evaluate(left)
        if case .opaque = leftValue { return leftValue }
        return binary(op, leftValue, evaluate(right))
    }

    private mutating func evaluateCompare(_ first: PyExpression, _ links: [PyComparison]) -> PyValue {
        var left = evaluate(first)
        var result = PyValue.bool(true)
        for link in links {
            let right = evaluate(link.operand)
            result = compare(link.op, left, right)
            guard case .bool(true) = result else { return result }
            left = right
        }
        return result
    }

    private mutating func evaluateBoolean(_ isAnd: Bool, _ operands: [PyExpression]) -> PyValue {
        var value = PyValue.bool(isAnd)
        for operand in operands {
            value = evaluate(operand)
            guard let truth = PyValues.truthy(value) else { return opaque(value, "truth of an unknown value") }
            if truth != isAnd { return value }
        }
        return value
    }

    private func makeLambda(_ parameters: [String]?, _ body: PyExpression) -> PyValue {
        .callable(.lambda(PyLambda(parameters: parameters, body: body, captured: locals.flatMap { $0 }, scope: currentScope)))
    }

    private mutating func evaluateConditional(_ test: PyExpression, _ body: PyExpression, _ orElse: PyExpression) -> PyValue {
        let condition = evaluate(test)
        guard let truth = PyValues.truthy(condition) else { return opaque(condition, "truth of an unknown value") }
        return evaluate(truth ? body : orElse)
    }

    /// The elements iterating `value` yields (within the budget), or why they are unknown.
    mutating func elements(of value: PyValue, anyOrder: Bool = false) -> PyValues.Elements {
        let result = PyValues.elements(of: value, limit: max(0, budget), anyOrder: anyOrder)
        if case .values(let items) = result, !spend(items.count) { return .failure("evaluation budget exhausted") }
        return result
    }

    /// Calls `callee` (a value this evaluator made) with evaluated arguments.
    mutating func call(_ callee: PyValue, _ positional: [PyValue], _ keywords: [(String, PyValue)]) -> PyValue {
        if !PyBuiltins.acceptsOpaqueArguments(callee) {
            for argument in positional { if case .opaque = argument { return argument } }
        }
        if case .mark(let name) = callee { return .mark(name) }
        for (_, argument) in keywords { if case .opaque = argument { return argument } }
        guard depth < ValueEvaluator.maxDepth else {
            depthLimitHits &+= 1
            return .opaque("calls nested too deeply")
        }
        depth &+= 1
        defer { depth &-= 1 }
        switch callee {
        case .callable(let callable):
            switch callable {
            case .builtin(let name):
                return PyBuiltins.call(name, positional, keywords, evaluator: &self)
            case .method(let receiver, let name):
                return PyBuiltins.callMethod(receiver, name, positional, keywords, evaluator: &self)
            case .lambda(let lambda):
                return callLambda(lambda, positional, keywords)
            case .function(let name, let body):
                guard let body else { return .opaque("calls function \(name)()") }
                return callFunction(name, body, positional, keywords)
            case .userClass(let cls):
                if let members = cls.enumMembers {
                    guard positional.count == 1, keywords.isEmpty else { return .opaque("enum call") }
                    for (member, _) in members {
                        guard let same = PyValues.equal(member.value, positional[0]) else { return .opaque("enum lookup by value") }
                        if same { return .enumMember(member) }
                    }
                    return .opaque("no member of \(cls.name) with that value")
                }
                return cls.instancesArePlain ? .object(cls.name) : .opaque("instance of class \(cls.name)")
            }
        case .mark(let name):
            return .mark(name)
        case .opaque:
            return callee
        default:
            return .opaque("'\(callee.typeName)' object is not callable")
        }
    }

    // MARK: - Budget and helpers

    mutating func spend(_ steps: Int) -> Bool {
        budget &-= steps
        return budget >= 0
    }

    private func opaque(_ value: PyValue, _ reason: String) -> PyValue {
        if case .opaque = value { return value }
        return .opaque(reason)
    }

    private var lastDisplayFailure: String?

    /// Evaluates display elements, splicing `*iterable`. Opaque elements stay (an id may not
    /// need them); nil when a spliced iterable is opaque, since the length is then unknown.
    private mutating func display(_ items: [PyExpression]) -> [PyValue]? {
        var values: [PyValue] = []
        values.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item {
                switch elements(of: evaluate(inner)) {
                case .values(let spliced): values.append(contentsOf: spliced)
                case .failure(let reason):
                    lastDisplayFailure = reason
                    return nil
                }
                continue
            }
            values.append(evaluate(item))
        }
        return values
    }

    mutating func makeSet(_ values: [PyValue]) -> PyValue {
        var unique: [PyValue] = []
        for value in values {
            guard let position = PyValues.index(of: value, in: unique) else { return .opaque("set of values of unknown equality") }
            if position < 0 { unique.append(value) }
        }
        return .set(unique)
    }

    /// Sets `dict[key] = value`; false when the key's equality is unknown.
    func insert(_ dict: inout PyDict, _ key: PyValue, _ value: PyValue) -> Bool {
        switch key {
        case .list, .dict, .set, .opaque, .object: return false
        default: break
        }
        guard let position = PyValues.index(of: key, in: dict.keys) else { return false }
        if position >= 0 {
            dict.values[position] = value
        } else {
            dict.keys.append(key)
            dict.values.append(value)
        }
        return true
    }

    // MARK: - Names

    private func local(_ name: String) -> PyValue? {
        for frame in locals.reversed() {
            for (key, value) in frame.reversed() where key == name { return value }
        }
        return nil
    }

    private mutating func lookup(_ name: String) -> PyValue {
        if let value = local(name) { return value }
        if let value = resolveGlobal(name) { return value }
        if let builtin = PyBuiltins.builtin(name) { return builtin }
        return .opaque("name '\(name)' is not defined")
    }

    /// The value of a module- or class-level name (or dotted name) the resolver knows; nil if unbound.
    private mutating func resolveGlobal(_ name: String) -> PyValue? {
        let key = CacheKey(scope: currentScope, name: name)
        if let cached = cache[key] { return cached }
        guard let binding = scopes[currentScope].lookup(name) else { return nil }
        let value = self.value(of: binding)
        cache[key] = value
        return value
    }

    private mutating func value(of binding: NameBinding) -> PyValue {
        switch binding {
        case .expression(let expression, let scope):
            return inScope(scope, locals: []) { $0.evaluate(expression) }
        case .function(let name):
            return .callable(.function(name))
        case .classDef(let cls):
            return classValue(cls)
        case .module(let path):
            return PyBuiltins.knownObject(path) ?? .module(path)
        case .imported(let path):
            return PyBuiltins.knownObject(path) ?? .opaque("imported name \(path)")
        case .unknown(let reason):
            return .opaque(reason)
        case .value(let value):
            return value
        case .simpleFunction(let function):
            let index = scopeIndex(function.scope)
            return .callable(.function(function.name, body: PyFunctionBody(
                parameters: function.parameters, statements: function.statements, scope: index)))
        }
    }

    /// The position of `scope` in the scope table, adding it when new.
    private mutating func scopeIndex(_ scope: NameResolver) -> Int {
        let id = scope.key ?? AnyHashable(ObjectIdentifier(scope))
        if id == firstScopeKey { return 0 }
        if let index = scopeIndex[id] { return index }
        scopes.append(scope)
        scopeIndex[id] = scopes.count &- 1
        return scopes.count &- 1
    }

    /// Runs a simple function's body: its assignments in a local frame, then its return value.
    private mutating func callFunction(
        _ name: String, _ body: PyFunctionBody, _ positional: [PyValue], _ keywords: [(String, PyValue)]
    ) -> PyValue {
        guard keywords.isEmpty, positional.count == body.parameters.count else {
            return .opaque("calls function \(name)() with arguments not understood")
        }
        return inScope(index: body.scope, locals: Array(zip(body.parameters, positional))) { evaluator in
            if evaluator.locals.isEmpty { evaluator.locals.append([]) }
            for statement in body.statements {
                switch statement {
                case .assign(let target, let expression):
                    evaluator.locals[0].append((target, evaluator.evaluate(expression)))
                case .defineClass(let className):
                    let cls = PyClass(name: className, enumMembers: nil, enumProblem: nil, instancesArePlain: false)
                    evaluator.locals[0].append((className, .callable(.userClass(cls))))
                case .defineFunction(let functionName):
                    evaluator.locals[0].append((functionName, .callable(.function(functionName))))
                case .setAttribute(let receiver):
                    // The object changed; its other uses (its identity, `__name__`) hold.
                    evaluator.changedLocals.insert(receiver)
                case .returns(let expression):
                    return evaluator.evaluate(expression)
                }
            }
            return .none
        }
    }

    /// `vars(module)` for a module read from source: its `__dict__` in order; nil when unknown.
    mutating func moduleDict(_ module: String) -> PyValue? {
        guard let names = scopes[currentScope].names?(module) else { return nil }
        var dict = PyDict()
        for name in names {
            guard let value = moduleMember(module, name) else { return nil }
            dict.keys.append(.str(name))
            dict.values.append(value)
        }
        return .dict(dict)
    }

    /// `module.name` for a module read from source, through the current scope's `member`.
    private mutating func moduleMember(_ module: String, _ name: String) -> PyValue? {
        guard let member = scopes[currentScope].member else { return nil }
        let key = CacheKey(scope: -1, name: module + "." + name)
        if let cached = cache[key] { return cached }
        guard let binding = member(module, name) else { return nil }
        let value = self.value(of: binding)
        cache[key] = value
        return value
    }

    /// Runs `body` with `scope` (nil: the current one) as the name scope and `locals` as the variables.
    private mutating func inScope(_ scope: NameResolver?, locals frame: [(String, PyValue)], _ body: (inout ValueEvaluator) -> PyValue) -> PyValue {
        guard depth < ValueEvaluator.maxDepth else {
            depthLimitHits &+= 1
            return .opaque("names nested too deeply")
        }
        let savedScope = currentScope
        let savedLocals = locals
        let savedChanged = changedLocals
        changedLocals = []
        if let scope {
            let id = scope.key ?? AnyHashable(ObjectIdentifier(scope))
            if id == firstScopeKey {
                currentScope = 0
            } else if let index = scopeIndex[id] {
                currentScope = index
            } else {
                scopes.append(scope)
                scopeIndex[id] = scopes.count &- 1
                currentScope = scopes.count &- 1
            }
        }
        locals = frame.isEmpty ? [] : [frame]
        depth &+= 1
        let value = body(&self)
        depth &-= 1
        currentScope = savedScope
        locals = savedLocals
        changedLocals = savedChanged
        return value
    }

    private mutating func inScope(index: Int, locals frame: [(String, PyValue)], _ body: (inout ValueEvaluator) -> PyValue) -> PyValue {
        inScope(scopes[index], locals: frame, body)
    }

    private mutating func callLambda(_ lambda: PyLambda, _ positional: [PyValue], _ keywords: [(String, PyValue)]) -> PyValue {
        guard let parameters = lambda.parameters else { return .opaque("lambda with defaults or star parameters") }
        var frame = lambda.captured
        var bound = [PyValue?](repeating: nil, count: parameters.count)
        guard positional.count <= parameters.count else { return .opaque("lambda called with too many arguments") }
        for (index, value) in positional.enumerated() { bound[index] = value }
        for (name, value) in keywords {
            guard let index = parameters.firstIndex(of: name), bound[index] == nil else { return .opaque("lambda keyword") }
            bound[index] = value
        }
        for (name, value) in zip(parameters, bound) {
            guard let value else { return .opaque("lambda called with too few arguments") }
            frame.append((name, value))
        }
        return inScope(index: lambda.scope, locals: frame) { $0.evaluate(lambda.body) }
    }

    // MARK: - Classes and enums

    /// A class statement's value, from the session's `EvaluationCache` when another evaluator
    /// made it (its cost charged to the budget here too) or made now and left there.
    private mutating func classValue(_ cls: ClassBinding) -> PyValue {
        guard let scope = cls.scope, let scopeKey = scope.key, let shared = scope.cache else {
            return inScope(cls.scope, locals: []) { $0.makeClass(cls) }
        }
        let key = EvaluationCache.ClassKey(scope: scopeKey, name: cls.name)
        if let known = shared.classes[key], budget >= known.cost {
            budget &-= known.cost
            return known.value
        }
        let budgetBefore = budget
        let depthLimitHitsBefore = depthLimitHits
        let value = inScope(cls.scope, locals: []) { $0.makeClass(cls) }
        if budget >= 0 && depthLimitHits == depthLimitHitsBefore {
            shared.classes[key] = (value, budgetBefore - budget)
        }
        return value
    }

    private mutating func makeClass(_ binding: ClassBinding) -> PyValue {
        var enumKind: PyBuiltins.EnumKind?
        var stringMixin = false
        var intMixin = false
        var plain = binding.keywords.isEmpty
        var baseMembers = false
        var baseValues: [PyValue] = []
        for base in binding.bases {
            let bytes = Array(base.utf8)
            let expression = bytes.withUnsafeBufferPointer {
                PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count))
            }
            let baseValue = evaluate(expression)
            baseValues.append(baseValue)
            switch baseValue {
            case .callable(.builtin(let name)):
                if let kind = PyBuiltins.enumKind(name) {
                    enumKind = kind
                } else if name == "str" {
                    stringMixin = true
                    plain = false
                } else if name == "int" {
                    intMixin = true
                    plain = false
                } else if !PyBuiltins.isPlainBase(name) {
                    plain = false
                }
            case .callable(.userClass(let cls)):
                if let kind = cls.enumKind {
                    enumKind = kind
                    stringMixin = stringMixin || cls.stringMixin
                    baseMembers = baseMembers || !(cls.enumMembers?.isEmpty ?? true)
                }
                if !cls.instancesArePlain { plain = false }
            default:
                plain = false
            }
        }
        let definesName = binding.assignments.contains { $0.name == "__name__" } || binding.definitions.contains("__name__")
        if definesName || binding.definitions.contains("__new__") { plain = false }
        for decorator in binding.decorators where !PyBuiltins.isTransparentClassDecorator(decorator) {
            plain = false
        }
        var cls = PyClass(name: binding.name, enumMembers: nil, enumProblem: nil, instancesArePlain: plain && enumKind == nil)
        cls.bases = baseValues
        guard let kind = enumKind else { return .callable(.userClass(cls)) }
        cls.enumKind = kind
        cls.stringMixin = stringMixin || kind == .string
        cls.instancesArePlain = false
        if baseMembers {
            cls.enumProblem = "subclass of an enum with members"
            return .callable(.userClass(cls))
        }
        for special in ["__new__", "__init__", "_generate_next_value_", "_missing_"] where binding.definitions.contains(special) {
            cls.enumProblem = "enum \(binding.name) defines \(special)"
            return .callable(.userClass(cls))
        }
        if binding.definitions.contains("__str__") && !cls.stringMixin {
            cls.enumProblem = "enum \(binding.name) defines __str__"
            return .callable(.userClass(cls))
        }
        var members: [(member: PyEnumMember, isAlias: Bool)] = []
        var lastInt: PyInt?
        var highestFlag: PyInt?
        for (name, expression) in binding.assignments {
            if name.hasPrefix("__") && name.hasSuffix("__") { continue }
            if name.count > 2 && name.hasPrefix("_") && name.hasSuffix("_") {
                if name == "_ignore_" {
                    cls.enumProblem = "enum \(binding.name) uses _ignore_"
                    return .callable(.userClass(cls))
                }
                continue
            }
            guard let expression else {
                cls.enumProblem = "enum member \(name) not understood"
                return .callable(.userClass(cls))
            }
            var value: PyValue
            if isAuto(expression) {
                switch kind {
                case .string: value = .str(name.lowercased())
                case .flag, .intFlag:
                    if let highest = highestFlag, let next = PyInt.small(2).power(highest.bitWidth) {
                        value = .int(next)
                    } else {
                        value = .int(.small(1))
                    }
                case .plain, .int:
                    value = .int(lastInt.map { $0 + .small(1) } ?? .small(1))
                }
            } else {
                value = evaluate(expression)
            }
            switch value {
            case .callable(.lambda), .callable(.function): continue
            case .opaque(let reason):
                cls.enumProblem = "value of enum member \(binding.name).\(name): \(reason)"
                return .callable(.userClass(cls))
            default: break
            }
            if kind == .int || kind == .intFlag || intMixin {
                switch value {
                case .int, .bool: break
                default:
                    cls.enumProblem = "non-int value of \(binding.name).\(name)"
                    return .callable(.userClass(cls))
                }
            }
            if kind == .string, case .str = value {} else if kind == .string {
                cls.enumProblem = "non-str value of \(binding.name).\(name)"
                return .callable(.userClass(cls))
            }
            if case .int(let int) = value {
                lastInt = int
                if kind == .flag || kind == .intFlag, highestFlag.map({ $0 < int }) ?? true { highestFlag = int }
            } else if case .bool(let flag) = value {
                lastInt = .small(flag ? 1 : 0)
            }
            var canonical: PyEnumMember?
            for (existing, _) in members {
                guard let same = PyValues.equal(existing.value, value) else {
                    cls.enumProblem = "enum \(binding.name) values of unknown equality"
                    return .callable(.userClass(cls))
                }
                if same {
                    canonical = existing
                    break
                }
            }
            if let canonical {
                members.append((canonical, true))
                cls.memberNames.append(name)
                continue
            }
            var isAlias = false
            if kind == .flag || kind == .intFlag {
                guard case .int(let int) = value, !int.isNegative else {
                    cls.enumProblem = "flag \(binding.name).\(name) value"
                    return .callable(.userClass(cls))
                }
                if let small = int.intValue, small & (small &- 1) != 0 || small == 0 { isAlias = true }
            }
            let text: String
            switch kind {
            case .int, .intFlag:
                guard let shown = PyFormatting.str(value) else {
                    cls.enumProblem = "value of \(binding.name).\(name)"
                    return .callable(.userClass(cls))
                }
                text = shown
            case .string:
                guard case .str(let shown) = value else { continue }
                text = shown
            case .plain, .flag:
                text = "\(binding.name).\(name)"
            }
            let member = PyEnumMember(className: binding.name, name: name, value: value, text: text, isString: cls.stringMixin)
            members.append((member, isAlias))
            cls.memberNames.append(name)
        }
        cls.enumMembers = members
        return .callable(.userClass(cls))
    }

    /// True for `auto()` / `enum.auto()`.
    private mutating func isAuto(_ expression: PyExpression) -> Bool {
        guard case .call(let function, let arguments) = expression, arguments.isEmpty else { return false }
        if case .callable(.builtin("enum.auto")) = evaluate(function) { return true }
        return false
    }

    // MARK: - Attributes and subscripts

    private mutating func attribute(of value: PyValue, _ name: String) -> PyValue {
        switch value {
        case .opaque:
            return value
        case .module(let path):
            let dotted = path + "." + name
            return PyBuiltins.knownObject(dotted) ?? moduleMember(path, name) ?? .opaque("attribute \(dotted)")
        case .createdModule(let moduleName):
            return name == "__name__" ? .str(moduleName) : .opaque("attribute \(name) of module \(moduleName)")
        case .callable(.builtin(let path)):
            if let known = PyBuiltins.knownObject(path + "." + name) { return known }
            if PyBuiltins.hasUnboundMethods(path) { return .callable(.builtin(path + "." + name)) }
            return .opaque("attribute \(path).\(name)")
        case .callable(.userClass(let cls)):
            if let members = cls.enumMembers, let position = cls.memberNames.firstIndex(of: name) {
                return .enumMember(members[position].member)
            }
            if let problem = cls.enumProblem { return .opaque(problem) }
            if name == "__name__" { return .str(cls.name) }
            return .opaque("attribute \(cls.name).\(name)")
        case .enumMember(let member):
            switch name {
            case "value": return member.value
            case "name": return .str(member.name)
            default: return .opaque("attribute \(member.className).\(member.name).\(name)")
            }
        case .none, .ellipsis, .object:
            return .opaque("'\(value.typeName)' object: attribute '\(name)' not known")
        case .complex(let real, let imag):
            if name == "real" { return .float(real) }
            if name == "imag" { return .float(imag) }
            return .callable(.method(receiver: value, name: name))
        default:
            return .callable(.method(receiver: value, name: name))
        }
    }

    private mutating func subscriptValue(_ base: PyValue, _ index: PyExpression) -> PyValue {
        if case .opaque = base { return base }
        // `Generic[T]` as a base class stands for `Generic` (`__mro_entries__`).
        if case .callable(.builtin(let name)) = base, PyBuiltins.isGenericAlias(name) { return base }
        if case .slice(let lower, let upper, let step) = index {
            var bounds: [Int?] = []
            for part in [lower, upper, step] {
                guard let part else {
                    bounds.append(nil)
                    continue
                }
                switch evaluate(part) {
                case .int(.small(let value)): bounds.append(value)
                case .bool(let flag): bounds.append(flag ? 1 : 0)
                case .none: bounds.append(nil)
                case .opaque(let reason): return .opaque(reason)
                default: return .opaque("slice bound")
                }
            }
            return PyBuiltins.slice(base, bounds[0], bounds[1], bounds[2])
        }
        let key = evaluate(index)
        if case .opaque = key { return key }
        return PyBuiltins.item(base, key)
    }

    // MARK: - Operators

    private func unary(_ op: PyUnaryOperator, _ operand: PyValue) -> PyValue {
        if case .opaque = operand { return operand }
        if op == .not {
            guard let truth = PyValues.truthy(operand) else { return .opaque("truth of an unknown value") }
            return .bool(!truth)
        }
        var number = operand
        if case .bool(let flag) = operand { number = .int(.small(flag ? 1 : 0)) }
        if case .enumMember(let member) = operand, member.text != "\(member.className).\(member.name)", !member.isString {
            number = member.value
            if case .bool(let flag) = number { number = .int(.small(flag ? 1 : 0)) }
        }
        switch (op, number) {
        case (.negative, .int(let int)): return .int(-int)
        case (.negative, .float(let double)): return .float(-double)
        case (.negative, .complex(let real, let imag)): return .complex(real: -real, imag: -imag)
        case (.positive, .int), (.positive, .float), (.positive, .complex): return number
        case (.invert, .int(let int)): return .int(-(int + .small(1)))
        default: return .opaque("bad operand type for unary operator: '\(operand.typeName)'")
        }
    }

    private mutating func binary(_ op: PyBinaryOperator, _ left: PyValue, _ right: PyValue) -> PyValue {
        if case .opaque = left { return left }
        if case .opaque = right { return right }
        return PyBuiltins.binary(op, left, right, evaluator: &self)
    }

    private mutating func compare(_ op: PyCompareOperator, _ left: PyValue, _ right: PyValue) -> PyValue {
        if case .opaque = left { return left }
        if case .opaque = right { return right }
        switch op {
        case .equal, .notEqual:
            guard let same = PyValues.equal(left, right) else { return .opaque("equality of unknown values") }
            return .bool(same == (op == .equal))
        case .less:
            return PyValues.less(left, right).map { .bool($0) } ?? .opaque("ordering of unknown values")
        case .greater:
            return PyValues.less(right, left).map { .bool($0) } ?? .opaque("ordering of unknown values")
        case .lessEqual, .greaterEqual:
            let (a, b) = op == .lessEqual ? (left, right) : (right, left)
            guard let smaller = PyValues.less(a, b), let same = PyValues.equal(a, b) else {
                return .opaque("ordering of unknown values")
            }
            return .bool(smaller || same)
        case .isIn, .notIn:
            guard let found = PyBuiltins.contains(right, left, evaluator: &self) else { return .opaque("membership test") }
            return .bool(found == (op == .isIn))
        case .isSame, .isNot:
            guard let same = identical(left, right) else { return .opaque("identity test") }
            return .bool(same == (op == .isSame))
        }
    }

    /// `a is b` for singletons (None, True, False, Ellipsis) and enum members.
    private func identical(_ a: PyValue, _ b: PyValue) -> Bool? {
        func singleton(_ value: PyValue) -> Int? {
            switch value {
            case .none: return 0
            case .bool(let flag): return flag ? 1 : 2
            case .ellipsis: return 3
            default: return nil
            }
        }
        if let x = singleton(a) {
            if let y = singleton(b) { return x == y }
            switch b {
            case .str, .bytes, .int, .float, .complex, .tuple, .list, .dict, .set, .range, .enumMember: return false
            default: return nil
            }
        }
        if singleton(b) != nil { return identical(b, a) }
        if case .enumMember(let x) = a, case .enumMember(let y) = b { return x.className == y.className && x.name == y.name }
        return nil
    }

    // MARK: - Comprehensions and f-strings

    private mutating func evaluateComprehension(_ comprehension: PyComprehension) -> PyValue {
        var produced: [PyValue] = []
        var producedValues: [PyValue] = []
        var failure: String?
        locals.append([])
        runClauses(comprehension, clause: 0, produced: &produced, values: &producedValues, failure: &failure)
        locals.removeLast()
        if let failure { return .opaque(failure) }
        switch comprehension.kind {
        case .list: return .list(produced)
        case .generator: return .iterator(produced)
        case .set: return makeSet(produced)
        case .dict:
            var dict = PyDict()
            for (key, value) in zip(produced, producedValues) {
                guard insert(&dict, key, value) else { return .opaque("unknown dict key") }
            }
            return .dict(dict)
        }
    }

    private mutating func runClauses(
        _ comprehension: PyComprehension, clause index: Int, produced: inout [PyValue], values: inout [PyValue],
        failure: inout String?
    ) {
        guard failure == nil else { return }
        guard index < comprehension.clauses.count else {
            // An opaque element is kept (an id may not need it), except as a dict key.
            let element = evaluate(comprehension.element)
            if case .opaque(let reason) = element, comprehension.kind == .dict || comprehension.kind == .set {
                failure = reason
                return
            }
            produced.append(element)
            if let valueExpression = comprehension.value { values.append(evaluate(valueExpression)) }
            return
        }
        let clause = comprehension.clauses[index]
        if clause.isAsync {
            failure = "async comprehension"
            return
        }
        // The first iterable is evaluated in the enclosing scope.
        let iterable: PyValue
        if index == 0 {
            let frame = locals.removeLast()
            iterable = evaluate(clause.iterable)
            locals.append(frame)
        } else {
            iterable = evaluate(clause.iterable)
        }
        let items: [PyValue]
        switch elements(of: iterable) {
        case .values(let values): items = values
        case .failure(let reason):
            failure = reason
            return
        }
        let frameSize = locals[locals.count &- 1].count
        for item in items {
            guard spend(1) else {
                failure = "evaluation budget exhausted"
                return
            }
            locals[locals.count &- 1].removeSubrange(frameSize...)
            guard bind(clause.target, item) else {
                failure = "comprehension target not understood"
                return
            }
            var keep = true
            for condition in clause.conditions {
                let test = evaluate(condition)
                guard let truth = PyValues.truthy(test) else {
                    failure = test.opaqueReason ?? "truth of an unknown value"
                    return
                }
                if !truth {
                    keep = false
                    break
                }
            }
            if keep { runClauses(comprehension, clause: index &+ 1, produced: &produced, values: &values, failure: &failure) }
            if failure != nil { return }
        }
        locals[locals.count &- 1].removeSubrange(frameSize...)
    }

    /// Binds a `for` target in the innermost frame; false for targets not modelled or a length mismatch.
    private mutating func bind(_ target: PyExpression, _ value: PyValue) -> Bool {
        switch target {
        case .name(let name):
            locals[locals.count &- 1].append((name, value))
            return true
        case .tuple(let targets), .list(let targets):
            guard case .values(let items) = elements(of: value) else { return false }
            if let star = targets.firstIndex(where: { if case .starred = $0 { return true } else { return false } }) {
                let after = targets.count &- star &- 1
                guard items.count >= targets.count &- 1 else { return false }
                for (target, item) in zip(targets[..<star], items) { guard bind(target, item) else { return false } }
                guard case .starred(let inner) = targets[star],
                      bind(inner, .list(Array(items[star..<(items.count &- after)])))
                else { return false }
                for (target, item) in zip(targets[(star &+ 1)...], items[(items.count &- after)...]) {
                    guard bind(target, item) else { return false }
                }
                return true
            }
            guard items.count == targets.count else { return false }
            for (target, item) in zip(targets, items) { guard bind(target, item) else { return false } }
            return true
        default:
            return false
        }
    }

    private mutating func formatted(_ parts: [PyFStringPart]) -> PyValue {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal):
                text += literal
            case .field(let expression, let conversion, let specParts):
                var value = evaluate(expression)
                if case .opaque = value { return value }
                switch conversion {
                case nil: break
                case UInt8(ascii: "s"):
                    guard let shown = PyFormatting.str(value) else { return .opaque("str() of \(value.typeName)") }
                    value = .str(shown)
                case UInt8(ascii: "r"), UInt8(ascii: "a"):
                    let shown = conversion == UInt8(ascii: "a") ? PyFormatting.asciiRepr(value) : PyFormatting.repr(value)
                    guard let shown else { return .opaque("repr() of \(value.typeName)") }
                    value = .str(shown)
                default:
                    return .opaque("f-string conversion")
                }
                let spec: String
                if specParts.isEmpty {
                    spec = ""
                } else {
                    guard case .str(let specText) = formatted(specParts) else { return .opaque("f-string format spec") }
                    spec = specText
                }
                guard let shown = PyFormatting.format(value, spec: spec) else {
                    return .opaque("format of \(value.typeName) with spec '\(spec)'")
                }
                text += shown
            }
        }
        return .str(text)
    }
}
