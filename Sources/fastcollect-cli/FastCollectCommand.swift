import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// The `fastcollect` command: parses the command line, runs the collection (or takes its
/// result from the collection cache) and prints it. The one place where errors become
/// messages and exit codes.
nonisolated(unsafe) private var retainedSession: CollectionSession?

enum FastCollectCommand {
    static let version = "0.1.0"

    /// What a collection run leaves besides its output: stage times for `--timings`, and
    /// whether its options (after the ini file's `addopts`) allow keeping the result.
    private struct RunNotes {
        var timings: StageTimings?
        var cacheable = false
        var showTimings = false
    }

    static func run(arguments: [String]) -> Int32 {
        let start = Clock.now()
        let environment = ProcessEnvironment.current
        let cwd = currentDirectory()
        let early = (try? PytestConfig.environmentAddopts(environment)).flatMap {
            try? CommandLineOptions.parse($0 + arguments)
        }
        let commandCache = early.flatMap {
            CommandCache(options: $0, arguments: arguments, environment: environment, cwd: cwd, version: version)
        }
        var lookupNote = ""
        if let commandCache, !commandCache.refresh {
            let lookupStart = Clock.now()
            switch commandCache.cache.lookup(key: commandCache.key) {
            case .hit(let recorded, let checked):
                CommandOutput.print(recorded, seconds: Clock.since(start))
                if early?.timings == true {
                    Output.err(
                        "fastcollect timings (ms): cache hit, \(checked) inputs unchanged, lookup=\(StageTimings.milliseconds(Clock.since(lookupStart))) total=\(StageTimings.milliseconds(Clock.since(start)))\n")
                }
                return recorded.exitCode
            case .absent:
                lookupNote = "no cached result"
            case .stale(let changed):
                lookupNote = "cached result stale (\(changed) changed)"
            }
        }
        let log = commandCache == nil ? nil : InputLog.begin()
        var output = CommandOutput()
        var notes = RunNotes()
        output.recorded.exitCode = collect(arguments: arguments, cwd: cwd, output: &output, notes: &notes)
        InputLog.end()
        let emitStart = Clock.now()
        CommandOutput.print(output.recorded, seconds: Clock.since(start))
        if notes.showTimings {
            let emit = Clock.since(emitStart)
            if let timings = notes.timings {
                Output.err(timings.line(emit: emit, total: Clock.since(start)) + "\n")
                Output.err("fastcollect: \(CollectionSession.sourceRereads) module files read again\n")
                let arenas = HeapReservation.advisedArenas
                let pool = arenas == 0 ? "" : "; \(arenas) worker arena\(arenas == 1 ? "" : "s") on huge pages"
                Output.err("fastcollect: heap: \(describe(HeapReservation.outcome))\(pool)\n")
            }
        }
        if let commandCache, let log, notes.cacheable {
            let stored = commandCache.cache.store(key: commandCache.key, log: log, output: output.recorded)
            if notes.showTimings {
                if !lookupNote.isEmpty { Output.err("fastcollect: \(lookupNote)\n") }
                Output.err("fastcollect: \(describe(stored))\n")
            }
        }
        return output.recorded.exitCode
    }

    private static func describe(_ outcome: HeapReservation.Outcome) -> String {
        switch outcome {
        case .hugePages(let bytes): return "\(bytes >> 20) MiB reserved on huge pages"
        case .reservedOnly(let bytes, let code): return "\(bytes >> 20) MiB reserved, no huge pages (errno \(code))"
        case .unchanged: return "as the allocator left it"
        }
    }

    private static func describe(_ outcome: CollectionCache.StoreOutcome) -> String {
        switch outcome {
        case .stored(let inputs): return "result cached (\(inputs) inputs)"
        case .inputsChanged: return "result not cached: an input changed during the run"
        case .inputsTooRecent(let path): return "result not cached: \(path) changed less than 2 s before the run"
        case .notWritable: return "result not cached: the cache directory is not writable"
        }
    }

    /// Runs the command into `output`; returns its exit code.
    private static func collect(
        arguments: [String], cwd: String, output: inout CommandOutput, notes: inout RunNotes
    ) -> Int32 {
        do {
            // pytest puts $PYTEST_ADDOPTS before the command line, then the ini's addopts before both.
            let environmentAddopts = try PytestConfig.environmentAddopts(ProcessEnvironment.current)
            var options = try CommandLineOptions.parse(environmentAddopts + arguments)
            if options.showVersion {
                output.out("fastcollect \(version) (pytest 9.0.3 collection rules)\n")
                return 0
            }
            if options.showHelp {
                output.out(HelpText.text)
                return 0
            }
            let config = try ConfigDiscovery.discover(
                arguments: options.positional, configFile: options.configFile, rootdirOption: options.rootdir,
                invocationDirectory: cwd, overrideIni: options.overrideIni)
            let iniAddopts = try config.addopts
            if !iniAddopts.isEmpty {
                options = try CommandLineOptions.parse(iniAddopts + environmentAddopts + arguments)
            }
            guard options.collectOnly else {
                InputLog.end()
                return PytestRunner.exec(arguments: arguments, python: options.python)
            }
            notes.cacheable = !options.plugins.contains("no:cacheprovider")
            notes.showTimings = options.timings
            var collect = CollectOptions(invocationDirectory: cwd)
            collect.arguments = options.positional
            collect.rootdir = options.rootdir
            collect.configFile = options.configFile
            collect.ignore = options.ignore
            collect.ignoreGlob = options.ignoreGlob
            collect.deselect = options.deselect
            collect.keyword = options.keyword
            collect.marker = options.marker
            collect.keepDuplicates = options.keepDuplicates
            collect.collectInVirtualenv = options.collectInVirtualenv
            collect.doctestGlobs = options.doctestGlobs
            collect.importMode = options.importMode
            collect.plugins = options.plugins
            collect.docstrings = options.verbosity >= 1
            collect.outputShowsAllNodes = options.format == .json
            switch options.workers {
            case .count(let count): collect.workers = options.parallel ? count : 1
            case .auto: collect.workers = options.parallel ? WorkerCount.auto : 1
            }
            let session = try CollectionSession(config: config, options: collect)
            // Kept until exit: freeing the whole index only to exit costs time.
            retainedSession = session
            let result: CollectionResult
            do {
                result = try session.run()
            } catch {
                if options.format == .json {
                    var empty = CollectionResult.empty(rootdir: config.rootdir, configFileDisplay: config.configFileDisplay)
                    empty.lateUsageError = error.message
                    output.out(CollectionJSON(session: session, result: empty, exitCode: error.exitCode, version: version).text)
                    return error.exitCode
                }
                let empty = CollectReporter(
                    result: .empty(rootdir: config.rootdir, configFileDisplay: config.configFileDisplay),
                    verbosity: options.verbosity, continueOnErrors: true,
                    pythonVersion: session.pythonVersion?.description ?? "3")
                empty.render(into: &output)
                output.err(error.isUsageError ? "ERROR: \(error.message)\n\n" : "\(error.message)\n")
                return error.exitCode
            }
            let reporter = CollectReporter(
                result: result, verbosity: options.verbosity, continueOnErrors: options.continueOnCollectionErrors,
                pythonVersion: session.pythonVersion?.description ?? "3")
            if options.format == .json {
                let exitCode = result.lateUsageError == nil ? reporter.exitCode : 4
                output.out(
                    CollectionJSON(
                        session: session, result: result, exitCode: exitCode, version: version,
                        importGraph: options.jsonImports
                    ).text)
                return exitCode
            }
            reporter.render(into: &output)
            notes.timings = result.timings
            if options.reportDynamic {
                output.out(DynamicReport.render(result))
            } else if !result.dynamicFiles.isEmpty {
                let count = result.dynamicFiles.count
                output.err(
                    "fastcollect: \(count) file\(count == 1 ? "" : "s") may hold tests that could not be expanded statically (--report-dynamic lists them)\n")
            }
            if let error = result.lateUsageError {
                output.err("ERROR: \(error)\n\n")
                return 4
            }
            return reporter.exitCode
        } catch let error as CLIError {
            output.err("ERROR: \(error.message)\n\n")
            return error.exitCode
        } catch let error as ConfigError {
            // pytest reports usage errors as `ERROR: …` (exit 4); other config errors crash it (exit 1).
            output.err(error.isUsageError ? "ERROR: \(error.message)\n\n" : "\(error.message)\n")
            return error.isUsageError ? 4 : 1
        } catch let error as CollectError {
            output.err(error.isUsageError ? "ERROR: \(error.message)\n\n" : "\(error.message)\n")
            return error.exitCode
        } catch {
            output.err("ERROR: \(error)\n")
            return 4
        }
    }

    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
