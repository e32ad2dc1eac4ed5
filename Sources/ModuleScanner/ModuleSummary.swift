/// What a module declares, as a pytest-agnostic summary: the statements of its body that bind
/// names, in source order, with the facts a collector needs and byte ranges for the rest.
public struct ModuleSummary: Sendable {
    /// The module body's name-binding statements in source order (including those nested in
    /// `if`/`try`/`with`/`for`/`while` blocks at module level, marked by `guardKind`).
    public var members: [Member]
    /// Lexer and reader errors, with byte ranges. Empty for a module CPython would compile.
    public var diagnostics: [ScanDiagnostic]
    /// Number of bytes of source (after nothing is removed; offsets are into the original).
    public var byteCount: Int
    /// Module-level assignments to one attribute of a name (`test_x.__test__ = False`), with
    /// the target as `name.attribute`.
    public var attributeAssignments: [AssignmentDecl]
    /// Expression statements of module-level code (in blocks too, not in classes or functions)
    /// that are calls (`register_tests(Cls, …)`, `pytest.skip(…)` under an `if`).
    public var calls: [ModuleCall]
    /// Statements of module-level code (in blocks too, not in classes or functions) that put
    /// names into the module's namespace at run time: `globals()[k] = v`, `globals().update(…)`
    /// (also through `vars()` and `locals()`), `exec(…)`. The callee is `globals`, `vars`,
    /// `locals` or `exec`; `arguments` is the statement's range.
    public var namespaceWrites: [ModuleCall] = []
    /// Byte range of the module's docstring (its first statement, when that is string literals).
    public var docstring: Range<Int32>?
    /// True when a `def` or `class` (at module level or in a class body) sits in a compound
    /// statement: whether it is defined depends on how that statement runs.
    public var hasConditionalDefinitions = false

    public init(
        members: [Member] = [], diagnostics: [ScanDiagnostic] = [], byteCount: Int = 0,
        attributeAssignments: [AssignmentDecl] = [], calls: [ModuleCall] = [], docstring: Range<Int32>? = nil
    ) {
        self.members = members
        self.diagnostics = diagnostics
        self.byteCount = byteCount
        self.attributeAssignments = attributeAssignments
        self.calls = calls
        self.docstring = docstring
    }
}

/// A call made as a statement at module level: what is called and where its arguments are.
public struct ModuleCall: Sendable {
    /// The callee as a dotted name (`register_tests`, `setattr`, `globals().update`…).
    public var callee: String
    /// Byte range between the call's parentheses.
    public var arguments: Range<Int32>
    public var line: Int32
    public var guardKind: GuardKind

    public init(callee: String, arguments: Range<Int32>, line: Int32, guardKind: GuardKind) {
        self.callee = callee
        self.arguments = arguments
        self.line = line
        self.guardKind = guardKind
    }
}

/// One name-binding statement in a module or class body.
public enum Member: Sendable {
    case function(FunctionDecl)
    case classDecl(ClassDecl)
    case assignment(AssignmentDecl)
    case importDecl(ImportDecl)
    /// `del a, b` at this level: the names stop being bound.
    case deletion(names: [String], line: Int32, guardKind: GuardKind)
}

/// Whether a statement sits directly in its body or inside a compound statement, and which.
public enum GuardKind: UInt8, Sendable {
    /// Directly in the module or class body: always executed.
    case none
    /// Inside `if __name__ == "__main__":` — not executed on import.
    case mainGuard
    /// Inside `if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:` — not executed at run time.
    case typeChecking
    /// Inside any other `if`/`elif`/`else`, `try`/`except`/`else`/`finally`, `with`, `for`,
    /// `while` or `match` block: may or may not run.
    case conditional
    /// In a branch of an `if` statement that a later reading of its conditions found not to be
    /// taken (the declaration reader itself never says this).
    case branchNotTaken
}

extension GuardKind {
    /// True when the statement may run on import: not under the main guard, `if TYPE_CHECKING:`
    /// or a branch known not to be taken.
    public var mayRunOnImport: Bool { self == .none || self == .conditional }
}

/// A `def` or `async def`.
public struct FunctionDecl: Sendable {
    /// The fields that hold references, in one box shared by copies until one of them changes:
    /// resolution copies declarations into and out of bindings many times, and a copy then
    /// retains one object instead of four.
    private final class Texts: @unchecked Sendable {
        // Only reached through the declaration's accessors, which make the box unique before
        // writing: the copies sharing it never write, so the dynamic checks are not needed.
        @exclusivity(unchecked) var name: String
        @exclusivity(unchecked) var decorators: [Decorator]
        @exclusivity(unchecked) var parameters: [String]
        @exclusivity(unchecked) var parameterHasDefault: [Bool]

        init(name: String, decorators: [Decorator], parameters: [String], parameterHasDefault: [Bool]) {
            self.name = name
            self.decorators = decorators
            self.parameters = parameters
            self.parameterHasDefault = parameterHasDefault
        }
    }

    private var texts: Texts

    public var name: String {
        get { texts.name }
        _modify {
            makeTextsUnique()
            yield &texts.name
        }
    }
    public var isAsync: Bool
    public var decorators: [Decorator] {
        get { texts.decorators }
        _modify {
            makeTextsUnique()
            yield &texts.decorators
        }
    }
    /// Parameter names in order, without `*`/`**` markers (`self` included).
    public var parameters: [String] {
        get { texts.parameters }
        _modify {
            makeTextsUnique()
            yield &texts.parameters
        }
    }
    /// True for a `def` (not `async def`) whose own body holds `yield`: a generator function.
    public var isGenerator: Bool = false
    /// Byte range of the docstring: the body's first statement, when that is string literals.
    public var docstring: Range<Int32>?
    /// True when the parameter list has `*args`; `**kwargs` likewise.
    public var hasVarArgs: Bool
    public var hasVarKeywords: Bool
    /// 1-based line of the `def` keyword.
    public var line: Int32
    public var guardKind: GuardKind
    /// Byte range of the whole statement, decorators included.
    public var range: Range<Int32>
    /// 1-based line of the first decorator, else `line`: CPython's `co_firstlineno`.
    public var firstLine: Int32
    /// How many leading `parameters` come before a `/` (positional-only).
    public var positionalOnlyCount: Int = 0
    /// Parallel to `parameters`: whether each has a default value (empty when none has).
    public var parameterHasDefault: [Bool] {
        get { texts.parameterHasDefault }
        _modify {
            makeTextsUnique()
            yield &texts.parameterHasDefault
        }
    }

    public init(
        name: String, isAsync: Bool = false, decorators: [Decorator] = [], parameters: [String] = [],
        hasVarArgs: Bool = false, hasVarKeywords: Bool = false, line: Int32, guardKind: GuardKind = .none,
        range: Range<Int32>, firstLine: Int32? = nil
    ) {
        self.texts = Texts(name: name, decorators: decorators, parameters: parameters, parameterHasDefault: [])
        self.firstLine = firstLine ?? line
        self.isAsync = isAsync
        self.hasVarArgs = hasVarArgs
        self.hasVarKeywords = hasVarKeywords
        self.line = line
        self.guardKind = guardKind
        self.range = range
    }

    private mutating func makeTextsUnique() {
        if !isKnownUniquelyReferenced(&texts) {
            texts = Texts(
                name: texts.name, decorators: texts.decorators, parameters: texts.parameters,
                parameterHasDefault: texts.parameterHasDefault)
        }
    }
}

/// A `class` statement and the summary of its body.
public struct ClassDecl: Sendable {
    public var name: String
    /// Positional base expressions as written, whitespace and comments removed
    /// (`unittest.TestCase`, `Base`, `Generic[T]`, `mixin()`).
    public var bases: [String]
    /// Keyword arguments of the class statement (`metaclass=ABCMeta`): name and text.
    public var keywords: [(name: String, value: String)]
    public var decorators: [Decorator]
    /// The class body's name-binding statements in source order (methods, nested classes,
    /// class attributes such as `__test__` or `pytestmark`).
    public var members: [Member]
    public var line: Int32
    public var guardKind: GuardKind
    /// Byte range of the docstring: the body's first statement, when that is string literals.
    public var docstring: Range<Int32>?
    public var range: Range<Int32>
    /// 1-based line of the first decorator, else `line` (where `inspect` places the class).
    public var firstLine: Int32

    public init(
        name: String, bases: [String] = [], keywords: [(name: String, value: String)] = [],
        decorators: [Decorator] = [], members: [Member] = [], line: Int32, guardKind: GuardKind = .none,
        range: Range<Int32>, firstLine: Int32? = nil
    ) {
        self.firstLine = firstLine ?? line
        self.name = name
        self.bases = bases
        self.keywords = keywords
        self.decorators = decorators
        self.members = members
        self.line = line
        self.guardKind = guardKind
        self.range = range
    }
}

/// A decorator: the dotted name it calls or names, and where its call arguments are.
public struct Decorator: Sendable {
    /// The decorator expression up to its call parentheses, whitespace removed
    /// (`pytest.mark.parametrize`, `staticmethod`, `mark.skipif`). For a decorator that is not
    /// a dotted name (PEP 614 expressions), the whole expression text.
    public var name: String
    /// Byte range of the text between the call's parentheses; nil when the decorator is not called.
    public var arguments: Range<Int32>?
    public var line: Int32

    public init(name: String, arguments: Range<Int32>? = nil, line: Int32) {
        self.name = name
        self.arguments = arguments
        self.line = line
    }
}

/// An assignment statement (`a = b = value`, `a: T = value`, `a += value`).
public struct AssignmentDecl: Sendable {
    /// Simple names bound by the statement (targets that are plain names, including each
    /// name of a tuple target such as `a, b = …`).
    public var targets: [String]
    /// The operator: `=`, `:` (annotated), or an augmented operator such as `+=`.
    public var op: AssignmentOp
    /// Byte range of the value expression (after the last `=`); nil for a bare annotation.
    public var value: Range<Int32>?
    public var line: Int32
    public var guardKind: GuardKind

    public init(targets: [String], op: AssignmentOp = .assign, value: Range<Int32>?, line: Int32, guardKind: GuardKind = .none) {
        self.targets = targets
        self.op = op
        self.value = value
        self.line = line
        self.guardKind = guardKind
    }
}

/// How an assignment binds its targets.
public enum AssignmentOp: UInt8, Sendable {
    case assign
    case annotated
    case augmented
    /// A name bound some other way at this level: a `for` target, `with … as name`,
    /// `except … as name`, a walrus, `global`. The value is unknown.
    case other
}

/// `import a.b as c` or `from ..x import y as z` (one per statement).
public struct ImportDecl: Sendable {
    /// For `from X import …`: X without its leading dots; for `import …`: empty.
    public var module: String
    /// Number of leading dots of a relative `from` import.
    public var level: Int
    /// For `import a.b as c`: (`a.b`, `c`); for `import a.b`: (`a.b`, nil) which binds `a`;
    /// for `from X import y as z`: (`y`, `z`).
    public var names: [(name: String, asName: String?)]
    /// `from X import *`.
    public var isStar: Bool
    public var isFrom: Bool
    public var line: Int32
    public var guardKind: GuardKind

    public init(
        module: String, level: Int = 0, names: [(name: String, asName: String?)] = [], isStar: Bool = false,
        isFrom: Bool, line: Int32, guardKind: GuardKind = .none
    ) {
        self.module = module
        self.level = level
        self.names = names
        self.isStar = isStar
        self.isFrom = isFrom
        self.line = line
        self.guardKind = guardKind
    }
}

/// An error found while scanning: what, and where (byte range into the source, 1-based line).
public struct ScanDiagnostic: Sendable, Equatable {
    public var kind: ScanErrorKind
    public var range: Range<Int32>
    public var line: Int32

    public init(kind: ScanErrorKind, range: Range<Int32>, line: Int32) {
        self.kind = kind
        self.range = range
        self.line = line
    }
}

/// The kinds of source error the lexer and declaration reader can see.
public enum ScanErrorKind: UInt8, Sendable, Equatable {
    case unterminatedString
    case unterminatedTripleQuotedString
    case unmatchedBracket
    case unclosedBracket
    case mismatchedBracket
    case inconsistentDedent
    case unexpectedIndent
    case tabsInconsistent
    case invalidCharacter
    case nulByte
    case invalidUTF8
    case lineContinuationError
    case nestingTooDeep
    case invalidSyntax
    /// A numeric literal Python rejects (`0777`, `0x`, `1_`, `1abc`).
    case invalidNumber
    /// A source of 2 GiB or more: only the part that 32-bit offsets reach is scanned.
    case sourceTooLarge
    /// A coding cookie naming an encoding Python does not know, or not UTF-8 after a BOM.
    case invalidEncoding
    /// A byte the declared encoding cannot decode (a byte above 0x7F under `coding: ascii`).
    case undecodableSource
}
