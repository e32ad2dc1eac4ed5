/// A collector that failed, reported as pytest reports `ERROR collecting <nodeid>`.
public struct CollectionFailure: Sendable, Equatable {
    /// Node ID of the failing collector (a module's relative path, a directory…).
    public var nodeID: String
    /// The last line pytest shows for the error (`E   SyntaxError: …` without the `E   `).
    public var message: String
    /// The full error text, when there is more than one line to show.
    public var details: [String]
    /// True for an error raised by `pytest.fail` (shown without `E   ` and named in the short
    /// summary), false for an exception such as `SyntaxError`.
    public var isFailed: Bool

    public init(nodeID: String, message: String, details: [String] = [], isFailed: Bool = false) {
        self.nodeID = nodeID
        self.message = message
        self.details = details
        self.isFailed = isFailed
    }
}
