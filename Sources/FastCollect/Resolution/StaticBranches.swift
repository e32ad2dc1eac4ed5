import ModuleScanner

/// Settles the `if`/`elif`/`else` branches of a module whose conditions it can evaluate alone
/// (`if sys.platform == "win32":`, `if False:`, a flag the module sets from such a test): a
/// statement in a branch known to be taken becomes unconditional, one in a branch known not to be
/// taken `.branchNotTaken`, as the module's `__dict__` after import has them. Conditions naming
/// other modules' values, and `try`, `with` and loop bodies, stay `.conditional`.
enum StaticBranches {
    static func settle(_ summary: ModuleSummary, source: [UInt8]) -> ModuleSummary {
        // Only then can the settling change what is collected, so only then is it worth its cost.
        guard summary.hasConditionalDefinitions || summary.calls.contains(where: { $0.guardKind == .conditional })
        else { return summary }
        let table = ModuleNameTable(summary: summary, source: source)
        var settled = summary
        settled.members = settle(summary.members, body: nil, table)
        for index in settled.attributeAssignments.indices {
            let assignment = settled.attributeAssignments[index]
            settled.attributeAssignments[index].guardKind = settle(assignment.guardKind, assignment.line, nil, table)
        }
        for index in settled.calls.indices {
            settled.calls[index].guardKind = settle(settled.calls[index].guardKind, settled.calls[index].line, nil, table)
        }
        for index in settled.namespaceWrites.indices {
            let write = settled.namespaceWrites[index]
            settled.namespaceWrites[index].guardKind = settle(write.guardKind, write.line, nil, table)
        }
        return settled
    }

    private static func hasConditional(_ members: [Member]) -> Bool {
        members.contains { member in
            switch member {
            case .function(let decl): return decl.guardKind == .conditional
            case .classDecl(let decl): return decl.guardKind == .conditional || hasConditional(decl.members)
            case .assignment(let decl): return decl.guardKind == .conditional
            case .importDecl(let decl): return decl.guardKind == .conditional
            case .deletion(_, _, let guardKind): return guardKind == .conditional
            }
        }
    }

    private static func settle(_ members: [Member], body: ClassDecl?, _ table: ModuleNameTable) -> [Member] {
        members.map { member in
            switch member {
            case .function(var decl):
                decl.guardKind = settle(decl.guardKind, decl.line, body, table)
                return .function(decl)
            case .classDecl(var decl):
                let original = decl
                decl.guardKind = settle(decl.guardKind, decl.line, body, table)
                if hasConditional(decl.members) { decl.members = settle(decl.members, body: original, table) }
                return .classDecl(decl)
            case .assignment(var decl):
                decl.guardKind = settle(decl.guardKind, decl.line, body, table)
                return .assignment(decl)
            case .importDecl(var decl):
                decl.guardKind = settle(decl.guardKind, decl.line, body, table)
                return .importDecl(decl)
            case .deletion(let names, let line, let guardKind):
                return .deletion(names: names, line: line, guardKind: settle(guardKind, line, body, table))
            }
        }
    }

    private static func settle(_ kind: GuardKind, _ line: Int32, _ body: ClassDecl?, _ table: ModuleNameTable) -> GuardKind {
        guard kind == .conditional else { return kind }
        switch table.branchTruth(line: line, in: body) {
        case true?: return .none
        case false?: return .branchNotTaken
        case nil: return .conditional
        }
    }
}
