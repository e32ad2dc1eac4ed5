import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// The `fastcollect` command: parses the command line, runs the collection and prints it.
/// The one place where errors become messages and exit codes.
nonisolated(unsafe) private var retainedSession: CollectionSession?

enum FastCollectCommand {
    static let version = "0.1.0"

    static func run(arguments: [String]) -> Int32 {
        let start = Clock.now()
        do {
            // pytest puts $PYTEST_ADDOPTS before the command line, then the ini's addopts before both.
            let environmentAddopts = try PytestConfig.environmentAddopts(ProcessEnvironment.current)
            var options = try CommandLineOptions.parse(environmentAddopts + arguments)
            if options.showVersion {
                Output.out("fastcollect \(version) (pytest 9.0.3 collection rules)\n")
                return 0
            }
            if options.showHelp {
                Output.out(HelpText.text)
                return 0
            }
            let cwd = currentDirectory()
            let config = try ConfigDiscovery.discover(
                arguments: options.positional, configFile: options.configFile, rootdirOption: options.rootdir,
                invocationDirectory: cwd, overrideIni: options.overrideIni)
            let iniAddopts = try config.addopts
            if !iniAddopts.isEmpty {
                options = try CommandLineOptions.parse(iniAddopts + environmentAddopts + arguments)
            }
            guard options.collectOnly else {
                return PytestRunner.exec(arguments: arguments, python: options.python)
            }
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
                    Output.out(CollectionJSON(session: session, result: empty, exitCode: error.exitCode, version: version).text)
                    return error.exitCode
                }
                let empty = CollectReporter(
                    result: .empty(rootdir: config.rootdir, configFileDisplay: config.configFileDisplay),
                    verbosity: options.verbosity, continueOnErrors: true, seconds: Clock.since(start),
                    pythonVersion: PythonVersion.detect())
                Output.out(empty.render())
                Output.err(error.isUsageError ? "ERROR: \(error.message)\n\n" : "\(error.message)\n")
                return error.exitCode
            }
            let reporter = CollectReporter(
                result: result, verbosity: options.verbosity, continueOnErrors: options.continueOnCollectionErrors,
                seconds: Clock.since(start), pythonVersion: PythonVersion.detect())
            if options.format == .json {
                let exitCode = result.lateUsageError == nil ? reporter.exitCode : 4
                Output.out(
                    CollectionJSON(
                        session: session, result: result, exitCode: exitCode, version: version,
                        importGraph: options.jsonImports
                    ).text)
                return exitCode
            }
            let emitStart = Clock.now()
            Output.out(reporter.render())
            if options.timings {
                Output.err(result.timings.line(emit: Clock.since(emitStart), total: Clock.since(start)) + "\n")
                Output.err("fastcollect: \(CollectionSession.sourceRereads) module files read again\n")
            }
            if options.reportDynamic {
                Output.out(DynamicReport.render(result))
            } else if !result.dynamicFiles.isEmpty {
                let count = result.dynamicFiles.count
                Output.err(
                    "fastcollect: \(count) file\(count == 1 ? "" : "s") may hold tests that could not be expanded statically (--report-dynamic lists them)\n")
            }
            if let error = result.lateUsageError {
                Output.err("ERROR: \(error)\n\n")
                return 4
            }
            return reporter.exitCode
        } catch let error as CLIError {
            Output.err("ERROR: \(error.message)\n\n")
            return error.exitCode
        } catch let error as ConfigError {
            // pytest reports usage errors as `ERROR: …` (exit 4); other config errors crash it (exit 1).
            Output.err(error.isUsageError ? "ERROR: \(error.message)\n\n" : "\(error.message)\n")
            return error.isUsageError ? 4 : 1
        } catch let error as CollectError {
            Output.err(error.isUsageError ? "ERROR: \(error.message)\n\n" : "\(error.message)\n")
            return error.exitCode
        } catch {
            Output.err("ERROR: \(error)\n")
            return 4
        }
    }

    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
