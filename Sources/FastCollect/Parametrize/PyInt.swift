/// A Python `int`: an `Int` when it fits, else a sign and magnitude. Supports what parametrize
/// values need (arithmetic, comparison, decimal text); operations it cannot do return nil.
public enum PyInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    case small(Int)
    /// Never a value that fits an `Int`.
    case big(negative: Bool, magnitude: [UInt32])

    public init(_ value: Int) { self = .small(value) }

    /// From decimal digits with an optional leading `-`; nil for other text.
    public init?(decimal text: String) {
        var negative = false
        var digits = Substring(text)
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var magnitude: [UInt32] = []
        for byte in digits.utf8 {
            guard byte >= 48 && byte <= 57 else { return nil }
            PyInt.multiplyAdd(&magnitude, 10, UInt32(byte &- 48))
        }
        self = PyInt.make(negative: negative, magnitude: magnitude)
    }

    public var intValue: Int? {
        if case .small(let value) = self { return value }
        return nil
    }

    public var isNegative: Bool {
        switch self {
        case .small(let value): return value < 0
        case .big(let negative, _): return negative
        }
    }

    public var isZero: Bool { self == .small(0) }

    public var description: String {
        switch self {
        case .small(let value): return String(value)
        case .big(let negative, var magnitude):
            var chunks: [UInt32] = []
            while !magnitude.isEmpty { chunks.append(PyInt.divide(&magnitude, by: 1_000_000_000)) }
            var text = negative ? "-" : ""
            text += String(chunks[chunks.count &- 1])
            for chunk in chunks.dropLast().reversed() {
                let part = String(chunk)
                text += String(repeating: "0", count: 9 &- part.utf8.count) + part
            }
            return text
        }
    }

    /// The nearest `Double` (Python's `float(int)`); nil on overflow.
    public var doubleValue: Double? {
        switch self {
        case .small(let value): return Double(value)
        case .big:
            guard let value = Double(description), value.isFinite else { return nil }
            return value
        }
    }

    // MARK: Arithmetic

    public static prefix func - (operand: PyInt) -> PyInt {
        switch operand {
        case .small(let value):
            if value == .min { return make(negative: false, magnitude: magnitude(of: value)) }
            return .small(-value)
        case .big(let negative, let magnitude):
            return make(negative: !negative, magnitude: magnitude)
        }
    }

    public static func + (lhs: PyInt, rhs: PyInt) -> PyInt {
        if case .small(let a) = lhs, case .small(let b) = rhs {
            let (sum, overflow) = a.addingReportingOverflow(b)
            if !overflow { return .small(sum) }
        }
        let (ln, lm) = lhs.signAndMagnitude
        let (rn, rm) = rhs.signAndMagnitude
        if ln == rn { return make(negative: ln, magnitude: add(lm, rm)) }
        switch compareMagnitudes(lm, rm) {
        case 0: return .small(0)
        case 1: return make(negative: ln, magnitude: subtract(lm, rm))
        default: return make(negative: rn, magnitude: subtract(rm, lm))
        }
    }

    public static func - (lhs: PyInt, rhs: PyInt) -> PyInt { lhs + (-rhs) }

    public static func * (lhs: PyInt, rhs: PyInt) -> PyInt {
        if case .small(let a) = lhs, case .small(let b) = rhs {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if !overflow { return .small(product) }
        }
        let (ln, lm) = lhs.signAndMagnitude
        let (rn, rm) = rhs.signAndMagnitude
        guard !lm.isEmpty, !rm.isEmpty else { return .small(0) }
        var result = [UInt32](repeating: 0, count: lm.count &+ rm.count)
        for i in lm.indices {
            var carry: UInt64 = 0
            for j in rm.indices {
                let t = UInt64(lm[i]) &* UInt64(rm[j]) &+ UInt64(result[i &+ j]) &+ carry
                result[i &+ j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i &+ rm.count
            while carry > 0 {
                let t = UInt64(result[k]) &+ carry
                result[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k &+= 1
            }
        }
        return make(negative: ln != rn, magnitude: result)
    }

    /// `self ** exponent` for a non-negative exponent; nil when the result would exceed `maxBits`.
    public func power(_ exponent: Int, maxBits: Int = 65_536) -> PyInt? {
        guard exponent >= 0 else { return nil }
        let bits = self.bitWidth
        if bits > 1 {
            let (total, overflow) = (bits &- 1).multipliedReportingOverflow(by: exponent)
            guard !overflow, total <= maxBits else { return nil }
        }
        var result = PyInt.small(1)
        var base = self
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = result * base }
            remaining >>= 1
            if remaining > 0 { base = base * base }
        }
        return result
    }

    /// Number of bits of the magnitude.
    public var bitWidth: Int {
        let (_, magnitude) = signAndMagnitude
        guard let top = magnitude.last else { return 0 }
        return (magnitude.count &- 1) &* 32 &+ (32 &- top.leadingZeroBitCount)
    }

    /// Python's floor division and modulo; nil for a zero divisor or big operands.
    public func floorDivided(by divisor: PyInt) -> (quotient: PyInt, remainder: PyInt)? {
        guard case .small(let a) = self, case .small(let b) = divisor, b != 0 else { return nil }
        if a == .min && b == -1 { return (-PyInt.small(a), .small(0)) }
        var quotient = a / b
        var remainder = a % b
        if remainder != 0 && ((remainder < 0) != (b < 0)) {
            quotient -= 1
            remainder += b
        }
        return (.small(quotient), .small(remainder))
    }

    public static func < (lhs: PyInt, rhs: PyInt) -> Bool {
        if case .small(let a) = lhs, case .small(let b) = rhs { return a < b }
        let (ln, lm) = lhs.signAndMagnitude
        let (rn, rm) = rhs.signAndMagnitude
        if ln != rn { return ln }
        let order = compareMagnitudes(lm, rm)
        return ln ? order > 0 : order < 0
    }

    // MARK: Magnitudes

    private var signAndMagnitude: (Bool, [UInt32]) {
        switch self {
        case .small(let value): return (value < 0, PyInt.magnitude(of: value))
        case .big(let negative, let magnitude): return (negative, magnitude)
        }
    }

    private static func magnitude(of value: Int) -> [UInt32] {
        var rest = value.magnitude
        var limbs: [UInt32] = []
        while rest > 0 {
            limbs.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        return limbs
    }

    private static func make(negative: Bool, magnitude: [UInt32]) -> PyInt {
        var magnitude = magnitude
        while magnitude.last == 0 { magnitude.removeLast() }
        if magnitude.count <= 2 {
            var value: UInt = 0
            for limb in magnitude.reversed() { value = value << 32 | UInt(limb) }
            if !negative, value <= UInt(Int.max) { return .small(Int(value)) }
            if negative, value <= UInt(Int.max) &+ 1 { return .small(value == UInt(Int.max) &+ 1 ? .min : -Int(value)) }
        }
        return .big(negative: negative && !magnitude.isEmpty, magnitude: magnitude)
    }

    private static func multiplyAdd(_ limbs: inout [UInt32], _ factor: UInt32, _ addend: UInt32) {
        var carry = UInt64(addend)
        for index in limbs.indices {
            let t = UInt64(limbs[index]) &* UInt64(factor) &+ carry
            limbs[index] = UInt32(truncatingIfNeeded: t)
            carry = t >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    /// Divides in place, returning the remainder; drops leading zero limbs.
    private static func divide(_ limbs: inout [UInt32], by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let t = remainder << 32 | UInt64(limbs[index])
            limbs[index] = UInt32(t / UInt64(divisor))
            remainder = t % UInt64(divisor)
        }
        while limbs.last == 0 { limbs.removeLast() }
        return UInt32(remainder)
    }

    private static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in a.indices.reversed() where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    private static func add(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(max(a.count, b.count) &+ 1)
        var carry: UInt64 = 0
        for index in 0..<max(a.count, b.count) {
            let t = UInt64(index < a.count ? a[index] : 0) &+ UInt64(index < b.count ? b[index] : 0) &+ carry
            result.append(UInt32(truncatingIfNeeded: t))
            carry = t >> 32
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return result
    }

    /// `a - b` for `a >= b`.
    private static func subtract(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = a
        var borrow: Int64 = 0
        for index in result.indices {
            var t = Int64(result[index]) - borrow - Int64(index < b.count ? b[index] : 0)
            if t < 0 {
                t += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            result[index] = UInt32(t)
        }
        return result
    }
}
