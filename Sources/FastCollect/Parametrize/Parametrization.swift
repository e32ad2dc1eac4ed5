import ModuleScanner

/// Expands a test function's `parametrize` calls into pytest's items: one id suffix per item
/// (`test_x[1-a]`), in pytest's order, as pytest 9.0.3's `Metafunc.parametrize` and `IdMaker` do.
///
/// Pass the calls in the order pytest makes them (`pytest_generate_tests`):
/// 1. parametrized fixtures (`.fixture(name)` calls; `fixtures.py`'s hook runs first), in the
///    order of `metafunc.fixturenames`: the closure of autouse fixtures, then `usefixtures`
///    names, then the function's arguments, each followed depth-first by what it requests,
///    stably sorted by scope from session down to function. Skip names a `parametrize` mark
///    covers (their `ParametrizeSignature.argnames`); use each name's closest definition
///    with `params`;
/// 2. then `iter_markers("parametrize")`: the function's own marks bottom-up (the decorator
///    nearest the `def` first); then each enclosing class from the innermost out, each with the
///    own marks of the classes of its MRO from the most basic to itself, where a class's own
///    marks are its body's `pytestmark` entries in list order and then its decorators
///    bottom-up; last the module's `pytestmark` entries in list order.
///    (`ModuleNameTable.parametrizeCalls` lists these for one module.)
///
/// Each call multiplies the items so far: earlier calls vary slowest and their ids come first
/// (`@parametrize("a", [1, 2])` above `@parametrize("b", "xy")` gives `x-1, x-2, y-1, y-2`).
/// A module- or class-level `pytest_generate_tests` or a `pytest_make_parametrize_id` hook makes
/// the result unknowable; the caller checks for those. Items of parametrizations with a scope
/// other than function (see `ParametrizationResult.calls`) are reordered by pytest across the
/// session; the caller applies that ordering.
public enum Parametrization {
    /// Most items one function may expand to before the result is reported as dynamic.
    public static let maxItems = 1_000_000

    /// `functionName` and `nodeID` go into pytest's messages; `firstLine` is the 1-based line of
    /// the function's first decorator (`FunctionDecl.firstLine`), for `fail_at_collect`'s.
    public static func expand(
        _ calls: [ParametrizeCall], functionName: String, nodeID: String, firstLine: Int = 0,
        options: IdOptions = IdOptions()
    ) -> ParametrizationResult {
        let context = Context(functionName: functionName, nodeID: nodeID, firstLine: firstLine, options: options)
        var items: [ParametrizedItem] = [ParametrizedItem(id: nil, idParts: [], marks: [], indices: [])]
        var signatures: [ParametrizeSignature] = []
        var seen: Set<String> = []
        for call in calls {
            let expansion: Expansion
            switch expand(call, context) {
            case .success(let value): expansion = value
            case .failure(.collectionError(let message)): return .failure(message)
            case .failure(.dynamic(let reason)): return .dynamic(reason)
            }
            for argname in expansion.signature.argnames where !seen.insert(argname).inserted {
                return .failure("\(nodeID): duplicate parametrization of \(PyFormatting.stringRepr(argname) ?? argname)")
            }
            signatures.append(expansion.signature)
            let (total, overflow) = items.count.multipliedReportingOverflow(by: expansion.sets.count)
            guard !overflow, total <= maxItems else { return .dynamic("more than \(maxItems) items") }
            var next: [ParametrizedItem] = []
            next.reserveCapacity(items.count * expansion.sets.count)
            for item in items {
                for (index, (id, set)) in zip(expansion.ids, expansion.sets).enumerated() {
                    var extended = item
                    if case .text(let text) = id { extended.idParts.append(text) }
                    extended.marks.append(contentsOf: set.marks)
                    extended.indices.append(index)
                    next.append(extended)
                }
            }
            items = next
        }
        for index in items.indices where !items[index].idParts.isEmpty {
            items[index].id = items[index].idParts.joined(separator: "-")
        }
        return .items(items, calls: signatures)
    }

    private struct Context {
        var functionName: String
        var nodeID: String
        var firstLine: Int
        var options: IdOptions
    }

    private struct Expansion {
        var signature: ParametrizeSignature
        var sets: [IdMaker.ParameterSet]
        var ids: [IdMaker.ResolvedID]
    }

    private typealias Failure = IdMaker.Failure

    /// `Metafunc.parametrize`'s parameters after `self`, in order.
    private static let parametrizeParameters = ["argnames", "argvalues", "indirect", "ids", "scope"]

    /// The evaluator shared by a call's evaluation and its `ids` callable.
    private final class EvaluatorBox {
        var evaluator: ValueEvaluator
        init(_ evaluator: ValueEvaluator) { self.evaluator = evaluator }
    }

    private static func expand(_ call: ParametrizeCall, _ context: Context) -> Result<Expansion, Failure> {
        let box = EvaluatorBox(ValueEvaluator(resolver: call.resolver))
        func evaluate(_ expression: PyExpression?) -> PyValue? {
            expression.map { box.evaluator.evaluate($0) }
        }
        let functionName = context.functionName
        // Arguments as `Metafunc.parametrize(argnames, argvalues, indirect, ids, scope)` binds them.
        var argnamesValue: PyValue
        var argvaluesValue: PyValue
        var indirectValue: PyValue = .bool(false)
        var idsValue: PyValue = .none
        var scopeValue: PyValue = .none
        switch call.kind {
        case .mark:
            // Bound by position in `parametrizeParameters`.
            var bound = [PyExpression?](repeating: nil, count: parametrizeParameters.count)
            for (index, expression) in call.arguments.positional.enumerated() {
                if case .starred = expression { return .failure(.dynamic("*arguments to parametrize")) }
                guard index < parametrizeParameters.count else {
                    return .failure(.collectionError(
                        "TypeError: Metafunc.parametrize() takes from 3 to 6 positional arguments but \(call.arguments.positional.count + 1) were given"))
                }
                bound[index] = expression
            }
            for (name, expression) in call.arguments.keywords {
                if name == "**" { return .failure(.dynamic("**arguments to parametrize")) }
                guard let index = parametrizeParameters.firstIndex(of: name) else {
                    return .failure(.collectionError("TypeError: Metafunc.parametrize() got an unexpected keyword argument '\(name)'"))
                }
                guard bound[index] == nil else {
                    return .failure(.collectionError("TypeError: Metafunc.parametrize() got multiple values for argument '\(name)'"))
                }
                bound[index] = expression
            }
            guard let argnames = evaluate(bound[0]), let argvalues = evaluate(bound[1]) else {
                let missing = bound[0] == nil ? "argnames" : "argvalues"
                return .failure(.collectionError("TypeError: Metafunc.parametrize() missing 1 required positional argument: '\(missing)'"))
            }
            argnamesValue = argnames
            argvaluesValue = argvalues
            indirectValue = evaluate(bound[2]) ?? .bool(false)
            idsValue = evaluate(bound[3]) ?? .none
            scopeValue = evaluate(bound[4]) ?? .none
        case .fixture(let name):
            for (keyword, _) in call.arguments.keywords where keyword == "**" {
                return .failure(.dynamic("**arguments to pytest.fixture"))
            }
            guard let params = evaluate(call.arguments.keyword("params")) else {
                return .failure(.dynamic("fixture \(name) has no params"))
            }
            argnamesValue = .str(name)
            switch box.evaluator.elements(of: params) {
            case .values(let values): argvaluesValue = .tuple(values)
            case .failure(let reason): return .failure(.dynamic(reason))
            }
            indirectValue = .bool(true)
            idsValue = evaluate(call.arguments.keyword("ids")) ?? .none
            scopeValue = evaluate(call.arguments.keyword("scope")) ?? .str("function")
        case .combinations(let variation, let parameters):
            var positional: [PyValue] = []
            for expression in call.arguments.positional {
                guard case .starred(let inner) = expression else {
                    positional.append(box.evaluator.evaluate(expression))
                    continue
                }
                switch box.evaluator.elements(of: box.evaluator.evaluate(inner)) {
                case .values(let items): positional.append(contentsOf: items)
                case .failure(let reason): return .failure(.dynamic(reason))
                }
            }
            let keywords = call.arguments.keywords.map { ($0.0, box.evaluator.evaluate($0.1)) }
            switch SQLAlchemyModel.combinationParams(variation: variation, parameters: parameters, positional, keywords) {
            case .success(let built):
                argnamesValue = .list(built.argnames.map { .str($0) })
                argvaluesValue = .list(built.params)
            case .failure(let failure):
                return .failure(.dynamic(failure.reason))
            }
        }

        // ParameterSet._parse_parametrize_args
        let argnames: [String]
        let forceTuple: Bool
        switch argnamesValue {
        case .str(let text):
            // `str.split(",")`: on the code point, not on grapheme clusters (",\u{301}" splits too).
            var names: [String] = []
            var start = text.startIndex
            var index = start
            let utf8 = text.utf8
            while true {
                if index == utf8.endIndex || utf8[index] == UInt8(ascii: ",") {
                    let name = pythonStrip(text[start..<index])
                    if !name.isEmpty { names.append(name) }
                    if index == utf8.endIndex { break }
                    start = utf8.index(after: index)
                }
                index = utf8.index(after: index)
            }
            argnames = names
            forceTuple = argnames.count == 1
        case .tuple(let items), .list(let items):
            var names: [String] = []
            for item in items {
                guard case .str(let name) = item else {
                    if case .opaque(let reason) = item { return .failure(.dynamic(reason)) }
                    return .failure(.dynamic("argnames entry of type \(item.typeName)"))
                }
                names.append(name)
            }
            argnames = names
            forceTuple = false
        case .opaque(let reason):
            return .failure(.dynamic(reason))
        default:
            return .failure(.dynamic("argnames of type \(argnamesValue.typeName)"))
        }

        // ParameterSet._parse_parametrize_parameters and _for_parametrize
        let rawValues: [PyValue]
        switch box.evaluator.elements(of: argvaluesValue) {
        case .values(let values): rawValues = values
        case .failure(let reason): return .failure(.dynamic(reason))
        }
        var sets: [IdMaker.ParameterSet] = []
        sets.reserveCapacity(rawValues.count)
        for raw in rawValues {
            var set: IdMaker.ParameterSet
            var shown: PyValue
            // An opaque value is fine where the id will not need it (IdMaker reports it otherwise).
            if case .param(let param) = raw {
                set = IdMaker.ParameterSet(values: param.values, id: param.id, marks: param.marks)
                shown = .tuple(param.values)
            } else if forceTuple {
                set = IdMaker.ParameterSet(values: [raw])
                shown = .tuple([raw])
            } else {
                switch sequenceValues(raw, box: box) {
                case .success(let values):
                    set = IdMaker.ParameterSet(values: values)
                case .failure(let failure):
                    return .failure(failure)
                }
                shown = raw
            }
            if set.values.count != argnames.count {
                let namesText: String
                switch argnamesValue {
                case .str: namesText = PyFormatting.repr(.list(argnames.map { .str($0) })) ?? ""
                default: namesText = PyFormatting.repr(argnamesValue) ?? ""
                }
                let valuesText = PyFormatting.str(shown) ?? "<\(shown.typeName)>"
                return .failure(.collectionError("""
                    \(context.nodeID): in "parametrize" the number of names (\(argnames.count)):
                      \(namesText)
                    must be equal to the number of values (\(set.values.count)):
                      \(valuesText)
                    """))
            }
            if case .set(let items) = raw, items.count > 1, !forceTuple {
                return .failure(.dynamic("iteration order of a set"))
            }
            sets.append(set)
        }
        if sets.isEmpty {
            let mark: String
            switch context.options.emptyParameterSetMark {
            case "", "skip": mark = "skip"
            case "xfail": mark = "xfail"
            case "fail_at_collect":
                return .failure(.collectionError("Empty parameter set in '\(functionName)' at line \(context.firstLine)"))
            default:
                return .failure(.collectionError("LookupError: \(context.options.emptyParameterSetMark)"))
            }
            sets.append(IdMaker.ParameterSet(values: Array(repeating: .object("NotSetType"), count: argnames.count),
                                             id: .text("NOTSET"), marks: [mark]))
        }

        if argnames.contains("request") {
            return .failure(.collectionError("\(context.nodeID): 'request' is a reserved name and cannot be used in @pytest.mark.parametrize"))
        }

        var scope: String?
        switch scopeValue {
        case .none: scope = nil
        case .str(let name):
            guard ["session", "package", "module", "class", "function"].contains(name) else {
                return .failure(.collectionError("parametrize() call in \(functionName) got an unexpected scope value '\(name)'"))
            }
            scope = name
        case .opaque(let reason): return .failure(.dynamic(reason))
        default: return .failure(.dynamic("scope of type \(scopeValue.typeName)"))
        }

        // _resolve_parameter_set_ids
        var maker = IdMaker(argnames: argnames, parameterSets: sets, options: context.options, nodeID: context.nodeID,
                            functionName: functionName)
        switch idsValue {
        case .none:
            break
        case .opaque(let reason):
            return .failure(.dynamic(reason))
        case .callable, .mark:
            let function = idsValue
            maker.idFunction = { value in box.evaluator.call(function, [value], []) }
        default:
            let entries: [PyValue]
            switch box.evaluator.elements(of: idsValue) {
            case .values(let values): entries = values
            case .failure(let reason): return .failure(.dynamic("ids: \(reason)"))
            }
            var ids = entries
            if case .iterator = idsValue {
                ids = Array(entries.prefix(sets.count))
            } else if entries.count != sets.count && !entries.isEmpty {
                return .failure(.collectionError(
                    "In \(functionName): \(sets.count) parameter sets specified, with different number of ids: \(entries.count)"))
            }
            for entry in ids { if case .opaque(let reason) = entry { return .failure(.dynamic(reason)) } }
            maker.ids = ids.map { $0.isNone ? nil : $0 }
        }
        let ids: [IdMaker.ResolvedID]
        do {
            ids = try maker.makeUniqueIDs()
        } catch {
            return .failure(error)
        }

        // _resolve_args_directness
        var indirect: [String] = []
        switch indirectValue {
        case .bool(let flag):
            indirect = flag ? argnames : []
        case .list(let items), .tuple(let items):
            for item in items {
                guard case .str(let name) = item else {
                    if case .opaque(let reason) = item { return .failure(.dynamic(reason)) }
                    return .failure(.dynamic("indirect entry of type \(item.typeName)"))
                }
                guard argnames.contains(name) else {
                    return .failure(.collectionError("In \(functionName): indirect fixture '\(name)' doesn't exist"))
                }
                if !indirect.contains(name) { indirect.append(name) }
            }
        case .opaque(let reason):
            return .failure(.dynamic(reason))
        default:
            return .failure(.collectionError(
                "In \(functionName): expected Sequence or boolean for indirect, got \(indirectValue.typeName)"))
        }

        let signature = ParametrizeSignature(argnames: argnames, indirect: indirect, scope: scope, kind: call.kind)
        return .success(Expansion(signature: signature, sets: sets, ids: ids))
    }

    /// The values of one argvalues entry for several argnames (`len` and iteration of it).
    private static func sequenceValues(_ raw: PyValue, box: EvaluatorBox) -> Result<[PyValue], Failure> {
        switch raw {
        case .tuple(let items), .list(let items):
            return .success(items)
        case .str, .bytes, .dict, .range:
            switch box.evaluator.elements(of: raw) {
            case .values(let values): return .success(values)
            case .failure(let reason): return .failure(.dynamic(reason))
            }
        case .set(let items):
            return .success(items)
        case .int, .bool, .float, .complex, .none, .ellipsis, .hiddenParam, .pattern, .mark, .iterator:
            return .failure(.collectionError("TypeError: object of type '\(raw.typeName)' has no len()"))
        case .opaque(let reason):
            return .failure(.dynamic(reason))
        default:
            return .failure(.dynamic("parameter set of type \(raw.typeName)"))
        }
    }

    /// Python's `str.strip()` (Unicode whitespace).
    private static func pythonStrip(_ text: Substring) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F) }
            guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
                return ""
            }
            return String(decoding: utf8[first...last], as: UTF8.self)
        }
        let scalars = Array(text.unicodeScalars)
        var lower = 0
        var upper = scalars.count
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }
}
