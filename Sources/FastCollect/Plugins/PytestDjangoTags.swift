import ModuleScanner

/// pytest-django's Django test tags: `django.test.tag(...)` on a `SimpleTestCase` subclass (set
/// on it or inherited) marks its class collector, and on a test method marks its item, one mark
/// per tag (`pytest_collectstart`, `pytest_itemcollected`); `-m` and `-k` then see them.
struct PytestDjangoTags {
    let graph: ModuleGraph
    /// Per class statement: its `tags` attribute, or nil when it has none; `.unknown` when it
    /// could not be read.
    private var classTags: [ClassKey: Tags?] = [:]
    /// Per class statement: the tags its methods start from (its `tags` attribute), or nil
    /// when it is no `SimpleTestCase`.
    private var classStart: [ClassKey: Tags?] = [:]
    private var decoratorKinds: [PathNameKey: DecoratorKind] = [:]

    /// A `tags` attribute as far as static reading knows it.
    enum Tags: Equatable {
        case known(Set<String>)
        case unknown(String)
    }

    init(graph: ModuleGraph) {
        self.graph = graph
    }

    /// The tag marks of a test method item of class `ref` (nil `method` for an item without a
    /// function statement), sorted; `.unknown` with the reason when a tag could not be read.
    mutating func marks(method: FunctionDecl?, in ref: ClassRef) -> Tags {
        let start: Tags?
        if let cached = classStart[ref.key] {
            start = cached
        } else {
            let isTestCase = graph.classInfo(ref).mro.contains { PytestDjangoModel.isDjangoClass($0, "SimpleTestCase") }
            start = isTestCase ? tagsAttribute(ref) ?? .known([]) : nil
            classStart[ref.key] = .some(start)
        }
        var tags: Set<String>
        switch start {
        case nil: return .known([])
        case .known(let found)?: tags = found
        case .unknown(let reason)?: return .unknown(reason)
        }
        if let method, !method.decorators.isEmpty {
            let file = definingFile(of: method, along: graph.classInfo(ref).mro) ?? ref.file
            switch decoratorTags(method.decorators, in: file, inherited: nil) {
            case .known(let found)?: tags.formUnion(found)
            case .unknown(let reason)?: return .unknown(reason)
            case nil: break
            }
        }
        return .known(tags)
    }

    /// `getattr(cls, "tags", None)`: set by the class body, then by its `@tag` decorators
    /// (which add to what the class already has), else inherited along the MRO.
    private mutating func tagsAttribute(_ ref: ClassRef) -> Tags? {
        if let cached = classTags[ref.key] { return cached }
        classTags[ref.key] = .some(nil)  // a cycle reads as no tags
        let body = bodyTags(ref)
        var result = body?.tags
        if result == nil {
            for entry in graph.classInfo(ref).mro.dropFirst() {
                if case .source(let base) = entry, let found = tagsAttribute(base) {
                    result = found
                    break
                }
            }
        }
        if case .unknown = result {
        } else if let decorated = decoratorTags(ref.decl.decorators, in: ref.file, inherited: result) {
            // `tag` adds with `set.union`: on a list or tuple the import fails.
            result = body.map { $0.isSet } == false
                ? .unknown("@tag on class \(ref.decl.name), whose tags is not a set") : decorated
        }
        classTags[ref.key] = .some(result)
        return result
    }

    /// A `tags = {…}` (or list or tuple of strings) in the class body, and whether it is a set.
    private func bodyTags(_ ref: ClassRef) -> (tags: Tags, isSet: Bool)? {
        guard let binding = graph.classNamespace(ref)["tags"] else { return nil }
        let unreadable = Tags.unknown("class \(ref.decl.name) sets tags that are not string literals")
        guard case .value(let decl) = binding, let range = decl.value, let module = graph.module(ref.file) else {
            return (unreadable, false)
        }
        let expression = module.source.withUnsafeBufferPointer {
            PyExpressionParser.parseExpression(source: $0, range: range)
        }
        let elements: [PyExpression]
        switch expression {
        case .set(let items), .list(let items), .tuple(let items): elements = items
        default: return (unreadable, false)
        }
        var names = Set<String>()
        for element in elements {
            guard case .string(let name) = element else { return (unreadable, false) }
            names.insert(name)
        }
        if case .set = expression { return (.known(names), true) }
        return (.known(names), false)
    }

    /// Applies `@tag(...)` / `@screenshot_cases(...)` decorators (bottom to top) to `inherited`;
    /// nil when none of them is a tagging decorator.
    private mutating func decoratorTags(_ decorators: [Decorator], in file: String, inherited: Tags?) -> Tags? {
        var result = inherited
        var tagged = false
        for decorator in decorators.reversed() {
            var added: Set<String>
            switch kind(of: decorator.name, in: file) {
            case .other:
                continue
            case .tag:
                guard let range = decorator.arguments, let module = graph.module(file) else {
                    return .unknown("@\(decorator.name) without arguments")
                }
                let arguments = module.source.withUnsafeBufferPointer {
                    PyExpressionParser.parseArguments(source: $0, range: range)
                }
                added = []
                for argument in arguments.positional {
                    guard case .string(let name) = argument, arguments.keywords.isEmpty else {
                        return .unknown("@\(decorator.name) with tags that are not string literals")
                    }
                    added.insert(name)
                }
            case .screenshotCases:
                added = ["screenshot"]
            }
            tagged = true
            switch result {
            case .known(let existing)?: result = .known(existing.union(added))
            case .unknown?: return result
            case nil: result = .known(added)
            }
        }
        return tagged ? result : nil
    }

    /// What a decorator name written in `file` is, resolved once per file and name (the same
    /// `@skipUnlessDBFeature` sits on many methods).
    private mutating func kind(of name: String, in file: String) -> DecoratorKind {
        let key = PathNameKey(file: file, name: name)
        if let cached = decoratorKinds[key] { return cached }
        var kind = DecoratorKind.other
        let parts = name.dottedParts()
        if !parts.isEmpty, case .function(let decl, let definedIn) = graph.resolveDotted(parts, in: file) {
            if decl.name == "tag" && definedIn.hasSuffix("/django/test/utils.py") {
                kind = .tag
            } else if decl.name == "screenshot_cases" && definedIn.hasSuffix("/django/test/selenium.py") {
                kind = .screenshotCases
            }
        }
        decoratorKinds[key] = kind
        return kind
    }

    private enum DecoratorKind { case tag, screenshotCases, other }

    /// The file of the class along `mro` whose body defines this very method.
    private func definingFile(of method: FunctionDecl, along mro: [MROEntry]) -> String? {
        for case .source(let cls) in mro {
            if case .function(let decl)? = graph.classNamespace(cls)[method.name], decl.range == method.range {
                return cls.file
            }
        }
        return nil
    }
}
