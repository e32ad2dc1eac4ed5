import ModuleScanner

/// A Python value computed statically from source by `ValueEvaluator`: what parametrize ids and
/// counts depend on. Anything that cannot be known is `.opaque` with the reason, never a guess.
public indirect enum PyValue: Sendable {
    case str(String)
    case bytes([UInt8])
    case int(PyInt)
    case bool(Bool)
    case float(Double)
    case complex(real: Double, imag: Double)
    case none
    case ellipsis
    case tuple([PyValue])
    case list([PyValue])
    /// A set or frozenset, elements in display order (CPython iterates sets in hash order).
    case set([PyValue])
    case dict(PyDict)
    case range(PyRange)
    /// An iterator or view (`zip(…)`, `d.items()`, `map(…)`): its elements, already computed.
    case iterator([PyValue])
    /// A module (its dotted name) or a namespace such as `pytest.mark`.
    case module(String)
    /// A module object made at run time (`types.ModuleType("api")`): only its `__name__` is known.
    case createdModule(String)
    /// Something callable: a builtin or known library function or type, a lambda, a user
    /// function or class.
    case callable(PyCallable)
    case enumMember(PyEnumMember)
    /// `pytest.param(…)`.
    case param(PytestParam)
    /// `pytest.HIDDEN_PARAM`.
    case hiddenParam
    /// `pytest.mark.NAME` or a call of it: the mark's name.
    case mark(String)
    /// A compiled regular expression (`re.compile(pattern)`): its pattern.
    case pattern(String)
    /// An object of a type without an id rule (its id is argname + index): the type's name.
    case object(String)
    case opaque(String)
}

/// An insertion-ordered dict.
public struct PyDict: Sendable {
    public var keys: [PyValue]
    public var values: [PyValue]

    public init(keys: [PyValue] = [], values: [PyValue] = []) {
        self.keys = keys
        self.values = values
    }
}

/// `range(start, stop, step)` over `Int`s.
public struct PyRange: Sendable, Equatable {
    public var start: Int
    public var stop: Int
    public var step: Int

    /// Number of elements (capped at `Int.max`); zero for a zero step.
    public var count: Int {
        if step > 0 {
            guard start < stop else { return 0 }
            return Int(clamping: (UInt(bitPattern: stop &- start) &- 1) / UInt(step) &+ 1)
        }
        guard step < 0, start > stop else { return 0 }
        return Int(clamping: (UInt(bitPattern: start &- stop) &- 1) / step.magnitude &+ 1)
    }

    public func element(_ index: Int) -> Int { start &+ index &* step }
}

/// A member of an `enum.Enum` class, with what `str()` and pytest's id rule make of it.
public struct PyEnumMember: Sendable {
    public var className: String
    /// The canonical member's name (an alias names its canonical member).
    public var name: String
    public var value: PyValue
    /// `str(member)`: `Color.RED`, or the value's text for `IntEnum`, `IntFlag`, `StrEnum`.
    public var text: String
    /// True for members of `str` subclasses: pytest's id is then the escaped `value`.
    public var isString: Bool
}

/// `pytest.param(*values, id=…, marks=…)`.
public struct PytestParam: Sendable {
    /// `id=`: none, a text, or `pytest.HIDDEN_PARAM`.
    public enum ID: Sendable, Equatable {
        case none
        case text(String)
        case hidden
    }

    public var values: [PyValue]
    public var id: ID
    /// Names of the marks given with `marks=`.
    public var marks: [String]
}

/// Something a parametrize expression can call or name.
public enum PyCallable: Sendable {
    /// A builtin or known library callable by dotted name (`range`, `itertools.product`,
    /// `str.upper` bound to its receiver via `method`).
    case builtin(String)
    /// A method of a value: `"abc".upper`, `d.items`.
    case method(receiver: PyValue, name: String)
    case lambda(PyLambda)
    /// A `def` in the source: its name, and its body when a call of it can be evaluated.
    case function(String, body: PyFunctionBody? = nil)
    case userClass(PyClass)
}

/// The body of a simple `def` (see `FunctionBinding`); valid within the evaluator that made it.
public struct PyFunctionBody: Sendable {
    public var parameters: [String]
    public var statements: [FunctionStatement]
    /// Index of its defining scope in the evaluator's scope table.
    var scope: Int
}

/// A lambda and what it closes over; valid within the evaluator that made it.
public struct PyLambda: Sendable {
    public var parameters: [String]?
    public var body: PyExpression
    public var captured: [(String, PyValue)]
    /// Index of its defining scope in the evaluator's scope table.
    var scope: Int
}

/// A user class: its name, whether it is an enum (with its members), and whether calling it
/// yields a plain object.
public struct PyClass: Sendable {
    public var name: String
    /// The members of an enum class in definition order (aliases included, `isAlias` marked);
    /// nil for other classes.
    public var enumMembers: [(member: PyEnumMember, isAlias: Bool)]?
    /// Why the enum's members are not known, for an enum class whose members could not be read.
    public var enumProblem: String?
    /// True when an instance is an ordinary object: no `__name__`, no str/int/enum base, no
    /// `__new__`, no unknown base, metaclass or decorator.
    public var instancesArePlain: Bool
    /// Names the members were assigned to, parallel to `enumMembers`.
    var memberNames: [String] = []
    /// The class statement's bases as evaluated (for `issubclass`).
    var bases: [PyValue] = []
    var enumKind: PyBuiltins.EnumKind?
    var stringMixin = false
}

extension PyValue {
    /// The reason an opaque value (or a container holding one at its top level) is unknown.
    public var opaqueReason: String? {
        if case .opaque(let reason) = self { return reason }
        return nil
    }

    /// Python's type name, for messages.
    public var typeName: String {
        switch self {
        case .str: return "str"
        case .bytes: return "bytes"
        case .int: return "int"
        case .bool: return "bool"
        case .float: return "float"
        case .complex: return "complex"
        case .none: return "NoneType"
        case .ellipsis: return "ellipsis"
        case .tuple: return "tuple"
        case .list: return "list"
        case .set: return "set"
        case .dict: return "dict"
        case .range: return "range"
        case .iterator: return "iterator"
        case .module, .createdModule: return "module"
        case .callable(let callable):
            switch callable {
            case .builtin: return "builtin_function_or_method"
            case .method: return "builtin_function_or_method"
            case .lambda, .function: return "function"
            case .userClass: return "type"
            }
        case .enumMember(let member): return member.className
        case .param: return "ParameterSet"
        case .hiddenParam: return "_HiddenParam"
        case .mark: return "MarkDecorator"
        case .pattern: return "re.Pattern"
        case .object(let type): return type
        case .opaque: return "object"
        }
    }
}
