import ModuleScanner

/// What a name is bound to in a module or class body, as far as the source says.
enum Binding: Sendable {
    indirect case function(FunctionDecl)
    indirect case classDecl(ClassDecl)
    /// `import a.b` binds `a` to module `a`; `import a.b as c` binds `c` to module `a.b`.
    case module(dotted: String)
    /// `from X import name` (X with its leading dots as `level`).
    case imported(module: String, level: Int, name: String)
    /// An assignment; the value is the source range (nil when unknown).
    case value(AssignmentDecl)
}

/// A body's `__dict__` as executing it would leave it: names in insertion order (a rebound
/// name keeps its first position) and each name's last binding.
struct Namespace: Sendable {
    private(set) var order: [String] = []
    /// Each name's position in `order` and its last binding: one hash per bind and lookup.
    private var slots: [NameKey: Slot] = [:]
    /// Every binding, with its line, of the names bound more than once (a class statement's
    /// bases see the binding in force when it runs, not the last one).
    private var rebound: [NameKey: [(line: Int32, binding: Binding)]] = [:]
    /// True when a star import could not be resolved: any name may be bound.
    private(set) var hasUnresolvedStarImport = false

    private struct Slot {
        var binding: Binding
        var firstLine: Int32
    }

    init() {}

    /// Builds the namespace of `members`, skipping blocks that do not run on import.
    /// `starNames` gives the names a `from X import *` binds (nil when X can't be read).
    init(members: [Member], starNames: (_ module: String, _ level: Int) -> [(String, Binding)]? = { _, _ in nil }) {
        // Made with their capacity: `reserveCapacity` on the empty ones runs the unspecialised
        // generic code (1,300 instructions a namespace).
        slots = [NameKey: Slot](minimumCapacity: members.count)
        order = [String]()
        order.reserveCapacity(members.count)
        for member in members {
            switch member {
            case .function(let decl):
                guard runs(decl.guardKind) else { continue }
                bind(decl.name, .function(decl), line: decl.line)
            case .classDecl(let decl):
                guard runs(decl.guardKind) else { continue }
                bind(decl.name, .classDecl(decl), line: decl.line)
            case .assignment(let decl):
                guard runs(decl.guardKind) else { continue }
                for target in decl.targets {
                    if decl.op == .annotated && decl.value == nil { continue }
                    bind(target, .value(decl), line: decl.line)
                }
            case .importDecl(let decl):
                guard runs(decl.guardKind) else { continue }
                if decl.isStar {
                    if let names = starNames(decl.module, decl.level) {
                        for (name, binding) in names { bind(name, binding, line: decl.line) }
                    } else {
                        hasUnresolvedStarImport = true
                    }
                    continue
                }
                for (name, asName) in decl.names {
                    if decl.isFrom {
                        bind(asName ?? name, .imported(module: decl.module, level: decl.level, name: name), line: decl.line)
                    } else if let asName {
                        bind(asName, .module(dotted: name), line: decl.line)
                    } else {
                        let head = name.dottedHead
                        bind(head, .module(dotted: head), line: decl.line)
                    }
                }
            case .deletion(let names, _, let guardKind):
                guard guardKind == .none else { continue }
                for name in names where slots.removeValue(forKey: NameKey(name)) != nil {
                    order.removeAll { $0 == name }
                }
            }
        }
    }

    private func runs(_ guardKind: GuardKind) -> Bool {
        guardKind.mayRunOnImport
    }

    mutating func bind(_ name: String, _ binding: Binding, line: Int32 = 0) {
        let key = NameKey(name)
        // One hash for a first binding, the common case; a rebinding puts the first line back.
        guard let previous = slots.updateValue(Slot(binding: binding, firstLine: line), forKey: key) else {
            order.append(name)
            return
        }
        slots[key]!.firstLine = previous.firstLine
        if rebound[key] == nil { rebound[key] = [(previous.firstLine, previous.binding)] }
        rebound[key]!.append((line, binding))
    }

    subscript(name: String) -> Binding? { slots[NameKey(name)]?.binding }

    /// True when `name` is bound more than once.
    func isRebound(_ name: String) -> Bool { rebound[NameKey(name)] != nil }

    /// The binding of `name` in force just before `line` runs (the last one if none earlier).
    func binding(_ name: String, before line: Int32) -> Binding? {
        guard let history = rebound[NameKey(name)] else { return self[name] }
        return history.last(where: { $0.line < line })?.binding ?? nil
    }
}
