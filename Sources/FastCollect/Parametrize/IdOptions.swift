/// The configuration that shapes ids: pytest's ini options.
public struct IdOptions: Sendable, Equatable {
    /// `disable_test_id_escaping_and_forfeit_all_rights_to_community_support`.
    public var disableTestIdEscaping: Bool
    /// `strict_parametrization_ids` (or `strict`).
    public var strictParametrizationIds: Bool
    /// `empty_parameter_set_mark`: "" or "skip", "xfail", "fail_at_collect".
    public var emptyParameterSetMark: String

    public init(disableTestIdEscaping: Bool = false, strictParametrizationIds: Bool = false, emptyParameterSetMark: String = "") {
        self.disableTestIdEscaping = disableTestIdEscaping
        self.strictParametrizationIds = strictParametrizationIds
        self.emptyParameterSetMark = emptyParameterSetMark
    }
}
