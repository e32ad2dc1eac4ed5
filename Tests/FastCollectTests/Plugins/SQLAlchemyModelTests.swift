import Testing

@testable import FastCollect

/// SQLAlchemy's `combinations` ids and `_parametrize_cls` class names, against names its plugin
/// produced in the corpus truth (`test/orm/inheritance/test_poly_persistence.py`,
/// `test/orm/test_transaction.py`).
@Suite("SQLAlchemy combinations")
struct SQLAlchemyModelTests {
    @Test("id_ templates: i the value, r repr, s str, n __name__, a left out")
    func combinationIDs() {
        #expect(SQLAlchemyModel.combinationID([.str("unions"), .bool(true)], template: "rr") == "'unions'-True")
        #expect(SQLAlchemyModel.combinationID([.str("redefine"), .bool(true)], template: "ia") == "redefine")
        #expect(SQLAlchemyModel.combinationID([.int(.small(2))], template: "s") == "2")
        #expect(SQLAlchemyModel.combinationID([.callable(.builtin("int"))], template: "n") == "int")
        // `i` joins the value itself: a non-string is a TypeError in the plugin, so not known.
        #expect(SQLAlchemyModel.combinationID([.int(.small(2))], template: "i") == nil)
        #expect(SQLAlchemyModel.combinationID([.opaque("x")], template: "s") == nil)
    }

    @Test("generated classes: product of the decorators bottom-up, tokens without non-word characters")
    func classNames() {
        let names = SQLAlchemyModel.generatedClassNames(
            "RoundTripTest", [["'unions'-True", "'joins'-False"], ["redefine", "noredefine"], ["lazy"]])
        #expect(names == [
            "RoundTripTest_unions_True_redefine_lazy", "RoundTripTest_unions_True_noredefine_lazy",
            "RoundTripTest_joins_False_redefine_lazy", "RoundTripTest_joins_False_noredefine_lazy",
        ])
        #expect(SQLAlchemyModel.generatedClassNames("T", [["join_mode='create_savepoint'"]]) == ["T_join_modecreate_savepoint"])
    }

    @Test("method-level combinations: argnames from the method, ids from id_, variations named by case")
    func methodParams() throws {
        let plain = try SQLAlchemyModel.combinationParams(
            variation: false, parameters: ["a", "b"], [.tuple([.int(.small(1)), .str("x")])], []
        ).get()
        #expect(plain.argnames == ["a", "b"])
        guard case .param(let param) = plain.params.first else {
            Issue.record("not a param")
            return
        }
        #expect(param.id == .none && param.values.count == 2)

        let templated = try SQLAlchemyModel.combinationParams(
            variation: false, parameters: ["value"], [.tuple([.str("name"), .int(.small(3))])],
            [("id_", .str("ia")), ("argnames", .str("value"))]
        ).get()
        guard case .param(let kept) = templated.params.first else {
            Issue.record("not a param")
            return
        }
        #expect(kept.id == .text("name") && kept.values.count == 1)

        let variation = try SQLAlchemyModel.combinationParams(
            variation: true, parameters: [], [.str("use_x"), .list([.bool(true), .bool(false), .str("other")])], []
        ).get()
        let ids = variation.params.compactMap { value -> PytestParam.ID? in
            if case .param(let param) = value { return param.id }
            return nil
        }
        #expect(ids == [.text("use_x"), .text("not_use_x"), .text("other")])

        let exclusion = SQLAlchemyModel.combinationParams(
            variation: false, parameters: ["a"], [.tuple([.str("x"), .opaque("testing.requires.foo")])], [])
        #expect((try? exclusion.get()) == nil, "a value that may be an exclusion is not guessed")
    }
}

/// The plugin's final sort: by module name, class name and item name in code point order,
/// stable for equal keys (a Python `sorted` with a key).
@Suite struct SQLAlchemyReorderTests {
    @Test func itemsSortByModuleClassAndNameKeepingTies() {
        let tree = NodeList()
        let dir = tree.add(.dir, "r", parent: -1)
        let zeta = tree.add(.module, "test_zeta.py", parent: dir)
        let alpha = tree.add(.module, "test_alpha.py", parent: dir)
        let classB = tree.add(.testClass, "TestB", parent: alpha)
        let classA = tree.add(.testClass, "TestA", parent: alpha)
        let classE = tree.add(.testClass, "Test\u{E9}", parent: alpha)
        let items = [
            tree.add(.function, "test_z", parent: zeta),
            tree.add(.function, "test_b", parent: classB),
            tree.add(.function, "test_a", parent: classB),
            tree.add(.function, "test_dup", parent: classA),
            tree.add(.function, "test_dup", parent: classA),
            tree.add(.function, "test_e", parent: classE),
            tree.add(.function, "test_top", parent: alpha),
        ]
        let sorted = SQLAlchemyModel.reorder(items, nodes: tree.nodes)
        // Module-level functions have the empty class name, which sorts first; `é` (U+00E9)
        // sorts after every ASCII letter; the two `test_dup` keep their order.
        #expect(sorted == [items[6], items[3], items[4], items[2], items[1], items[5], items[0]])
    }

    /// Parents with the same module and class names (a module of the same name in another
    /// folder) make one group: their items interleave by name.
    @Test func sameNamedModulesInTwoFoldersShareTheirGroups() {
        let tree = NodeList()
        let first = tree.add(.module, "test_m.py", parent: tree.add(.dir, "a", parent: -1))
        let second = tree.add(.module, "test_m.py", parent: tree.add(.dir, "b", parent: -1))
        let classInFirst = tree.add(.testClass, "TestA", parent: first)
        let classInSecond = tree.add(.testClass, "TestA", parent: second)
        let items = [
            tree.add(.function, "test_c", parent: classInFirst),
            tree.add(.function, "test_a", parent: classInFirst),
            tree.add(.function, "test_b", parent: classInSecond),
            tree.add(.function, "test_a", parent: classInSecond),
            tree.add(.function, "test_top", parent: second),
        ]
        #expect(SQLAlchemyModel.reorder(items, nodes: tree.nodes) == [items[4], items[1], items[3], items[2], items[0]])
    }

    /// Collection nodes made one after another, each numbered by its position.
    final class NodeList {
        private(set) var nodes: [CollectionNode] = []

        func add(_ kind: CollectionNode.Kind, _ name: String, parent: Int32) -> Int32 {
            nodes.append(CollectionNode(kind: kind, name: name, nodeID: name, parent: parent, path: "/r"))
            return Int32(nodes.count - 1)
        }
    }
}
