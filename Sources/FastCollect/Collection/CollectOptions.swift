/// What the user asked to collect: the command line's collection options, already parsed.
public struct CollectOptions: Sendable {
    /// Paths and node IDs as typed (`testing/test_x.py::TestA`).
    public var arguments: [String] = []
    public var invocationDirectory: String
    public var rootdir: String?
    public var configFile: String?
    public var ignore: [String] = []
    public var ignoreGlob: [String] = []
    public var deselect: [String] = []
    /// `-k` and `-m` expressions as typed.
    public var keyword: String?
    public var marker: String?
    public var keepDuplicates = false
    public var collectInVirtualenv = false
    /// `--import-mode`: `prepend` (default), `append` or `importlib`.
    public var importMode = "prepend"
    /// Read the docstrings of every node that holds an item (pytest's `-v` tree shows them).
    public var docstrings = false
    /// `-p` plugin names given on the command line or in addopts.
    public var plugins: [String] = []
    /// `--doctest-glob` patterns; empty means pytest's default `test*.txt`.
    public var doctestGlobs: [String] = []
    /// Worker threads for reading and scanning files; 1 scans on the calling thread.
    public var workers = 1
    /// Whether the output shows every node a directory listing made (JSON's file list does),
    /// so that for the collection cache a listing read only to find an argument's next part
    /// depends on all of the directory's entries; otherwise only on that part.
    public var outputShowsAllNodes = true

    public init(invocationDirectory: String) {
        self.invocationDirectory = invocationDirectory
    }
}
