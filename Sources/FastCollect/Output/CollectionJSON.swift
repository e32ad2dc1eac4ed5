/// The machine-readable form of a collection run (`fastcollect --collect-only --format=json`):
/// selected items, per-file facts and the project import graph; the schema is docs/json-format.md.
public struct CollectionJSON: Sendable {
    /// Bumped when a field changes meaning or disappears; new fields do not bump it.
    public static let schemaVersion = 1

    /// One file of the document: a test module, a conftest.py or a project module they import.
    struct FileEntry {
        enum Kind: String {
            case testModule = "test-module"
            case doctestFile = "doctest-file"
            case conftest
            case projectModule = "project-module"
        }
        var path: String
        var kind: Kind
        var nodeID: String?
        var module: String?
        var collected = 0
        var selected = 0
        var dynamicReasons: [String] = []
        var errors: [CollectionFailure] = []
        /// Warnings pytest shows for the file (`PytestCollectionWarning`…): their first lines.
        var warnings: [String] = []
        /// How each warning is raised (`warnings.warn_explicit`'s arguments), where known.
        var raised: [CollectionWarning.Raised] = []
        var imports: [String] = []
        var orderSensitive = false
        /// The module's own code skips it on import (`ModuleLevelSkip`).
        var skipped = false
    }

    public let text: String

    /// Builds the document for `result`, a run of `session`; `exitCode` is the one the run
    /// exits with, `version` the fastcollect version string. Without `importGraph`, files have
    /// `imports: null` and no project modules are listed (they cost reading those modules).
    public init(
        session: CollectionSession, result: CollectionResult, exitCode: Int32, version: String, importGraph: Bool = true
    ) {
        var out = JSONText()
        let files = CollectionJSON.files(session: session, result: result, importGraph: importGraph)
        let dynamic = Dictionary(result.dynamicFiles.map { ($0.path, $0.reasons) }, uniquingKeysWith: { $0 + $1 })
        out.beginObject()
        out.string("format", "fastcollect-collection")
        out.int("version", CollectionJSON.schemaVersion)
        out.string("fastcollect", version)
        out.string("rootdir", result.rootdir)
        out.string("configfile", result.configFileDisplay)
        out.string("invocation_dir", session.options.invocationDirectory)
        out.int("exit_code", Int(exitCode))
        out.string("usage_error", result.lateUsageError)
        out.beginObject("counts")
        out.int("collected", result.items.count + result.deselectedCount)
        out.int("selected", result.items.count)
        out.int("deselected", result.deselectedCount)
        out.int("errors", result.failures.count)
        out.int("dynamic_files", result.dynamicFiles.count)
        out.int("skipped", result.skippedModules.count)
        out.endObject()

        out.beginArray("items")
        for item in result.items {
            let node = result.nodes[Int(item)]
            out.beginObject(inline: true)
            out.string("nodeid", node.nodeID)
            out.string("path", node.path)
            if node.line > 0 { out.int("line", Int(node.line)) } else { out.string("line", nil) }
            out.string("kind", CollectionJSON.itemKind(node.kind))
            let (function, parametrization) = CollectionJSON.splitName(node.name)
            out.string("function", function)
            out.string("parametrization", parametrization)
            var markers: [String] = []
            if node.kind != .doctestItem {
                var seen = Set<String>()
                for mark in session.marks(of: item) where seen.insert(mark.name).inserted { markers.append(mark.name) }
            }
            out.strings("markers", markers)
            let reasons = node.dynamicReason.map { [$0] } ?? dynamic[node.path] ?? []
            out.bool("dynamic", !reasons.isEmpty)
            out.string("dynamic_reason", reasons.isEmpty ? nil : reasons.joined(separator: "; "))
            out.endObject()
        }
        out.endArray()

        out.beginArray("files")
        for file in files {
            out.beginObject(inline: true)
            out.string("path", file.path)
            out.string("kind", file.kind.rawValue)
            out.string("nodeid", file.nodeID)
            out.string("module", file.module)
            out.int("collected", file.collected)
            out.int("selected", file.selected)
            out.bool("has_selected", file.selected > 0)
            out.bool("dynamic", !file.dynamicReasons.isEmpty)
            out.strings("dynamic_reasons", file.dynamicReasons)
            out.beginArray("errors")
            for error in file.errors {
                out.beginObject()
                out.string("nodeid", error.nodeID)
                out.string("message", CollectionJSON.message(error))
                out.endObject()
            }
            out.endArray()
            out.strings("warnings", file.warnings)
            out.bool("order_sensitive", file.orderSensitive)
            out.bool("skipped", file.skipped)
            out.beginArray("warnings_raised")
            for raised in file.raised {
                out.beginObject()
                out.string("category", raised.category)
                out.string("message", raised.message)
                out.string("filename", raised.filename)
                out.int("lineno", Int(raised.lineno))
                out.endObject()
            }
            out.endArray()
            if importGraph { out.strings("imports", file.imports) } else { out.string("imports", nil) }
            out.endObject()
        }
        out.endArray()

        out.beginArray("errors")
        for error in result.failures {
            out.beginObject()
            out.string("nodeid", error.nodeID)
            out.string("message", CollectionJSON.message(error))
            out.strings("lines", error.body)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        text = out.text + "\n"
    }

    static func itemKind(_ kind: CollectionNode.Kind) -> String {
        switch kind {
        case .testCaseFunction: return "unittest"
        case .doctestItem: return "doctest"
        default: return "function"
        }
    }

    /// `test_x[1-a]` → (`test_x`, `1-a`); a name without brackets has no parametrization.
    static func splitName(_ name: String) -> (String, String?) {
        guard name.hasSuffix("]"), let open = name.firstIndex(of: "[") else { return (name, nil) }
        return (String(name[..<open]), String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
    }

    /// The failure's one-line message: the short summary's, else the last `E   ` line.
    static func message(_ failure: CollectionFailure) -> String {
        if let summary = failure.summary { return summary }
        if let last = failure.body.last(where: { $0.hasPrefix("E   ") }) { return String(last.dropFirst(4)) }
        return failure.body.first ?? ""
    }

    /// Test files in collection order, then the conftest.py files in force, then the project
    /// modules reachable from both through imports, each with its imports.
    static func files(session: CollectionSession, result: CollectionResult, importGraph: Bool) -> [FileEntry] {
        let nodes = result.nodes
        let graph = session.graph
        let imports = ProjectImports(graph: graph, rootdir: result.rootdir)
        var entries: [FileEntry] = []
        var index: [String: Int] = [:]
        var fileOfNode: [Int32: Int] = [:]
        var directories: [String] = []
        for (position, node) in nodes.enumerated() {
            switch node.kind {
            case .module, .doctestTextfile:
                if index[node.path] == nil {
                    index[node.path] = entries.count
                    var entry = FileEntry(
                        path: node.path, kind: node.kind == .module ? .testModule : .doctestFile, nodeID: node.nodeID)
                    if node.kind == .module { entry.module = graph.locator.packageContext(of: node.path).name }
                    entries.append(entry)
                }
                fileOfNode[Int32(position)] = index[node.path]
            case .dir, .package:
                directories.append(node.path)
            default:
                if node.parent >= 0, let file = fileOfNode[node.parent] {
                    fileOfNode[Int32(position)] = file
                    if node.kind.isItem { entries[file].collected += 1 }
                }
            }
        }
        for item in result.items {
            if let file = fileOfNode[item] { entries[file].selected += 1 }
        }
        for (path, reasons) in result.dynamicFiles {
            if let file = index[path] { entries[file].dynamicReasons += reasons }
        }
        for path in result.orderSensitiveModules {
            if let file = index[path] { entries[file].orderSensitive = true }
        }
        for path in result.skippedModules {
            if let file = index[path] { entries[file].skipped = true }
        }
        // conftest.py files of the collected directories and their ancestors up to the confcutdir.
        var conftestDirectories: [String] = []
        var seenDirectories = Set<String>()
        for directory in directories {
            var chain = [directory]
            for ancestor in FilePath.ancestors(directory) {
                guard FilePath.isInside(ancestor, session.confcutdir) else { break }
                chain.append(ancestor)
            }
            for candidate in chain.reversed() where seenDirectories.insert(candidate).inserted {
                conftestDirectories.append(candidate)
            }
        }
        for directory in conftestDirectories {
            let conftest = FilePath.join(directory, "conftest.py")
            guard index[conftest] == nil, graph.locator.kind(conftest) == .file else { continue }
            index[conftest] = entries.count
            entries.append(FileEntry(path: conftest, kind: .conftest, module: graph.locator.packageContext(of: conftest).name))
        }
        for failure in result.failures {
            guard let node = nodes.firstIndex(where: { $0.nodeID == failure.nodeID && $0.kind.isFileSystem }) else { continue }
            let path = nodes[node].kind == .module || nodes[node].kind == .doctestTextfile
                ? nodes[node].path : FilePath.join(nodes[node].path, "conftest.py")
            if let file = index[path] { entries[file].errors.append(failure) }
        }
        for warning in result.warnings {
            // The test module whose collection raises it (configuration warnings have none).
            guard let origin = warning.origin, let file = index[origin] else { continue }
            entries[file].warnings.append(warning.lines.first.map { $0.trimmingLeadingSpaces() } ?? "")
            if let raised = warning.raised { entries[file].raised.append(raised) }
        }
        // The import graph, following project modules breadth-first.
        guard importGraph else { return entries }
        var next = 0
        while next < entries.count {
            if entries[next].kind != .doctestFile {
                let found = imports.imports(of: entries[next].path)
                entries[next].imports = found.map(\.file)
                for (file, dotted) in found where index[file] == nil {
                    index[file] = entries.count
                    entries.append(FileEntry(path: file, kind: .projectModule, module: dotted))
                }
            }
            next += 1
        }
        return entries
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
