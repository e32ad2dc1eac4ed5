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

    /// Why the plugin replaces this class by generated ones, or nil when it collects it as is.
    static func expansionReason(_ info: ClassInfo, graph: ModuleGraph) -> String? {
        if info.ref.decl.decorators.contains(where: { $0.name.hasSuffix("combinations") }) {
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
        func key(_ item: Int32) -> (String, String, String) {
            var module = "", cls = ""
            var current = nodes[Int(item)].parent
            while current >= 0 {
                let node = nodes[Int(current)]
                if cls.isEmpty && (node.kind == .testClass || node.kind == .unitTestCase) { cls = node.name }
                if node.kind == .module {
                    module = node.name
                    break
                }
                current = node.parent
            }
            return (module, cls, nodes[Int(item)].name)
        }
        let keyed = items.enumerated().map { (key: key($0.element), index: $0.offset, item: $0.element) }
        return keyed.sorted { a, b in
            if a.key.0 != b.key.0 { return PathOrder.less(a.key.0, b.key.0) }
            if a.key.1 != b.key.1 { return PathOrder.less(a.key.1, b.key.1) }
            if a.key.2 != b.key.2 { return PathOrder.less(a.key.2, b.key.2) }
            return a.index < b.index
        }.map(\.item)
    }
}
