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
