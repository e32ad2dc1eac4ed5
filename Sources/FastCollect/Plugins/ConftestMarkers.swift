import ModuleScanner

/// The markers a conftest.py registers in its `pytest_configure` hook with
/// `config.addinivalue_line("markers", "name: help")`. pytest calls the hook when it loads the
/// conftest (the initial ones at start-up, the others when collection reaches their folder),
/// and a mark applied after that raises no `PytestUnknownMarkWarning`.
///
/// Only calls the hook always makes count: one under an `if` (numpy registers some markers only
/// when a plugin is missing) or with a line that is not a string literal registers what the run
/// decides, and its marks are warned about as before.
enum ConftestMarkers {
    static func registered(by conftest: LoadedModule, namespace: Namespace) -> [String] {
        guard case .function(let hook)? = namespace["pytest_configure"], hook.guardKind == .none,
            !conftest.source.isEmpty
        else { return [] }
        var names: [String] = []
        for range in conftest.unconditionalCallArguments(of: "addinivalue_line", in: hook) {
            let arguments = conftest.source.withUnsafeBufferPointer {
                PyExpressionParser.parseArguments(source: $0, range: range)
            }
            // `Config.addinivalue_line(self, name, line)`.
            var bound: [PyExpression?] = Array(arguments.positional.prefix(2))
            while bound.count < 2 { bound.append(nil) }
            for (keyword, value) in arguments.keywords {
                switch keyword {
                case "name": bound[0] = value
                case "line": bound[1] = value
                default: break
                }
            }
            guard case .string("markers")? = bound[0], case .string(let line)? = bound[1] else { continue }
            names.append(RegisteredNames.markerName(line))
        }
        return names
    }
}
