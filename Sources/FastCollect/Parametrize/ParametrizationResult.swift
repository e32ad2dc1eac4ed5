/// What `Parametrization.expand` found: the items pytest makes, or that pytest fails collecting
/// the module (with its message), or that the answer depends on something not known statically.
public enum ParametrizationResult: Sendable {
    /// The items in pytest's order, and what each call parametrized (same order as the input).
    case items([ParametrizedItem], calls: [ParametrizeSignature])
    /// pytest reports `ERROR collecting` for the module with this message.
    case failure(String)
    case dynamic(String)

    /// The id suffixes (nil for an item without brackets), when the items are known.
    public var ids: [String?]? {
        if case .items(let items, _) = self { return items.map(\.id) }
        return nil
    }
}

/// One item of a parametrized function.
public struct ParametrizedItem: Sendable, Equatable {
    /// The text between the item name's brackets (`1-a` for `test_x[1-a]`); nil when every
    /// parameter set was `HIDDEN_PARAM`, so the item is named like the function.
    public var id: String?
    var idParts: [String]
    /// Names of the marks `pytest.param(…, marks=…)` and empty parameter sets add to the item.
    public var marks: [String]
    /// The parameter set index taken from each call, in call order (`callspec.indices`).
    public var indices: [Int]
}

/// What one parametrize call parametrized: its argnames, the indirect ones, its explicit scope.
public struct ParametrizeSignature: Sendable, Equatable {
    public var argnames: [String]
    /// Argnames passed to fixtures of the same name (`indirect=`; every argname of a fixture's params).
    public var indirect: [String]
    /// `scope=` when given (`"module"`, …); for a fixture, the fixture's scope.
    public var scope: String?
    public var kind: ParametrizeCall.Kind
}
