/// The errors that stop a collection run as a whole, each with pytest's message and exit code.
public enum CollectError: Error, Sendable, Equatable {
    /// A usage error: pytest prints `ERROR: <message>` and exits with 4.
    case usage(String)
    /// A configuration file that could not be read or parsed (pytest also exits with 4).
    case config(String)

    public var message: String {
        switch self {
        case .usage(let text), .config(let text): return text
        }
    }

    public var exitCode: Int32 { 4 }
}
