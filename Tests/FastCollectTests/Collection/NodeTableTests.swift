import Testing

@testable import FastCollect

struct NodeTableTests {
    @Test func valuesAtNodesAndNilElsewhere() {
        var table = NodeTable<String>()
        #expect(table[0] == nil)
        #expect(table[-1] == nil)
        table[5] = "five"
        table[2] = "two"
        #expect(table[5] == "five")
        #expect(table[2] == "two")
        #expect(table[3] == nil)
        #expect(table[6] == nil)
        #expect(table[-1] == nil)
        table[5] = nil
        #expect(table[5] == nil)
        table[100] = nil  // clearing past the end changes nothing
        #expect(table[100] == nil)
    }

    @Test func defaultSubscriptAppends() {
        var table = NodeTable<[String]>()
        table[3, default: []] += ["a"]
        table[3, default: []] += ["b"]
        #expect(table[3] == ["a", "b"])
        #expect(table[4, default: ["x"]] == ["x"])
        #expect(table[4] == nil)
    }

    @Test func madeFromADictionary() {
        let table = NodeTable([7: "seven", 0: "zero"])
        #expect(table[7] == "seven")
        #expect(table[0] == "zero")
        #expect(table[1] == nil)
    }
}
