import ModuleScanner

/// A mark as `-m` sees it: its name and its keyword arguments that are literals.
struct ItemMark: Sendable {
    var name: String
    var kwargs: [String: ExpressionValue]
}

/// Reads pytest marks from source: `@pytest.mark.NAME(...)` decorators and their aliases
/// (`from pytest import mark`, `mark = pytest.mark`, `slow = pytest.mark.slow`), and
/// `pytestmark = …` (one mark or a list) on modules and classes.
struct MarkReader {
    let graph: ModuleGraph

    /// Marks of a decorator list, top to bottom as written; `classBody`, for a method's
    /// decorators, is the class body whose names they see before the module's.
    func marks(_ decorators: [Decorator], in file: String, classBody: Namespace? = nil) -> [ItemMark] {
        decorators.compactMap { decorator in
            let parts = decorator.name.dottedParts(keepingEmpty: true)
            guard let name = markName(of: parts, in: file, classBody: classBody) else { return nil }
            let arguments = decorator.arguments ?? (parts.count == 1 ? aliasArguments(parts[0], in: file, classBody: classBody) : nil)
            let kwargs = arguments.map { keywordArguments($0, in: file) } ?? [:]
            return ItemMark(name: name, kwargs: kwargs)
        }
    }

    /// The mark a decorator applies, when it is one; its arguments are not read.
    func markName(of decorator: Decorator, in file: String) -> String? {
        markName(of: decorator.name.dottedParts(keepingEmpty: true), in: file, classBody: nil)
    }

    private func markName(of parts: [String], in file: String, classBody: Namespace?) -> String? {
        // `cases = pytest.mark.parametrize(…)` in the class body, then `@cases` on a method.
        if let classBody, parts.count == 1, case .value(let decl)? = classBody[parts[0]], let range = decl.value,
            let module = graph.module(file)
        {
            switch graph.valueShape(range, in: module) {
            case .dotted(let target): return markName(target, in: file, depth: 1)
            case .call(let callee, _): return markName(callee, in: file, depth: 1)
            default: return nil
            }
        }
        return markName(parts, in: file, depth: 0)
    }

    /// Marks of `pytestmark` bound in `namespace` (a module's or a class body's).
    func pytestmark(_ namespace: Namespace, in file: String) -> [ItemMark] {
        guard case .value(let decl)? = namespace["pytestmark"], let range = decl.value,
            let module = graph.module(file)
        else { return [] }
        return module.markExpressions(range).compactMap { expression in
            let parts = expression.callee.dottedParts(keepingEmpty: true)
            guard let name = markName(parts, in: file, depth: 0) else { return nil }
            return ItemMark(name: name, kwargs: expression.arguments.map { keywordArguments($0, in: file) } ?? [:])
        }
    }

    /// `pytest.mark.X`, `mark.X` (with `mark` bound to `pytest.mark`) or an alias of either.
    func markName(_ parts: [String], in file: String, depth: Int) -> String? {
        guard depth < 16, let first = parts.first else { return nil }
        if parts.count == 3, parts[1] == "mark", isPytestModule(first, in: file) { return parts[2] }
        if parts.count == 2, isPytestMark(first, in: file, depth: depth) { return parts[1] }
        if parts.count == 1, case .value(let decl)? = graph.namespace(file)[first], let range = decl.value,
            let module = graph.module(file)
        {
            switch graph.valueShape(range, in: module) {
            case .dotted(let target): return markName(target, in: file, depth: depth + 1)
            // `skiponwin32 = pytest.mark.skipif(...)`: an alias of a mark with arguments.
            case .call(let callee, _): return markName(callee, in: file, depth: depth + 1)
            default: return nil
            }
        }
        return nil
    }

    private func isPytestModule(_ name: String, in file: String) -> Bool {
        switch graph.namespace(file)[name] {
        case .module(let dotted)?: return dotted == "pytest"
        case nil: return false
        default: return false
        }
    }

    private func isPytestMark(_ name: String, in file: String, depth: Int) -> Bool {
        switch graph.namespace(file)[name] {
        case .imported(let module, let level, let imported)?:
            return level == 0 && imported == "mark" && (module == "pytest" || module == "_pytest.mark")
        case .value(let decl)?:
            guard let range = decl.value, let module = graph.module(file),
                case .dotted(let target) = graph.valueShape(range, in: module)
            else { return false }
            return target.count == 2 && target[1] == "mark" && isPytestModule(target[0], in: file)
        default:
            return false
        }
    }

    /// The argument text of the call an alias is bound to (`db = pytest.mark.db(name="x")`).
    private func aliasArguments(_ alias: String, in file: String, classBody: Namespace?) -> Range<Int32>? {
        guard case .value(let decl)? = classBody?[alias] ?? graph.namespace(file)[alias], let range = decl.value,
            let module = graph.module(file), case .call = graph.valueShape(range, in: module)
        else { return nil }
        let source = module.source
        guard let open = source[Int(range.lowerBound)..<Int(range.upperBound)].firstIndex(of: UInt8(ascii: "(")),
            let close = source[Int(range.lowerBound)..<Int(range.upperBound)].lastIndex(of: UInt8(ascii: ")")), open < close
        else { return nil }
        return Int32(open + 1)..<Int32(close)
    }

    /// The literal keyword arguments of a call's argument text (`reason="x", run=False`).
    func keywordArguments(_ range: Range<Int32>, in file: String) -> [String: ExpressionValue] {
        guard let module = graph.module(file) else { return [:] }
        return module.literalKeywordArguments(range)
    }
}
