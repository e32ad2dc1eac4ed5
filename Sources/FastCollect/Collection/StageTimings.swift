/// Wall time of each stage of one collection run, in seconds (`--timings`): walking the tree,
/// reading and scanning modules, resolving names and building items, and `-k`/`-m`/`--deselect`
/// selection. With a pool, workers read while resolution runs: `readScan` is then the time
/// resolution waited for a module or read one itself, and `pool` the workers' own time.
public struct StageTimings: Sendable {
    public var walk: Double = 0
    public var readScan: Double = 0
    public var resolve: Double = 0
    public var select: Double = 0
    /// Reading and scanning done by pool workers, summed over threads (0 without a pool).
    public var pool: Double = 0

    public init() {}

    /// The `--timings` line, with the caller's emit and total times added.
    public func line(emit: Double, total: Double) -> String {
        let stages: [(String, Double)] = [
            ("walk", walk), ("read+scan", readScan), ("resolve", resolve), ("select", select),
            ("emit", emit), ("total", total),
        ]
        let shown = pool > 0 ? stages + [("pool", pool)] : stages
        let fields = shown.map { name, seconds in "\(name)=\(Self.milliseconds(seconds))" }
        return "fastcollect timings (ms): " + fields.joined(separator: " ")
    }

    /// Milliseconds with two decimals, without Foundation's formatter.
    public static func milliseconds(_ seconds: Double) -> String {
        let hundredths = Int((max(0, seconds) * 100_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
