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
/// name keeps its first position) and each name's last binding. Built once, then shared: a
/// copy retains one object (namespaces are handed out of the caches tens of thousands of times).
struct Namespace: Sendable {
    private final class Storage: Sendable {
        let contents: Contents
        init(_ contents: Contents) { self.contents = contents }
    }

    private static let empty = Storage(Contents())
    private let storage: Storage

    var order: [String] { storage.contents.order }
    var hasUnresolvedStarImport: Bool { storage.contents.hasUnresolvedStarImport }

    init() { storage = Self.empty }

    /// Builds the namespace of `members`, skipping blocks that do not run on import.
    /// `starNames` gives the names a `from X import *` binds (nil when X can't be read).
    init(members: [Member], starNames: (_ module: String, _ level: Int) -> [(String, Binding)]? = { _, _ in nil }) {
        storage = Storage(Contents(members: members, starNames: starNames))
    }

    subscript(name: String) -> Binding? { storage.contents[name] }

    /// The binding of the name at `position` in `order`: a walk over the names in order needs
    /// no lookup by name.
    func binding(at position: Int) -> Binding { storage.contents.binding(at: position) }

    /// True when `name` is bound more than once (or deleted).
    func isRebound(_ name: String) -> Bool { storage.contents.rebound[NameKey(name)] != nil }

    /// The binding of `name` in force just before `line` runs (the last one if none earlier).
    func binding(_ name: String, before line: Int32) -> Binding? {
        guard let history = storage.contents.rebound[NameKey(name)] else { return self[name] }
        return history.last(where: { $0.line < line })?.binding
    }
}

/// What a `Namespace` holds, and how it is built.
private struct Contents: Sendable {
    private(set) var order: [String] = []
    /// By position in `order`: the name's last binding and the line of its first.
    private var slots: [Slot] = []
    /// Each name's position in `order`.
    private var table = NameTable()
    /// Every binding, with its line, of the names bound more than once or deleted (nil: `del`):
    /// a class statement's bases see the binding in force when it runs, not the last one.
    private(set) var rebound: [NameKey: [(line: Int32, binding: Binding?)]] = [:]
    /// True once a `del` ran: a name bound afresh may have a history to add to.
    private var hasDeletions = false
    /// True when a star import could not be resolved: any name may be bound.
    private(set) var hasUnresolvedStarImport = false

    private struct Slot {
        var binding: Binding
        var firstLine: Int32
    }

    init() {}

    init(members: [Member], starNames: (_ module: String, _ level: Int) -> [(String, Binding)]?) {
        // Sized for every name the members bind (an import or an assignment may bind several).
        var names = 0
        for member in members {
            switch member {
            case .importDecl(let decl): names &+= decl.names.count
            case .assignment(let decl): names &+= decl.targets.count
            default: names &+= 1
            }
        }
        table = NameTable(capacity: names)
        order.reserveCapacity(names)
        slots.reserveCapacity(names)
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
            case .deletion(let names, let line, let guardKind):
                guard guardKind == .none else { continue }
                for name in names { remove(name, line: line) }
            }
        }
    }

    private func runs(_ guardKind: GuardKind) -> Bool {
        guardKind.mayRunOnImport
    }

    private mutating func bind(_ name: String, _ binding: Binding, line: Int32 = 0) {
        // One probe for a first binding, the common case; a rebinding keeps the first line.
        guard let position = table.positionOrInsert(name, in: order) else {
            order.append(name)
            slots.append(Slot(binding: binding, firstLine: line))
            if hasDeletions, rebound[NameKey(name)] != nil { rebound[NameKey(name)]!.append((line, binding)) }
            return
        }
        let key = NameKey(name)
        if rebound[key] == nil { rebound[key] = [(slots[position].firstLine, slots[position].binding)] }
        rebound[key]!.append((line, binding))
        slots[position].binding = binding
    }

    /// `del name` on `line`: the name leaves the order (bound again, it goes last, as in a dict)
    /// and its history records the deletion.
    private mutating func remove(_ name: String, line: Int32) {
        guard let position = table.position(of: name, in: order) else { return }
        let key = NameKey(name)
        if rebound[key] == nil { rebound[key] = [(slots[position].firstLine, slots[position].binding)] }
        rebound[key]!.append((line, nil))
        hasDeletions = true
        order.remove(at: position)
        slots.remove(at: position)
        table = NameTable.of(order)
    }

    subscript(name: String) -> Binding? {
        table.position(of: name, in: order).map { slots[$0].binding }
    }

    func binding(at position: Int) -> Binding { slots[position].binding }
}
