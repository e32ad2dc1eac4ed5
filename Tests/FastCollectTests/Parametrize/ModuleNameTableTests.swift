import ModuleScanner
import Testing

@testable import FastCollect

@Suite struct ModuleNameTableTests {
    static let source = """
        import os.path as p
        values = [1]
        from helpers import *
        values = [2]; other = 3
        a = a = b = 5
        def values():
            return 4
        del values
        class C:
            x = 1
            from m import *
            x = 2

        """

    /// The binding's kind, with the text that tells bindings of one kind apart.
    static func describe(_ binding: NameBinding?) -> String {
        switch binding {
        case nil: return "unbound"
        case .expression(let expression, _)?: return "expression " + render(expression)
        case .function(let name)?: return "function \(name)"
        case .simpleFunction?: return "simple function"
        case .classDef(let cls)?: return "class \(cls.name)"
        case .module(let name)?: return "module \(name)"
        case .imported(let path)?: return "imported \(path)"
        case .unknown(let reason)?: return "unknown: \(reason)"
        case .value?: return "value"
        }
    }

    static func render(_ expression: PyExpression) -> String {
        switch expression {
        case .int(let literal): return literal.decimal
        case .list(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        default: return "\(expression)"
        }
    }

    /// The binding in force at each line: a star import binds every name after it, a later
    /// statement takes over, `del` unbinds, and a name bound twice by one statement is bound.
    @Test(arguments: [
        (2, "values", "unbound"),
        (3, "values", "expression [1]"),
        (4, "values", "unknown: star import of helpers"),
        (4, "missing", "unknown: star import of helpers"),
        (2, "missing", "unbound"),
        (5, "values", "expression [2]"),
        (8, "values", "simple function"),
        (9, "values", "unbound"),
        (9, "a", "expression 5"),
        (9, "b", "expression 5"),
        (3, "p", "module os.path"),
        (9, "p", "unknown: star import of helpers"),
        (10, "C", "class C"),
    ])
    func bindingAtLine(line: Int32, name: String, expected: String) {
        let bytes = Array(Self.source.utf8)
        let table = ModuleNameTable(summary: ModuleScanner.scan(bytes: bytes), source: bytes)
        #expect(Self.describe(table.resolver(line: line).lookup(name)) == expected)
    }

    /// In a class body: its own star import and rebinding, then the module's names.
    @Test func classBodyNames() throws {
        let bytes = Array(Self.source.utf8)
        let summary = ModuleScanner.scan(bytes: bytes)
        let table = ModuleNameTable(summary: summary, source: bytes)
        let cls = try #require(
            summary.members.compactMap { member -> ClassDecl? in
                if case .classDecl(let decl) = member { return decl }
                return nil
            }.first)
        #expect(Self.describe(table.resolver(classPath: [cls], line: 11).lookup("x")) == "expression 1")
        #expect(Self.describe(table.resolver(classPath: [cls], line: 12).lookup("x")) == "unknown: star import of m")
        #expect(Self.describe(table.resolver(classPath: [cls], line: 13).lookup("x")) == "expression 2")
        #expect(Self.describe(table.resolver(classPath: [cls], line: 11).lookup("a")) == "expression 5")
        #expect(Self.describe(table.resolver(classPath: [cls], line: 13).lookup("a")) == "unknown: star import of m")
    }
}
