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

    /// An `OrderedDict[Item, None]` whose entries can be moved to the front: iteration sorts
    /// by the items' ranks. An item moved to the front gets one new rank for all its keys:
    /// ranks only order the items of one key, and moves give them in decreasing order either way.
    private struct RankedItems {
        var order: [Int] = []
        var dirty = false

        mutating func ordered(by rank: [Int]) -> [Int] {
            if dirty {
                order.sort { rank[$0] < rank[$1] }
                dirty = false
            }
            return order
        }
    }

    /// `items` in pytest's order; `params` holds the wider-scoped params of the items that have any.
    static func reorder(_ items: [Int32], params: [Int32: [Param]], place: (Int32) -> Place) -> [Int32] {
        guard !params.isEmpty, items.count >= 3, items.contains(where: { params[$0] != nil }) else { return items }
        var keyIDs: [ArgKey: Int] = [:]
        // argkeys_by_item[scope][position] and items_by_argkey[key] (key ids are unique across
        // scopes), items as their positions and keys as their ids, so every table is an array.
        var argkeysByItem = [[[Int]]](
            repeating: [[Int]](repeating: [], count: items.count), count: Scope.allCases.count)
        var itemsByArgkey: [RankedItems] = []
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
                let (id, isNew) = keyIDs.number(of: key)
                if isNew { itemsByArgkey.append(RankedItems()) }
                guard !argkeysByItem[param.scope.rawValue][position].contains(id) else { continue }
                argkeysByItem[param.scope.rawValue][position].append(id)
                // A class-scoped param outside a class has its module-scoped key: the item is in
                // that key's order once (positions come in increasing order).
                if itemsByArgkey[id].order.last != position { itemsByArgkey[id].order.append(position) }
            }
        }
        var state = State(argkeysByItem: argkeysByItem, itemsByArgkey: itemsByArgkey, rank: Array(items.indices))
        return state.atScope(Array(items.indices), scope: 0).map { items[$0] }
    }

    /// The tables `reorder_items_atscope` shares across its recursion, items as positions.
    private struct State {
        var argkeysByItem: [[[Int]]]
        var itemsByArgkey: [RankedItems]
        /// Each item's rank: its position until it is moved to the front.
        var rank: [Int]
        var nextFrontRank = -1

        mutating func atScope(_ items: [Int], scope: Int) -> [Int] {
            if scope >= Scope.allCases.count || items.count < 3 { return items }
            // Sets of positions and key ids as flags; `noArgkey` as the round that added it.
            var members = [Bool](repeating: false, count: rank.count)
            for item in items { members[item] = true }
            var ignore = [Bool](repeating: false, count: itemsByArgkey.count)
            var deque = Array(items.reversed())  // the front is the end
            var done: [Int] = []
            var isDone = [Bool](repeating: false, count: rank.count)
            var noArgkeyRound = [Int](repeating: -1, count: rank.count)
            var round = 0
            while !deque.isEmpty {
                round += 1
                var noArgkey: [Int] = []
                var slicing: Int?
                while let item = deque.popLast() {
                    if isDone[item] || noArgkeyRound[item] == round { continue }
                    guard let last = argkeysByItem[scope][item].last(where: { !ignore[$0] }) else {
                        noArgkey.append(item)
                        noArgkeyRound[item] = round
                        continue
                    }
                    slicing = last
                    let matching = itemsByArgkey[last].ordered(by: rank).filter { members[$0] }
                    for moved in matching.reversed() {
                        deque.append(moved)
                        rank[moved] = nextFrontRank
                        nextFrontRank -= 1
                        for other in 0..<argkeysByItem.count {
                            for key in argkeysByItem[other][moved] { itemsByArgkey[key].dirty = true }
                        }
                    }
                    break
                }
                if !noArgkey.isEmpty {
                    for item in atScope(noArgkey, scope: scope + 1) where !isDone[item] {
                        isDone[item] = true
                        done.append(item)
                    }
                }
                if let slicing { ignore[slicing] = true }
            }
            return done
        }
    }
}
