/// Python semantics over `PyValue`s that do not need names: equality, ordering, truth, and the
/// elements iteration yields. Nil (or `.failure`) where Python's answer cannot be known.
enum PyValues {
    /// `a == b`; nil when unknown (opaque values, objects with their own `__eq__`).
    static func equal(_ a: PyValue, _ b: PyValue) -> Bool? {
        if let x = number(a), let y = number(b) { return x == y }
        switch (a, b) {
        case (.str(let x), .str(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.none, .none), (.ellipsis, .ellipsis), (.hiddenParam, .hiddenParam): return true
        case (.tuple(let x), .tuple(let y)), (.list(let x), .list(let y)): return sequencesEqual(x, y)
        case (.range(let x), .range(let y)):
            if x.count != y.count { return false }
            return x.count == 0 || (x.start == y.start && (x.count == 1 || x.step == y.step))
        case (.dict(let x), .dict(let y)):
            guard x.keys.count == y.keys.count else { return false }
            for (key, value) in zip(x.keys, x.values) {
                guard let position = index(of: key, in: y.keys) else { return nil }
                guard position >= 0 else { return false }
                guard let same = equal(value, y.values[position]) else { return nil }
                if !same { return false }
            }
            return true
        case (.set(let x), .set(let y)):
            guard x.count == y.count else { return false }
            for element in x {
                guard let position = index(of: element, in: y) else { return nil }
                if position < 0 { return false }
            }
            return true
        case (.enumMember(let x), .enumMember(let y)):
            return x.className == y.className && x.name == y.name
        case (.enumMember(let member), let other), (let other, .enumMember(let member)):
            if member.isString, case .str = other { return equal(member.value, other) }
            if number(other) != nil, number(member.value) != nil, member.text != "\(member.className).\(member.name)" {
                return equal(member.value, other)
            }
            if case .opaque = other { return nil }
            if case .object = other { return nil }
            return isPlainData(other) ? false : nil
        default:
            if isPlainData(a) && isPlainData(b) { return false }
            return nil
        }
    }

    /// Values whose equality with a value of another type is known to be False.
    private static func isPlainData(_ value: PyValue) -> Bool {
        switch value {
        case .str, .bytes, .int, .bool, .float, .complex, .none, .ellipsis, .tuple, .list, .set, .dict, .range,
             .hiddenParam, .enumMember:
            return true
        default:
            return false
        }
    }

    private static func sequencesEqual(_ x: [PyValue], _ y: [PyValue]) -> Bool? {
        guard x.count == y.count else { return false }
        var unknown = false
        for (a, b) in zip(x, y) {
            guard let same = equal(a, b) else {
                unknown = true
                continue
            }
            if !same { return false }
        }
        return unknown ? nil : true
    }

    /// Position of `value` in `items` by equality: -1 when absent, nil when unknown.
    static func index(of value: PyValue, in items: [PyValue]) -> Int? {
        var unknown = false
        for (position, item) in items.enumerated() {
            guard let same = equal(item, value) else {
                unknown = true
                continue
            }
            if same { return unknown ? nil : position }
        }
        return unknown ? nil : -1
    }

    /// A number as an exactly comparable form.
    private enum Number: Equatable {
        case int(PyInt)
        case float(Double)
        case complex(Double, Double)

        static func == (lhs: Number, rhs: Number) -> Bool {
            switch (lhs, rhs) {
            case (.int(let a), .int(let b)): return a == b
            case (.float(let a), .float(let b)): return a == b
            case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return intEqualsDouble(a, b)
            case (.complex(let re, let im), .float(let b)), (.float(let b), .complex(let re, let im)): return im == 0 && re == b
            case (.complex(let re, let im), .int(let a)), (.int(let a), .complex(let re, let im)):
                return im == 0 && intEqualsDouble(a, re)
            case (.complex(let a, let b), .complex(let c, let d)): return a == c && b == d
            }
        }
    }

    private static func intEqualsDouble(_ int: PyInt, _ double: Double) -> Bool {
        guard double.isFinite, double == double.rounded(.towardZero), let exact = exactInt(double) else { return false }
        return exact == int
    }

    /// The integer value of an integral finite double.
    static func exactInt(_ double: Double) -> PyInt? {
        guard double.isFinite, double == double.rounded(.towardZero) else { return nil }
        if let small = Int(exactly: double) { return .small(small) }
        let significand = PyInt.small(Int(1 << 52 | double.significandBitPattern))
        guard let scale = PyInt.small(2).power(Int(double.exponent) - 52) else { return nil }
        let magnitude = significand * scale
        return double < 0 ? -magnitude : magnitude
    }

    /// `int < double`, exactly.
    private static func intLess(_ int: PyInt, _ double: Double) -> Bool {
        if double.isNaN { return false }
        if double.isInfinite { return double > 0 }
        let floor = double.rounded(.down)
        guard let floorInt = exactInt(floor) else { return false }
        return floor == double ? int < floorInt : int <= floorInt
    }

    private static func number(_ value: PyValue) -> Number? {
        switch value {
        case .int(let int): return .int(int)
        case .bool(let flag): return .int(.small(flag ? 1 : 0))
        case .float(let double): return .float(double)
        case .complex(let real, let imag): return .complex(real, imag)
        default: return nil
        }
    }

    /// `a < b` for numbers (not complex), strings, bytes, and tuples or lists of them; nil otherwise.
    static func less(_ a: PyValue, _ b: PyValue) -> Bool? {
        switch (a, b) {
        case (.str(let x), .str(let y)):
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) { $0.value < $1.value }
        case (.bytes(let x), .bytes(let y)): return x.lexicographicallyPrecedes(y)
        case (.tuple(let x), .tuple(let y)), (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) {
                guard let same = equal(p, q) else { return nil }
                if !same { return less(p, q) }
            }
            return x.count < y.count
        default:
            guard let x = real(a), let y = real(b) else { return nil }
            switch (x, y) {
            case (.int(let p), .int(let q)): return p < q
            case (.float(let p), .float(let q)): return p < q
            case (.int(let p), .float(let q)): return intLess(p, q)
            case (.float(let p), .int(let q)):
                if p.isNaN { return false }
                return !intLess(q, p) && !intEqualsDouble(q, p)
            default: return nil
            }
        }
    }

    private static func real(_ value: PyValue) -> Number? {
        switch value {
        case .int(let int): return .int(int)
        case .bool(let flag): return .int(.small(flag ? 1 : 0))
        case .float(let double): return .float(double)
        case .enumMember(let member) where member.text != "\(member.className).\(member.name)" || member.isString:
            return real(member.value)
        default: return nil
        }
    }

    /// `bool(value)`; nil when unknown.
    static func truthy(_ value: PyValue) -> Bool? {
        switch value {
        case .str(let text): return !text.isEmpty
        case .bytes(let bytes): return !bytes.isEmpty
        case .int(let int): return !int.isZero
        case .bool(let flag): return flag
        case .float(let double): return double != 0
        case .complex(let real, let imag): return real != 0 || imag != 0
        case .none: return false
        case .tuple(let items), .list(let items), .set(let items): return !items.isEmpty
        case .dict(let dict): return !dict.keys.isEmpty
        case .range(let range): return range.count > 0
        case .enumMember(let member):
            if member.isString || member.text != "\(member.className).\(member.name)" { return truthy(member.value) }
            return true
        case .ellipsis, .iterator, .module, .createdModule, .callable, .param, .hiddenParam, .mark, .pattern: return true
        case .object, .opaque: return nil
        }
    }

    /// What iterating `value` yields, or why it cannot be known.
    enum Elements {
        case values([PyValue])
        case failure(String)
    }

    /// The elements of a finite iterable; `limit` caps how many may be produced. With
    /// `anyOrder`, a set's elements come in display order (for consumers that do not depend on it).
    static func elements(of value: PyValue, limit: Int, anyOrder: Bool = false) -> Elements {
        switch value {
        case .str(let text):
            var items: [PyValue] = []
            for scalar in text.unicodeScalars {
                if items.count >= limit { return .failure("iterable too large") }
                items.append(.str(String(scalar)))
            }
            return .values(items)
        case .bytes(let bytes):
            if bytes.count > limit { return .failure("iterable too large") }
            return .values(bytes.map { .int(.small(Int($0))) })
        case .tuple(let items), .list(let items), .iterator(let items):
            return .values(items)
        case .set(let items):
            if items.count <= 1 || anyOrder { return .values(items) }
            return .failure("iteration order of a set")
        case .dict(let dict):
            return .values(dict.keys)
        case .range(let range):
            let count = range.count
            if count > limit { return .failure("range too large") }
            return .values((0..<count).map { .int(.small(range.element($0))) })
        case .callable(.userClass(let cls)):
            guard let members = cls.enumMembers else {
                if let problem = cls.enumProblem { return .failure(problem) }
                return .failure("iterating class \(cls.name)")
            }
            return .values(members.filter { !$0.isAlias }.map { .enumMember($0.member) })
        case .opaque(let reason):
            return .failure(reason)
        default:
            return .failure("'\(value.typeName)' object is not iterable")
        }
    }
}
