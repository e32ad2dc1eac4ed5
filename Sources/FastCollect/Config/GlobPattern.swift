/// A shell pattern compiled once and matched like Python's `fnmatch.fnmatch` on POSIX, over UTF-8
/// bytes without allocating (an undecodable byte counts as one character, as `surrogateescape` has it).
public struct GlobPattern: Sendable, Hashable {
    public let pattern: String
    private let ops: [Op]
    private let sets: [CharClass]
    /// When every literal is ASCII and there is no `?` or class: the literal runs between stars,
    /// matched as bytes (the first anchored at the start, the last at the end).
    private let literalRuns: Bool
    /// The runs stored flat: run `k` is `runBytes[runBounds[k]..<runBounds[k + 1]]`.
    private let runBytes: [UInt8]
    private let runBounds: [Int]

    private enum Op: Hashable, Sendable {
        case literal(UInt32)
        case any
        case star
        case set(Int)
    }

    /// A bracket expression: a list of inclusive ranges, possibly negated.
    private struct CharClass: Hashable, Sendable {
        var negated: Bool
        var ranges: [ClosedRange<UInt32>]
        /// `[]` after translation: matches nothing. (`[!]` compiles to `.any`.)
        var empty: Bool { !negated && ranges.isEmpty }

        func contains(_ c: UInt32) -> Bool {
            var hit = false
            for r in ranges where r.contains(c) { hit = true; break }
            return hit != negated
        }
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        let pat = pattern.unicodeScalars.map(\.value)
        var ops: [Op] = []
        var sets: [CharClass] = []
        var i = 0
        let n = pat.count
        while i < n {
            let c = pat[i]
            i += 1
            switch c {
            case 0x2A: // *
                if ops.last != .star { ops.append(.star) }
            case 0x3F: // ?
                ops.append(.any)
            case 0x5B: // [
                var j = i
                if j < n && pat[j] == 0x21 { j += 1 }
                if j < n && pat[j] == 0x5D { j += 1 }
                while j < n && pat[j] != 0x5D { j += 1 }
                if j >= n {
                    ops.append(.literal(0x5B))
                } else {
                    let cls = GlobPattern.translateClass(pat, from: i, to: j)
                    i = j + 1
                    switch cls {
                    case .none: ops.append(.any)
                    case let .some(cls):
                        ops.append(.set(sets.count))
                        sets.append(cls)
                    }
                }
            default:
                ops.append(.literal(c))
            }
        }
        self.ops = ops
        self.sets = sets
        let asciiOnly = ops.allSatisfy {
            switch $0 {
            case let .literal(c): return c < 0x80
            case .star: return true
            default: return false
            }
        }
        if asciiOnly {
            var segments: [[UInt8]] = [[]]
            for op in ops {
                if case let .literal(c) = op {
                    segments[segments.count - 1].append(UInt8(c))
                } else {
                    segments.append([])
                }
            }
            runBytes = segments.flatMap { $0 }
            runBounds = segments.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        } else {
            runBytes = []
            runBounds = []
        }
        literalRuns = asciiOnly
    }

    /// Ports the bracket branch of `fnmatch.translate`; nil means "any character" (`[!]`-like).
    private static func translateClass(_ pat: [UInt32], from start: Int, to j: Int) -> CharClass? {
        let hyphen: UInt32 = 0x2D
        var chunks: [[UInt32]] = []
        let stuff = Array(pat[start..<j])
        if !stuff.contains(hyphen) {
            chunks = [stuff]
        } else {
            var i = start
            var k = pat[start] == 0x21 ? start + 2 : start + 1
            while true {
                var found = -1
                if k < j {
                    for m in k..<j where pat[m] == hyphen { found = m; break }
                }
                if found < 0 { break }
                chunks.append(Array(pat[i..<found]))
                i = found + 1
                k = found + 3
            }
            let chunk = Array(pat[i..<j])
            if !chunk.isEmpty {
                chunks.append(chunk)
            } else {
                chunks[chunks.count - 1].append(hyphen)
            }
            var k2 = chunks.count - 1
            while k2 > 0 {
                if chunks[k2 - 1].last! > chunks[k2].first! {
                    chunks[k2 - 1] = Array(chunks[k2 - 1].dropLast()) + Array(chunks[k2].dropFirst())
                    chunks.remove(at: k2)
                }
                k2 -= 1
            }
        }
        // Chunks are literal runs; consecutive chunks are joined by a range operator.
        var negated = false
        if let first = chunks.first?.first, first == 0x21 {
            negated = true
            chunks[0].removeFirst()
        }
        let total = chunks.reduce(0) { $0 + $1.count }
        if total == 0 && chunks.count <= 1 {
            return negated ? nil : CharClass(negated: false, ranges: [])
        }
        var ranges: [ClosedRange<UInt32>] = []
        for (index, chunk) in chunks.enumerated() {
            var body = chunk[...]
            if index > 0 {
                let lo = chunks[index - 1].last ?? 0x21
                let hi = body.removeFirst()
                ranges.append(lo...hi)
            }
            if index < chunks.count - 1, !body.isEmpty { body.removeLast() }
            for c in body { ranges.append(c...c) }
        }
        return CharClass(negated: negated, ranges: ranges)
    }

    /// `fnmatch.fnmatch(name, pattern)`.
    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { matches($0) }
    }

    /// `fnmatch.fnmatch` on a UTF-8 name.
    public func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        literalRuns ? matchRuns(bytes) : matchScalars(bytes)
    }

    /// `lit0*lit1*...*litN` on bytes: ASCII literals can only match at character boundaries, so
    /// the leftmost occurrence of each middle literal is always a valid choice.
    private func matchRuns(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        runBytes.withUnsafeBufferPointer { lit in
            runBounds.withUnsafeBufferPointer { bounds in
                let n = s.count
                @inline(__always) func matchesAt(_ run: Int, _ at: Int) -> Bool {
                    var k = bounds[run]
                    var i = at
                    let stop = bounds[run + 1]
                    while k < stop {
                        if s[i] != lit[k] { return false }
                        k += 1
                        i += 1
                    }
                    return true
                }
                let runs = bounds.count - 1
                let firstCount = bounds[1]
                if runs == 1 { return n == firstCount && matchesAt(0, 0) }
                let lastCount = bounds[runs] - bounds[runs - 1]
                guard n >= firstCount + lastCount, matchesAt(0, 0), matchesAt(runs - 1, n - lastCount) else {
                    return false
                }
                var i = firstCount
                let end = n - lastCount
                for run in 1..<(runs - 1) {
                    let count = bounds[run + 1] - bounds[run]
                    if count == 0 { continue }
                    let head = lit[bounds[run]]
                    var found = false
                    while i + count <= end {
                        if s[i] == head && matchesAt(run, i) {
                            found = true
                            break
                        }
                        i += 1
                    }
                    if !found { return false }
                    i += count
                }
                return true
            }
        }
    }

    private func matchScalars(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        var p = 0
        var i = 0
        var starP = -1
        var starI = 0
        while true {
            if p < ops.count {
                let op = ops[p]
                if case .star = op {
                    if p == ops.count - 1 { return true }
                    starP = p
                    starI = i
                    p += 1
                    continue
                }
                if i < n {
                    let (c, length) = GlobPattern.decode(s, at: i)
                    let ok: Bool
                    switch op {
                    case let .literal(l): ok = c == l
                    case .any: ok = true
                    case let .set(index): ok = sets[index].contains(c)
                    case .star: ok = false
                    }
                    if ok {
                        p += 1
                        i += length
                        continue
                    }
                }
            } else if i == n {
                return true
            }
            if starP < 0 || starI >= n { return false }
            starI += GlobPattern.decode(s, at: starI).length
            if case let .literal(c) = ops[starP + 1], c < 0x80 {
                // An ASCII byte is always a whole character: jump to its next occurrence.
                while starI < n && UInt32(s[starI]) != c { starI += 1 }
            }
            i = starI
            p = starP + 1
        }
    }

    /// One code point at `i`: a well-formed UTF-8 sequence, or one byte as `U+DC80...U+DCFF`.
    @inline(__always)
    static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, length: Int) {
        let b0 = s[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let n = s.count
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> UInt32? {
            guard k < n else { return nil }
            let b = s[k]
            return (b >= lo && b <= hi) ? UInt32(b & 0x3F) : nil
        }
        let escaped = (0xDC00 + UInt32(b0), 1)
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = cont(i + 1) else { return escaped }
            return ((UInt32(b0 & 0x1F) << 6) | c1, 2)
        case 0xE0...0xEF:
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(i + 1, lo, hi), let c2 = cont(i + 2) else { return escaped }
            return ((UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2, 3)
        case 0xF0...0xF4:
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(i + 1, lo, hi), let c2 = cont(i + 2), let c3 = cont(i + 3) else { return escaped }
            return ((UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4)
        default:
            return escaped
        }
    }

    /// pytest's `fnmatch_ex(pattern, path)` (see `PathGlob`).
    public static func fnmatchEx(_ pattern: String, _ path: String) -> Bool {
        PathGlob(pattern).matches(path)
    }

    /// `fnmatch.fnmatch(name, pattern)` without keeping the compiled pattern.
    public static func fnmatch(_ name: String, _ pattern: String) -> Bool {
        GlobPattern(pattern).matches(name)
    }
}
