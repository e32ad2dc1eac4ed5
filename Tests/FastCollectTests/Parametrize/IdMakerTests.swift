import Foundation
import Testing

@testable import FastCollect
import ModuleScanner

/// Tables recorded from Python by scripts/make-parametrize-cases.py (`tables` in the JSON).
private struct RecordedTables {
    var floats: [(bits: UInt64, repr: String)] = []
    var complexes: [(real: UInt64, imag: UInt64, repr: String)] = []
    var strings: [(text: String, escaped: String, repr: String)] = []
    var bytes: [(data: [UInt8], escaped: String, repr: String)] = []

    static let shared: RecordedTables = {
        var tables = RecordedTables()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/parametrize-cases.json")
        guard let data = try? Data(contentsOf: url),
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let raw = document["tables"] as? [String: Any]
        else { return tables }
        for row in raw["floats"] as? [[String]] ?? [] {
            tables.floats.append((UInt64(row[0], radix: 16)!, row[1]))
        }
        for row in raw["complex"] as? [[String]] ?? [] {
            tables.complexes.append((UInt64(row[0], radix: 16)!, UInt64(row[1], radix: 16)!, row[2]))
        }
        for row in raw["strings"] as? [[String]] ?? [] {
            tables.strings.append((row[0], row[1], row[2]))
        }
        for row in raw["bytes"] as? [[Any]] ?? [] {
            let data = (row[0] as? [Int] ?? []).map { UInt8($0) }
            tables.bytes.append((data, row[1] as? String ?? "", row[2] as? String ?? ""))
        }
        return tables
    }()
}

@Suite("IdMaker and Python text forms (Parametrize)")
struct ParametrizeIdMakerTests {
    @Test func floatReprMatchesPython() {
        let tables = RecordedTables.shared
        #expect(tables.floats.count > 1000)
        for (bits, expected) in tables.floats {
            #expect(PyFormatting.floatRepr(Double(bitPattern: bits)) == expected, "bits \(String(bits, radix: 16))")
        }
    }

    @Test func complexReprMatchesPython() {
        let tables = RecordedTables.shared
        #expect(tables.complexes.count > 100)
        for (real, imag, expected) in tables.complexes {
            #expect(PyFormatting.complexRepr(real: Double(bitPattern: real), imag: Double(bitPattern: imag)) == expected)
        }
    }

    @Test func asciiEscapedAndReprMatchPython() {
        let tables = RecordedTables.shared
        #expect(tables.strings.count > 50)
        var versionDependent = 0
        for (text, escaped, repr) in tables.strings {
            #expect(PyFormatting.asciiEscaped(text) == escaped)
            if let mine = PyFormatting.stringRepr(text) {
                #expect(mine == repr, "\(escaped)")
            } else {
                versionDependent += 1
            }
        }
        #expect(versionDependent < tables.strings.count / 4)
        for (data, escaped, repr) in tables.bytes {
            #expect(PyFormatting.asciiEscaped(data) == escaped)
            #expect(PyFormatting.bytesRepr(data) == repr)
        }
    }

    static let floats: [(Double, String)] = [
        (0.1, "0.1"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
        (-0.0, "-0.0"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"), (1.5e300, "1.5e+300"),
        (123456789012345678.0, "1.2345678901234568e+17"), (Double.leastNonzeroMagnitude, "5e-324"), (100, "100.0"), (2.5, "2.5"),
    ]

    @Test(arguments: floats)
    func floatRepr(_ value: Double, _ expected: String) throws {
        #expect(PyFormatting.floatRepr(value) == expected)
        #expect(try IdMaker.idFromValue(.float(value), options: IdOptions()) == expected)
    }

    static let idValues: [(PyValue, String?)] = [
        (.int(.small(-3)), "-3"),
        (.int(PyInt(decimal: "100000000000000000000")!), "100000000000000000000"),
        (.bool(true), "True"),
        (.none, "None"),
        (.complex(real: 1, imag: 2), "(1+2j)"),
        (.complex(real: -0.0, imag: -1), "(-0-1j)"),
        (.str("é\t"), "\\xe9\\t"),
        (.str("a\\b"), "a\\\\b"),
        (.bytes([0xE9, 0x5C]), "\\xe9\\"),
        (.pattern("a\\d"), "a\\\\d"),
        (.callable(.builtin("itertools.product")), "product"),
        (.callable(.lambda(PyLambda(parameters: [], body: .none, captured: [], scope: 0))), "<lambda>"),
        (.callable(.function("helper")), "helper"),
        (.module("os"), "os"),
        (.hiddenParam, "_HiddenParam.token"),
        (.tuple([]), nil),
        (.ellipsis, nil),
        (.object("Decimal"), nil),
        (.range(PyRange(start: 0, stop: 1, step: 1)), nil),
    ]

    @Test(arguments: idValues)
    func idFromValue(_ value: PyValue, _ expected: String?) throws {
        #expect(try IdMaker.idFromValue(value, options: IdOptions()) == expected)
    }

    @Test func escapingCanBeDisabled() throws {
        let options = IdOptions(disableTestIdEscaping: true)
        #expect(try IdMaker.idFromValue(.str("é\t"), options: options) == "é\t")
        #expect(try IdMaker.idFromValue(.pattern("é"), options: options) == "\\xe9")
        #expect(throws: IdMaker.Failure.self) { try IdMaker.idFromValue(.bytes([1]), options: options) }
    }

    @Test func opaqueValuesAreDynamic() {
        #expect(throws: IdMaker.Failure.dynamic("unknown")) { try IdMaker.idFromValue(.opaque("unknown"), options: IdOptions()) }
    }

    private func ids(_ values: [PyValue], argname: String = "a", explicit: [PyValue?]? = nil, options: IdOptions = IdOptions()) throws -> [String] {
        let maker = IdMaker(argnames: [argname], parameterSets: values.map { IdMaker.ParameterSet(values: [$0]) },
                            ids: explicit, options: options, nodeID: "t.py::f", functionName: "f")
        return try maker.makeUniqueIDs().map { id in
            if case .text(let text) = id { return text }
            return "<hidden>"
        }
    }

    @Test func duplicatesAreNumbered() throws {
        #expect(try ids([.int(.small(1)), .int(.small(1)), .str("1")]) == ["1_0", "1_1", "1_2"])
        #expect(try ids([.str("a"), .str("a0"), .str("a")]) == ["a1", "a0", "a2"])
        #expect(try ids([.str("x"), .str("x"), .str("x0"), .str("x1"), .str("x")]) == ["x2", "x3", "x0", "x1", "x4"])
        #expect(try ids([.str(""), .str(""), .str("0")]) == ["1", "2", "0"])
        #expect(try ids([.str("v²"), .str("v²")]) == ["v\\xb2_0", "v\\xb2_1"])
        #expect(try ids([.tuple([]), .tuple([])]) == ["a0", "a1"])
    }

    /// Duplicates at the ends of 16 ids (compared pairwise) and of 17 (counted).
    @Test(arguments: [16, 17])
    func duplicatesAtTheEnds(count: Int) throws {
        let values: [PyValue] = (0..<count).map { .str($0 == count - 1 ? "v0" : "v\($0)") }
        let made = try ids(values)
        #expect(made.first == "v0_0" && made.last == "v0_1")
        #expect(Array(made.dropFirst().dropLast()) == (1..<count - 1).map { "v\($0)" })
    }

    @Test func fewAndDistinct() {
        #expect(IdMaker.fewAndDistinct([]))
        #expect(IdMaker.fewAndDistinct([.text("a"), .text("b"), .hidden]))
        #expect(!IdMaker.fewAndDistinct([.text("a"), .text("b"), .text("a")]))
        #expect(!IdMaker.fewAndDistinct([.hidden, .text("b"), .hidden]))
        #expect(!IdMaker.fewAndDistinct((0..<17).map { .text("\($0)") }))
    }

    @Test func manyDuplicatesStayFast() throws {
        let start = ContinuousClock.now
        let made = try ids(Array(repeating: .none, count: 20_000) + [.str("None3")])
        #expect(made.count == 20_001)
        #expect(made[3] == "None4")
        #expect(made.last == "None3")
        #expect(Set(made).count == made.count)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func explicitIdsFallBackAndMustBeSupported() throws {
        #expect(try ids([.int(.small(1)), .int(.small(2))], explicit: [.str("x"), nil]) == ["x", "2"])
        #expect(try ids([.int(.small(1)), .int(.small(2))], explicit: [.hiddenParam, .str("y")]) == ["<hidden>", "y"])
        #expect(throws: IdMaker.Failure.self) { try ids([.int(.small(1))], explicit: [.list([])]) }
        #expect(throws: IdMaker.Failure.self) { try ids([.int(.small(1)), .int(.small(2))], explicit: [.hiddenParam, .hiddenParam]) }
    }

    @Test func strictIdsRejectDuplicates() {
        #expect(throws: IdMaker.Failure.self) {
            try ids([.int(.small(1)), .int(.small(1))], options: IdOptions(strictParametrizationIds: true))
        }
        #expect((try? ids([.int(.small(1)), .int(.small(2))], options: IdOptions(strictParametrizationIds: true))) == ["1", "2"])
    }

    @Test func formatSpecsAndPercent() {
        #expect(PyFormatting.format(.int(.small(7)), spec: "03d") == "007")
        #expect(PyFormatting.format(.int(.small(-7)), spec: "05") == "-0007")
        #expect(PyFormatting.format(.int(.small(1234567)), spec: ",") == "1,234,567")
        #expect(PyFormatting.format(.int(.small(255)), spec: "#x") == "0xff")
        #expect(PyFormatting.format(.str("ab"), spec: "^6") == "  ab  ")
        #expect(PyFormatting.format(.str("ab"), spec: "*>4") == "**ab")
        #expect(PyFormatting.format(.bool(true), spec: "") == "True")
        #expect(PyFormatting.format(.bool(true), spec: "d") == "1")
        #expect(PyFormatting.format(.float(1.5), spec: ".2f") == nil)
        #expect(PyFormatting.percentFormat("%s-%03d-%r%%", .tuple([.str("a"), .int(.small(5)), .str("b")])) == "a-005-'b'%")
        #expect(PyFormatting.percentFormat("%(k)s", .dict(PyDict(keys: [.str("k")], values: [.int(.small(1))]))) == "1")
        #expect(PyFormatting.percentFormat("%s %s", .tuple([.int(.small(1))])) == nil)
        #expect(PyFormatting.strFormat("{}-{0}-{k!r}", positional: [.int(.small(1))], keywords: [("k", .str("v"))]) == "1-1-'v'")
    }
}
