import Testing

@testable import FastCollect

/// The byte-level dotted-name helpers agree with `split(separator: ".")` on every string of
/// up to five characters over an alphabet with dots, letters and a non-ASCII letter.
@Suite struct DottedNamesTests {
    static let alphabet: [Character] = [".", "a", "é", "_"]

    static var allStrings: [String] {
        var result = [""]
        var layer = [""]
        for _ in 0..<5 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + String($0) } }
            result += layer
        }
        return result
    }

    @Test func partsMatchSplit() {
        for text in Self.allStrings {
            let omitted = text.split(separator: ".").map(String.init)
            let kept = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            #expect(text.dottedParts() == omitted, "\(text.debugDescription)")
            #expect(text.dottedParts(keepingEmpty: true) == kept, "\(text.debugDescription)")
            #expect(text.dottedHead == (omitted.first ?? text), "\(text.debugDescription)")
            #expect(text.dottedLast == (omitted.last ?? text), "\(text.debugDescription)")
            let sub = text.dropFirst(text.isEmpty ? 0 : 1)
            #expect(sub.dottedParts() == sub.split(separator: ".").map(String.init), "\(sub.debugDescription)")
        }
    }
}
