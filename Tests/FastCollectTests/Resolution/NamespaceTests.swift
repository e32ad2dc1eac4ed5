import ModuleScanner
import Testing

@testable import FastCollect

@Suite struct NamespaceTests {
    /// Names that share prefixes and lengths, longer than a small string, and not ASCII.
    static let pool = [
        "a", "b", "test", "test_a", "test_b", "Test", "__init__", "self", "x1", "x2",
        "test_a_rather_long_name_over_sixteen_bytes", "test_a_rather_long_name_over_sixteen_bytez",
        "naïve", "naive", "δ", "名前",
    ]

    /// A `__dict__` by the letter of Python: insertion order, a rebound name keeps its
    /// position, `del` removes it and binding it again puts it last; every binding and `del` of
    /// a name bound more than once or deleted is remembered with its line (nil: deleted).
    struct Model {
        var order: [String] = []
        var last: [String: Int32] = [:]
        var firstLine: [String: Int32] = [:]
        var history: [String: [(line: Int32, id: Int32?)]] = [:]

        mutating func bind(_ name: String, id: Int32, line: Int32) {
            if let previous = last[name] {
                if history[name] == nil { history[name] = [(firstLine[name]!, previous)] }
                history[name]!.append((line, id))
            } else {
                order.append(name)
                firstLine[name] = line
                history[name]?.append((line, id))
            }
            last[name] = id
        }

        mutating func delete(_ name: String, line: Int32) {
            guard let previous = last.removeValue(forKey: name) else { return }
            if history[name] == nil { history[name] = [(firstLine[name]!, previous)] }
            history[name]!.append((line, nil))
            order.removeAll { $0 == name }
        }
    }

    static func id(_ binding: Binding?) -> Int32? {
        guard case .value(let decl)? = binding else { return nil }
        return decl.value?.lowerBound
    }

    /// Random bodies of assignments (one or two targets), `del`s and a few statements that do
    /// not run on import, against the model.
    @Test func matchesTheModelOfAPythonDict() {
        var random = SplitMix64(seed: 0x5EED)
        for round in 0..<400 {
            var members: [Member] = []
            var model = Model()
            for step in 0..<random.next(60) {
                let line = Int32(step + 1)
                let name = Self.pool[random.next(Self.pool.count)]
                switch random.next(10) {
                case 0:
                    members.append(.deletion(names: [name], line: line, guardKind: .none))
                    model.delete(name, line: line)
                case 1:
                    let id = Int32(step)
                    members.append(
                        .assignment(AssignmentDecl(targets: [name], value: id..<(id + 1), line: line, guardKind: .mainGuard)))
                case 2:
                    let other = Self.pool[random.next(Self.pool.count)]
                    let id = Int32(step)
                    members.append(.assignment(AssignmentDecl(targets: [name, other], value: id..<(id + 1), line: line)))
                    model.bind(name, id: id, line: line)
                    model.bind(other, id: id, line: line)
                default:
                    let id = Int32(step)
                    members.append(.assignment(AssignmentDecl(targets: [name], value: id..<(id + 1), line: line)))
                    model.bind(name, id: id, line: line)
                }
            }
            let namespace = Namespace(members: members)
            #expect(namespace.order == model.order, "round \(round)")
            for (position, name) in namespace.order.enumerated() {
                #expect(Self.id(namespace.binding(at: position)) == model.last[name], "round \(round): \(name) by position")
            }
            for name in Self.pool {
                #expect(Self.id(namespace[name]) == model.last[name], "round \(round): \(name)")
                #expect(namespace.isRebound(name) == (model.history[name] != nil), "round \(round): \(name)")
                for line: Int32 in [1, 5, 20, 70] {
                    let expected = model.history[name].map { $0.last(where: { $0.line < line })?.id } ?? model.last[name]
                    #expect(
                        Self.id(namespace.binding(name, before: line)) == expected, "round \(round): \(name) before \(line)")
                }
            }
        }
    }

    @Test func importsBindTheirNamesInOrder() {
        let members: [Member] = [
            .importDecl(ImportDecl(module: "os.path", names: [("os.path", nil)], isFrom: false, line: 1)),
            .importDecl(ImportDecl(module: "m", names: [("a", nil), ("b", "c"), ("d", nil)], isFrom: true, line: 2)),
            .importDecl(ImportDecl(module: "json", names: [("json", "j")], isFrom: false, line: 3)),
        ]
        let namespace = Namespace(members: members)
        #expect(namespace.order == ["os", "a", "c", "d", "j"])
        guard case .imported(let module, _, let name)? = namespace["c"] else {
            Issue.record("c is not imported")
            return
        }
        #expect(module == "m" && name == "b")
        #expect(namespace["b"] == nil)
    }
}

@Suite struct NameTableTests {
    /// Thousands of names (the table grows several times), each found at its position, and
    /// names never inserted not found.
    @Test func findsEveryNameAndNoOther() {
        var random = SplitMix64(seed: 0x7AB1E)
        let letters = Array("abcdefghij_T".unicodeScalars)
        var names: [String] = []
        var table = NameTable()
        var seen = Set<String>()
        for _ in 0..<5000 {
            var name = ""
            for _ in 0..<(1 + random.next(24)) { name.unicodeScalars.append(letters[random.next(letters.count)]) }
            let existing = table.positionOrInsert(name, in: names)
            if seen.insert(name).inserted {
                #expect(existing == nil, "\(name) found before it was inserted")
                names.append(name)
            } else {
                #expect(existing.map { names[$0] } == name)
            }
        }
        let rebuilt = NameTable.of(names)
        for (position, name) in names.enumerated() {
            #expect(table.position(of: name, in: names) == position)
            #expect(rebuilt.position(of: name, in: names) == position)
        }
        for absent in ["", "absent name", "ABC", "abcdefghij_Tabcdefghij_Tabcdefghij_T"] where !seen.contains(absent) {
            #expect(table.position(of: absent, in: names) == nil)
        }
        #expect(NameTable().position(of: "a", in: []) == nil)
    }
}
