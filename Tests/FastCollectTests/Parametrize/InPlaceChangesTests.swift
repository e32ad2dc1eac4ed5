import Testing

@testable import FastCollect

@Suite struct InPlaceChangesTests {
    /// Whether `V` may be changed in place by the source (over LF and CRLF line ends).
    @Test(arguments: [
        ("V.append(1)", true),
        ("V . extend ([2])", true),
        ("def f():\n    V.add(3)", true),
        ("self.V.update(x)", true),
        ("V[0] = 1", true),
        ("V['k'] += 1", true),
        ("V[a:b] = []", true),
        ("del V[0]", true),
        ("del  V['k']", true),
        ("V += [3]", true),
        ("V |= {4}", true),
        ("V //= 2", true),
        ("V = [1]", false),
        ("V == [1]", false),
        ("V[0] == 1", false),
        ("V <= W", false),
        ("V >= W", false),
        ("V != W", false),
        ("f(V=1)", false),
        ("V.copy()", false),
        ("V.appendix(1)", false),
        ("len(V)", false),
        ("VV.append(1)", false),
        ("_V.append(1)", false),
        ("V2[0] = 1", false),
        ("model.V.count(1)", false),
        ("del V", false),
        ("x = {'V': 1}", false),
    ])
    func mayChange(source: String, expected: Bool) {
        for text in [source, source.replacingOccurrences(of: "\n", with: "\r\n")] {
            let bytes = Array(("W = 0\n" + text + "\n").utf8)
            let found = bytes.withUnsafeBufferPointer { InPlaceChanges.mayChange("V", in: $0) }
            #expect(found == expected, "\(text)")
        }
    }

    @Test func emptyNameOrSourceChangesNothing() {
        #expect(![UInt8]().withUnsafeBufferPointer { InPlaceChanges.mayChange("V", in: $0) })
        #expect(!Array("V.append(1)".utf8).withUnsafeBufferPointer { InPlaceChanges.mayChange("", in: $0) })
    }
}
