import Testing

@testable import FastCollect

/// `ScopeReorder.reorder` against the implementation it replaced (dictionaries and sets, one
/// rank per item and key), kept here as the oracle, on random items and params.
@Suite struct ScopeReorderDifferentialTests {
    @Test func arraysAndOneRankPerItemOrderAsBefore() {
        var random = SplitMix64(seed: 0x5C0_9E)
        let paths = ["/t/x.py", "/t/y.py", "/u/z.py"]
        for _ in 0..<3_000 {
            let count = 3 + random.next(28)
            let items = (0..<count).map { Int32($0 * 2) }
            var params: [Int32: [ScopeReorder.Param]] = [:]
            var places: [Int32: ScopeReorder.Place] = [:]
            for item in items {
                places[item] = ScopeReorder.Place(path: paths[random.next(3)], classNode: [-1, 5, 6][random.next(3)])
                let list = (0..<random.next(4)).map { _ in
                    ScopeReorder.Param(
                        argname: ["a", "b", "c"][random.next(3)], index: random.next(3),
                        scope: ScopeReorder.Scope.allCases[random.next(4)])
                }
                if !list.isEmpty { params[item] = list }
            }
            let place = { (item: Int32) in places[item]! }
            #expect(
                ScopeReorder.reorder(items, params: params, place: place)
                    == Reference.reorder(items, params: params, place: place))
        }
    }
}

/// `ScopeReorder` as it was at 301e234, unchanged but for its name: the oracle.
private enum Reference {
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
    static func reorder(_ items: [Int32], params: [Int32: [ScopeReorder.Param]], place: (Int32) -> ScopeReorder.Place) -> [Int32] {
        guard !params.isEmpty, items.count >= 3, items.contains(where: { params[$0] != nil }) else { return items }
        var keyIDs: [ArgKey: Int] = [:]
        // argkeys_by_item[scope][position] and items_by_argkey[key] (key ids are unique across scopes).
        var argkeysByItem = [[Int: [Int]]](repeating: [:], count: ScopeReorder.Scope.allCases.count)
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
            if scope >= ScopeReorder.Scope.allCases.count || items.count < 3 { return items }
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
