import ModuleScanner

/// SQLAlchemy's test plugin (`sqlalchemy.testing.plugin.pytestplugin`), which a project's
/// conftest.py loads: its `pytest_pycollect_makeitem` collects every subclass of
/// `sqlalchemy.testing.fixtures.TestBase` whose name does not start with `_` (whatever
/// `python_classes` says), only `test_` methods inside them, and nothing else.
/// Classes it multiplies at run time (per database backend, or by class-level
/// `@testing.combinations`) are reported as dynamic.
enum SQLAlchemyModel {
    /// True when `conftest` source loads the plugin.
    static func isLoaded(byConftest source: [UInt8]) -> Bool {
        contains(source, "sqla_pytestplugin") || contains(source, "sqlalchemy.testing.plugin.pytestplugin")
    }

    static func isTestBase(_ info: ClassInfo) -> Bool {
        info.mro.contains { entry in
            guard case .source(let ref) = entry, ref.qualname == ["TestBase"] else { return false }
            return ref.file.hasSuffix("/sqlalchemy/testing/fixtures/base.py")
                || ref.file.hasSuffix("/sqlalchemy/testing/fixtures.py")
        }
    }

    /// True when the class's own decorators hold class-level `@combinations` (the plugin's
    /// `_parametrize_cls` then replaces it by one generated class per combination).
    static func hasClassCombinations(_ decl: ClassDecl) -> Bool {
        decl.decorators.contains(where: { $0.name.hasSuffix("combinations") })
    }

    /// Why the plugin replaces this class by generated ones, or nil when it collects it as is.
    /// With `combinations: false`, only the per-backend expansion counts.
    static func expansionReason(_ info: ClassInfo, graph: ModuleGraph, combinations: Bool = true) -> String? {
        if combinations && hasClassCombinations(info.ref.decl) {
            return "class \(info.ref.decl.name) is multiplied by @combinations (SQLAlchemy plugin)"
        }
        let backendFlags = ["__backend__", "__only_on__", "__sparse_backend__", "__sparse_driver_backend__"]
        for entry in info.mro {
            guard case .source(let ref) = entry else { continue }
            let body = graph.classNamespace(ref)
            for flag in backendFlags {
                guard case .value(let decl)? = body[flag], let range = decl.value,
                    let text = graph.module(ref.file)?.literalText(range)
                else { continue }
                if !LiteralTruth.isFalsy(text) {
                    return "class \(info.ref.decl.name) is expanded per database backend (SQLAlchemy plugin)"
                }
            }
        }
        return nil
    }

    private static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard pattern.count <= haystack.count, let first = pattern.first else { return false }
        var index = 0
        let last = haystack.count - pattern.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + pattern.count)].elementsEqual(pattern) {
                return true
            }
            index += 1
        }
        return false
    }
}

extension SQLAlchemyModel {
    /// The plugin's `pytest_collection_modifyitems` ends by sorting every item by
    /// (module name, class name, item name), stably.
    static func reorder(_ items: [Int32], nodes: [CollectionNode]) -> [Int32] {
        /// The names of the module and of the innermost class above a parent node.
        func groupKey(_ parent: Int32) -> (String, String) {
            var module = "", cls = ""
            var current = parent
            while current >= 0 {
                let kind = nodes[Int(current)].kind
                if cls.isEmpty && (kind == .testClass || kind == .unitTestCase) { cls = nodes[Int(current)].name }
                if kind == .module {
                    module = nodes[Int(current)].name
                    break
                }
                current = nodes[Int(current)].parent
            }
            return (module, cls)
        }
        // Sorted as (module, class) groups, then by name within each group (ties keep collection
        // order, as Python's stable sort does): the same order as sorting the whole key, with
        // far fewer comparisons, most of them between short lists. Sorting keyed tuples copied
        // three strings per move (350 M instructions on SQLAlchemy's 14,000 items).
        var groupIndex: [String: Int] = [:]
        var groupKeys: [(module: String, cls: String)] = []
        var members: [[Int]] = []
        var names = NameBytes(reservingCapacity: items.count)
        // Items of one parent (a class's methods, a method's parametrizations) share a group.
        var parentGroup: [Int32: Int] = [:]
        for (position, item) in items.enumerated() {
            let parent = nodes[Int(item)].parent
            let group: Int
            if let known = parentGroup[parent] {
                group = known
            } else {
                let (module, cls) = groupKey(parent)
                let (number, isNew) = groupIndex.number(of: String.joining(module, "\0", cls))
                if isNew {
                    groupKeys.append((module, cls))
                    members.append([])
                }
                parentGroup[parent] = number
                group = number
            }
            members[group].append(position)
            names.append(nodes[Int(item)].name)
        }
        let groupOrder = groupKeys.indices.sorted { a, b in
            let first = PathOrder.compare(groupKeys[a].module, groupKeys[b].module)
            return first != 0 ? first < 0 : PathOrder.less(groupKeys[a].cls, groupKeys[b].cls)
        }
        return groupOrder.flatMap { names.sorted(members[$0]) }.map { items[$0] }
    }
}

extension SQLAlchemyModel {
    /// For the dotted path of SQLAlchemy's `combinations` (false) or `variation` (true); nil otherwise.
    static func combinationsKind(_ path: String) -> Bool? {
        switch path {
        case "sqlalchemy.testing.combinations", "sqlalchemy.testing.config.combinations": return false
        case "sqlalchemy.testing.variation", "sqlalchemy.testing.config.variation": return true
        default: return nil
        }
    }

    /// One combination's id under an `id_` template (see `combinationIds`); nil when not known.
    static func combinationID(_ values: [PyValue], template: String) -> String? {
        var parts: [String] = []
        for (index, character) in template.enumerated() where "irsn".contains(character) {
            guard index < values.count else { return nil }
            let value = values[index]
            let shown: String?
            switch character {
            case "i":
                if case .str(let text) = value { shown = text } else { shown = nil }
            case "r": shown = PyFormatting.repr(value)
            case "s": shown = PyFormatting.str(value)
            default:
                switch value {
                case .callable(.builtin(let path)): shown = PyBuiltins.shortName(path)
                case .callable(.function(let name, _)): shown = name
                case .callable(.userClass(let cls)): shown = cls.name
                case .opaque: shown = nil
                default: shown = value.typeName
                }
            }
            guard let shown else { return nil }
            parts.append(shown)
        }
        return parts.joined(separator: "-")
    }

    /// The argnames and `pytest.param`s the plugin's `combinations` (or `variation`) builds for
    /// a method: `parameters` are the method's own argnames; an error text when not known.
    static func combinationParams(
        variation: Bool, parameters: [String], _ positional: [PyValue], _ keywords: [(String, PyValue)]
    ) -> Result<(argnames: [String], params: [PyValue]), MarkLookupFailure> {
        func failure(_ reason: String) -> Result<(argnames: [String], params: [PyValue]), MarkLookupFailure> {
            .failure(MarkLookupFailure(reason: reason))
        }
        if variation {
            guard positional.count == 2, keywords.isEmpty, case .str(let argname) = positional[0] else {
                return failure("variation() arguments")
            }
            guard case .values(let cases) = PyValues.elements(of: positional[1], limit: 100_000) else {
                return failure("variation() cases not known")
            }
            var params: [PyValue] = []
            for entry in cases {
                let name: String
                switch entry {
                case .bool(let flag): name = flag ? argname : "not_" + argname
                case .str(let text): name = text
                default: return failure("variation() case with a limitation or of an unknown kind")
                }
                params.append(.param(PytestParam(values: [.object("Variation")], id: .text(name), marks: [])))
            }
            return .success(([argname], params))
        }
        var argSets = positional
        if argSets.count == 1, case .iterator(let items) = argSets[0] { argSets = items }
        var template: String?
        var argnames = parameters
        for (key, value) in keywords {
            switch (key, value) {
            case ("id_", .str(let text)): template = text
            case ("id_", .none), ("argnames", .none): continue
            case ("argnames", .str(let text)):
                argnames = text.split(separator: ",", omittingEmptySubsequences: false).map {
                    String($0.drop(while: { $0 == " " }))
                }
            default: return failure("combinations() keyword \(key)")
            }
        }
        var params: [PyValue] = []
        for argSet in argSets {
            var values: [PyValue]
            switch argSet {
            case .tuple(let items): values = items
            default: values = [argSet]
            }
            // Exclusions (`testing.requires…`, `only_on(…)`) are filtered out of the values by
            // type; a value not known may be one.
            if let reason = values.lazy.compactMap(\.opaqueReason).first { return failure("combination value: \(reason)") }
            if let template {
                guard let id = combinationID(values, template: template) else { return failure("combination id not known") }
                let kept = template.enumerated().filter { "nrsa".contains($0.element) }.map(\.offset)
                guard kept.allSatisfy({ $0 < values.count }) else { return failure("combination shorter than its id_") }
                params.append(.param(PytestParam(values: kept.map { values[$0] }, id: .text(id), marks: [])))
            } else {
                params.append(.param(PytestParam(values: values, id: .none, marks: [])))
            }
        }
        return .success((argnames, params))
    }

    /// `testing.combinations(*arg_sets, argnames=…, id_=…)` as the plugin's `combinations`
    /// builds each `pytest.param`'s id from the `id_` template (`i` the value itself, `r`
    /// repr, `s` str, `n` `__name__`; `a` an argument kept out of the id); nil when a value
    /// or the template is not known (class-level combinations need `id_`).
    static func combinationIds(_ positional: [PyValue], _ keywords: [(String, PyValue)]) -> [String]? {
        guard case .str(let template)? = keywords.first(where: { $0.0 == "id_" })?.1 else { return nil }
        var argSets = positional
        if argSets.count == 1, case .iterator(let items) = argSets[0] { argSets = items }
        var ids: [String] = []
        for argSet in argSets {
            var values: [PyValue]
            switch argSet {
            case .tuple(let items): values = items
            case .opaque: return nil
            default: values = [argSet]
            }
            guard let id = combinationID(values, template: template) else { return nil }
            ids.append(id)
        }
        return ids
    }

    /// The names `_parametrize_cls` gives the generated classes: the product of the class's
    /// combinations (`ids`, in the order the decorators ran: bottom-up), each id's `-`-separated
    /// tokens stripped of non-word characters and joined with `_`.
    static func generatedClassNames(_ className: String, _ ids: [[String]]) -> [String] {
        var suffixes: [[String]] = [[]]
        for list in ids {
            var next: [[String]] = []
            for prefix in suffixes {
                for id in list { next.append(prefix + [id]) }
            }
            suffixes = next
        }
        return suffixes.map { ids in
            let tokens = ids.flatMap { $0.split(separator: "-", omittingEmptySubsequences: false) }.map { token in
                String(token.unicodeScalars.filter { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil }
                    .map(Character.init))
            }
            return className + "_" + tokens.joined(separator: "_")
        }
    }
}
