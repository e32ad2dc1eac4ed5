import FastCollect

/// The command line, parsed the way pytest's argparse setup reads it (for the options
/// fastcollect understands; other pytest options are accepted and ignored).
struct CommandLineOptions {
    var collectOnly = false
    var verbosity = 0
    var rootdir: String?
    var configFile: String?
    var ignore: [String] = []
    var ignoreGlob: [String] = []
    var deselect: [String] = []
    var keyword: String?
    var marker: String?
    var continueOnCollectionErrors = false
    var keepDuplicates = false
    var collectInVirtualenv = false
    var importMode = "prepend"
    var doctestGlobs: [String] = []
    var parallel = false
    var workers: Workers = .count(1)
    var showVersion = false
    var showHelp = false
    var timings = false
    /// `--cache-clear`: don't use a cached result (a fresh one replaces it).
    var cacheClear = false
    var reportDynamic = false
    var format: OutputFormat = .text
    /// `--json-imports=no`: leave the import graph out of `--format=json`.
    var jsonImports = true
    /// `--python`: the interpreter that runs pytest when not `--collect-only`.
    var python: String?
    var positional: [String] = []
    /// `-p` plugin names (accepted, ignored: fastcollect loads no plugins).
    var plugins: [String] = []
    /// `-o`/`--override-ini` `name=value` pairs.
    var overrideIni: [String] = []

    enum Workers: Equatable {
        case count(Int)
        case auto
    }

    enum OutputFormat: String {
        case text
        case json
    }

    /// pytest options that take a value, accepted and ignored.
    private static let ignoredWithValue: Set<String> = [
        "--tb", "-r", "--maxfail", "-W", "--pythonwarnings", "--durations", "--durations-min",
        "--basetemp", "--log-level", "--log-format", "--log-date-format", "--log-cli-level", "--log-file",
        "--log-file-level", "--junitxml", "--junit-xml", "--junit-prefix", "--confcutdir",
        "--cov", "--cov-report", "-n", "--numprocesses", "--dist", "--color", "--code-highlight", "--capture",
        "--show-capture", "--cache-show", "--ds", "--dc", "--timeout", "--reruns",
        "--asyncio-mode", "--verbosity", "--pastebin",
    ]
    /// Value-taking short options whose value may be glued to the letter (`-rfEX`).
    private static let shortWithValue: Set<Character> = ["r", "W", "n", "o", "p", "k", "m", "c"]

    /// Parses `arguments` (addopts first, then the command line, as pytest joins them).
    static func parse(_ arguments: [String]) throws(CLIError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var index = 0
        func value(for name: String, inline: String?) throws(CLIError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw .usage("argument \(name): expected one argument") }
            return arguments[index]
        }
        var onlyPositional = false
        while index < arguments.count {
            let argument = arguments[index]
            defer { index += 1 }
            if onlyPositional || !argument.hasPrefix("-") || argument == "-" {
                options.positional.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositional = true
                continue
            }
            if argument.hasPrefix("--") {
                var name = argument
                var inline: String?
                if let equals = argument.firstIndex(of: "=") {
                    name = String(argument[..<equals])
                    inline = String(argument[argument.index(after: equals)...])
                }
                switch name {
                case "--collect-only", "--co": options.collectOnly = true
                case "--quiet": options.verbosity -= 1
                case "--verbose": options.verbosity += 1
                case "--rootdir": options.rootdir = try value(for: name, inline: inline)
                case "--config-file", "--inifile": options.configFile = try value(for: name, inline: inline)
                case "--ignore": options.ignore.append(try value(for: name, inline: inline))
                case "--ignore-glob": options.ignoreGlob.append(try value(for: name, inline: inline))
                case "--deselect": options.deselect.append(try value(for: name, inline: inline))
                case "--keyword": options.keyword = try value(for: name, inline: inline)
                case "--continue-on-collection-errors": options.continueOnCollectionErrors = true
                case "--keep-duplicates": options.keepDuplicates = true
                case "--collect-in-virtualenv": options.collectInVirtualenv = true
                case "--override-ini": options.overrideIni.append(try value(for: name, inline: inline))
                case "--import-mode": options.importMode = try value(for: name, inline: inline)
                case "--doctest-glob": options.doctestGlobs.append(try value(for: name, inline: inline))
                case "--parallel-import": options.parallel = true
                case "--parallel-workers":
                    let text = try value(for: name, inline: inline)
                    if text == "auto" {
                        options.workers = .auto
                    } else if let count = Int(text), count >= 1 {
                        options.workers = .count(count)
                    } else {
                        throw .usage("argument --parallel-workers: invalid value: '\(text)' (a positive integer or 'auto')")
                    }
                case "--version": options.showVersion = true
                case "--help": options.showHelp = true
                case "--timings": options.timings = true
                case "--cache-clear": options.cacheClear = true
                case "--report-dynamic": options.reportDynamic = true
                case "--python": options.python = try value(for: name, inline: inline)
                case "--json-imports":
                    let text = try value(for: name, inline: inline)
                    guard text == "yes" || text == "no" else {
                        throw .usage("argument --json-imports: invalid choice: '\(text)' (choose from 'yes', 'no')")
                    }
                    options.jsonImports = text == "yes"
                case "--format":
                    let text = try value(for: name, inline: inline)
                    guard let format = OutputFormat(rawValue: text) else {
                        throw .usage("argument --format: invalid choice: '\(text)' (choose from 'text', 'json')")
                    }
                    options.format = format
                default:
                    if ignoredWithValue.contains(name) && inline == nil { index += 1 }
                }
                continue
            }
            // Short options, possibly grouped (`-qq`, `-vx`) or with a glued value (`-rfEX`, `-kfoo`).
            let letters = Array(argument.dropFirst())
            var position = 0
            while position < letters.count {
                let letter = letters[position]
                let rest = position + 1 < letters.count ? String(letters[(position + 1)...]) : nil
                switch letter {
                case "q": options.verbosity -= 1
                case "v": options.verbosity += 1
                case "h": options.showHelp = true
                case "V": options.showVersion = true
                case "c", "k", "m", "p", "r", "W", "n", "o":
                    let text = try value(for: "-\(letter)", inline: rest)
                    switch letter {
                    case "c": options.configFile = text
                    case "k": options.keyword = text
                    case "m": options.marker = text
                    case "p": options.plugins.append(text)
                    case "o": options.overrideIni.append(text)
                    default: break
                    }
                    position = letters.count
                    continue
                default:
                    break
                }
                position += 1
            }
        }
        return options
    }
}
