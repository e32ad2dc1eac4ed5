import FastCollect

/// What a command prints, kept in order until it is written: stdout, stderr, and pytest's
/// summary line, which carries the run's time and so is drawn only when printed (a cached
/// result is printed with the time of the run that prints it).
struct CommandOutput {
    enum Kind: UInt8 {
        case out = 0
        case err = 1
        /// `==== 3 tests collected in 0.01s ====` (the `in …` part is added when printed).
        case summaryRule = 2
        /// The same line without the rule, as `-q` prints it.
        case summaryLine = 3
    }

    var recorded = RecordedOutput()

    mutating func out(_ text: String) { recorded.append(Kind.out.rawValue, text) }
    mutating func err(_ text: String) { recorded.append(Kind.err.rawValue, text) }
    mutating func summary(_ kind: Kind, _ text: String) { recorded.append(kind.rawValue, text) }

    /// Writes every chunk, summaries with `seconds` as the time taken.
    static func print(_ recorded: RecordedOutput, seconds: Double) {
        for chunk in recorded.chunks {
            switch Kind(rawValue: chunk.kind) {
            case .out?: Output.out(chunk.bytes)
            case .err?: Output.err(chunk.bytes)
            case .summaryRule?:
                var writer = TerminalWriter()
                writer.sep("=", String(decoding: chunk.bytes, as: UTF8.self) + " in " + formatSeconds(seconds))
                Output.out(writer.text)
            case .summaryLine?:
                Output.out(String(decoding: chunk.bytes, as: UTF8.self) + " in " + formatSeconds(seconds) + "\n")
            case nil: break
            }
        }
    }

    /// pytest's `format_session_duration` below a minute: `0.01s`.
    static func formatSeconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)s"
    }
}
