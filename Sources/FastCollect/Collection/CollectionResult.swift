/// Everything one collection run found: the tree, the items in pytest's order, and what went
/// wrong or could not be known.
public struct CollectionResult: Sendable {
    public var rootdir: String
    /// The config file as pytest's header shows it, relative to the rootdir; nil without one.
    public var configFileDisplay: String?
    /// The tree; parents come before their children.
    public var nodes: [CollectionNode]
    /// Item node indices in collection order, after deselection.
    public var items: [Int32]
    public var deselectedCount: Int
    public var failures: [CollectionFailure]
    public var warnings: [CollectionWarning]
    /// Files whose tests can't all be known statically, with the reasons.
    public var dynamicFiles: [(path: String, reasons: [String])]
    /// The `testpaths` entries, when the arguments came from them (pytest's header shows them).
    public var testpathsShown: [String]?
    /// A usage error found after collection (a bad `-k`/`-m` expression): pytest prints the
    /// items it collected, then the error, and exits with 4.
    public var lateUsageError: String?
    /// Docstrings by node, filled for `-v` (`CollectOptions.docstrings`).
    public var docstrings: [Int32: String] = [:]
    /// Where the run's time went (`--timings`).
    public var timings = StageTimings()
    /// The `-p`/`-k`/`-m`/verbosity words that the config's `addopts` added.
    public var addopts: [String]
    /// Test modules whose import warns differently when it comes before collection: they use
    /// a mark that a conftest.py loaded during collection registers (`ConftestMarkers`).
    public var orderSensitiveModules: Set<String> = []
    /// Test modules their own code skips on import (`pytest.skip(…, allow_module_level=True)`,
    /// `pytest.importorskip` of a module that is not installed): pytest's "N skipped".
    public var skippedModules: [String] = []
}

extension CollectionResult {
    /// A run that collected nothing (used when a usage error stops collection).
    public static func empty(rootdir: String, configFileDisplay: String?) -> CollectionResult {
        CollectionResult(
            rootdir: rootdir, configFileDisplay: configFileDisplay, nodes: [], items: [], deselectedCount: 0,
            failures: [], warnings: [], dynamicFiles: [], testpathsShown: nil, lateUsageError: nil, addopts: [])
    }
}
