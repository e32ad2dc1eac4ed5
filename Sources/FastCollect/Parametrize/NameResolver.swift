import ModuleScanner

/// Answers what a name (or dotted name such as `mod.CONST`) is bound to where a parametrize
/// decorator runs. Supplied by the caller; nil means unbound there, so Python's builtins apply.
public final class NameResolver {
    let lookup: (String) -> NameBinding?
    /// Identifies the scope: resolvers with equal keys answer alike, so evaluators share their work.
    let key: AnyHashable?
    /// What `module.name` is bound to, for a module by its absolute dotted name (nil: unknown);
    /// given by a caller that can read other modules.
    let member: ((_ module: String, _ name: String) -> NameBinding?)?
    /// The names a module's body binds, in its `__dict__` order (nil: unknown), for `vars(module)`.
    let names: ((_ module: String) -> [String]?)?
    /// Where evaluators keep values of this scope's class statements for other evaluators
    /// (only with a `key`, which identifies the scope).
    let cache: EvaluationCache?

    /// `key`, when given, identifies the scope (resolvers made again for the same scope reuse results).
    public init(
        key: AnyHashable? = nil, cache: EvaluationCache? = nil,
        member: ((_ module: String, _ name: String) -> NameBinding?)? = nil,
        names: ((_ module: String) -> [String]?)? = nil, _ lookup: @escaping (_ name: String) -> NameBinding?
    ) {
        self.key = key
        self.cache = key == nil ? nil : cache
        self.member = member
        self.names = names
        self.lookup = lookup
    }

    /// A resolver that only knows assignments: each name's value expression, in this same scope.
    public static func expressions(_ expressions: @escaping (_ name: String) -> PyExpression?) -> NameResolver {
        NameResolver { name in
            guard let expression = expressions(name) else { return nil }
            return .expression(expression, scope: nil)
        }
    }

    /// A resolver that knows no names.
    public static func empty() -> NameResolver { NameResolver { _ in nil } }
}

/// What a name is bound to, as the caller's source reading knows it.
public enum NameBinding {
    /// An assignment's value, with the resolver for the names in it (nil: the asking resolver).
    case expression(PyExpression, scope: NameResolver?)
    /// A `def`: its name.
    case function(String)
    case classDef(ClassBinding)
    /// `import a.b as c`: module `a.b`; `import a` binds `a` to module `a`.
    case module(String)
    /// `from m import n`: the object `m.n` by its dotted path (known library objects such as
    /// `pytest.param` or `itertools.product` are understood; others are opaque).
    case imported(String)
    /// Bound, to something that cannot be known statically: the reason.
    case unknown(String)
    /// A value known without evaluating source (a module's `__name__` or `__path__`).
    case value(PyValue)
    /// A module-level `def` whose body is only assignments and a final `return`, so that a
    /// call of it can be evaluated.
    case simpleFunction(FunctionBinding)
}

/// A `def` the evaluator can call: positional parameters without defaults, a body of plain
/// assignments (`name = value`, `name: type = value`), nested classes and functions, attribute
/// assignments on locals, ending in `return value`.
public struct FunctionBinding {
    public var name: String
    public var parameters: [String]
    /// The body in order, ending with its `return`.
    public var statements: [FunctionStatement]
    /// Resolves the body's global names.
    public var scope: NameResolver

    public init(name: String, parameters: [String], statements: [FunctionStatement], scope: NameResolver) {
        self.name = name
        self.parameters = parameters
        self.statements = statements
        self.scope = scope
    }
}

/// A class statement as the evaluator needs it: enough to list an enum's members and to know
/// whether instances are plain objects.
public struct ClassBinding {
    public var name: String
    /// Base expressions as written (`Enum`, `enum.IntEnum`, `str`).
    public var bases: [String]
    /// Keyword arguments of the class statement (`metaclass=…`), by name.
    public var keywords: [String]
    /// Decorator names as written (`dataclass`, `enum.unique`).
    public var decorators: [String]
    /// The body's assignments in order: target and value (nil when not a single plain target or
    /// no value).
    public var assignments: [(name: String, value: PyExpression?)]
    /// Names bound in the body other than by assignment: methods and nested classes.
    public var definitions: [String]
    /// Resolves names in the body's values (class names, then module names); nil: the asking resolver.
    public var scope: NameResolver?

    public init(
        name: String, bases: [String] = [], keywords: [String] = [], decorators: [String] = [],
        assignments: [(name: String, value: PyExpression?)] = [], definitions: [String] = [], scope: NameResolver? = nil
    ) {
        self.name = name
        self.bases = bases
        self.keywords = keywords
        self.decorators = decorators
        self.assignments = assignments
        self.definitions = definitions
        self.scope = scope
    }
}
