import ModuleScanner

/// A class defined in source: the module file, the path of names to it (`Outer.Inner`) and
/// its declaration. A reference type: it travels through MROs and resolutions, and copying
/// one must not retain every array of its declaration.
final class ClassRef: Sendable {
    let file: String
    let qualname: [String]
    let decl: ClassDecl
    /// Identifies the class statement (a name may be bound to several classes in turn).
    let key: ClassKey

    init(file: String, qualname: [String], decl: ClassDecl) {
        self.file = file
        self.qualname = qualname
        self.decl = decl
        self.key = ClassKey(file: file, offset: decl.range.lowerBound)
    }
}

/// One class of a method resolution order.
enum MROEntry: Sendable {
    case source(ClassRef)
    /// A class known without source: `object`, builtins, `unittest.TestCase`.
    case known(KnownClass)
    /// A base that could not be resolved, as written.
    case unknown(String)
    /// A class a factory call in a base list makes (`BaseManager.from_queryset(QuerySet)`).
    case made(MadeClass)
}

/// A class made where a class statement's base list calls a `ClassFactory`: its bases are
/// known, its namespace is not read.
final class MadeClass: Sendable {
    /// The base as written.
    let text: String
    /// Identifies the call: the class statement's key and the text.
    let key: String
    /// The made class's MRO after itself.
    let baseMRO: [MROEntry]
    /// Unresolved bases and opaque namespaces found along `baseMRO`.
    let unresolvedBases: [String]
    let opaqueBases: [String]
    /// The namespace's literal keys (`ClassFactory.namespaceKeys`).
    let namespaceKeys: [String]

    init(
        text: String, key: String, baseMRO: [MROEntry], unresolvedBases: [String], opaqueBases: [String],
        namespaceKeys: [String]
    ) {
        self.namespaceKeys = namespaceKeys
        self.text = text
        self.key = key
        self.baseMRO = baseMRO
        self.unresolvedBases = unresolvedBases
        self.opaqueBases = opaqueBases
    }
}

/// Classes whose relevant facts are known without reading their source.
struct KnownClass: Sendable, Equatable {
    var name: String
    var isTestCase: Bool
    var hasInit: Bool
    var hasNew: Bool
    var isABC: Bool

    static let object = KnownClass(name: "object", isTestCase: false, hasInit: false, hasNew: false, isABC: false)
    static let testCase = KnownClass(
        name: "unittest.TestCase", isTestCase: true, hasInit: true, hasNew: false, isABC: false)
    static let contextDecorator = KnownClass(
        name: "contextlib.ContextDecorator", isTestCase: false, hasInit: false, hasNew: false, isABC: false)
    static let abc = KnownClass(name: "abc.ABC", isTestCase: false, hasInit: false, hasNew: false, isABC: true)
}

/// What the collector needs to know about a class: its MRO and the facts derived from it.
struct ClassInfo: Sendable {
    var ref: ClassRef
    /// The MRO, the class itself first; `object` last when known.
    var mro: [MROEntry]
    /// True when `unittest.TestCase` is in the MRO.
    var isTestCase: Bool
    /// True when a class of the MRO other than `object` defines `__init__` / `__new__`.
    var hasInit: Bool
    var hasNew: Bool
    var isAbstract: Bool
    /// Bases that could not be resolved (the class may be more than the source shows).
    var unresolvedBases: [String]
    /// True when the metaclass of a class in the MRO is `ABCMeta` (or `abc.ABC` is in it).
    var isABC = false
    /// Classes of the MRO made by factories: known bases, unread namespace (as written).
    var opaqueBases: [String] = []
}
