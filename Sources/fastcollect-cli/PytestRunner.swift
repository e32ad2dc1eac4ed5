import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// Runs the suite: replaces this process with `python -m pytest ARGS` (the interpreter from
/// `$VIRTUAL_ENV`, else `python3` on PATH), so pytest's output and exit code are the user's.
enum PytestRunner {
    static func exec(arguments: [String]) -> Int32 {
        var python = "python3"
        if let venv = ProcessEnvironment.current["VIRTUAL_ENV"], !venv.isEmpty {
            python = venv + "/bin/python"
        }
        let argv = [python, "-m", "pytest"] + arguments
        var cArgs = argv.map { strdup($0) }
        cArgs.append(nil)
        execvp(python, &cArgs)
        Output.err("ERROR: could not start \(python): \(String(cString: strerror(errno)))\n")
        return 4
    }
}
