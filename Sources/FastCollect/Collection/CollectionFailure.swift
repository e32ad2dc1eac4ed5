/// A collector that failed, reported as pytest reports `ERROR collecting <nodeid>`.
public struct CollectionFailure: Sendable, Equatable {
    /// Node ID of the failing collector (a module's relative path, a directory…).
    public var nodeID: String
    /// The lines of its block in the `ERRORS` section (`E   SyntaxError: …` last).
    public var body: [String]
    /// What the short test summary shows after `ERROR <nodeid> - ` (trimmed to the terminal
    /// width there); nil when pytest shows the node ID alone.
    public var summary: String?

    public init(nodeID: String, body: [String], summary: String? = nil) {
        self.nodeID = nodeID
        self.body = body
        self.summary = summary
    }

    /// An exception raised while importing: pytest's `E   ` lines, the exception's last.
    static func exception(nodeID: String, _ lines: [String], summary: String? = nil) -> CollectionFailure {
        CollectionFailure(nodeID: nodeID, body: lines.map { "E   " + $0 }, summary: summary)
    }
}
