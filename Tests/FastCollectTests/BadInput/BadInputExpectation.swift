/// What real pytest 9.0.3 printed for one bad-input case (generated into BadInputExpectations.swift).
struct BadInputExpectation: Sendable {
    /// One invocation: its arguments, its exit code and pytest's normalised stdout.
    struct Run: Sendable {
        var arguments: [String]
        var exitCode: Int32
        /// The stdout split on "\n" (the last element is what follows the final line break).
        var stdoutLines: [String]

        var stdout: String { stdoutLines.joined(separator: "\n") }
    }

    /// `BadInputTree.fingerprint()` of the tree pytest ran on.
    var fingerprint: String
    var runs: [Run]
}
