import FastCollect

#if canImport(Glibc)
import Glibc
#endif

/// Renders a collection result exactly as `pytest --collect-only` prints it at the given
/// verbosity: header, tree / node IDs / per-file counts, errors, warnings and the summary line.
struct CollectReporter {
    let result: CollectionResult
    let verbosity: Int
    let continueOnErrors: Bool
    let pythonVersion: String

    /// The report; the summary line goes in as a summary chunk, to be drawn with the time.
    func render(into output: inout CommandOutput) {
        var out = TerminalWriter()
        if verbosity >= 0 { header(&out) }
        if !result.items.isEmpty {
            if verbosity > -1 { out.line() }
            printItems(&out)
        }
        out.line()
        errors(&out)
        warnings(&out)
        shortSummary(&out)
        if !result.failures.isEmpty && !continueOnErrors {
            let count = result.failures.count
            out.sep("!", "Interrupted: \(count) error\(count == 1 ? "" : "s") during collection")
        }
        output.out(out.text)
        if verbosity >= 0 {
            output.summary(.summaryRule, statsLine())
        } else if verbosity == -1 {
            output.summary(.summaryLine, statsLine())
        }
    }

    var exitCode: Int32 {
        if !result.failures.isEmpty && !continueOnErrors { return 2 }
        if result.items.isEmpty && result.failures.isEmpty { return 5 }
        return result.failures.isEmpty ? 0 : 1
    }

    private func header(_ out: inout TerminalWriter) {
        out.sep("=", "test session starts")
        out.line("platform linux -- Python \(pythonVersion), pytest-9.0.3, pluggy-1.6.0")
        out.line("rootdir: \(result.rootdir)")
        if let config = result.configFileDisplay { out.line("configfile: \(config)") }
        if let testpaths = result.testpathsShown { out.line("testpaths: \(testpaths.joined(separator: ", "))") }
        let collected = result.items.count + result.deselectedCount
        // Verbose runs write "collecting ... " first; on a terminal pytest rewrites that line.
        var line = verbosity >= 1 && isatty(STDOUT_FILENO) == 0 ? "collecting ... " : ""
        line += "collected \(collected) item\(collected == 1 ? "" : "s")"
        let errors = result.failures.count
        if errors > 0 { line += " / \(errors) error\(errors == 1 ? "" : "s")" }
        if result.deselectedCount > 0 { line += " / \(result.deselectedCount) deselected" }
        let skipped = result.skippedModules.count
        if skipped > 0 { line += " / \(skipped) skipped" }
        if result.deselectedCount > 0 { line += " / \(result.items.count) selected" }
        out.line(line)
    }

    private func printItems(_ out: inout TerminalWriter) {
        let nodes = result.nodes
        if verbosity < -1 {
            var counts: [String: Int] = [:]
            for item in result.items {
                let id = nodes[Int(item)].nodeID
                let file = String(id.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)[0])
                counts[file, default: 0] += 1
            }
            for file in counts.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                out.line("\(file): \(counts[file]!)")
            }
            return
        }
        if verbosity == -1 {
            for item in result.items { out.line(nodes[Int(item)].nodeID) }
            return
        }
        var stack: [Int32] = []
        for item in result.items {
            var chain: [Int32] = []
            var current = item
            while current >= 0 {
                chain.append(current)
                current = nodes[Int(current)].parent
            }
            chain.reverse()
            while !stack.isEmpty && !(stack.count <= chain.count && Array(chain.prefix(stack.count)) == stack) {
                stack.removeLast()
            }
            for node in chain.dropFirst(stack.count) {
                stack.append(node)
                let indent = String(repeating: "  ", count: stack.count - 1)
                out.line("\(indent)<\(nodes[Int(node)].kind.description) \(nodes[Int(node)].name)>")
                if verbosity >= 1, let doc = result.docstrings[node] {
                    for line in doc.split(separator: "\n", omittingEmptySubsequences: false) { out.line(indent + "  " + line) }
                }
            }
        }
    }

    private func errors(_ out: inout TerminalWriter) {
        guard !result.failures.isEmpty else { return }
        out.sep("=", "ERRORS")
        for failure in result.failures {
            out.sep("_", "ERROR collecting \(failure.nodeID)")
            for line in failure.body { out.line(line) }
        }
    }

    private func warnings(_ out: inout TerminalWriter) {
        guard !result.warnings.isEmpty else { return }
        out.sep("=", "warnings summary")
        for warning in result.warnings {
            if let location = warning.location { out.line(location) }
            for line in warning.lines { out.line(line) }
            out.line()
        }
        out.line("-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html")
    }

    private func shortSummary(_ out: inout TerminalWriter) {
        guard !result.failures.isEmpty else { return }
        out.sep("=", "short test summary info")
        for failure in result.failures {
            var line = "ERROR \(failure.nodeID)"
            if let summary = failure.summary {
                // `_format_trimmed(" - {}", msg, width - len(line))`: first line, ellipsised.
                let first = summary.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)[0]
                let available = out.width - line.unicodeScalars.count
                let message = " - " + first
                if 3 + 3 > available {
                } else if message.unicodeScalars.count > available {
                    line += String(String.UnicodeScalarView(message.unicodeScalars.prefix(available - 3))) + "..."
                } else {
                    line += message
                }
            }
            out.line(line)
        }
    }

    private func statsLine() -> String {
        let selected = result.items.count
        let deselected = result.deselectedCount
        let collected = selected + deselected
        var parts: [String] = []
        if collected == 0 {
            parts.append("no tests collected")
        } else if deselected == 0 {
            parts.append("\(collected) test\(collected == 1 ? "" : "s") collected")
        } else if selected == 0 {
            parts.append("no tests collected (\(deselected) deselected)")
        } else {
            parts.append("\(selected)/\(collected) tests collected (\(deselected) deselected)")
        }
        let errors = result.failures.count
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}
