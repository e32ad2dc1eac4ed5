import ModuleScanner

/// The project-local modules a file imports at module level: the files (`.py` or a package's
/// `__init__.py`) its import statements resolve to below the rootdir, outside virtualenvs.
struct ProjectImports {
    let graph: ModuleGraph
    let rootdir: String

    /// Imported project files of `path` in first-import order, each once, `path` excluded, with
    /// the absolute dotted name the import binds them under.
    /// Imports under `if TYPE_CHECKING:` or `if __name__ == "__main__":` are not run, so not listed.
    func imports(of path: String) -> [(file: String, dotted: String)] {
        guard let summary = graph.module(path)?.summary else { return [] }
        var found: [(file: String, dotted: String)] = []
        var seen: Set<String> = [path]
        func add(_ dotted: String, level: Int) {
            guard case .module(let file?, let resolved) = graph.resolveModule(dotted, level: level, from: path) else {
                return
            }
            // Importing `a.b.c` runs `a/__init__.py` and `a/b/__init__.py` first.
            let parts = resolved.split(separator: ".")
            if parts.count > 1 {
                for end in 1..<parts.count {
                    let parent = parts[..<end].joined(separator: ".")
                    if case .module(let parentFile?, _) = graph.resolveModule(parent, level: 0, from: file) {
                        record(parentFile, parent)
                    }
                }
            }
            record(file, resolved)
        }
        func record(_ file: String, _ dotted: String) {
            guard isProjectFile(file), seen.insert(file).inserted else { return }
            found.append((file, dotted))
        }
        for member in summary.members {
            guard case .importDecl(let decl) = member, decl.guardKind.mayRunOnImport else {
                continue
            }
            if decl.isFrom {
                add(decl.module, level: decl.level)
                guard !decl.isStar else { continue }
                for entry in decl.names {
                    // `from pkg import sub` imports the submodule when there is one.
                    let dotted = decl.module.isEmpty ? entry.name : decl.module + "." + entry.name
                    add(dotted, level: decl.level)
                }
            } else {
                for entry in decl.names { add(entry.name, level: 0) }
            }
        }
        return found
    }

    /// Below the rootdir and not in an installed environment.
    func isProjectFile(_ file: String) -> Bool {
        FilePath.isInside(file, rootdir) && !file.containsBytes("/site-packages/") && !file.containsBytes("/dist-packages/")
    }
}
