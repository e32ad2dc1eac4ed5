import ModuleScanner

#if canImport(Glibc)
import Glibc
#endif

/// One collection run: pytest's `Session.perform_collect` over the file system and the module
/// summaries, producing the tree and items exactly as pytest would order them.
public final class CollectionSession {
    let config: PytestConfig
    let options: CollectOptions
    let rules: NameRules
    let graph: ModuleGraph
    let filePatterns: [PathGlob]
    let norecursePatterns: [PathGlob]
    let ignorePaths: Set<String>
    let ignoreGlobs: [GlobPattern]
    let confcutdir: String
    let testpaths: [String]
    let addopts: [String]
    let collectImportedTests: Bool
    let doctestGlobs: [PathGlob]
    let registeredMarkers: Set<String>
    /// Where each directory and module comes in the walk, which is pytest's collection order
    /// (`prefetch`): a directory's conftest.py is loaded when it is collected, a module imported
    /// when it is collected. Initial conftests load before anything (-1).
    @exclusivity(unchecked) private var walkPosition = 0
    @exclusivity(unchecked) private var modulePositions: [Int32: Int] = [:]
    /// The marker registrations of conftest.py files (`ConftestMarkers`), in load order.
    @exclusivity(unchecked) private var markerLoads: [(position: Int, names: [String])] = []
    /// The markers of `markerLoads[..<appliedMarkerLoads]`, for modules from `markersPosition` on.
    @exclusivity(unchecked) private var conftestMarkers: Set<String> = []
    @exclusivity(unchecked) private var appliedMarkerLoads = 0
    /// The markers of the applied loads made by initial conftests, and those only the loads
    /// made during collection registered.
    @exclusivity(unchecked) private var initialMarkers: Set<String> = []
    @exclusivity(unchecked) private var collectionMarkers: Set<String> = []
    /// `CollectionResult.orderSensitiveModules`.
    @exclusivity(unchecked) private var orderSensitiveModules: Set<String> = []
    @exclusivity(unchecked) private var markersPosition = Int.min

    @exclusivity(unchecked) private(set) var nodes: [CollectionNode] = []
    @exclusivity(unchecked) private var children: [Int32: [Int32]] = [:]
    @exclusivity(unchecked) private var topCache: [String: [Int32]] = [:]
    @exclusivity(unchecked) private var reported: Set<Int32> = []
    @exclusivity(unchecked) private var failures: [CollectionFailure] = []
    @exclusivity(unchecked) private var warnings: [CollectionWarning] = []
    @exclusivity(unchecked) private var dynamicFiles: [(path: String, reasons: [String])] = []
    @exclusivity(unchecked) private var skippedModules: [String] = []
    /// The environment's interpreter, as its `pyvenv.cfg` describes it.
    private let interpreter: Interpreter
    /// The interpreter's version, when the environment says: what pytest's header shows.
    public var pythonVersion: PythonVersion? { interpreter.version }
    /// Some module's `runTest` item depends on `twisted.trial.unittest` not being imported yet.
    @exclusivity(unchecked) private var keptTrialRunTest = false
    /// Test modules collected so far, in order, whose imports are not yet looked at for
    /// `twisted.trial.unittest`, and those found to import it: each module is looked at once,
    /// and only when the answer is needed (`TwistedTrial`).
    @exclusivity(unchecked) private var trialUnlooked: [String] = []
    @exclusivity(unchecked) private var trialImporters: [String] = []

    /// Whether a test module collected so far (this one included) imports
    /// `twisted.trial.unittest`. conftest.py files are not counted: their loading is not
    /// ordered with the modules here, and a miss only keeps a `runTest` item.
    private func isTrialUnittestImported() -> Bool {
        lookForTrialImporters()
        return !trialImporters.isEmpty
    }

    private func lookForTrialImporters() {
        for path in trialUnlooked where graph.module(path)?.summary.map(TwistedTrial.importsTrialUnittest) ?? false {
            trialImporters.append(path)
        }
        trialUnlooked.removeAll()
    }
    @exclusivity(unchecked) private var conftestCache: [PathKey: ConftestIgnores] = [:]
    @exclusivity(unchecked) private var initialPaths: Set<PathKey> = []
    @exclusivity(unchecked) private var initialPathsWithParents: Set<PathKey> = []
    @exclusivity(unchecked) private var moduleNodes: [Int32] = []
    /// `sys.modules` as the test modules imported so far leave it: dotted name to file.
    @exclusivity(unchecked) private var importedModules: [NameKey: String] = [:]
    @exclusivity(unchecked) private var usesSQLAlchemyPlugin = false
    /// Directory of the conftest.py whose hook `PytesterOrderModel` models.
    @exclusivity(unchecked) private var pytesterOrderHookDirectory: String?
    /// Per module (its path as a `ClassKey` at offset -1) and classes.
    @exclusivity(unchecked) private var fixtureCache: [ClassListKey: FixtureClosure] = [:]
    @exclusivity(unchecked) private var moduleFixtureCache: [PathKey: FixtureClosure] = [:]
    @exclusivity(unchecked) private var directoryFixtureCache: [PathKey: FixtureClosure] = [:]
    /// Marks a modelled hook added to items (`item.add_marker`).
    @exclusivity(unchecked) private var pluginMarks = NodeTable<[String]>()
    /// Per parent node: the marks its items inherit, and the fixture names of an item there
    /// that takes no argument.
    @exclusivity(unchecked) private var inheritedMarkCache: [Int32: [ItemMark]] = [:]
    @exclusivity(unchecked) private var argumentlessFixtureCache: [Int32: [String]] = [:]
    /// Marks a parametrized item's parameter set adds (`pytest.param(marks=…)`).
    @exclusivity(unchecked) private var paramMarks = NodeTable<[String]>()
    private lazy var parametrizeExpander = ParametrizeExpander(
        graph: graph,
        fixtures: { [unowned self] path, classes in self.fixtureClosure(modulePath: path, classes: classes) },
        options: IdOptions(
            disableTestIdEscaping: (try? config.disableTestIdEscaping) ?? false,
            strictParametrizationIds: (try? config.strictParametrizationIds) ?? false))
    /// The class statement behind each class node, and the function behind each item.
    @exclusivity(unchecked) private(set) var classRefs = NodeTable<ClassRef>()
    @exclusivity(unchecked) private(set) var functionDecls = NodeTable<FunctionDecl>()
    /// Params of a scope wider than function, for the items that have any.
    @exclusivity(unchecked) private var scopedParams: [Int32: [ScopeReorder.Param]] = [:]
    @exclusivity(unchecked) private var timings = StageTimings()
    /// How many levels of imports below the test modules the pool reads ahead.
    static let importPrefetchDepth = 8
    /// Time spent reading and scanning on the pool, and in modules read lazily while walking.
    @exclusivity(unchecked) private var poolLoadSeconds = 0.0
    @exclusivity(unchecked) private var walkLazyLoadSeconds = 0.0

    /// Module files read a second time in this process, their bytes having been let go after
    /// their collection (`--timings` reports it).
    public static var sourceRereads: Int { LoadedModule.sourceRereads }

    /// Prepares a run; throws when an ini option that shapes collection has a bad value.
    public init(config: PytestConfig, options: CollectOptions) throws(CollectError) {
        self.config = config
        self.options = options
        do {
            self.rules = NameRules(pythonClasses: try config.pythonClasses, pythonFunctions: try config.pythonFunctions)
            self.filePatterns = try config.pythonFiles.map { PathGlob($0) }
            self.norecursePatterns = try config.norecursedirs.map { PathGlob($0) }
            self.testpaths = try config.testpaths
            self.addopts = try config.addopts
            self.collectImportedTests = try config.collectImportedTests
            var markers = RegisteredNames.coreMarkers
            for line in try config.markers { markers.insert(RegisteredNames.markerName(line)) }
            if PytestDjangoModel.isActive(config) { markers.formUnion(RegisteredNames.djangoMarkers) }
            let plugins = options.plugins + (try config.addopts)
            if plugins.contains("pytester") { markers.insert("pytester_example_path") }
            self.registeredMarkers = markers
            var roots = try config.pythonpath
            roots.append(options.invocationDirectory)
            roots.append(config.rootdir)
            roots.append(FilePath.join(config.rootdir, "src"))
            roots.append(FilePath.join(config.rootdir, "lib"))
            roots += SitePackages.directories(rootdir: config.rootdir)
            self.graph = ModuleGraph(locator: ModuleLocator(searchRoots: roots))
            interpreter = SitePackages.interpreter(rootdir: config.rootdir)
            graph.standardLibrary = interpreter.standardLibrary
            PythonVersion.current = interpreter.version
        } catch {
            throw .config(error)
        }
        self.ignorePaths = Set(options.ignore.map { FilePath.absolute($0, base: options.invocationDirectory) })
        self.ignoreGlobs = options.ignoreGlob.map { GlobPattern(FilePath.absolute($0, base: options.invocationDirectory)) }
        self.confcutdir = config.configFile.map(FilePath.parent) ?? config.rootdir
        self.doctestGlobs = (options.doctestGlobs.isEmpty ? ["test*.txt"] : options.doctestGlobs).map { PathGlob($0) }
    }

    /// Runs the collection; throws for usage errors (missing paths, no match for a node ID).
    public func run() throws(CollectError) -> CollectionResult {
        let runStart = MonotonicClock.now()
        warnUnknownIniKeys()
        let (arguments, fromTestpaths) = decideArguments()
        var resolved: [CollectionArgument] = []
        for (index, argument) in arguments.enumerated() {
            resolved.append(
                try CollectionArgument.resolve(argument, index: index, invocationDirectory: options.invocationDirectory))
        }
        let parts = options.keepDuplicates ? resolved : CollectionArgument.normalize(resolved)
        for argument in parts {
            initialPaths.insert(PathKey(argument.path))
            initialPathsWithParents.insert(PathKey(argument.path))
            for ancestor in FilePath.ancestors(argument.path) { initialPathsWithParents.insert(PathKey(ancestor)) }
        }
        walkPosition = -1
        loadInitialConftests(resolved.map(\.path))
        walkPosition = 0

        var matched: [Int32] = []
        var notFound: [String] = []
        for argument in parts {
            let (found, collectors) = match(argument)
            if found.isEmpty {
                let names = collectors.map { "<\(nodes[Int($0)].kind.description) \(nodes[Int($0)].name)>" }
                let report = ([argument.path] + argument.parts).joined(separator: "::")
                notFound.append(
                    names.isEmpty
                        ? "found no collectors for \(report)"
                        : "not found: \(report)\n(no match in any of [\(names.joined(separator: ", "))])")
            }
            matched += found
        }
        if !notFound.isEmpty { throw .usage(notFound.joined(separator: "\n")) }

        prefetch(matched)
        let walkEnd = MonotonicClock.now()
        var items: [Int32] = []
        for node in matched { genitems(node, into: &items) }
        if let hookDirectory = pytesterOrderHookDirectory {
            let reordered = PytesterOrderModel.reorder(items, session: self) { item in
                FilePath.isInside(self.nodes[Int(item)].path, hookDirectory)
            }
            items = reordered.items
            pluginMarks = NodeTable(reordered.addedMarks)
        }
        // pytest-django's hook is tryfirst; fixtures.py's `reorder_items` (registered at session
        // start) runs before the hooks of conftest.py files loaded earlier, such as SQLAlchemy's.
        if PytestDjangoModel.isActive(config) {
            addDjangoTagMarks(items)
            items = PytestDjangoModel.reorder(items, session: self)
        }
        if !scopedParams.isEmpty {
            items = ScopeReorder.reorder(items, params: scopedParams) { item in
                let node = self.nodes[Int(item)]
                let parent = node.parent >= 0 ? self.nodes[Int(node.parent)] : nil
                let isClass = parent.map { $0.kind == .testClass || $0.kind == .unitTestCase } ?? false
                return ScopeReorder.Place(path: node.path, classNode: isClass ? node.parent : -1)
            }
        }
        if usesSQLAlchemyPlugin {
            items = SQLAlchemyModel.reorder(items, nodes: nodes)
        }
        let resolveEnd = MonotonicClock.now()
        if let prefetcher = graph.prefetcher {
            timings.pool = prefetcher.finish()
            graph.prefetcher = nil
        }
        let before = items.count
        var lateUsageError: String?
        do {
            items = try select(items)
        } catch {
            lateUsageError = error.message
        }
        if !options.deselect.isEmpty {
            items.removeAll { item in
                let id = nodes[Int(item)].nodeID
                return options.deselect.contains { id.hasPrefix($0) }
            }
        }
        timings.select = MonotonicClock.since(resolveEnd)
        timings.readScan = poolLoadSeconds + graph.loadSeconds
        timings.walk = max(0, walkEnd - runStart - poolLoadSeconds - walkLazyLoadSeconds)
        timings.resolve = max(0, resolveEnd - walkEnd - (graph.loadSeconds - walkLazyLoadSeconds))
        var docstrings: [Int32: String] = [:]
        if options.docstrings {
            var seen = Set<Int32>()
            for item in items {
                var current = item
                while current >= 0, seen.insert(current).inserted {
                    if let text = docstring(of: current), !text.isEmpty { docstrings[current] = text }
                    current = nodes[Int(current)].parent
                }
            }
        }
        var result = CollectionResult(
            rootdir: config.rootdir, configFileDisplay: config.configFileDisplay, nodes: nodes, items: items,
            deselectedCount: before - items.count, failures: failures, warnings: warnings,
            dynamicFiles: dynamicFiles, testpathsShown: fromTestpaths ? testpaths : nil, lateUsageError: lateUsageError,
            addopts: addopts)
        result.docstrings = docstrings
        result.timings = timings
        result.orderSensitiveModules = orderSensitiveModules
        if keptTrialRunTest {
            // Imported ahead of their turn (pre-loading), they would take those items away.
            lookForTrialImporters()
            result.orderSensitiveModules.formUnion(trialImporters)
        }
        result.skippedModules = skippedModules
        return result
    }

    /// pytest-django's tag marks (`PytestDjangoTags`) on the items of Django test classes; a
    /// tag that cannot be read makes its module dynamic.
    private func addDjangoTagMarks(_ items: [Int32]) {
        var tags = PytestDjangoTags(graph: graph)
        // Items whose function has no decorator get their class's tags: one answer per parent.
        var classOnly: (parent: Int32, tags: PytestDjangoTags.Tags)?
        for item in items {
            let method = functionDecls[item]
            let parent = nodes[Int(item)].parent
            let found: PytestDjangoTags.Tags
            if let known = classOnly, known.parent == parent, method?.decorators.isEmpty ?? true {
                found = known.tags
            } else {
                guard let ref = enclosingClassRef(of: item) else { continue }
                found = tags.marks(method: method, in: ref)
                if method?.decorators.isEmpty ?? true { classOnly = (parent, found) }
            }
            switch found {
            case .known(let names):
                if !names.isEmpty { pluginMarks[item, default: []] += names.sorted() }
            case .unknown(let reason):
                let path = nodes[Int(item)].path
                if let index = dynamicFiles.firstIndex(where: { $0.path == path }) {
                    if !dynamicFiles[index].reasons.contains(reason) { dynamicFiles[index].reasons.append(reason) }
                } else {
                    dynamicFiles.append((path, [reason]))
                }
            }
        }
    }

    /// `Config._decide_args`: the arguments, else `testpaths` from the rootdir, else the
    /// invocation directory.
    private func decideArguments() -> (arguments: [String], fromTestpaths: Bool) {
        if !options.arguments.isEmpty { return (options.arguments, false) }
        if options.invocationDirectory == config.rootdir {
            var result: [String] = []
            for path in testpaths {
                result += GlobExpansion.expand(path, base: options.invocationDirectory)
            }
            if !result.isEmpty { return (result, true) }
            if !testpaths.isEmpty {
                warnings.append(
                    .config(
                        "No files were found in testpaths; consider removing or adjusting your testpaths configuration. Searching recursively from the current directory instead."
                    ))
            }
        }
        return ([options.invocationDirectory], false)
    }

    /// Expands the directories below the matched nodes, then reads and scans every module
    /// found there on the worker pool, so that expanding modules finds them loaded.
    private func prefetch(_ matched: [Int32]) {
        // N workers: N - 1 threads read the test modules as the walk finds them, then what they
        // import, while this thread walks, resolves and reads whatever they have not reached
        // yet itself.
        let pool =
            options.workers > 1
            ? ModulePrefetcher(
                workers: options.workers - 1, searchRoots: graph.locator.searchRoots,
                importDepth: Self.importPrefetchDepth)
            : nil
        graph.prefetcher = pool
        var stack = Array(matched.reversed())
        var modules: [String] = []
        var seen = Set<Int32>()
        while let node = stack.popLast() {
            guard seen.insert(node).inserted else { continue }
            walkPosition += 1
            switch nodes[Int(node)].kind {
            case .dir, .package:
                stack += collect(node).reversed()
            case .module:
                modulePositions[node] = walkPosition
                if children[node] == nil {
                    modules.append(nodes[Int(node)].path)
                    graph.collectedPaths.insert(PathKey(nodes[Int(node)].path))
                    pool?.enqueue([nodes[Int(node)].path])
                }
            default:
                break
            }
        }
        walkLazyLoadSeconds = graph.loadSeconds
        if let pool {
            pool.sealQueue()
            return
        }
        let loadStart = MonotonicClock.now()
        for path in modules { graph.insert(LoadedModule.load(path: path)) }
        poolLoadSeconds = MonotonicClock.since(loadStart)
    }

    // MARK: Matching arguments

    /// pytest's `Session.collect` loop for one argument: the nodes it selects, and the
    /// collectors in which a part found no match.
    private func match(_ argument: CollectionArgument) -> (found: [Int32], notFoundIn: [Int32]) {
        var paths = [argument.path]
        for ancestor in FilePath.ancestors(argument.path) {
            if FilePath.isInside(confcutdir, ancestor) && ancestor != confcutdir { break }
            paths.insert(ancestor, at: 0)
        }
        enum Part { case path(String), name(String) }
        let allParts: [Part] = paths.map { .path($0) } + argument.parts.map { .name($0) }
        var work: [(node: Int32, parts: ArraySlice<Part>)] = [(-1, allParts[...])]
        var found: [Int32] = []
        var notFoundIn: [Int32] = []
        while let (node, remaining) = work.popLast() {
            guard let part = remaining.first else {
                found.append(node)
                continue
            }
            let subnodes: [Int32]
            if node == -1 {
                guard case .path(let top) = part else { continue }
                subnodes = topCollectors(for: top)
            } else {
                if nodes[Int(node)].kind.isItem { continue }
                subnodes = collect(node, forMatching: true)
            }
            var any = false
            for sub in subnodes.reversed() {
                let candidate = nodes[Int(sub)]
                let isMatch: Bool
                switch part {
                case .path(let p):
                    isMatch = candidate.kind.isFileSystem && candidate.path == p
                case .name(let n):
                    if remaining.count == 1 {
                        if let parametrization = argument.parametrization {
                            isMatch = candidate.name == n + parametrization
                        } else {
                            isMatch = candidate.name.split(separator: "[", maxSplits: 1, omittingEmptySubsequences: false)[0] == n
                        }
                    } else {
                        isMatch = candidate.name == n
                    }
                }
                if isMatch {
                    work.append((sub, remaining.dropFirst()))
                    any = true
                }
            }
            if !any && node != -1 { notFoundIn.append(node) }
        }
        return (found, notFoundIn)
    }

    /// `Session._collect_path`: the collector for a top-level path (cached per path).
    private func topCollectors(for path: String) -> [Int32] {
        if let cached = topCache[path] { return cached }
        var result: [Int32] = []
        switch DirectoryLister.kind(of: path) {
        case .directory:
            result = [addDirectory(path, parent: -1)]
        case .file:
            if let module = addFile(path, parent: -1) { result = [module] }
        default:
            break
        }
        topCache[path] = result
        return result
    }

    /// Depth-first expansion of a node into items (`Session.genitems`), without recursion.
    private func genitems(_ root: Int32, into items: inout [Int32]) {
        var stack: [Int32] = [root]
        while let node = stack.popLast() {
            if nodes[Int(node)].kind.isItem {
                items.append(node)
                continue
            }
            stack += collect(node).reversed()
        }
    }

    // MARK: Collectors

    /// The children of a collector (cached), reporting its failure the first time.
    /// Collected only to find an argument's next part (`forMatching`), a directory's children
    /// depend on that part alone; expanded, on all its entries (see `deferredListings`).
    private func collect(_ node: Int32, forMatching: Bool = false) -> [Int32] {
        defer {
            if !forMatching, let stamp = deferredListings.removeValue(forKey: node) {
                InputLog.note(nodes[Int(node)].path, stamp)
            }
        }
        if let cached = children[node] { return cached }
        var result: [Int32] = []
        let current = nodes[Int(node)]
        switch current.kind {
        case .dir, .package:
            result = collectDirectory(node)
        case .module:
            result = collectModule(node)
        case .doctestTextfile:
            result = collectDoctestFile(node)
        case .testClass, .unitTestCase, .function, .testCaseFunction, .doctestItem:
            result = []
        }
        children[node] = result
        return result
    }

    private func collectDirectory(_ node: Int32) -> [Int32] {
        let directory = nodes[Int(node)].path
        let early = earlyListings.removeValue(forKey: PathKey(directory))
        // The directory's conftest.py is imported when it is collected; a broken one fails it.
        let conftest = FilePath.join(directory, "conftest.py")
        // `conftestpath.is_file()` raises for a folder that may be listed but not searched.
        let (conftestKind, statError) =
            early.flatMap { listedKind(in: $0, directory, "conftest.py").map { ($0, 0) } }
            ?? DirectoryLister.kindOrError(of: conftest)
        if statError == EACCES {
            let text = "PermissionError: [Errno 13] Permission denied: '\(conftest)'"
            failures.append(.exception(nodeID: nodes[Int(node)].nodeID, [text], summary: text))
            return []
        }
        graph.locator.remember(conftest, kind: conftestKind)
        if conftestKind == .file, let module = graph.module(conftest),
            let lines = SyntaxErrorText.lines(for: module)
        {
            failures.append(.exception(nodeID: nodes[Int(node)].nodeID, lines, summary: lines.first))
            return []
        }
        let entries: [DirectoryEntry]
        let recording = InputLog.isRecording
        let (listing, stamp) = early.map { ($0.listing, $0.stamp) }
            ?? DirectoryLister.listStamped(directory, stamping: recording)
        if recording {
            if case .success = listing, !options.outputShowsAllNodes {
                InputLog.note(directory, stamp.reduced(to: .kind))
                deferredListings[node] = stamp
            } else {
                InputLog.note(directory, stamp)
            }
        }
        switch listing {
        case .success(let list):
            entries = list
        case .failure(.notFound):
            return []
        case .failure(let error):
            let text: String
            switch error {
            case .permissionDenied: text = "PermissionError: [Errno 13] Permission denied: '\(directory)'"
            case .other(let code): text = "OSError: [Errno \(code)] '\(directory)'"
            case .notFound: text = ""
            }
            failures.append(.exception(nodeID: nodes[Int(node)].nodeID, [text], summary: text))
            return []
        }
        var ordered = entries
        if nodes[Int(node)].kind == .package,
            let initIndex = ordered.firstIndex(where: { $0.name == "__init__.py" })
        {
            ordered.insert(ordered.remove(at: initIndex), at: 0)
        }
        var result: [Int32] = []
        let conftests = ordered.isEmpty ? ConftestIgnores() : conftestIgnores(for: directory)
        let failuresBefore = failures.count
        let loopsBefore = symlinkLoopEntries
        defer {
            // What the entries caused beyond nodes (an error past the symlink-loop budget) shows
            // whether or not the directory is expanded.
            if failures.count != failuresBefore || symlinkLoopEntries != loopsBefore,
                let stamp = deferredListings.removeValue(forKey: node)
            {
                InputLog.note(directory, stamp)
            }
        }
        for entry in ordered {
            let path = FilePath.join(directory, entry.name)
            switch entry.kind {
            case .directory:
                if !initialPathsWithParents.contains(PathKey(path))
                    && ignoreCollect(path, name: entry.name, conftests: conftests, isDirectory: true)
                {
                    continue
                }
                // pytest follows a symlink back up the tree until the path holds more symlinks
                // than the kernel resolves (ELOOP: the entry is then no directory, as the
                // lister reports). Past a budget of such loop entries (two loops in one folder
                // multiply the paths) the walk stops there with the error instead.
                if entry.isSymlink && isSymlinkLoop(path, parent: node) {
                    symlinkLoopEntries += 1
                    if symlinkLoopEntries > Self.maxSymlinkLoopEntries {
                        failures.append(
                            .exception(
                                nodeID: relativeNodeID(path) ?? path,
                                ["OSError: [Errno 40] Too many levels of symbolic links: '\(path)'"]))
                        continue
                    }
                }
                result.append(addDirectory(path, parent: node))
            case .file:
                if !initialPaths.contains(PathKey(path))
                    && ignoreCollect(path, name: entry.name, conftests: conftests, isDirectory: false)
                {
                    continue
                }
                if let module = addFile(path, parent: node) { result.append(module) }
            case .other:
                continue
            }
        }
        return result
    }

    /// Listings noted so far only as "a directory": made while matching an argument, whose
    /// children are not all in the output (unless `outputShowsAllNodes`); noted in full, as
    /// when they were read, once the directory is expanded.
    @exclusivity(unchecked) private var deferredListings: [Int32: FileStamp] = [:]

    /// Directory symlinks leading back up the tree entered so far, and how many are followed.
    @exclusivity(unchecked) private var symlinkLoopEntries = 0
    private static let maxSymlinkLoopEntries = 4_096

    private func isSymlinkLoop(_ path: String, parent: Int32) -> Bool {
        guard let identity = DirectoryLister.identity(of: path) else { return false }
        var current = parent
        var depth = 0
        while current >= 0, depth < 10_000 {
            if DirectoryLister.identity(of: nodes[Int(current)].path) == identity { return true }
            current = nodes[Int(current)].parent
            depth += 1
        }
        return false
    }

    /// `pytest_ignore_collect` from main.py.
    /// `pytest_ignore_collect` for the entry `name` of a directory (at `path`), with the
    /// `collect_ignore` lists of the conftest.py files above it.
    private func ignoreCollect(_ path: String, name: String, conftests: ConftestIgnores, isDirectory: Bool) -> Bool {
        if name == "__pycache__" { return true }
        if !ignorePaths.isEmpty && ignorePaths.contains(path) { return true }
        if !conftests.paths.isEmpty && conftests.paths.contains(path) { return true }
        if ignoreGlobs.contains(where: { $0.matches(path) }) || conftests.globs.contains(where: { $0.matches(path) }) {
            return true
        }
        if isDirectory {
            // pytest asks `_in_venv` first; the answer is the same either way, and the name
            // patterns spare listing a folder they ignore (`.git`, `node_modules`).
            var normalized = path
            if normalized.withUTF8({ bytes in norecursePatterns.contains { $0.matches(path: bytes) } }) { return true }
            if !options.collectInVirtualenv && isVirtualenv(path) { return true }
        }
        return false
    }

    /// `_in_venv`: `pyvenv.cfg` or `conda-meta/history` in the folder, found in its listing
    /// (made now and kept for its collection) rather than by a `stat` of each.
    private func isVirtualenv(_ path: String) -> Bool {
        let early = listEarly(path)
        let pyvenv = listedKind(in: early, path, "pyvenv.cfg") ?? DirectoryLister.kind(of: FilePath.join(path, "pyvenv.cfg"))
        if pyvenv == .file { return true }
        let history = path + "/conda-meta/history"
        if let condaMeta = listedKind(in: early, path, "conda-meta"), condaMeta == nil {
            if InputLog.isRecording { InputLog.note(history, FileStamp.ofKind(nil)) }
            return false
        }
        return DirectoryLister.kind(of: history) == .file
    }

    /// A folder's listing made while its parent is walked, kept until the folder is collected.
    private struct EarlyListing {
        var listing: Result<[DirectoryEntry], DirectoryLister.ListError>
        var stamp: FileStamp
        /// The folder can be searched, so its listing says what a `stat` of a path in it would.
        var answersStat: Bool
    }

    /// Listings of subfolders made for the virtualenv check, taken by `collectDirectory`.
    @exclusivity(unchecked) private var earlyListings: [PathKey: EarlyListing] = [:]

    private func listEarly(_ directory: String) -> EarlyListing {
        let key = PathKey(directory)
        if let early = earlyListings[key] { return early }
        let (listing, stamp) = DirectoryLister.listStamped(directory, stamping: InputLog.isRecording)
        var answersStat = false
        // Search permission, as the effective user and its capabilities have it.
        if case .success = listing { answersStat = faccessat(AT_FDCWD, directory, X_OK, AT_EACCESS) == 0 }
        let early = EarlyListing(listing: listing, stamp: stamp, answersStat: answersStat)
        earlyListings[key] = early
        return early
    }

    /// What `stat(directory/name)` would say the path is (nil: missing), read from `early` and
    /// noted in the input log as that `stat` would be; nil when only `stat` can tell (the
    /// listing failed, or the entry is neither file nor directory).
    private func listedKind(in early: EarlyListing, _ directory: String, _ name: String) -> DirectoryEntry.Kind?? {
        guard early.answersStat, case .success(let entries) = early.listing else { return nil }
        let kind = DirectoryEntry.find(name, in: entries)?.kind
        if kind == .other { return nil }
        if InputLog.isRecording { InputLog.note(FilePath.join(directory, name), FileStamp.ofKind(kind)) }
        return .some(kind)
    }

    /// `collect_ignore` and `collect_ignore_glob` of every conftest.py from the confcutdir down
    /// to `directory`, as absolute paths and patterns.
    private func conftestIgnores(for directory: String) -> ConftestIgnores {
        let key = PathKey(directory)
        if let cached = conftestCache[key] { return cached }
        var result = ConftestIgnores()
        let isBelowCut = !(FilePath.isInside(confcutdir, directory) && directory != confcutdir)
        if directory != "/" && isBelowCut && directory != confcutdir {
            result = conftestIgnores(for: FilePath.parent(directory))
        }
        if isBelowCut {
            let conftest = FilePath.join(directory, "conftest.py")
            if locatorKind(conftest) == .file, let module = graph.module(conftest) {
                let namespace = graph.namespace(conftest)
                if case .value(let decl)? = namespace["collect_ignore"], let range = decl.value,
                    let list = module.stringList(range)
                {
                    result.paths.formUnion(list.map { FilePath.absolute($0, base: directory) })
                }
                if case .value(let decl)? = namespace["collect_ignore_glob"], let range = decl.value,
                    let list = module.stringList(range)
                {
                    result.globs += list.map { GlobPattern(FilePath.absolute($0, base: directory)) }
                }
                let markers = ConftestMarkers.registered(by: module, namespace: namespace)
                if !markers.isEmpty { markerLoads.append((walkPosition, markers)) }
                if SQLAlchemyModel.isLoaded(byConftest: module.source) { result.loadsSQLAlchemyPlugin = true }
                if namespace["pytest_generate_tests"] != nil { result.generatingConftests.append(conftest) }
                if pytesterOrderHookDirectory == nil, PytesterOrderModel.isDefined(byConftest: module.source) {
                    pytesterOrderHookDirectory = directory
                }
            }
        }
        conftestCache[key] = result
        return result
    }

    /// Makes `conftestMarkers` the markers registered by the conftests loaded before the walk
    /// reached `position` (modules are collected in walk order: a later one adds loads).
    private func applyMarkerLoads(before position: Int) {
        if position < markersPosition {
            conftestMarkers = []
            initialMarkers = []
            collectionMarkers = []
            appliedMarkerLoads = 0
        }
        markersPosition = position
        while appliedMarkerLoads < markerLoads.count, markerLoads[appliedMarkerLoads].position < position {
            let load = markerLoads[appliedMarkerLoads]
            conftestMarkers.formUnion(load.names)
            if load.position < 0 {
                initialMarkers.formUnion(load.names)
            } else {
                collectionMarkers.formUnion(load.names.filter { !initialMarkers.contains($0) })
            }
            appliedMarkerLoads += 1
        }
    }

    /// `_set_initial_conftests`: before collecting, pytest loads the conftest.py files of each
    /// argument's folder and its parents, and of the argument's subfolders named `test*` (for
    /// the invocation folder when no argument exists). Only their marker registrations show.
    private func loadInitialConftests(_ paths: [String]) {
        var anchors = paths.compactMap { path in DirectoryLister.kindOrError(of: path).kind.map { (path, $0) } }
        if anchors.isEmpty { anchors = [(options.invocationDirectory, .directory)] }
        for (anchor, kind) in anchors {
            guard kind == .directory else {
                _ = conftestIgnores(for: FilePath.parent(anchor))
                continue
            }
            _ = conftestIgnores(for: anchor)
            guard case .success(let entries) = DirectoryLister.list(anchor) else { continue }
            for entry in entries where entry.name.hasBytePrefix("test") && entry.kind == .directory {
                _ = conftestIgnores(for: FilePath.join(anchor, entry.name))
            }
        }
    }

    /// `_validate_config_options`: one warning per ini key nobody registered, sorted.
    private func warnUnknownIniKeys() {
        var known = RegisteredNames.coreIniKeys
        if options.plugins.contains("pytester") || addopts.contains("pytester") {
            known.formUnion(RegisteredNames.pytesterIniKeys)
        }
        if PytestDjangoModel.isActive(config) { known.formUnion(RegisteredNames.djangoIniKeys) }
        for key in config.keys.sorted(by: PathOrder.less) where !known.contains(key) {
            warnings.append(CollectionWarning(location: nil, lines: ["  PytestConfigWarning: Unknown config option: \(key)", "  "]))
        }
    }

    /// `PytestUnknownMarkWarning`s the import of `module` raises: every `pytest.mark.NAME` of
    /// its decorators and `pytestmark`s whose name is not registered, in source order.
    private func unknownMarkWarnings(_ module: LoadedModule, position: Int) -> [CollectionWarning] {
        guard let summary = module.summary else { return [] }
        applyMarkerLoads(before: position)
        let reader = MarkReader(graph: graph)
        var found: [(line: Int32, name: String)] = []
        // Module-level names do not change while the module's decorators are read: one answer
        // per decorator text (`@skipUnlessDBFeature` repeats on many methods).
        var known: [NameKey: String?] = [:]
        func record(_ decorator: Decorator) {
            let name: String?
            let key = NameKey(decorator.name)
            if let cached = known[key] {
                name = cached
            } else {
                name = reader.markName(of: decorator, in: module.path)
                known[key] = name
            }
            if let name { found.append((decorator.line, name)) }
        }
        var stack: [[Member]] = [summary.members]
        while let members = stack.popLast() {
            for member in members {
                switch member {
                case .function(let fn) where fn.guardKind.mayRunOnImport:
                    for decorator in fn.decorators { record(decorator) }
                case .classDecl(let cls) where cls.guardKind.mayRunOnImport:
                    for decorator in cls.decorators { record(decorator) }
                    stack.append(cls.members)
                default:
                    break
                }
            }
        }
        // Imported before collection (the plugin's pre-loading), a mark that a conftest loaded
        // during collection registers would warn.
        if !collectionMarkers.isEmpty,
            found.contains(where: { !registeredMarkers.contains($0.name) && collectionMarkers.contains($0.name) })
        {
            orderSensitiveModules.insert(module.path)
        }
        var seen = Set<String>()
        return found.sorted { $0.line < $1.line }.compactMap { entry in
            guard !registeredMarkers.contains(entry.name), !conftestMarkers.contains(entry.name),
                seen.insert("\(entry.line):\(entry.name)").inserted
            else {
                return nil
            }
            let (line, text) = module.lineAndText(atLine: entry.line)
            return .located(
                category: "PytestUnknownMarkWarning",
                message: "Unknown pytest.mark.\(entry.name) - is this a typo?  You can register custom marks to avoid this warning - for details, see https://docs.pytest.org/en/stable/how-to/mark.html",
                file: module.path, line: line, sourceLine: text, invocationDirectory: options.invocationDirectory)
        }
    }

    /// The mark plugin's `deselect_by_keyword` then `deselect_by_mark`.
    private func select(_ items: [Int32]) throws(CollectError) -> [Int32] {
        var result = items
        do {
            if let text = options.keyword, let expression = try Expression.compileKeywordOption(text) {
                var kept: [Int32] = []
                for item in result {
                    let matcher = KeywordMatcher(names: keywordNames(of: item))
                    do {
                        if try matcher.matches(expression) { kept.append(item) }
                    } catch {
                        throw CollectError.usage(error.message)
                    }
                }
                result = kept
            }
            if let text = options.marker, let expression = try Expression.compileMarkOption(text) {
                result = result.filter { item in
                    MarkMatcher(marks: marks(of: item).map { ($0.name, $0.kwargs) }).matches(expression)
                }
            }
        } catch let error as ExpressionError {
            throw .usage(error.message)
        } catch let error as CollectError {
            throw error
        } catch {
            throw .usage("\(error)")
        }
        return result
    }

    /// The names `-k` matches for an item (`KeywordMatcher.from_item`): every node from the item
    /// up to the outermost directory (excluded), the function's attributes, its marks' names.
    func keywordNames(of item: Int32) -> [String] {
        var names: [String] = []
        var current = item
        while current >= 0 {
            let node = nodes[Int(current)]
            if node.parent < 0 { break }
            names.append(node.name)
            current = node.parent
        }
        if let decl = functionDecls[item] {
            let reader = MarkReader(graph: graph)
            if !reader.marks(decl.decorators, in: nodes[Int(item)].path, classBody: classBody(of: item)).isEmpty {
                names.append("pytestmark")
            }
            for decorator in decl.decorators {
                let last = decorator.name.dottedLast
                if ["skip", "skipIf", "skipUnless"].contains(last) && decorator.name.containsBytes("unittest")
                    || ["skipIf", "skipUnless"].contains(decorator.name)
                {
                    // skipIf/skipUnless mark the function only when they skip (else they return it as is).
                    let condition = last == "skip" ? nil : parametrizeExpander.firstArgumentTruth(decorator, in: nodes[Int(item)].path)
                    if condition.map({ $0 == (last == "skipIf") }) ?? true {
                        names += ["__unittest_skip__", "__unittest_skip_why__"]
                    }
                }
                if last == "expectedFailure" { names.append("__unittest_expecting_failure__") }
                if decorator.name.hasSuffix("patch") || decorator.name.hasSuffix("patch.object") {
                    names.append("patchings")
                }
            }
        }
        names += marks(of: item).map(\.name)
        return names
    }

    /// The body of the class a method item is defined in (its decorators see those names).
    private func classBody(of item: Int32) -> Namespace? {
        let parent = nodes[Int(item)].parent
        guard parent >= 0, let ref = classRefs[parent] else { return nil }
        return graph.classNamespace(ref)
    }

    /// The marks `item.iter_markers()` yields: the function's, each enclosing class's (with
    /// those of its bases), the module's `pytestmark`.
    func marks(of item: Int32) -> [ItemMark] {
        let reader = MarkReader(graph: graph)
        var result: [ItemMark] = (pluginMarks[item] ?? []).map { ItemMark(name: $0, kwargs: [:]) }
        if let decl = functionDecls[item] {
            result += reader.marks(decl.decorators, in: nodes[Int(item)].path, classBody: classBody(of: item))
        }
        result += (paramMarks[item] ?? []).map { ItemMark(name: $0, kwargs: [:]) }
        return result + inheritedMarks(nodes[Int(item)].parent)
    }

    /// The marks a node's items inherit (cached per node): its classes' (with their bases')
    /// and the module's `pytestmark`.
    private func inheritedMarks(_ parent: Int32) -> [ItemMark] {
        if let cached = inheritedMarkCache[parent] { return cached }
        let reader = MarkReader(graph: graph)
        var result: [ItemMark] = []
        var current = parent
        while current >= 0 {
            let node = nodes[Int(current)]
            if let ref = classRefs[current] {
                for entry in graph.classInfo(ref).mro {
                    guard case .source(let cls) = entry else { continue }
                    result += reader.marks(cls.decl.decorators, in: cls.file)
                    result += reader.pytestmark(graph.classNamespace(cls), in: cls.file)
                }
            }
            if node.kind == .module {
                result += reader.pytestmark(graph.namespace(node.path), in: node.path)
                break
            }
            current = node.parent
        }
        inheritedMarkCache[parent] = result
        return result
    }

    /// `inspect.getdoc` of the object behind a node, for `-v`: the module's, the class's or
    /// the first base's (not `object`), the function's or the same method's in a base.
    public func docstring(of index: Int32) -> String? {
        let node = nodes[Int(index)]
        func decode(_ range: Range<Int32>?, in file: String) -> String? {
            guard let range, let module = graph.module(file) else { return nil }
            return module.docstringText(range)
        }
        switch node.kind {
        case .module:
            return decode(graph.module(node.path)?.summary?.docstring, in: node.path)
        case .testClass, .unitTestCase:
            guard let ref = classRefs[index] else { return nil }
            for entry in graph.classInfo(ref).mro {
                switch entry {
                case .source(let cls):
                    if let text = decode(cls.decl.docstring, in: cls.file) { return text }
                case .known(let known):
                    if known.isTestCase { return KnownModules.testCaseDocstring }
                case .unknown, .made:
                    return nil
                }
            }
            return nil
        case .function, .testCaseFunction:
            guard let decl = functionDecls[index] else { return nil }
            if let text = decode(decl.docstring, in: node.path) { return text }
            guard let ref = enclosingClassRef(of: index) else { return nil }
            for entry in graph.classInfo(ref).mro {
                guard case .source(let cls) = entry, case .function(let method)? = graph.classNamespace(cls)[decl.name],
                    let text = decode(method.docstring, in: cls.file)
                else { continue }
                return text
            }
            return nil
        default:
            return nil
        }
    }

    /// True when an item's marks and fixture names are those of its parent node alone: its
    /// function adds no decorator, fixture argument, parametrization or plugin mark.
    func addsNothingToItsParent(_ item: Int32) -> Bool {
        guard pluginMarks[item] == nil, paramMarks[item] == nil else { return false }
        guard let decl = functionDecls[item] else { return true }
        guard decl.decorators.isEmpty else { return false }
        let node = nodes[Int(item)]
        guard node.kind == .function else { return true }
        return FixtureClosure.argumentNames(decl, inClass: node.parent >= 0 && classRefs[node.parent] != nil).isEmpty
    }

    /// `item.fixturenames`: see `FixtureClosure`.
    func fixtureNames(of item: Int32) -> [String] {
        let node = nodes[Int(item)]
        var classes: [ClassRef] = []
        var current = node.parent
        var modulePath = node.path
        while current >= 0 {
            if let ref = classRefs[current] { classes.insert(ref, at: 0) }
            if nodes[Int(current)].kind == .module {
                modulePath = nodes[Int(current)].path
                break
            }
            current = nodes[Int(current)].parent
        }
        let arguments = node.kind == .function ? functionDecls[item].map {
            FixtureClosure.argumentNames($0, inClass: !classes.isEmpty)
        } ?? [] : []
        if arguments.isEmpty, let cached = argumentlessFixtureCache[node.parent] { return cached }
        let names = fixtureClosure(modulePath: modulePath, classes: classes).closure(arguments: arguments)
        if arguments.isEmpty { argumentlessFixtureCache[node.parent] = names }
        return names
    }

    /// The fixtures visible to a test in `classes` (outermost first) of `modulePath`: those of
    /// each conftest.py from the confcutdir down, the module's, the classes'.
    func fixtureClosure(modulePath: String, classes: [ClassRef]) -> FixtureClosure {
        // Asked for each function in turn: the functions of one class follow each other.
        if let last = lastFixtureClosure, last.classes.count == classes.count, last.modulePath == modulePath,
            zip(last.classes, classes).allSatisfy({ $0 === $1 })
        {
            return last.closure
        }
        let closure = computeFixtureClosure(modulePath: modulePath, classes: classes)
        lastFixtureClosure = (modulePath, classes, closure)
        return closure
    }

    /// The last answer of `fixtureClosure`, for the same module and class objects.
    @exclusivity(unchecked) private var lastFixtureClosure: (modulePath: String, classes: [ClassRef], closure: FixtureClosure)?

    private func computeFixtureClosure(modulePath: String, classes: [ClassRef]) -> FixtureClosure {
        var closure: FixtureClosure
        if let cached = moduleFixtureCache[PathKey(modulePath)] {
            closure = cached
        } else {
            closure = directoryFixtures(FilePath.parent(modulePath))
            if let module = graph.module(modulePath), let summary = module.summary {
                closure.add(summary.members, of: module, inClass: false)
            }
            moduleFixtureCache[PathKey(modulePath)] = closure
        }
        if classes.isEmpty { return closure }
        let key = ClassListKey([ClassKey(file: modulePath, offset: -1)] + classes.map(\.key))
        if let cached = fixtureCache[key] { return cached }
        for ref in classes {
            if let module = graph.module(ref.file) { closure.add(ref.decl.members, of: module, inClass: true) }
        }
        fixtureCache[key] = closure
        return closure
    }

    /// The fixtures of every conftest.py from the confcutdir (or `directory` itself when it is
    /// outside it) down to `directory`, cached per directory and built without recursion.
    private func directoryFixtures(_ directory: String) -> FixtureClosure {
        if let cached = directoryFixtureCache[PathKey(directory)] { return cached }
        var pending: [String] = []
        var current = directory
        var closure = FixtureClosure()
        while true {
            if let cached = directoryFixtureCache[PathKey(current)] {
                closure = cached
                break
            }
            pending.append(current)
            if current == confcutdir || current == "/" || !FilePath.isInside(current, confcutdir) { break }
            current = FilePath.parent(current)
        }
        for directory in pending.reversed() {
            let conftest = FilePath.join(directory, "conftest.py")
            if locatorKind(conftest) == .file, let module = graph.module(conftest), let summary = module.summary {
                closure.add(summary.members, of: module, inClass: false)
            }
            directoryFixtureCache[PathKey(directory)] = closure
        }
        return closure
    }

    private func locatorKind(_ path: String) -> DirectoryEntry.Kind? { graph.locator.kind(path) }

    /// The environment's import path, searched for `pytest.importorskip` (made when first needed).
    private lazy var importProbe: ImportProbe = {
        var roots = graph.locator.searchRoots
        if let library = graph.standardLibrary { roots += [library, FilePath.join(library, "lib-dynload")] }
        let pythonPath = ProcessEnvironment.current["PYTHONPATH"] ?? ""
        roots += pythonPath.split(separator: ":").map { FilePath.absolute(String($0), base: options.invocationDirectory) }
        let isClosed = interpreter.version != nil && interpreter.standardLibrary != nil && !interpreter.seesOtherPackages
        return ImportProbe(roots: roots, isClosed: isClosed)
    }()

    /// Whether the module `name` imports in the test module at `path`: its own folder and every
    /// folder above it up to the rootdir count as on `sys.path` (prepend mode puts such folders
    /// there as test modules and conftest.py files are imported).
    private func importable(_ name: String, from path: String) -> Bool? {
        var folders: [String] = []
        var folder = FilePath.parent(path)
        while FilePath.isInside(folder, config.rootdir), folders.count < 64 {
            folders.append(folder)
            if folder == config.rootdir { break }
            folder = FilePath.parent(folder)
        }
        return importProbe.importable(name, extraRoots: folders)
    }

    /// Which of `wanted` a test function's body mentions (an approximation of `__code__.co_names`).
    func functionBodyNames(_ wanted: [String], of item: Int32) -> Set<String> {
        guard let decl = functionDecls[item], let module = graph.module(nodes[Int(item)].path) else { return [] }
        return module.names(wanted, in: decl.range)
    }

    /// True when the item, a class above it or its module carries `pytest.mark.<name>`.
    func hasMarker(_ item: Int32, _ name: String) -> Bool {
        func marks(_ decorators: [Decorator]) -> Bool {
            decorators.contains { $0.name == "pytest.mark." + name || $0.name == "mark." + name }
        }
        if let decl = functionDecls[item], marks(decl.decorators) { return true }
        var current = nodes[Int(item)].parent
        while current >= 0 {
            if let ref = classRefs[current], marks(ref.decl.decorators) { return true }
            current = nodes[Int(current)].parent
        }
        return false
    }

    /// The class statement of the innermost class node above `node`, if any.
    func enclosingClassRef(of node: Int32) -> ClassRef? {
        var current = nodes[Int(node)].parent
        while current >= 0 {
            if let ref = classRefs[current] { return ref }
            if nodes[Int(current)].kind.isFileSystem { return nil }
            current = nodes[Int(current)].parent
        }
        return nil
    }

    // MARK: Nodes

    private func fsName(_ path: String, parent: Int32) -> String {
        let parentPath = parent >= 0 ? nodes[Int(parent)].path : config.rootdir
        if parentPath != path, let relative = FilePath.relative(path, to: parentPath) { return relative }
        return FilePath.basename(path)
    }

    private func relativeNodeID(_ path: String) -> String? {
        if let relative = FilePath.relative(path, to: config.rootdir) { return relative }
        if initialPaths.contains(PathKey(path)) { return "" }
        for ancestor in FilePath.ancestors(path) where initialPaths.contains(PathKey(ancestor)) {
            return FilePath.relative(path, to: ancestor)
        }
        return nil
    }

    private func fsNodeID(_ path: String, name: String, parent: Int32) -> String {
        if let id = relativeNodeID(path) { return id }
        return (parent >= 0 ? nodes[Int(parent)].nodeID : "") + "::" + name
    }

    private func append(_ node: CollectionNode) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private func addDirectory(_ path: String, parent: Int32) -> Int32 {
        let listed = earlyListings[PathKey(path)].flatMap { listedKind(in: $0, path, "__init__.py") }
        let isPackage = (listed ?? DirectoryLister.kind(of: FilePath.join(path, "__init__.py"))) == .file
        let name = fsName(path, parent: parent)
        return append(
            CollectionNode(
                kind: isPackage ? .package : .dir, name: name, nodeID: fsNodeID(path, name: name, parent: parent),
                parent: parent, path: path))
    }

    /// `pytest_collect_file`: a Module for `.py` files that match `python_files` (or were given),
    /// a DoctestTextfile for `test*.txt` (the doctest plugin's `--doctest-glob` default).
    private func addFile(_ path: String, parent: Int32) -> Int32? {
        guard path.hasSuffix(".py") else {
            var normalized = path
            let given = initialPaths.contains(PathKey(path)) && (path.hasSuffix(".txt") || path.hasSuffix(".rst"))
            guard given || normalized.withUTF8({ bytes in doctestGlobs.contains { $0.matches(path: bytes) } }) else {
                return nil
            }
            let name = fsName(path, parent: parent)
            return append(
                CollectionNode(
                    kind: .doctestTextfile, name: name, nodeID: fsNodeID(path, name: name, parent: parent),
                    parent: parent, path: path))
        }
        var normalized = path
        if !initialPaths.contains(PathKey(path))
            && !normalized.withUTF8({ bytes in filePatterns.contains { $0.matches(path: bytes) } })
        {
            return nil
        }
        let name = fsName(path, parent: parent)
        let node = append(
            CollectionNode(
                kind: .module, name: name, nodeID: fsNodeID(path, name: name, parent: parent), parent: parent,
                path: path))
        moduleNodes.append(node)
        return node
    }

    /// The error of the first package `__init__.py` above `moduleName` that does not compile.
    private func packageInitError(_ inits: [String]) -> [String]? {
        for path in inits {
            if let module = graph.module(path), let lines = SyntaxErrorText.lines(for: module) { return lines }
        }
        return nil
    }

    /// What a package's `__init__.py` does to the modules of the package when they import it
    /// (`ModuleLevelSkip`), worked out once per package: a skip is before any line of theirs.
    private func packageInitSkip(_ path: String, importable: (String) -> Bool?) -> ModuleLevelSkip? {
        let key = PathKey(path)
        if let known = packageInitSkips[key] { return known }
        var outcome = graph.module(path).flatMap { module in
            ModuleLevelSkip.find(in: module, namespace: { self.graph.namespace(path) }, importable: importable)
        }
        switch outcome {
        case .skipped?: outcome = .skipped(line: 0)
        case .unknown(let reason)?: outcome = .unknown("\(FilePath.relative(path, to: config.rootdir) ?? path): \(reason)")
        default: break
        }
        packageInitSkips[key] = .some(outcome)
        return outcome
    }
    @exclusivity(unchecked) private var packageInitSkips: [PathKey: ModuleLevelSkip?] = [:]

    /// The `__init__.py` files importing the module `moduleName` (in `path`) from `basedir`
    /// runs, outermost first; the same for every module of a folder but its own `__init__.py`
    /// (whose package is one level up), so made once per folder.
    private func packageInits(of path: String, basedir: String, moduleName: String) -> [String] {
        let isInit = FilePath.basename(path) == "__init__.py"
        let key = PathKey(FilePath.parent(path) + (isInit ? "/__init__.py" : ""))
        if let known = packageInitLists[key] { return known }
        var directory = basedir
        let inits = moduleName.dottedParts().dropLast().map { part in
            directory = FilePath.join(directory, part)
            return FilePath.join(directory, "__init__.py")
        }
        packageInitLists[key] = inits
        return inits
    }
    @exclusivity(unchecked) private var packageInitLists: [PathKey: [String]] = [:]

    /// `DoctestTextfile.collect`: one item named after the file when it holds an example
    /// (a line whose first non-blank characters are `>>>`).
    private func collectDoctestFile(_ node: Int32) -> [Int32] {
        let file = nodes[Int(node)]
        guard case .success(let bytes) = SourceFile.read(path: file.path), DoctestText.hasExamples(bytes) else {
            return []
        }
        let name = FilePath.basename(file.path)
        return [
            append(
                CollectionNode(
                    kind: .doctestItem, name: name, nodeID: file.nodeID + "::" + name, parent: node, path: file.path))
        ]
    }

    private func collectModule(_ node: Int32) -> [Int32] {
        let module = nodes[Int(node)]
        guard let loaded = graph.module(module.path) else { return [] }
        if let error = loaded.readError {
            let text = "\(error.exceptionName): \(error.message): '\(module.path)'"
            failures.append(.exception(nodeID: module.nodeID, [text], summary: text))
            return []
        }
        if let lines = SyntaxErrorText.lines(for: loaded) {
            failures.append(.exception(nodeID: module.nodeID, lines))
            return []
        }
        let context = graph.locator.packageContext(of: module.path)
        let moduleName = context.name
        // Importing `a.b.test_x` runs a/__init__.py and a/b/__init__.py first: one that CPython
        // refuses fails the module with its error.
        let inits = packageInits(of: module.path, basedir: context.basedir, moduleName: moduleName)
        if options.importMode != "importlib", let lines = packageInitError(inits) {
            failures.append(.exception(nodeID: module.nodeID, lines))
            return []
        }
        if options.importMode != "importlib", let other = importedModules[NameKey(moduleName)], other != module.path,
            DirectoryLister.identity(of: other) != DirectoryLister.identity(of: module.path)  // `_is_same`: os.path.samefile
        {
            failures.append(
                CollectionFailure(
                    nodeID: module.nodeID,
                    body: [
                        "import file mismatch:", "imported module '\(moduleName)' has this __file__ attribute:",
                        "  \(other)", "which is not the same as the test file we want to collect:", "  \(module.path)",
                        "HINT: remove __pycache__ / .pyc files and/or use a unique basename for your test file modules",
                    ]))
            return []
        }
        importedModules[NameKey(moduleName)] = module.path
        trialUnlooked.append(module.path)
        var raised = unknownMarkWarnings(loaded, position: modulePositions[node] ?? Int.max)
        var skipReason: String?
        let importable = { (name: String) in self.importable(name, from: module.path) }
        // Importing `a.b.test_x` runs the package `__init__.py` files first: one that skips
        // skips every module of the package (none of the module's own lines runs then).
        var outcomes: [ModuleLevelSkip?] = []
        if options.importMode != "importlib" {
            for initPath in inits {
                outcomes.append(packageInitSkip(initPath, importable: importable))
            }
        }
        outcomes.append(ModuleLevelSkip.find(in: loaded, namespace: { self.graph.namespace(module.path) }, importable: importable))
        switch ModuleLevelSkip.first(of: outcomes) {
        case .skipped(let line)?:
            // Marks after the statement that skips are never applied, so never warned about.
            for warning in raised where (warning.raised?.lineno ?? 0) < line {
                var kept = warning
                kept.origin = module.path
                warnings.append(kept)
            }
            skippedModules.append(module.path)
            return []
        case .error(let message)?:
            failures.append(CollectionFailure(nodeID: module.nodeID, body: [message]))
            return []
        case .unknown(let reason)?:
            skipReason = reason
        case nil:
            break
        }
        var collector = ModuleCollector(
            graph: graph, rules: rules, collectImportedTests: collectImportedTests,
            invocationDirectory: options.invocationDirectory)
        collector.sqlalchemyPlugin = conftestIgnores(for: FilePath.parent(module.path)).loadsSQLAlchemyPlugin
        usesSQLAlchemyPlugin = usesSQLAlchemyPlugin || collector.sqlalchemyPlugin
        collector.parametrize = parametrizeExpander
        collector.trialUnittestImported = { [unowned self] in self.isTrialUnittestImported() }
        let result = collector.collect(modulePath: module.path, moduleNodeID: module.nodeID)
        if result.keptTrialRunTest { keptTrialRunTest = true }
        // The pytester ordering hook reads the bodies of the functions below its conftest.py
        // after collection: their modules keep their bytes until then.
        if pytesterOrderHookDirectory.map({ !FilePath.isInside(module.path, $0) }) ?? true { loaded.releaseSource() }
        raised += result.warnings
        for index in raised.indices { raised[index].origin = module.path }
        warnings += raised
        if let failure = result.failure {
            failures.append(CollectionFailure(nodeID: module.nodeID, body: [failure], summary: "Failed: " + failure))
            return []
        }
        var reasons = result.dynamicReasons
        if let skipReason { reasons.append(skipReason) }
        for conftest in conftestIgnores(for: FilePath.parent(module.path)).generatingConftests {
            reasons.append("\(FilePath.relative(conftest, to: config.rootdir) ?? conftest) implements pytest_generate_tests")
        }
        if !reasons.isEmpty {
            dynamicFiles.append((module.path, reasons))
        }
        return addEntries(result.entries, parent: node)
    }

    /// Adds the nodes for module entries under `parent`, registering each class's children.
    private func addEntries(_ entries: [ModuleEntry], parent: Int32) -> [Int32] {
        var result: [Int32] = []
        var pending: [(entries: [ModuleEntry], parent: Int32)] = []
        result = addLevel(entries, parent: parent, pending: &pending)
        while let (level, owner) = pending.popLast() {
            children[owner] = addLevel(level, parent: owner, pending: &pending)
        }
        return result
    }

    private func addLevel(_ entries: [ModuleEntry], parent: Int32, pending: inout [(entries: [ModuleEntry], parent: Int32)])
        -> [Int32]
    {
        let owner = nodes[Int(parent)]
        let parentIsUnitTest = owner.kind == .unitTestCase
        let functionKind: CollectionNode.Kind = parentIsUnitTest ? .testCaseFunction : .function
        func childID(_ name: String) -> String { String.joining(owner.nodeID, "::", name) }
        var made: [Int32] = []
        made.reserveCapacity(entries.count)
        for entry in entries {
            switch entry {
            case .parametrized(let name, let line, _, let decl, let ids, let params, let marks):
                for (position, id) in ids.enumerated() {
                    let itemName = id.map { "\(name)[\($0)]" } ?? name
                    if position < params.count, !params[position].isEmpty {
                        scopedParams[Int32(nodes.count)] = params[position]
                    }
                    functionDecls[Int32(nodes.count)] = decl
                    if position < marks.count, !marks[position].isEmpty { paramMarks[Int32(nodes.count)] = marks[position] }
                    made.append(
                        append(
                            CollectionNode(
                                kind: functionKind, name: itemName, nodeID: childID(itemName), parent: parent,
                                path: owner.path, line: line)))
                }
            case .function(let name, let line, _, let decl):
                if let decl { functionDecls[Int32(nodes.count)] = decl }
                made.append(
                    append(
                        CollectionNode(
                            kind: functionKind, name: name, nodeID: childID(name), parent: parent, path: owner.path,
                            line: line)))
            case .testClass(let name, let line, let unitTest, let ref, let members):
                if let ref { classRefs[Int32(nodes.count)] = ref }
                let index = append(
                    CollectionNode(
                        kind: unitTest ? .unitTestCase : .testClass, name: name, nodeID: childID(name),
                        parent: parent, path: owner.path, line: line))
                pending.append((members, index))
                made.append(index)
            }
        }
        return made
    }
}

/// The `collect_ignore` paths and `collect_ignore_glob` patterns in force for a directory.
struct ConftestIgnores {
    var paths: Set<String> = []
    var globs: [GlobPattern] = []
    /// A conftest.py at or above the directory loads SQLAlchemy's test plugin.
    var loadsSQLAlchemyPlugin = false
    /// The conftest.py files at or above the directory that implement `pytest_generate_tests`.
    var generatingConftests: [String] = []
}
