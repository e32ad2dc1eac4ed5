/// Wall time of each stage of one collection run, in seconds (`--timings`): walking the tree,
/// reading and scanning modules (on the pool, plus modules read later while resolving),
/// resolving names and building items, and `-k`/`-m`/`--deselect` selection.
public struct StageTimings: Sendable {
    public var walk: Double = 0
    public var readScan: Double = 0
    public var resolve: Double = 0
    public var select: Double = 0

    public init() {}

    /// The `--timings` line, with the caller's emit and total times added.
    public func line(emit: Double, total: Double) -> String {
        let stages: [(String, Double)] = [
            ("walk", walk), ("read+scan", readScan), ("resolve", resolve), ("select", select),
            ("emit", emit), ("total", total),
        ]
        let fields = stages.map { name, seconds in "\(name)=\(Self.milliseconds(seconds))" }
        return "fastcollect timings (ms): " + fields.joined(separator: " ")
    }

    /// Milliseconds with two decimals, without Foundation's formatter.
    static func milliseconds(_ seconds: Double) -> String {
        let hundredths = Int((max(0, seconds) * 100_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
