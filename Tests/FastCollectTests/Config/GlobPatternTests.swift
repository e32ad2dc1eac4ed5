import Testing
@testable import FastCollect

extension ConfigTests {
    @Suite struct GlobPatternTests {
        /// `fnmatch.fnmatch` answers from `fnmatch-cases.json`, through both entry points.
        @Test func matchesPythonFnmatch() throws {
            let all = try #require(try ConfigFixtures.json("fnmatch-cases.json") as? [String: Any])
            let cases = try #require(all["fnmatch"] as? [[String: Any]])
            #expect(cases.count > 80)
            for c in cases {
                let name = c["name"] as! String
                let pattern = c["pattern"] as! String
                let expected = c["match"] as! Bool
                let glob = GlobPattern(pattern)
                #expect(glob.matches(name) == expected, "fnmatch(\(ConfigText.repr(name)), \(ConfigText.repr(pattern)))")
                var copy = name
                let viaBytes = copy.withUTF8 { glob.matches($0) }
                #expect(viaBytes == expected, "bytes: fnmatch(\(ConfigText.repr(name)), \(ConfigText.repr(pattern)))")
                #expect(GlobPattern.fnmatch(name, pattern) == expected)
            }
        }

        /// pytest's `fnmatch_ex` answers, for `PathGlob` on strings and on normalized path bytes.
        @Test func matchesPytestFnmatchEx() throws {
            let all = try #require(try ConfigFixtures.json("fnmatch-cases.json") as? [String: Any])
            let cases = try #require(all["fnmatchEx"] as? [[String: Any]])
            #expect(cases.count > 20)
            for c in cases {
                let pattern = c["pattern"] as! String
                let path = c["path"] as! String
                let expected = c["match"] as! Bool
                #expect(PathGlob(pattern).matches(path) == expected, "fnmatch_ex(\(ConfigText.repr(pattern)), \(ConfigText.repr(path)))")
                #expect(GlobPattern.fnmatchEx(pattern, path) == expected)
                var normalized = ConfigPath.pathlibNormalize(path)
                let viaBytes = normalized.withUTF8 { PathGlob(pattern).matches(path: $0) }
                #expect(viaBytes == expected, "bytes: fnmatch_ex(\(ConfigText.repr(pattern)), \(ConfigText.repr(path)))")
            }
        }

        /// `_matches_prefix_or_glob_option` answers.
        @Test func matchesPrefixOrGlob() throws {
            let all = try #require(try ConfigFixtures.json("fnmatch-cases.json") as? [String: Any])
            let cases = try #require(all["prefixOrGlob"] as? [[String: Any]])
            #expect(cases.count > 10)
            for c in cases {
                let options = c["options"] as! [String]
                let name = c["name"] as! String
                #expect(PrefixOrGlobMatcher(options).matches(name) == (c["match"] as! Bool), "\(options) \(name)")
            }
        }

        @Test func nameInsideDirectory() {
            let byName = PathGlob("test_*.py")
            let byPath = PathGlob("tests/unit/*.py")
            let name: [UInt8] = Array("test_a.py".utf8)
            name.withUnsafeBufferPointer { buffer in
                #expect(byName.matches(name: buffer, inDirectory: "/r/x"))
                #expect(byPath.matches(name: buffer, inDirectory: "/r/tests/unit"))
                #expect(!byPath.matches(name: buffer, inDirectory: "/r/tests"))
                #expect(!byPath.matches(name: buffer, inDirectory: "/"))
            }
        }

        /// Undecodable bytes count as one character each (Python's `surrogateescape` names).
        @Test func invalidUTF8NamesMatchPerByte() {
            let cases: [([UInt8], String, Bool)] = [
                ([0x61, 0xFF, 0x62], "a?b", true),
                ([0x61, 0xFF, 0xFE, 0x62], "a?b", false),
                ([0x61, 0xFF, 0xFE, 0x62], "a??b", true),
                ([0x61, 0xE2, 0x82, 0x62], "a??b", true),   // truncated sequence: two escaped bytes
                ([0x61, 0xE2, 0x82, 0xAC, 0x62], "a?b", true), // U+20AC is one character
                ([0xC0, 0x80], "??", true),                  // overlong: two escaped bytes
                ([0xED, 0xA0, 0x80], "???", true),           // encoded surrogate: three escaped bytes
                ([0x74, 0x65, 0x73, 0x74, 0x5F, 0xFF, 0x2E, 0x70, 0x79], "test_*.py", true),
                ([0xFF], "[!a]", true),
                ([0xFF], "*", true),
            ]
            for (bytes, pattern, expected) in cases {
                let result = bytes.withUnsafeBufferPointer { GlobPattern(pattern).matches($0) }
                #expect(result == expected, "\(bytes) \(pattern)")
            }
        }

        /// Against a direct recursive definition of shell matching, over a small alphabet.
        @Test func agreesWithReferenceMatcher() {
            func reference(_ s: [Character], _ p: [Character]) -> Bool {
                guard let first = p.first else { return s.isEmpty }
                switch first {
                case "*":
                    return (0...s.count).contains { reference(Array(s[$0...]), Array(p.dropFirst())) }
                case "?":
                    return !s.isEmpty && reference(Array(s.dropFirst()), Array(p.dropFirst()))
                default:
                    return s.first == first && reference(Array(s.dropFirst()), Array(p.dropFirst()))
                }
            }
            var rng = ConfigTestRandom(seed: 0x5EED)
            let alphabet: [Character] = ["a", "b", "é", "/"]
            let patternAlphabet: [Character] = ["a", "b", "é", "/", "*", "?"]
            for _ in 0..<3000 {
                let s = (0..<Int(rng.next() % 7)).map { _ in alphabet[Int(rng.next() % 4)] }
                let p = (0..<Int(rng.next() % 6)).map { _ in patternAlphabet[Int(rng.next() % 6)] }
                let name = String(s)
                let pattern = String(p)
                #expect(GlobPattern(pattern).matches(name) == reference(s, p), "\(name) \(pattern)")
            }
        }

        @Test func longNamesDoNotBlowUp() {
            let name = String(repeating: "a", count: 200_000) + "b"
            #expect(GlobPattern("*a*a*a*a*c").matches(name) == false)
            #expect(GlobPattern("*a*b").matches(name))
        }
    }
}

/// A small deterministic generator for property tests.
struct ConfigTestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
