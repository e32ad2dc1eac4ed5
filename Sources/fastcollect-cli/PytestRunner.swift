import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// Runs the suite: collects statically into a JSON file, then replaces this process with
/// `python -m pytest -p fastcollect_pytest ARGS`, so pytest's output and exit code are the user's.
/// The interpreter is `--python`, else `$VIRTUAL_ENV/bin/python`, else `python3` on PATH.
enum PytestRunner {
    /// The plugin's module name (and its `pytest11` entry point name).
    static let pluginModule = "fastcollect_pytest"

    /// Options only fastcollect knows: `name → takes a value`.
    private static let ownOptions: [String: Bool] = [
        "--python": true, "--format": true, "--json-imports": true, "--report-dynamic": false, "--timings": false,
    ]

    static func exec(arguments: [String], python: String?) -> Int32 {
        let pytestArguments = withoutOwnOptions(arguments)
        let interpreter = self.interpreter(python)
        var argv = [interpreter, "-m", "pytest"]
        if let directory = pluginDirectory() {
            let existing = ProcessEnvironment.current["PYTHONPATH"] ?? ""
            setenv("PYTHONPATH", existing.isEmpty ? directory : directory + ":" + existing, 1)
            argv += ["-p", pluginModule]
        }
        // A pip-installed plugin loads through its entry point and reads the same file.
        if let json = collectToFile(pytestArguments) {
            setenv("FASTCOLLECT_JSON", json, 1)
            setenv("FASTCOLLECT_JSON_DELETE", "1", 1)
        }
        if let executable = executablePath() { setenv("FASTCOLLECT_BINARY", executable, 0) }
        argv += pytestArguments
        var cArgs = argv.map { strdup($0) }
        cArgs.append(nil)
        execvp(interpreter, &cArgs)
        Output.err("ERROR: could not start \(interpreter): \(String(cString: strerror(errno)))\n")
        return 4
    }

    /// The arguments pytest gets: the user's, without fastcollect's own options.
    static func withoutOwnOptions(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                result += arguments[(index - 1)...]
                break
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard let takesValue = ownOptions[name] else {
                result.append(argument)
                continue
            }
            if takesValue && !argument.contains("=") { index += 1 }
        }
        return result
    }

    static func interpreter(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let venv = ProcessEnvironment.current["VIRTUAL_ENV"], !venv.isEmpty { return venv + "/bin/python" }
        return "python3"
    }

    /// The directory that makes `fastcollect_pytest` importable without installing it:
    /// `$FASTCOLLECT_PLUGIN_PATH`, else a `plugin/` folder beside or above the executable (a
    /// build tree inside the repository), else `../share/fastcollect/plugin` from the executable.
    static func pluginDirectory() -> String? {
        func holdsPlugin(_ directory: String) -> Bool {
            DirectoryLister.kind(of: directory + "/" + pluginModule + "/__init__.py") == .file
        }
        if let given = ProcessEnvironment.current["FASTCOLLECT_PLUGIN_PATH"], !given.isEmpty {
            return holdsPlugin(given) ? given : nil
        }
        guard let executable = executablePath() else { return nil }
        var directory = FilePath.parent(executable)
        for _ in 0..<6 {
            if holdsPlugin(directory + "/plugin") { return directory + "/plugin" }
            if directory == "/" { break }
            directory = FilePath.parent(directory)
        }
        let shared = FilePath.parent(FilePath.parent(executable)) + "/share/fastcollect/plugin"
        return holdsPlugin(shared) ? shared : nil
    }

    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `fastcollect --collect-only --format=json ARGS` in this process with stdout sent to
    /// a temporary file; the file's path, or nil when it could not be written.
    private static func collectToFile(_ arguments: [String]) -> String? {
        var template = Array("/tmp/fastcollect-XXXXXX.json".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
        guard descriptor >= 0 else { return nil }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let savedStdout = dup(STDOUT_FILENO)
        dup2(descriptor, STDOUT_FILENO)
        close(descriptor)
        // The import graph only serves the plugin's pre-loading.
        let imports = arguments.contains("--parallel-import") ? "yes" : "no"
        _ = FastCollectCommand.run(arguments: ["--collect-only", "--format=json", "--json-imports=" + imports] + arguments)
        dup2(savedStdout, STDOUT_FILENO)
        close(savedStdout)
        return path
    }
}
