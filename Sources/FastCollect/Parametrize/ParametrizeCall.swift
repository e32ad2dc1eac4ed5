import ModuleScanner

/// One `metafunc.parametrize(…)` call pytest will make for a test function: the arguments of a
/// `parametrize` mark (or a parametrized fixture's decorator) and the scope its names live in.
public struct ParametrizeCall {
    /// A parametrize mark, or a parametrized fixture.
    public enum Kind: Sendable, Equatable {
        /// `@pytest.mark.parametrize(argnames, argvalues, indirect, ids, scope)` or a `pytestmark` entry.
        case mark
        /// `@pytest.fixture(params=…, ids=…, scope=…)` of the fixture with this name (applied indirectly).
        case fixture(String)
        /// SQLAlchemy's `@testing.combinations(…)` (or `@testing.variation(name, cases)`) on a method,
        /// which its plugin turns into a parametrize mark; `parameters` are the method's
        /// positional parameters after `self` (the argnames when none are given).
        case combinations(variation: Bool, parameters: [String])
    }

    public var kind: Kind
    public var arguments: PyArguments
    /// Resolves the names in `arguments`.
    public var resolver: NameResolver

    public init(kind: Kind = .mark, arguments: PyArguments, resolver: NameResolver) {
        self.kind = kind
        self.arguments = arguments
        self.resolver = resolver
    }

    /// Parses the arguments at `range` of `source` (a `Decorator.arguments`).
    public init(kind: Kind = .mark, source: UnsafeBufferPointer<UInt8>, arguments range: Range<Int32>, resolver: NameResolver) {
        self.init(kind: kind, arguments: PyExpressionParser.parseArguments(source: source, range: range), resolver: resolver)
    }

    /// What a decorator or mark expression is, as far as parametrization goes.
    public enum Lookup {
        case parametrize(ParametrizeCall)
        /// Some other decorator or mark.
        case other
        /// A name imported from another module (its dotted path) the resolver does not follow:
        /// whether it is a parametrize mark depends on that module.
        case imported(String)
        /// What the decorator is cannot be known: the reason.
        case unknown(String)
    }

    /// Classifies a function's decorator: `@pytest.mark.parametrize(…)` (under any import alias),
    /// or a name bound to such a call (`@cases` after `cases = pytest.mark.parametrize(…)`).
    /// `parse` reads the decorator's argument text (a caller that meets one decorator several
    /// times, for each class inheriting its method, keeps what it parsed).
    public static func lookup(
        decorator: Decorator, source: UnsafeBufferPointer<UInt8>, resolver: NameResolver,
        parse: ((Range<Int32>) -> PyArguments)? = nil
    ) -> Lookup {
        let parse = parse ?? { PyExpressionParser.parseArguments(source: source, range: $0) }
        guard let dotted = DottedText(decorator.name) else {
            let callee = Array(decorator.name.utf8).withUnsafeBufferPointer {
                PyExpressionParser.parseExpression(source: $0, range: 0..<Int32($0.count))
            }
            guard let range = decorator.arguments else { return lookup(expression: callee, resolver: resolver) }
            return lookupCall(
                callee, imported: importedPath(callee, resolver), known: knownDotted(callee, resolver), range, resolver, parse)
        }
        guard let range = decorator.arguments else { return lookup(expression: dotted.expression, resolver: resolver) }
        // A dotted name: its first part is looked up once, for the import and the library tests.
        let head = resolver.lookup(dotted.head)
        let imported: String?
        switch head {
        case .imported(let path)?, .module(let path)?: imported = path + dotted.rest
        default: imported = nil
        }
        var onModule = false
        if case .module? = head { onModule = !dotted.rest.isEmpty }
        return lookupCall(
            dotted.expression, imported: imported, known: onModule ? imported.flatMap(PyBuiltins.knownObject) : nil, range,
            resolver, parse)
    }

    /// `lookup(decorator:…)` for a called decorator: SQLAlchemy's combinations when `imported`
    /// (the callee's dotted path when its root is an import) names them, else the library object
    /// `known` (the callee as a dotted name on an imported module), else what the evaluator makes
    /// of the callee.
    private static func lookupCall(
        _ callee: @autoclosure () -> PyExpression, imported: String?, known: @autoclosure () -> PyValue?,
        _ range: Range<Int32>, _ resolver: NameResolver, _ parse: (Range<Int32>) -> PyArguments
    ) -> Lookup {
        if let imported, let variation = SQLAlchemyModel.combinationsKind(imported) {
            return .parametrize(ParametrizeCall(
                kind: .combinations(variation: variation, parameters: []), arguments: parse(range), resolver: resolver))
        }
        // Fast path: a dotted name on an imported module (`pytest.mark.parametrize`, `mock.patch`).
        if let known = known() {
            if case .mark("parametrize") = known {
                return .parametrize(ParametrizeCall(arguments: parse(range), resolver: resolver))
            }
            return .other
        }
        return evaluateCallee(callee(), imported, range, resolver, parse)
    }

    /// What the evaluator makes of a called decorator's callee (`imported`: its dotted path
    /// when its root is an import).
    private static func evaluateCallee(
        _ callee: PyExpression, _ imported: String?, _ range: Range<Int32>, _ resolver: NameResolver,
        _ parse: (Range<Int32>) -> PyArguments
    ) -> Lookup {
        var evaluator = ValueEvaluator(resolver: resolver)
        switch evaluator.evaluate(callee) {
        case .mark("parametrize"):
            return .parametrize(ParametrizeCall(arguments: parse(range), resolver: resolver))
        case .opaque(let reason):
            return imported.map { .imported($0) } ?? .unknown(reason)
        default:
            return .other
        }
    }

    /// Classifies one mark expression (an entry of `pytestmark`, or a bare decorator expression).
    public static func lookup(expression: PyExpression, resolver: NameResolver) -> Lookup {
        var expression = expression
        var resolver = resolver
        for _ in 0..<32 {
            switch expression {
            case .call(let callee, let arguments):
                var evaluator = ValueEvaluator(resolver: resolver)
                switch evaluator.evaluate(callee) {
                case .mark("parametrize"):
                    return .parametrize(ParametrizeCall(arguments: PyArguments(arguments), resolver: resolver))
                case .opaque(let reason):
                    return importedPath(callee, resolver).map { .imported($0) } ?? .unknown(reason)
                default:
                    return .other
                }
            case .name, .attribute:
                if let name = expression.dottedName, case .expression(let bound, let scope)? = resolver.lookup(name) {
                    expression = bound
                    resolver = scope ?? resolver
                    continue
                }
                var evaluator = ValueEvaluator(resolver: resolver)
                switch evaluator.evaluate(expression) {
                case .mark("parametrize"): return .unknown("parametrize mark without arguments")
                case .opaque(let reason): return importedPath(expression, resolver).map { .imported($0) } ?? .unknown(reason)
                default: return .other
                }
            default:
                var evaluator = ValueEvaluator(resolver: resolver)
                if case .opaque(let reason) = evaluator.evaluate(expression) { return .unknown(reason) }
                return .other
            }
        }
        return .unknown("names bound too deeply")
    }

    /// The library object a dotted name on a module import denotes (`pytest.mark.parametrize`
    /// after `import pytest`), without an evaluator; nil when it takes more than that.
    private static func knownDotted(_ expression: PyExpression, _ resolver: NameResolver) -> PyValue? {
        guard let dotted = expression.dottedName, let dot = dotted.utf8.firstIndex(of: UInt8(ascii: ".")),
            case .module(let path)? = resolver.lookup(String(dotted[..<dot]))
        else { return nil }
        return PyBuiltins.knownObject(path + String(dotted[dot...]))
    }

    /// The dotted path of a name or attribute chain whose root is an import (`mock.patch` after
    /// `from unittest import mock` is `unittest.mock.patch`).
    private static func importedPath(_ expression: PyExpression, _ resolver: NameResolver) -> String? {
        guard let dotted = expression.dottedName else { return nil }
        let dot = dotted.utf8.firstIndex(of: UInt8(ascii: ".")) ?? dotted.endIndex
        let rest = dotted[dot...]
        switch resolver.lookup(String(dotted[..<dot])) {
        case .imported(let path)?: return path + String(rest)
        case .module(let path)?: return path + String(rest)
        default: return nil
        }
    }

    /// The parametrize marks of a `pytestmark` value (one mark, or a list of them), in order; a
    /// failure when an entry cannot be classified.
    public static func marks(inPytestmark expression: PyExpression, resolver: NameResolver) -> Result<[ParametrizeCall], MarkLookupFailure> {
        var expression = expression
        var resolver = resolver
        for _ in 0..<32 {
            if let name = expression.dottedName, case .expression(let bound, let scope)? = resolver.lookup(name) {
                expression = bound
                resolver = scope ?? resolver
                continue
            }
            break
        }
        let entries: [PyExpression]
        switch expression {
        case .list(let items): entries = items
        case .tuple:
            // get_unpacked_marks takes a tuple as one mark, and normalize_mark_list raises TypeError.
            return .failure(MarkLookupFailure(reason: "pytestmark is a tuple, which pytest rejects"))
        default: entries = [expression]
        }
        var calls: [ParametrizeCall] = []
        for entry in entries {
            switch lookup(expression: entry, resolver: resolver) {
            case .parametrize(let call): calls.append(call)
            case .other: continue
            case .imported(let path): return .failure(MarkLookupFailure(reason: "pytestmark entry imported from \(path)"))
            case .unknown(let reason): return .failure(MarkLookupFailure(reason: reason))
            }
        }
        return .success(calls)
    }
}

/// Why the marks of an expression cannot be listed.
public struct MarkLookupFailure: Error, Sendable, Equatable {
    public var reason: String
}

extension PyArguments {
    /// The arguments of a parsed call.
    public init(_ arguments: [PyArgument]) {
        self.init()
        for argument in arguments {
            switch argument {
            case .positional(let value): positional.append(value)
            case .starred(let value): positional.append(.starred(value))
            case .keyword(let name, let value): keywords.append((name, value))
            case .doubleStarred(let value): keywords.append(("**", value))
            }
        }
    }
}
