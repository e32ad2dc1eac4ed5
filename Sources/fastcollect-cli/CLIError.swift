/// Errors the command line reports; `exitCode` and `message` are the one place they become
/// output and exit status.
enum CLIError: Error {
    case usage(String)

    var message: String {
        switch self {
        case .usage(let text): return text
        }
    }

    var exitCode: Int32 { 4 }
}
