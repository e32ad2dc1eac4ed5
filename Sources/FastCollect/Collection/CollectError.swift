/// The errors that stop a collection run as a whole, each with pytest's message and exit code.
public enum CollectError: Error, Sendable, Equatable {
    /// A usage error: pytest prints `ERROR: <message>` and exits with 4.
    case usage(String)
    /// An ini value that could not be read as its type.
    case config(ConfigError)

    public var message: String {
        switch self {
        case .usage(let text): return text
        case .config(let error): return error.message
        }
    }

    /// True when pytest reports the error as a usage error (`ERROR: …`, exit 4) rather than
    /// failing with a traceback (exit 1).
    public var isUsageError: Bool {
        switch self {
        case .usage: return true
        case .config(let error): return error.isUsageError
        }
    }

    public var exitCode: Int32 { isUsageError ? 4 : 1 }
}
