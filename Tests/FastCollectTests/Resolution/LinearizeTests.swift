import Testing

@testable import FastCollect

/// `ModuleGraph.linearize` against a plain C3 written from its definition (merge: take the
/// first head that is in no tail, drop it from every sequence it heads), on hierarchies
/// Python accepts and on arbitrary, possibly inconsistent, sequences.
@Suite struct LinearizeTests {
    /// The definition, on names; inconsistent input keeps a depth-first order without duplicates.
    private static func reference(_ sequences: [[String]]) -> [String] {
        var seqs = sequences.filter { !$0.isEmpty }
        var result: [String] = []
        while !seqs.isEmpty {
            guard let head = seqs.map({ $0[0] }).first(where: { h in !seqs.contains { $0.dropFirst().contains(h) } })
            else {
                for seq in seqs { for name in seq where !result.contains(name) { result.append(name) } }
                return result
            }
            result.append(head)
            seqs = seqs.map { $0[0] == head ? Array($0.dropFirst()) : $0 }.filter { !$0.isEmpty }
        }
        return result
    }

    private static func names(_ entries: [MROEntry]) -> [String] {
        entries.map { entry in
            if case .unknown(let name) = entry { return name }
            return "?"
        }
    }

    private static func linearized(_ sequences: [[String]]) -> [String] {
        names(ModuleGraph.linearize(sequences.map { $0.map { MROEntry.unknown($0) } }))
    }

    @Test func pythonsExamples() {
        // class A(B, C) with B(D), C(D): A B C D.
        #expect(Self.linearized([["B", "D", "object"], ["C", "D", "object"], ["B", "C"]]) == ["B", "C", "D", "object"])
        // Inconsistent (X(A, B) with B(A)): depth-first, no duplicates.
        #expect(Self.linearized([["A", "object"], ["B", "A", "object"], ["A", "B"]]) == ["A", "object", "B"])
        #expect(Self.linearized([]) == [] && Self.linearized([[], []]) == [])
    }

    @Test func randomHierarchiesAgreeWithTheDefinition() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<400 {
            // Classes 0..<n, each with up to three bases among the earlier ones.
            let count = 2 + generator.next(9)
            var mros: [[String]] = []
            for index in 0..<count {
                var bases: [Int] = []
                if index > 0 {
                    for _ in 0..<generator.next(4) {
                        let base = generator.next(index)
                        if !bases.contains(base) { bases.append(base) }
                    }
                }
                let sequences = bases.map { mros[$0] } + [bases.map { "C\($0)" }]
                let expected = Self.reference(sequences)
                #expect(Self.linearized(sequences) == expected, "\(sequences)")
                mros.append(["C\(index)"] + expected)
            }
        }
    }

    @Test func arbitrarySequencesAgreeWithTheDefinition() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2_000 {
            let sequences = (0..<generator.next(5)).map { _ in
                (0..<generator.next(6)).map { _ in ["A", "B", "C", "D", "E", "F"][generator.next(6)] }
            }
            #expect(Self.linearized(sequences) == Self.reference(sequences), "\(sequences)")
        }
    }
}
