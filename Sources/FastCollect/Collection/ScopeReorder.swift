/// pytest's `reorder_items` (fixtures.py): groups items sharing a parameter of a scope wider than
/// function (session, package, module, class) so each such parameter is set up as few times as possible.
enum ScopeReorder {
    /// A scope wider than function, widest first (`HIGH_SCOPES` walked from session down).
    enum Scope: Int, Sendable, CaseIterable {
        case session, package, module, `class`

        init?(_ name: String?) {
            switch name {
            case "session": self = .session
            case "package": self = .package
            case "module": self = .module
            case "class": self = .class
            default: return nil
            }
        }
    }

    /// One entry of an item's `callspec.indices` whose `_arg2scope` is wider than function.
    struct Param: Sendable, Hashable {
        var argname: String
        var index: Int
        var scope: Scope
    }

    /// Where an item lives, for `ParamArgKey`: its module's path and its class node (-1: none).
    struct Place {
        var path: String
        var classNode: Int32
    }

    private struct ArgKey: Hashable {
        var argname: String
        var index: Int
        var path: String?
        var classNode: Int32
    }

    /// An `OrderedDict[Item, None]` whose entries can be moved to the front: iteration sorts by rank.
    private struct RankedItems {
        var rank: [Int: Int] = [:]
        var order: [Int] = []
        var dirty = false

        mutating func ordered() -> [Int] {
            if dirty {
                order.sort { rank[$0]! < rank[$1]! }
                dirty = false
            }
            return order
        }
    }

    /// `items` in pytest's order; `params` holds the wider-scoped params of the items that have any.
    static func reorder(_ items: [Int32], params: [Int32: [Param]], place: (Int32) -> Place) -> [Int32] {
        guard !params.isEmpty, items.count >= 3, items.contains(where: { params[$0] != nil }) else { return items }
        var keyIDs: [ArgKey: Int] = [:]
        // argkeys_by_item[scope][position] and items_by_argkey[key] (key ids are unique across scopes).
        var argkeysByItem = [[Int: [Int]]](repeating: [:], count: Scope.allCases.count)
        var itemsByArgkey: [Int: RankedItems] = [:]
        for (position, item) in items.enumerated() {
            guard let list = params[item] else { continue }
            let place = place(item)
            for param in list {
                var key = ArgKey(argname: param.argname, index: param.index, path: nil, classNode: -1)
                switch param.scope {
                case .session: break
                case .package: key.path = FilePath.parent(place.path)
                case .module: key.path = place.path
                case .class:
                    key.path = place.path
                    key.classNode = place.classNode
                }
                let id = keyIDs.number(of: key).number
                var keys = argkeysByItem[param.scope.rawValue][position, default: []]
                guard !keys.contains(id) else { continue }
                keys.append(id)
                argkeysByItem[param.scope.rawValue][position] = keys
                var ranked = itemsByArgkey[id, default: RankedItems()]
                if ranked.rank[position] == nil {
                    ranked.rank[position] = position
                    ranked.order.append(position)
                }
                itemsByArgkey[id] = ranked
            }
        }
        var state = State(argkeysByItem: argkeysByItem, itemsByArgkey: itemsByArgkey)
        return state.atScope(Array(items.indices), scope: 0).map { items[$0] }
    }

    /// The tables `reorder_items_atscope` shares across its recursion, items as positions.
    private struct State {
        var argkeysByItem: [[Int: [Int]]]
        var itemsByArgkey: [Int: RankedItems]
        var nextFrontRank = -1

        mutating func atScope(_ items: [Int], scope: Int) -> [Int] {
            if scope >= Scope.allCases.count || items.count < 3 { return items }
            let members = Set(items)
            var ignore = Set<Int>()
            var deque = Array(items.reversed())  // the front is the end
            var done: [Int] = []
            var doneSet = Set<Int>()
            while !deque.isEmpty {
                var noArgkey: [Int] = []
                var noArgkeySet = Set<Int>()
                var slicing: Int?
                while let item = deque.popLast() {
                    if doneSet.contains(item) || noArgkeySet.contains(item) { continue }
                    let keys = (argkeysByItem[scope][item] ?? []).filter { !ignore.contains($0) }
                    guard let last = keys.last else {
                        noArgkey.append(item)
                        noArgkeySet.insert(item)
                        continue
                    }
                    slicing = last
                    let matching = itemsByArgkey[last]!.ordered().filter { members.contains($0) }
                    for moved in matching.reversed() {
                        deque.append(moved)
                        for other in 0..<argkeysByItem.count {
                            for key in argkeysByItem[other][moved] ?? [] {
                                itemsByArgkey[key]!.rank[moved] = nextFrontRank
                                itemsByArgkey[key]!.dirty = true
                                nextFrontRank -= 1
                            }
                        }
                    }
                    break
                }
                if !noArgkey.isEmpty {
                    for item in atScope(noArgkey, scope: scope + 1) where doneSet.insert(item).inserted {
                        done.append(item)
                    }
                }
                if let slicing { ignore.insert(slicing) }
            }
            return done
        }
    }
}
