import Testing

@testable import FastCollect

@Suite struct ByteDigestTests {
    /// Small strings (stored inline), native ones and ones decoded from bytes hash alike.
    @Test func equalNamesHashAlikeWhateverTheirStorage() {
        let names = ["", "a", "test_x", "__init__", "é", "a_name_longer_than_fifteen_bytes", String(repeating: "ab", count: 40)]
        for name in names {
            let decoded = String(decoding: Array(name.utf8), as: UTF8.self)
            let substring = String(("#" + name).dropFirst())
            for seed in [0, 1, -7, Int.max] {
                #expect(NameKey(name)._rawHashValue(seed: seed) == NameKey(decoded)._rawHashValue(seed: seed))
                #expect(NameKey(name)._rawHashValue(seed: seed) == NameKey(substring)._rawHashValue(seed: seed))
            }
        }
    }

    /// A dictionary uses a hash value's low bits as the bucket: names that differ in one byte
    /// must spread over them, and the dictionary's seed must change them.
    @Test func lowBitsSpreadOverSimilarNames() {
        let names = (0..<4096).map { "test_case_\($0)" } + (0..<4096).map { "t\($0)" }
        for seed in [0, 12345] {
            let buckets = Set(names.map { NameKey($0)._rawHashValue(seed: seed) & 4095 })
            // Random values would fill about 3,540 of 4,096 buckets.
            #expect(buckets.count > 3_300)
        }
        let moved = names.filter { NameKey($0)._rawHashValue(seed: 0) != NameKey($0)._rawHashValue(seed: 1) }
        #expect(moved.count == names.count)
    }

    @Test func dictionariesKeyedByNamesAndPathsKeepEveryEntry() {
        var names: [NameKey: Int] = [:]
        var paths: [PathKey: Int] = [:]
        var classes: [ClassKey: Int] = [:]
        for index in 0..<10_000 {
            names[NameKey("name\(index)")] = index
            paths[PathKey("/root/tests/dir\(index % 97)/test_\(index).py")] = index
            classes[ClassKey(file: "/root/tests/test_\(index % 13).py", offset: Int32(index))] = index
        }
        for index in stride(from: 0, to: 10_000, by: 2) { names.removeValue(forKey: NameKey("name\(index)")) }
        #expect(names.count == 5_000 && paths.count == 10_000 && classes.count == 10_000)
        for index in 0..<10_000 {
            #expect(names[NameKey("name\(index)")] == (index % 2 == 1 ? index : nil))
            #expect(paths[PathKey("/root/tests/dir\(index % 97)/test_\(index).py")] == index)
            #expect(classes[ClassKey(file: "/root/tests/test_\(index % 13).py", offset: Int32(index))] == index)
        }
    }

    @Test func digestReadsEveryByteOfAName() {
        #expect(ByteDigest.of("test_alpha") != ByteDigest.of("test_alphb"))
        #expect(ByteDigest.of("xest_alpha") != ByteDigest.of("test_alpha"))
        #expect(ByteDigest.of("") != ByteDigest.of("\0"))
        // Every position counts, whole eight-byte steps and the overlapping tail alike.
        for length in 1...24 {
            let name = String(repeating: "a", count: length)
            for position in 0..<length {
                var bytes = Array(name.utf8)
                bytes[position] = UInt8(ascii: "b")
                #expect(ByteDigest.of(String(decoding: bytes, as: UTF8.self)) != ByteDigest.of(name), "\(length) \(position)")
            }
        }
    }

    /// The composite keys: equal keys hash alike, keys differing in any field stay distinct.
    @Test func compositeKeysKeepTheirFieldsApart() {
        var imports: [ImportKey: Int] = [:]
        var names: [PathNameKey: Int] = [:]
        var lists: [ClassListKey: Int] = [:]
        var count = 0
        for dotted in ["a", "a.b", "b"] {
            for level in 0..<3 {
                for origin in ["/r/x.py", "/r/y.py"] {
                    count += 1
                    imports[ImportKey(dotted: dotted, level: level, origin: origin)] = count
                    names[PathNameKey(file: origin, name: dotted + String(level))] = count
                    let classes = (0..<level).map { ClassKey(file: origin, offset: Int32($0)) }
                    lists[ClassListKey([ClassKey(file: origin + dotted, offset: -1)] + classes)] = count
                }
            }
        }
        #expect(imports.count == 18 && names.count == 18 && lists.count == 18)
        #expect(imports[ImportKey(dotted: "a.b", level: 1, origin: "/r/y.py")] == 10)
        #expect(names[PathNameKey(file: "/r/y.py", name: "a.b1")] == 10)
        let same = ClassListKey([ClassKey(file: "/r/y.pya.b", offset: -1), ClassKey(file: "/r/y.py", offset: 0)])
        #expect(lists[same] == 10)
        #expect(ImportKey(dotted: "a", level: 0, origin: "/r").hashValue == ImportKey(dotted: "a", level: 0, origin: "/r").hashValue)
    }
}
