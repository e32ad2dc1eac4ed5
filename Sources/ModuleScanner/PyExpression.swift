/// A Python expression as written, parsed from a byte range of source by `PyExpressionParser`:
/// literals decoded, names and operators kept, anything the parser does not model `.unknown`.
public indirect enum PyExpression: Sendable, Equatable {
    case name(String)
    /// `value.name`.
    case attribute(PyExpression, String)
    case call(PyExpression, [PyArgument])
    /// A `str` literal (adjacent literals joined; an f-string without replacement fields included).
    case string(String)
    case bytes([UInt8])
    /// An f-string with replacement fields (adjacent literals joined into it).
    case fString([PyFStringPart])
    case int(PyIntLiteral)
    /// A float literal: its value and its text as written.
    case float(Double, text: String)
    /// An imaginary literal (`2j`): the imaginary part.
    case imaginary(Double, text: String)
    case bool(Bool)
    case none
    case ellipsis
    case tuple([PyExpression])
    case list([PyExpression])
    case set([PyExpression])
    case dict([PyDictEntry])
    case unary(PyUnaryOperator, PyExpression)
    case binary(PyBinaryOperator, PyExpression, PyExpression)
    /// `a < b <= c`: the first operand and each operator with its right operand.
    case compare(PyExpression, [PyComparison])
    /// `a and b and c` (`isAnd`) or `a or b or c`.
    case boolean(isAnd: Bool, [PyExpression])
    /// `value[index]` (a subscript); a slice index is `.slice`, several indices a `.tuple`.
    case index(PyExpression, PyExpression)
    /// `lower:upper:step` inside a subscript.
    case slice(PyExpression?, PyExpression?, PyExpression?)
    /// `lambda a, b: body`; `parameters` is nil when the signature has defaults, `*` or `**`.
    case lambda(parameters: [String]?, body: PyExpression)
    case comprehension(PyComprehension)
    /// `body if test else orElse`.
    case conditional(test: PyExpression, body: PyExpression, orElse: PyExpression)
    /// `*value` in a display, a call or a target.
    case starred(PyExpression)
    /// Syntax the parser does not model (or malformed text): its byte range.
    case unknown(Range<Int32>)
}

/// One argument of a call.
public enum PyArgument: Sendable, Equatable {
    case positional(PyExpression)
    /// `*value`.
    case starred(PyExpression)
    case keyword(String, PyExpression)
    /// `**value`.
    case doubleStarred(PyExpression)
}

/// One entry of a dict display: `key: value` or `**mapping`.
public enum PyDictEntry: Sendable, Equatable {
    case pair(PyExpression, PyExpression)
    case unpack(PyExpression)
}

/// A piece of an f-string: literal text or a replacement field.
public enum PyFStringPart: Sendable, Equatable {
    case literal(String)
    /// `{value!conversion:spec}`; `conversion` is the ASCII letter (`s`, `r`, `a`) or nil, `spec`
    /// empty without a format spec. `{x=}` fields are not modelled (the f-string is `.unknown`).
    case field(PyExpression, conversion: UInt8?, spec: [PyFStringPart])
}

/// An integer literal: its value when it fits an `Int`, and its decimal digits always.
public struct PyIntLiteral: Sendable, Equatable {
    public var value: Int?
    /// Decimal digits of the value (no sign: literals are never negative), whatever the base written.
    public var decimal: String

    public init(value: Int?, decimal: String) {
        self.value = value
        self.decimal = decimal
    }
}

/// `-x`, `+x`, `not x`, `~x`.
public enum PyUnaryOperator: UInt8, Sendable {
    case negative, positive, not, invert
}

/// The arithmetic and bitwise binary operators.
public enum PyBinaryOperator: UInt8, Sendable {
    case add, subtract, multiply, matrixMultiply, divide, floorDivide, modulo, power
    case bitAnd, bitOr, bitXor, leftShift, rightShift
}

/// The comparison operators, `is`/`is not` and `in`/`not in`.
public enum PyCompareOperator: UInt8, Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual, isSame, isNot, isIn, notIn
}

/// One link of a comparison chain: the operator and its right operand.
public struct PyComparison: Sendable, Equatable {
    public var op: PyCompareOperator
    public var operand: PyExpression

    public init(_ op: PyCompareOperator, _ operand: PyExpression) {
        self.op = op
        self.operand = operand
    }
}

/// A list, set or dict comprehension or a generator expression.
public struct PyComprehension: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case list, set, dict, generator
    }

    public var kind: Kind
    /// The element; for a dict comprehension, the key.
    public var element: PyExpression
    /// The value of a dict comprehension; nil otherwise.
    public var value: PyExpression?
    public var clauses: [PyComprehensionClause]

    public init(kind: Kind, element: PyExpression, value: PyExpression?, clauses: [PyComprehensionClause]) {
        self.kind = kind
        self.element = element
        self.value = value
        self.clauses = clauses
    }
}

/// `for target in iterable if condition…` inside a comprehension.
public struct PyComprehensionClause: Sendable, Equatable {
    public var target: PyExpression
    public var iterable: PyExpression
    public var conditions: [PyExpression]
    public var isAsync: Bool

    public init(target: PyExpression, iterable: PyExpression, conditions: [PyExpression], isAsync: Bool = false) {
        self.target = target
        self.iterable = iterable
        self.conditions = conditions
        self.isAsync = isAsync
    }
}

/// The arguments of a call as written between its parentheses.
public struct PyArguments: Sendable, Equatable {
    /// Positional arguments in order (`*x` as `.starred`).
    public var positional: [PyExpression]
    /// Keyword arguments in order (`**x` with the name `"**"`).
    public var keywords: [(String, PyExpression)]

    public init(positional: [PyExpression] = [], keywords: [(String, PyExpression)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    public static func == (lhs: PyArguments, rhs: PyArguments) -> Bool {
        lhs.positional == rhs.positional && lhs.keywords.count == rhs.keywords.count
            && zip(lhs.keywords, rhs.keywords).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// The keyword argument called `name`, if given.
    public func keyword(_ name: String) -> PyExpression? {
        keywords.first { $0.0 == name }?.1
    }
}

extension PyExpression {
    /// The dotted name of a name or a chain of attributes on a name (`pytest.mark.parametrize`).
    public var dottedName: String? {
        switch self {
        case .name(let name): return name
        case .attribute(let base, let name):
            guard let prefix = base.dottedName else { return nil }
            return prefix + "." + name
        default: return nil
        }
    }
}
