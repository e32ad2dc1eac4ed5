import ModuleScanner

/// The Python builtins and library objects `ValueEvaluator` understands: which names they are,
/// what calling them, their methods and the operators do. Anything else is `.opaque`.
enum PyBuiltins {
    /// The flavour of an `enum` base class, which decides `str(member)` and auto values.
    enum EnumKind: Sendable, Equatable {
        case plain, int, string, flag, intFlag
    }

    // MARK: - Names

    private static let functions: Set<String> = [
        "range", "len", "list", "tuple", "set", "frozenset", "dict", "sorted", "reversed", "zip", "enumerate", "str",
        "repr", "ascii", "int", "float", "bool", "complex", "bytes", "abs", "min", "max", "sum", "chr", "ord", "map",
        "filter", "any", "all", "hex", "oct", "bin", "object", "iter", "pow", "divmod", "round",
        "type", "bytearray", "memoryview", "slice", "property", "classmethod", "staticmethod", "super", "callable",
        "isinstance", "issubclass", "getattr", "hasattr", "setattr", "delattr", "id", "hash", "print", "input", "open",
        "format", "vars", "dir", "globals", "locals", "exec", "eval", "compile", "next", "breakpoint", "help", "aiter",
        "anext",
    ]

    private static let exceptions: Set<String> = [
        "BaseException", "Exception", "ArithmeticError", "AssertionError", "AttributeError", "BufferError", "EOFError",
        "FloatingPointError", "GeneratorExit", "ImportError", "ModuleNotFoundError", "IndexError", "KeyError",
        "KeyboardInterrupt", "LookupError", "MemoryError", "NameError", "NotImplementedError", "OSError",
        "OverflowError", "RecursionError", "ReferenceError", "RuntimeError", "StopIteration", "StopAsyncIteration",
        "SyntaxError", "IndentationError", "TabError", "SystemError", "SystemExit", "TypeError", "UnboundLocalError",
        "UnicodeError", "UnicodeEncodeError", "UnicodeDecodeError", "UnicodeTranslateError", "ValueError",
        "ZeroDivisionError", "EnvironmentError", "IOError", "BlockingIOError", "ChildProcessError", "ConnectionError",
        "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
        "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError",
        "PermissionError", "ProcessLookupError", "TimeoutError", "Warning", "UserWarning", "DeprecationWarning",
        "PendingDeprecationWarning", "SyntaxWarning", "RuntimeWarning", "FutureWarning", "ImportWarning",
        "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning", "ExceptionGroup", "BaseExceptionGroup",
    ]

    /// Library classes that are values here (`inspect.isclass` is true; not exceptions).
    private static let libraryClasses: Set<String> = [
        "typing.Any", "typing.Generic", "typing.Protocol", "typing.TypeVar", "typing.NamedTuple", "typing.TypedDict",
        "types.FunctionType", "types.ModuleType", "types.MethodType", "types.SimpleNamespace",
    ]

    /// Library functions that are values here (`inspect.isclass` is false).
    private static let libraryPlainFunctions: Set<String> = [
        "typing.final", "typing.overload", "typing.cast", "typing.get_args", "typing.get_origin", "inspect.isclass",
        "dataclasses.field",
    ]

    /// True for a generic class whose subscript (`Generic[T]`) stands for the class as a base.
    static func isGenericAlias(_ name: String) -> Bool {
        name == "typing.Generic" || name == "typing.Protocol"
    }

    /// Library types whose instances have no id rule (pytest names them argname + index).
    private static let plainTypes: Set<String> = [
        "decimal.Decimal", "fractions.Fraction", "datetime.date", "datetime.datetime", "datetime.time",
        "datetime.timedelta", "datetime.timezone", "uuid.UUID", "pathlib.Path", "pathlib.PurePath",
        "pathlib.PosixPath", "pathlib.PurePosixPath", "pathlib.WindowsPath", "pathlib.PureWindowsPath",
        "functools.partial", "collections.OrderedDict", "collections.Counter", "collections.deque",
        "collections.defaultdict", "types.SimpleNamespace",
    ]

    private static let libraryFunctions: Set<String> = [
        "pytest.param", "itertools.product", "itertools.combinations", "itertools.permutations", "itertools.chain",
        "itertools.chain.from_iterable", "itertools.repeat", "itertools.zip_longest",
        "itertools.combinations_with_replacement", "itertools.islice", "itertools.count", "itertools.cycle",
        "re.compile", "enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.auto",
        "enum.unique", "typing.NamedTuple", "dataclasses.dataclass", "functools.total_ordering",
        "pkgutil.walk_packages", "pkgutil.iter_modules",
    ]

    private static let modules: Set<String> = [
        "pytest", "itertools", "math", "sys", "re", "string", "enum", "functools", "decimal", "fractions", "datetime",
        "uuid", "pathlib", "collections", "typing", "dataclasses", "types", "builtins", "operator", "logging", "os",
        "json", "warnings", "unittest", "pkgutil", "inspect", "__future__",
    ]

    /// Library functions and classes that may appear as parameter values (their id is their
    /// `__name__`); calling them is not evaluated, except the classes in `plainTypes`.
    private static let namedObjects: Set<String> = {
        var names: Set<String> = []
        for name in [
            "raises", "warns", "deprecated_call", "approx", "fail", "skip", "xfail", "importorskip", "exit", "fixture",
            "register_assert_rewrite", "main", "set_trace", "Class", "Module", "Function", "Item", "Collector", "File",
            "Package", "Session", "Config", "Parser", "Metafunc", "MonkeyPatch", "Pytester", "TempPathFactory",
            "FixtureRequest", "Mark", "MarkDecorator", "MarkGenerator", "ExceptionInfo", "RaisesGroup", "RaisesExc",
            "Cache", "CaptureFixture", "LogCaptureFixture", "WarningsRecorder", "PytestWarning",
            "PytestDeprecationWarning", "PytestRemovedIn9Warning", "PytestRemovedIn10Warning", "PytestUnknownMarkWarning",
            "PytestCollectionWarning", "PytestConfigWarning", "PytestExperimentalApiWarning", "PytestAssertRewriteWarning",
            "PytestCacheWarning", "PytestUnhandledThreadExceptionWarning", "PytestUnraisableExceptionWarning",
            "UsageError",
        ] { names.insert("pytest." + name) }
        for name in [
            "lt", "le", "eq", "ne", "ge", "gt", "not_", "truth", "is_", "is_not", "abs", "add", "and_", "floordiv",
            "index", "inv", "invert", "lshift", "mod", "mul", "matmul", "neg", "or_", "pos", "pow", "rshift", "sub",
            "truediv", "xor", "concat", "contains", "countOf", "delitem", "getitem", "indexOf", "setitem", "length_hint",
            "iadd", "iand", "iconcat", "ifloordiv", "ilshift", "imod", "imul", "imatmul", "ior", "ipow", "irshift",
            "isub", "itruediv", "ixor", "call",
        ] { names.insert("operator." + name) }
        for name in [
            "getLogger", "basicConfig", "debug", "info", "warning", "error", "critical", "exception", "log", "Logger",
            "Handler", "StreamHandler", "FileHandler", "Formatter", "Filter", "LogRecord", "NullHandler",
        ] { names.insert("logging." + name) }
        return names
    }()

    /// Library classes whose instances have no id rule, beyond `plainTypes`.
    private static let plainInstanceTypes: Set<String> = ["operator.itemgetter", "operator.attrgetter", "operator.methodcaller"]

    /// The builtin bound to an unbound name (`range`, `ValueError`, `NotImplemented`), if any.
    static func builtin(_ name: String) -> PyValue? {
        if functions.contains(name) || exceptions.contains(name) { return .callable(.builtin(name)) }
        switch name {
        case "NotImplemented": return .object("NotImplementedType")
        case "Ellipsis": return .ellipsis
        case "__debug__": return .bool(true)
        default: return nil
        }
    }

    /// A library object by dotted path (`pytest.param`, `math.inf`, `pytest.mark.slow`).
    /// The library callables and modules of the sets above, looked up with one hash (a
    /// callable wins over a module of the same name).
    private static let knownPaths: [NameKey: PyValue] = {
        var known: [NameKey: PyValue] = [:]
        for path in modules { known[NameKey(path)] = .module(path) }
        known[NameKey("__future__.annotations")] = .object("_Feature")
        for set in [libraryFunctions, plainTypes, namedObjects, plainInstanceTypes, libraryClasses, libraryPlainFunctions] {
            for path in set { known[NameKey(path)] = .callable(.builtin(path)) }
        }
        // Library constants, where no callable or module of the sets above has the path.
        let constants: [String: PyValue] = [
            "pytest.HIDDEN_PARAM": .hiddenParam,
            "math.inf": .float(.infinity),
            "math.nan": .float(.nan),
            "math.pi": .float(3.141592653589793),
            "math.e": .float(2.718281828459045),
            "math.tau": .float(6.283185307179586),
            "sys.maxsize": .int(.small(Int.max)),
            "sys.platform": .str(hostPlatform),
            "os.name": .str(hostPlatform == "win32" ? "nt" : "posix"),
            "os.sep": .str(hostPlatform == "win32" ? "\\" : "/"),
            "os.path.sep": .str(hostPlatform == "win32" ? "\\" : "/"),
            "os.linesep": .str(hostPlatform == "win32" ? "\r\n" : "\n"),
            "string.ascii_lowercase": .str("abcdefghijklmnopqrstuvwxyz"),
            "string.ascii_uppercase": .str("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            "string.ascii_letters": .str("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            "string.digits": .str("0123456789"),
            "string.hexdigits": .str("0123456789abcdefABCDEF"),
            "string.octdigits": .str("01234567"),
            "string.punctuation": .str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
            "re.I": .int(.small(2)),
            "re.IGNORECASE": .int(.small(2)),
            "re.L": .int(.small(4)),
            "re.LOCALE": .int(.small(4)),
            "re.M": .int(.small(8)),
            "re.MULTILINE": .int(.small(8)),
            "re.S": .int(.small(16)),
            "re.DOTALL": .int(.small(16)),
            "re.U": .int(.small(32)),
            "re.UNICODE": .int(.small(32)),
            "re.X": .int(.small(64)),
            "re.VERBOSE": .int(.small(64)),
            "re.A": .int(.small(256)),
            "re.ASCII": .int(.small(256)),
            "logging.CRITICAL": .int(.small(50)),
            "logging.FATAL": .int(.small(50)),
            "logging.ERROR": .int(.small(40)),
            "logging.WARNING": .int(.small(30)),
            "logging.WARN": .int(.small(30)),
            "logging.INFO": .int(.small(20)),
            "logging.DEBUG": .int(.small(10)),
            "logging.NOTSET": .int(.small(0)),
        ]
        for (path, value) in constants where known[NameKey(path)] == nil { known[NameKey(path)] = value }
        return known
    }()

    static func knownObject(_ path: String) -> PyValue? {
        if let known = knownPaths[NameKey(path)] { return known }
        if path == "pytest.mark" { return .module(path) }
        if path.hasBytePrefix("sys.version_info") { return PythonVersion.current?.value(of: path) }
        if path.hasPrefix("builtins.") { return builtin(String(path.dropFirst(9))) }
        if path.hasPrefix("pytest.mark.") {
            let name = path.dropFirst(12)
            return name.contains(".") ? nil : .mark(String(name))
        }
        return nil
    }

    /// `inspect.isclass(value)`; nil when not known.
    static func isClass(_ value: PyValue) -> Bool? {
        switch value {
        case .opaque: return nil
        case .callable(.userClass): return true
        case .callable(.builtin(let name)):
            if exceptions.contains(name) || plainTypes.contains(name) || libraryClasses.contains(name) || enumKind(name) != nil {
                return true
            }
            if ["int", "str", "float", "bool", "bytes", "list", "dict", "set", "frozenset", "tuple", "object", "type",
                "complex", "range", "bytearray", "memoryview", "slice", "property", "classmethod", "staticmethod",
                "super", "map", "filter", "zip", "enumerate", "reversed"].contains(name)
            {
                return true
            }
            if libraryPlainFunctions.contains(name) || libraryFunctions.contains(name) || functions.contains(name) { return false }
            return nil
        case .callable: return false
        default: return false
        }
    }

    /// The base of each builtin exception class pytest's suites meet (`BaseException` has none).
    private static let exceptionBases: [String: String] = {
        var bases: [String: String] = ["Exception": "BaseException", "Warning": "Exception"]
        for name in ["UserWarning", "DeprecationWarning", "PendingDeprecationWarning", "SyntaxWarning", "RuntimeWarning",
                     "FutureWarning", "ImportWarning", "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning"] {
            bases[name] = "Warning"
        }
        for name in ["SystemExit", "KeyboardInterrupt", "GeneratorExit", "BaseExceptionGroup"] { bases[name] = "BaseException" }
        for name in ["KeyError", "IndexError"] { bases[name] = "LookupError" }
        for name in ["ZeroDivisionError", "OverflowError", "FloatingPointError"] { bases[name] = "ArithmeticError" }
        bases["ModuleNotFoundError"] = "ImportError"
        bases["IndentationError"] = "SyntaxError"
        bases["TabError"] = "IndentationError"
        bases["UnboundLocalError"] = "NameError"
        bases["RecursionError"] = "RuntimeError"
        bases["NotImplementedError"] = "RuntimeError"
        bases["UnicodeError"] = "ValueError"
        for name in ["UnicodeEncodeError", "UnicodeDecodeError", "UnicodeTranslateError"] { bases[name] = "UnicodeError" }
        for name in ["FileNotFoundError", "FileExistsError", "PermissionError", "TimeoutError", "IsADirectoryError",
                     "NotADirectoryError", "InterruptedError", "ChildProcessError", "ProcessLookupError",
                     "BlockingIOError", "ConnectionError"] {
            bases[name] = "OSError"
        }
        for name in ["BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError"] {
            bases[name] = "ConnectionError"
        }
        bases["ExceptionGroup"] = "Exception"
        return bases
    }()

    /// `issubclass(a, b)` over user classes (through their bases) and builtin classes; nil when
    /// not known.
    static func isSubclass(_ a: PyValue, _ b: PyValue, depth: Int) -> Bool? {
        guard depth < 64, isClass(a) == true, isClass(b) == true else { return nil }
        switch (a, b) {
        case (.callable(.userClass(let x)), .callable(.userClass(let y))) where x.name == y.name && x.bases.count == y.bases.count:
            return true
        case (.callable(.userClass(let cls)), _):
            for base in cls.bases {
                guard let answer = isSubclass(base, b, depth: depth + 1) else { return nil }
                if answer { return true }
            }
            if case .callable(.builtin("object")) = b { return true }
            return false
        case (.callable(.builtin), .callable(.userClass)):
            return false
        case (.callable(.builtin(let x)), .callable(.builtin(let y))):
            if x == y || y == "object" { return true }
            if exceptions.contains(y) {
                guard exceptions.contains(x) else { return false }
                func canonical(_ name: String) -> String { name == "IOError" || name == "EnvironmentError" ? "OSError" : name }
                let target = canonical(y)
                var current = canonical(x)
                while current != "BaseException" {
                    if current == target { return true }
                    current = exceptionBases[current] ?? "Exception"
                }
                return target == "BaseException"
            }
            return nil
        default:
            return nil
        }
    }

    /// `pkgutil.iter_modules` (and with `recursive`, `walk_packages`) over directories read
    /// now: `ModuleInfo(finder, name, ispkg)` tuples in its order; false past a size bound.
    private static func listModules(_ directories: [String], prefix: String, recursive: Bool, depth: Int, into found: inout [PyValue]) -> Bool {
        guard depth < 16 else { return false }
        for directory in directories {
            guard case .success(let entries) = DirectoryLister.list(directory) else { continue }
            var yielded: Set<String> = []
            for entry in entries {
                var module: String?
                var isPackage = false
                if entry.kind != .directory {
                    module = moduleName(entry.name)
                } else if !entry.name.contains(".") {
                    let inner = FilePath.join(directory, entry.name)
                    guard case .success(let children) = DirectoryLister.list(inner),
                        children.contains(where: { $0.kind != .directory && moduleName($0.name) == "__init__" })
                    else { continue }
                    module = entry.name
                    isPackage = true
                }
                guard let module, module != "__init__", !module.contains("."), !yielded.contains(module) else { continue }
                yielded.insert(module)
                guard found.count < 10_000 else { return false }
                found.append(.tuple([.object("FileFinder"), .str(prefix + module), .bool(isPackage)]))
                if recursive && isPackage {
                    let inner = FilePath.join(directory, entry.name)
                    guard listModules([inner], prefix: prefix + module + ".", recursive: true, depth: depth + 1, into: &found) else {
                        return false
                    }
                }
            }
        }
        return true
    }

    /// `inspect.getmodulename`: the name without a module suffix (`.py`, `.pyc`, extension suffixes).
    private static func moduleName(_ file: String) -> String? {
        for suffix in [".py", ".pyc", ".pyw"] where file.hasSuffix(suffix) { return String(file.dropLast(suffix.count)) }
        if file.hasSuffix(".so") || file.hasSuffix(".pyd") {
            return file.split(separator: ".", maxSplits: 1).first.map(String.init)
        }
        return nil
    }

    /// `sys.platform` of the machine fastcollect runs on: pytest answers for the same machine.
    static var hostPlatform: String {
        #if os(Windows)
            return "win32"
        #elseif os(macOS)
            return "darwin"
        #else
            return "linux"
        #endif
    }

    static func enumKind(_ name: String) -> EnumKind? {
        switch name {
        case "enum.Enum": return .plain
        case "enum.IntEnum": return .int
        case "enum.StrEnum": return .string
        case "enum.Flag": return .flag
        case "enum.IntFlag": return .intFlag
        default: return nil
        }
    }

    /// Builtin bases whose instances still have no id rule.
    static func isPlainBase(_ name: String) -> Bool {
        exceptions.contains(name) || plainTypes.contains(name)
            || ["object", "dict", "list", "tuple", "set", "frozenset", "typing.NamedTuple"].contains(name)
    }

    /// Class decorators that return the class itself with ordinary instances.
    static func isTransparentClassDecorator(_ name: String) -> Bool {
        [
            "dataclass", "dataclasses.dataclass", "total_ordering", "functools.total_ordering", "attr.s", "attr.attrs",
            "attrs.define", "attr.define", "attrs.frozen", "attr.frozen", "define", "frozen", "unique", "enum.unique",
            "final", "typing.final",
        ].contains(name)
    }

    /// `__name__` of a builtin or library callable.
    static func shortName(_ path: String) -> String {
        if let dot = path.lastIndex(of: ".") { return String(path[path.index(after: dot)...]) }
        return path
    }

    // MARK: - Calls

    static func call(
        _ name: String, _ positional: [PyValue], _ keywords: [(String, PyValue)], evaluator: inout ValueEvaluator
    ) -> PyValue {
        func keyword(_ key: String) -> PyValue? { keywords.first { $0.0 == key }?.1 }
        func onlyKeywords(_ allowed: Set<String>) -> Bool { keywords.allSatisfy { allowed.contains($0.0) } }
        func items(_ value: PyValue) -> [PyValue]? {
            if case .values(let values) = evaluator.elements(of: value) { return values }
            return nil
        }
        /// For consumers whose result does not depend on iteration order.
        func unorderedItems(_ value: PyValue) -> [PyValue]? {
            if case .values(let values) = evaluator.elements(of: value, anyOrder: true) { return values }
            return nil
        }
        func failure(_ value: PyValue) -> PyValue {
            if case .failure(let reason) = evaluator.elements(of: value) { return .opaque(reason) }
            return .opaque("iterable not understood")
        }
        if plainTypes.contains(name) || exceptions.contains(name) || plainInstanceTypes.contains(name) || name == "slice"
            || name == "bytearray"
        {
            return .object(shortName(name))
        }
        switch name {
        case "type":
            // `type(os)("api")`: the type of a module is `types.ModuleType`; other types are not modelled.
            guard positional.count == 1, keywords.isEmpty else { return .opaque("type() arguments") }
            switch positional[0] {
            case .module, .createdModule: return .callable(.builtin("types.ModuleType"))
            default: return .opaque("type() of \(positional[0].typeName)")
            }
        case "types.ModuleType":
            guard (1...2).contains(positional.count), keywords.isEmpty, case .str(let moduleName) = positional[0] else {
                return .opaque("types.ModuleType() arguments")
            }
            return .createdModule(moduleName)
        case "range":
            guard keywords.isEmpty, (1...3).contains(positional.count) else { return .opaque("range() arguments") }
            var bounds: [Int] = []
            for argument in positional {
                switch argument {
                case .int(.small(let value)): bounds.append(value)
                case .bool(let flag): bounds.append(flag ? 1 : 0)
                default: return .opaque("range() of \(argument.typeName)")
                }
            }
            let range = bounds.count == 1
                ? PyRange(start: 0, stop: bounds[0], step: 1)
                : PyRange(start: bounds[0], stop: bounds[1], step: bounds.count == 3 ? bounds[2] : 1)
            guard range.step != 0, range.step != .min else { return .opaque("range() step") }
            return .range(range)
        case "len":
            guard positional.count == 1, keywords.isEmpty else { return .opaque("len() arguments") }
            switch positional[0] {
            case .str(let text): return .int(.small(text.unicodeScalars.count))
            case .bytes(let bytes): return .int(.small(bytes.count))
            case .tuple(let values), .list(let values), .set(let values): return .int(.small(values.count))
            case .dict(let dict): return .int(.small(dict.keys.count))
            case .range(let range): return .int(.small(range.count))
            case .callable(.userClass(let cls)):
                guard let members = cls.enumMembers else { return .opaque("len() of class \(cls.name)") }
                return .int(.small(members.filter { !$0.isAlias }.count))
            default: return .opaque("len() of \(positional[0].typeName)")
            }
        case "list", "tuple", "iter":
            guard keywords.isEmpty, positional.count <= 1 else { return .opaque("\(name)() arguments") }
            guard let first = positional.first else { return name == "list" ? .list([]) : .tuple([]) }
            guard let values = items(first) else { return failure(first) }
            switch name {
            case "list": return .list(values)
            case "tuple": return .tuple(values)
            default: return .iterator(values)
            }
        case "set", "frozenset":
            guard keywords.isEmpty, positional.count <= 1 else { return .opaque("\(name)() arguments") }
            guard let first = positional.first else { return .set([]) }
            guard let values = unorderedItems(first) else { return failure(first) }
            return evaluator.makeSet(values)
        case "dict":
            guard positional.count <= 1 else { return .opaque("dict() arguments") }
            var dict = PyDict()
            if let first = positional.first {
                if case .dict(let other) = first {
                    dict = other
                } else {
                    guard let pairs = items(first) else { return failure(first) }
                    for pair in pairs {
                        guard let entry = items(pair), entry.count == 2, evaluator.insert(&dict, entry[0], entry[1]) else {
                            return .opaque("dict() of non-pairs")
                        }
                    }
                }
            }
            for (key, value) in keywords where !evaluator.insert(&dict, .str(key), value) {
                return .opaque("dict() keyword")
            }
            return .dict(dict)
        case "sorted":
            guard positional.count == 1, onlyKeywords(["key", "reverse"]) else { return .opaque("sorted() arguments") }
            let keyless = keyword("key")?.isNone ?? true
            guard let values = keyless ? unorderedItems(positional[0]) : items(positional[0]) else { return failure(positional[0]) }
            return sort(values, key: keyword("key"), reverse: keyword("reverse"), evaluator: &evaluator).map { .list($0) }
                ?? .opaque("sorted() of values without a known order")
        case "reversed":
            guard positional.count == 1, keywords.isEmpty else { return .opaque("reversed() arguments") }
            switch positional[0] {
            case .set, .iterator: return .opaque("reversed() of \(positional[0].typeName)")
            default:
                guard let values = items(positional[0]) else { return failure(positional[0]) }
                return .iterator(values.reversed())
            }
        case "zip":
            guard onlyKeywords(["strict"]) else { return .opaque("zip() arguments") }
            var columns: [[PyValue]] = []
            for argument in positional {
                guard let values = items(argument) else { return failure(argument) }
                columns.append(values)
            }
            let count = columns.map(\.count).min() ?? 0
            if case .bool(true) = keyword("strict") ?? .bool(false), columns.contains(where: { $0.count != count }) {
                return .opaque("zip(strict=True) of unequal lengths")
            }
            return .iterator((0..<count).map { row in .tuple(columns.map { $0[row] }) })
        case "enumerate":
            guard (1...2).contains(positional.count), onlyKeywords(["start"]) else { return .opaque("enumerate() arguments") }
            guard let values = items(positional[0]) else { return failure(positional[0]) }
            var start = 0
            if let given = positional.count == 2 ? positional[1] : keyword("start") {
                guard case .int(.small(let value)) = given else { return .opaque("enumerate() start") }
                start = value
            }
            return .iterator(values.enumerated().map { .tuple([.int(.small(start &+ $0.offset)), $0.element]) })
        case "map":
            guard positional.count >= 2, keywords.isEmpty else { return .opaque("map() arguments") }
            var columns: [[PyValue]] = []
            for argument in positional.dropFirst() {
                guard let values = items(argument) else { return failure(argument) }
                columns.append(values)
            }
            let count = columns.map(\.count).min() ?? 0
            var results: [PyValue] = []
            for row in 0..<count {
                let result = evaluator.call(positional[0], columns.map { $0[row] }, [])
                if case .opaque = result { return result }
                results.append(result)
            }
            return .iterator(results)
        case "filter":
            guard positional.count == 2, keywords.isEmpty else { return .opaque("filter() arguments") }
            guard let values = items(positional[1]) else { return failure(positional[1]) }
            var kept: [PyValue] = []
            for value in values {
                let test = positional[0].isNone ? value : evaluator.call(positional[0], [value], [])
                guard let truth = PyValues.truthy(test) else { return test.opaqueReason.map { .opaque($0) } ?? .opaque("filter() test") }
                if truth { kept.append(value) }
            }
            return .iterator(kept)
        case "str":
            guard keywords.isEmpty, positional.count <= 1 else { return .opaque("str() with an encoding") }
            guard let first = positional.first else { return .str("") }
            return PyFormatting.str(first).map { .str($0) } ?? .opaque("str() of \(first.typeName)")
        case "repr", "ascii":
            guard keywords.isEmpty, positional.count == 1 else { return .opaque("\(name)() arguments") }
            let text = name == "ascii" ? PyFormatting.asciiRepr(positional[0]) : PyFormatting.repr(positional[0])
            return text.map { .str($0) } ?? .opaque("repr() of \(positional[0].typeName)")
        case "int":
            guard onlyKeywords(["base"]), positional.count <= 2 else { return .opaque("int() arguments") }
            guard let first = positional.first else { return .int(.small(0)) }
            if positional.count == 2 || keyword("base") != nil { return .opaque("int() with a base") }
            return toInt(first)
        case "float":
            guard keywords.isEmpty, positional.count <= 1 else { return .opaque("float() arguments") }
            guard let first = positional.first else { return .float(0) }
            return toFloat(first)
        case "bool":
            guard keywords.isEmpty, positional.count <= 1 else { return .opaque("bool() arguments") }
            guard let first = positional.first else { return .bool(false) }
            return PyValues.truthy(first).map { .bool($0) } ?? .opaque("bool() of \(first.typeName)")
        case "complex":
            guard keywords.isEmpty, positional.count <= 2 else { return .opaque("complex() arguments") }
            var parts: [Double] = []
            for argument in positional {
                switch toFloat(argument) {
                case .float(let value): parts.append(value)
                default: return .opaque("complex() of \(argument.typeName)")
                }
            }
            return .complex(real: parts.first ?? 0, imag: parts.count > 1 ? parts[1] : 0)
        case "bytes":
            guard positional.count <= 2, onlyKeywords(["encoding"]) else { return .opaque("bytes() arguments") }
            guard let first = positional.first else { return .bytes([]) }
            switch first {
            case .str(let text):
                guard positional.count == 2 || keyword("encoding") != nil else { return .opaque("bytes() of str without encoding") }
                let encoding = positional.count == 2 ? positional[1] : keyword("encoding")!
                guard case .str(let codec) = encoding, isUTF8(codec) else { return .opaque("bytes() encoding") }
                return .bytes(Array(text.utf8))
            case .int(.small(let count)) where count >= 0 && count <= 1_000_000:
                return .bytes([UInt8](repeating: 0, count: count))
            default:
                guard let values = items(first) else { return failure(first) }
                var bytes: [UInt8] = []
                for value in values {
                    guard case .int(.small(let byte)) = value, (0...255).contains(byte) else { return .opaque("bytes() of non-bytes") }
                    bytes.append(UInt8(byte))
                }
                return .bytes(bytes)
            }
        case "abs":
            guard positional.count == 1, keywords.isEmpty else { return .opaque("abs() arguments") }
            switch positional[0] {
            case .int(let int): return .int(int.isNegative ? -int : int)
            case .bool(let flag): return .int(.small(flag ? 1 : 0))
            case .float(let value): return .float(value.magnitude)
            default: return .opaque("abs() of \(positional[0].typeName)")
            }
        case "min", "max":
            guard onlyKeywords(["key", "default"]), !positional.isEmpty else { return .opaque("\(name)() arguments") }
            let candidates: [PyValue]
            if positional.count == 1 {
                let keyless = keyword("key")?.isNone ?? true
                guard let values = keyless ? unorderedItems(positional[0]) : items(positional[0]) else { return failure(positional[0]) }
                candidates = values
            } else {
                candidates = positional
            }
            guard !candidates.isEmpty else { return keyword("default") ?? .opaque("\(name)() of an empty sequence") }
            guard let sorted = sort(candidates, key: keyword("key"), reverse: name == "max" ? .bool(true) : nil, evaluator: &evaluator)
            else { return .opaque("\(name)() of values without a known order") }
            return sorted[0]
        case "sum":
            guard (1...2).contains(positional.count), onlyKeywords(["start"]) else { return .opaque("sum() arguments") }
            guard let values = items(positional[0]) else { return failure(positional[0]) }
            var total = positional.count == 2 ? positional[1] : keyword("start") ?? .int(.small(0))
            if case .str = total { return .opaque("sum() of strings") }
            for value in values {
                total = binary(.add, total, value, evaluator: &evaluator)
                if case .opaque = total { return total }
            }
            return total
        case "any", "all":
            guard positional.count == 1, keywords.isEmpty else { return .opaque("\(name)() arguments") }
            guard let values = unorderedItems(positional[0]) else { return failure(positional[0]) }
            for value in values {
                guard let truth = PyValues.truthy(value) else { return .opaque("truth of an unknown value") }
                if name == "any" && truth { return .bool(true) }
                if name == "all" && !truth { return .bool(false) }
            }
            return .bool(name == "all")
        case "chr":
            guard positional.count == 1, case .int(.small(let code)) = positional[0], code >= 0,
                  let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: code)), code <= 0x10FFFF
            else { return .opaque("chr() argument") }
            return .str(String(scalar))
        case "ord":
            guard positional.count == 1 else { return .opaque("ord() arguments") }
            switch positional[0] {
            case .str(let text) where text.unicodeScalars.count == 1: return .int(.small(Int(text.unicodeScalars.first!.value)))
            case .bytes(let bytes) where bytes.count == 1: return .int(.small(Int(bytes[0])))
            default: return .opaque("ord() argument")
            }
        case "hex", "oct", "bin":
            guard positional.count == 1, keywords.isEmpty else { return .opaque("\(name)() arguments") }
            let type = name == "hex" ? "#x" : name == "oct" ? "#o" : "#b"
            return PyFormatting.format(positional[0].asInt ?? .none, spec: type).map { .str($0) } ?? .opaque("\(name)() argument")
        case "pow":
            guard positional.count == 2, keywords.isEmpty else { return .opaque("pow() arguments") }
            return binary(.power, positional[0], positional[1], evaluator: &evaluator)
        case "divmod":
            guard positional.count == 2, keywords.isEmpty else { return .opaque("divmod() arguments") }
            let quotient = binary(.floorDivide, positional[0], positional[1], evaluator: &evaluator)
            let remainder = binary(.modulo, positional[0], positional[1], evaluator: &evaluator)
            if case .opaque = quotient { return quotient }
            if case .opaque = remainder { return remainder }
            return .tuple([quotient, remainder])
        case "round":
            guard positional.count == 1, keywords.isEmpty else { return .opaque("round() with digits") }
            switch positional[0] {
            case .int(let int): return .int(int)
            case .bool(let flag): return .int(.small(flag ? 1 : 0))
            case .float(let value):
                return PyValues.exactInt(value.rounded(.toNearestOrEven)).map { .int($0) } ?? .opaque("round() of \(value)")
            default: return .opaque("round() of \(positional[0].typeName)")
            }
        case "object":
            return positional.isEmpty && keywords.isEmpty ? .object("object") : .opaque("object() arguments")
        case "typing.TypeVar":
            // An instance: not a class (its id would be its `__name__`, which is not modelled).
            guard case .str? = positional.first else { return .opaque("TypeVar() arguments") }
            return .object("TypeVar")
        case "vars":
            guard positional.count == 1, keywords.isEmpty, case .module(let module) = positional[0],
                let dict = evaluator.moduleDict(module)
            else { return .opaque("calls vars()") }
            return dict
        case "inspect.isclass":
            guard positional.count == 1, keywords.isEmpty, let answer = isClass(positional[0]) else {
                return .opaque("inspect.isclass() of an unknown value")
            }
            return .bool(answer)
        case "issubclass":
            guard positional.count == 2, keywords.isEmpty else { return .opaque("issubclass() arguments") }
            var candidates = [positional[1]]
            if case .tuple(let items) = positional[1] { candidates = items }
            var result = false
            for candidate in candidates {
                guard let answer = isSubclass(positional[0], candidate, depth: 0) else { return .opaque("issubclass() of unknown classes") }
                result = result || answer
            }
            return .bool(result)
        case "pkgutil.walk_packages", "pkgutil.iter_modules":
            var arguments = positional
            for (key, value) in keywords {
                guard key == "prefix" || key == "path" else { return .opaque("\(name)() keyword \(key)") }
                if key == "path" { arguments.insert(value, at: 0) } else { if arguments.isEmpty { return .opaque("\(name)() of sys.path") }; arguments.insert(value, at: 1) }
            }
            guard (1...2).contains(arguments.count), let paths = items(arguments[0]) else {
                return .opaque("\(name)() of sys.path")
            }
            var prefix = ""
            if arguments.count == 2 {
                guard case .str(let text) = arguments[1] else { return .opaque("\(name)() prefix") }
                prefix = text
            }
            var directories: [String] = []
            for path in paths {
                guard case .str(let directory) = path else { return .opaque("\(name)() path entries") }
                directories.append(directory)
            }
            var found: [PyValue] = []
            guard listModules(directories, prefix: prefix, recursive: name == "pkgutil.walk_packages", depth: 0, into: &found) else {
                return .opaque("\(name)() over too many modules")
            }
            return .iterator(found)
        case "pytest.raises", "pytest.warns":
            // Without a callable to run, a context manager with no id rule.
            guard positional.count == 1 else { return .opaque("calls \(name)() with a function to run") }
            return .object(name == "pytest.raises" ? "RaisesExc" : "WarningsChecker")
        case "pytest.RaisesGroup", "pytest.RaisesExc":
            return .object(shortName(name))
        case "pytest.param":
            return param(positional, keywords)
        case "itertools.product":
            guard onlyKeywords(["repeat"]) else { return .opaque("product() arguments") }
            var pools: [[PyValue]] = []
            for argument in positional {
                guard let values = items(argument) else { return failure(argument) }
                pools.append(values)
            }
            var repeatCount = 1
            if let given = keyword("repeat") {
                guard case .int(.small(let value)) = given, value >= 0 else { return .opaque("product() repeat") }
                repeatCount = value
            }
            let allPools = Array([[[PyValue]]](repeating: pools, count: repeatCount).joined())
            var rows: [[PyValue]] = [[]]
            for pool in allPools {
                let (size, overflow) = rows.count.multipliedReportingOverflow(by: pool.count)
                guard !overflow, evaluator.spend(size) else { return .opaque("evaluation budget exhausted") }
                rows = rows.flatMap { row in pool.map { row + [$0] } }
            }
            return .iterator(rows.map { .tuple($0) })
        case "itertools.combinations", "itertools.permutations", "itertools.combinations_with_replacement":
            guard (1...2).contains(positional.count), onlyKeywords(["r"]) else { return .opaque("\(name)() arguments") }
            guard let pool = items(positional[0]) else { return failure(positional[0]) }
            var size = name == "itertools.permutations" ? pool.count : -1
            if let given = positional.count == 2 ? positional[1] : keyword("r") {
                guard case .int(.small(let value)) = given, value >= 0 else { return given.isNone && name == "itertools.permutations" ? .opaque("r") : .opaque("\(name)() r") }
                size = value
            }
            guard size >= 0 else { return .opaque("\(name)() needs r") }
            var results: [[Int]] = []
            var current: [Int] = []
            var exhausted = false
            func extend(_ from: Int) {
                if exhausted { return }
                if current.count == size {
                    results.append(current)
                    if !evaluator.spend(size &+ 1) { exhausted = true }
                    return
                }
                for index in 0..<pool.count {
                    switch name {
                    case "itertools.combinations": if index < from { continue }
                    case "itertools.combinations_with_replacement": if index < from { continue }
                    default: if current.contains(index) { continue }
                    }
                    current.append(index)
                    extend(name == "itertools.combinations" ? index &+ 1 : index)
                    current.removeLast()
                    if exhausted { return }
                }
            }
            extend(0)
            if exhausted { return .opaque("evaluation budget exhausted") }
            return .iterator(results.map { .tuple($0.map { pool[$0] }) })
        case "itertools.chain":
            guard keywords.isEmpty else { return .opaque("chain() arguments") }
            var values: [PyValue] = []
            for argument in positional {
                guard let part = items(argument) else { return failure(argument) }
                values.append(contentsOf: part)
            }
            return .iterator(values)
        case "itertools.chain.from_iterable":
            guard positional.count == 1, keywords.isEmpty else { return .opaque("chain.from_iterable() arguments") }
            guard let groups = items(positional[0]) else { return failure(positional[0]) }
            return call("itertools.chain", groups, [], evaluator: &evaluator)
        case "itertools.repeat":
            guard positional.count == 2 || keyword("times") != nil else { return .opaque("infinite itertools.repeat()") }
            guard case .int(.small(let count)) = positional.count == 2 ? positional[1] : keyword("times")!, count <= 1_000_000,
                  evaluator.spend(max(0, count))
            else { return .opaque("itertools.repeat() times") }
            return .iterator([PyValue](repeating: positional[0], count: max(0, count)))
        case "itertools.zip_longest":
            guard onlyKeywords(["fillvalue"]) else { return .opaque("zip_longest() arguments") }
            var columns: [[PyValue]] = []
            for argument in positional {
                guard let values = items(argument) else { return failure(argument) }
                columns.append(values)
            }
            let fill = keyword("fillvalue") ?? .none
            let count = columns.map(\.count).max() ?? 0
            return .iterator((0..<count).map { row in .tuple(columns.map { row < $0.count ? $0[row] : fill }) })
        case "itertools.islice":
            guard (2...4).contains(positional.count), keywords.isEmpty else { return .opaque("islice() arguments") }
            var bounds: [Int?] = []
            for argument in positional.dropFirst() {
                switch argument {
                case .int(.small(let value)) where value >= 0: bounds.append(value)
                case .none: bounds.append(nil)
                default: return .opaque("islice() bounds")
                }
            }
            guard let values = items(positional[0]) else { return failure(positional[0]) }
            let (start, stop, step) = bounds.count == 1 ? (0, bounds[0], 1) : (bounds[0] ?? 0, bounds[1], bounds.count == 3 ? bounds[2] ?? 1 : 1)
            guard step > 0 else { return .opaque("islice() step") }
            let end = min(stop ?? values.count, values.count)
            guard start < end else { return .iterator([]) }
            return .iterator(stride(from: start, to: end, by: step).map { values[$0] })
        case "re.compile":
            guard (1...2).contains(positional.count), onlyKeywords(["flags"]) else { return .opaque("re.compile() arguments") }
            guard case .str(let pattern) = positional[0] else { return .opaque("re.compile() of \(positional[0].typeName)") }
            return .pattern(pattern)
        default:
            if let dot = name.lastIndex(of: "."), hasUnboundMethods(String(name[..<dot])), let receiver = positional.first {
                return callMethod(receiver, String(name[name.index(after: dot)...]), Array(positional.dropFirst()), keywords,
                                  evaluator: &evaluator)
            }
            return .opaque("calls \(name)()")
        }
    }

    /// Callables whose result does not depend on the values of their positional arguments'
    /// (`pytest.param` keeps them; a plain type makes an object regardless).
    static func acceptsOpaqueArguments(_ callee: PyValue) -> Bool {
        switch callee {
        case .mark:
            return true
        case .callable(.builtin(let name)):
            return name == "pytest.param" || plainTypes.contains(name) || exceptions.contains(name)
                || plainInstanceTypes.contains(name) || name == "pytest.RaisesGroup" || name == "pytest.RaisesExc"
                || name == "pytest.raises" || name == "pytest.warns"
        case .callable(.userClass(let cls)):
            return cls.enumMembers == nil && cls.instancesArePlain
        default:
            return false
        }
    }

    /// Builtin types whose methods can be called unbound (`str.upper(s)`).
    static func hasUnboundMethods(_ type: String) -> Bool {
        ["str", "bytes", "dict", "list", "tuple"].contains(type)
    }

    private static func isUTF8(_ codec: String) -> Bool {
        ["utf-8", "utf8", "UTF-8", "UTF8", "ascii"].contains(codec)
    }

    private static func toInt(_ value: PyValue) -> PyValue {
        switch value {
        case .int: return value
        case .bool(let flag): return .int(.small(flag ? 1 : 0))
        case .float(let double):
            guard double.isFinite, let int = PyValues.exactInt(double.rounded(.towardZero)) else { return .opaque("int() of \(double)") }
            return .int(int)
        case .str(let text):
            var digits = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII }) else { return .opaque("int() of text") }
            if digits.first == "+" { digits.removeFirst() }
            let cleaned = String(digits)
            guard digits.count <= 4300 else { return .opaque("int() of more than 4300 digits") }
            guard let int = PyInt(decimal: cleaned.replacingUnderscoresBetweenDigits) else { return .opaque("int() of '\(text)'") }
            return .int(int)
        case .enumMember(let member) where member.text != "\(member.className).\(member.name)" && !member.isString:
            return toInt(member.value)
        default:
            return .opaque("int() of \(value.typeName)")
        }
    }

    private static func toFloat(_ value: PyValue) -> PyValue {
        switch value {
        case .float: return value
        case .int(let int): return int.doubleValue.map { .float($0) } ?? .opaque("int too large to convert to float")
        case .bool(let flag): return .float(flag ? 1 : 0)
        case .str(let text):
            let trimmed = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
            var body = Substring(trimmed.lowercased())
            var negative = false
            if body.first == "-" || body.first == "+" {
                negative = body.first == "-"
                body = body.dropFirst()
            }
            if body == "inf" || body == "infinity" { return .float(negative ? -.infinity : .infinity) }
            if body == "nan" { return .float(negative ? -Double.nan : .nan) }
            guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "+" || $0 == "-" || $0 == "_") }),
                  let parsed = Double(String(body).replacingUnderscoresBetweenDigits)
            else { return .opaque("float() of '\(text)'") }
            return .float(negative ? -parsed : parsed)
        case .enumMember(let member) where member.text != "\(member.className).\(member.name)" && !member.isString:
            return toFloat(member.value)
        default:
            return .opaque("float() of \(value.typeName)")
        }
    }

    private static func param(_ positional: [PyValue], _ keywords: [(String, PyValue)]) -> PyValue {
        var id = PytestParam.ID.none
        var marks: [String] = []
        for (name, value) in keywords {
            switch name {
            case "id":
                switch value {
                case .str(let text): id = .text(text)
                case .none: id = .none
                case .hiddenParam: id = .hidden
                default: return .opaque("pytest.param id of type \(value.typeName)")
                }
            case "marks":
                switch value {
                case .mark(let mark): marks = [mark]
                case .tuple(let items), .list(let items), .set(let items):
                    for item in items {
                        guard case .mark(let mark) = item else { return .opaque("pytest.param marks") }
                        marks.append(mark)
                    }
                default: return .opaque("pytest.param marks")
                }
                if marks.contains("usefixtures") { return .opaque("pytest.param cannot add pytest.mark.usefixtures") }
            default:
                return .opaque("pytest.param keyword \(name)")
            }
        }
        return .param(PytestParam(values: positional, id: id, marks: marks))
    }

    /// A stable sort (merge sort) by Python ordering; nil when an order is unknown.
    private static func sort(_ values: [PyValue], key: PyValue?, reverse: PyValue?, evaluator: inout ValueEvaluator) -> [PyValue]? {
        var keys = values
        if let key, !key.isNone {
            keys = []
            for value in values {
                let computed = evaluator.call(key, [value], [])
                if case .opaque = computed { return nil }
                keys.append(computed)
            }
        }
        var descending = false
        if let reverse {
            guard let truth = PyValues.truthy(reverse) else { return nil }
            descending = truth
        }
        guard evaluator.spend(values.count &* 4) else { return nil }
        var order = Array(values.indices)
        var failed = false
        func before(_ a: Int, _ b: Int) -> Bool {
            guard let result = descending ? PyValues.less(keys[b], keys[a]) : PyValues.less(keys[a], keys[b]) else {
                failed = true
                return false
            }
            return result
        }
        var width = 1
        var buffer = order
        while width < order.count {
            var start = 0
            while start < order.count {
                let middle = min(start &+ width, order.count)
                let end = min(start &+ 2 &* width, order.count)
                var i = start, j = middle, k = start
                while i < middle && j < end {
                    if before(order[j], order[i]) {
                        buffer[k] = order[j]
                        j &+= 1
                    } else {
                        buffer[k] = order[i]
                        i &+= 1
                    }
                    k &+= 1
                }
                while i < middle { buffer[k] = order[i]; i &+= 1; k &+= 1 }
                while j < end { buffer[k] = order[j]; j &+= 1; k &+= 1 }
                start = end
            }
            swap(&order, &buffer)
            width &*= 2
        }
        return failed ? nil : order.map { values[$0] }
    }

    // MARK: - Methods

    static func callMethod(
        _ receiver: PyValue, _ name: String, _ positional: [PyValue], _ keywords: [(String, PyValue)],
        evaluator: inout ValueEvaluator
    ) -> PyValue {
        let unknown = PyValue.opaque("method \(receiver.typeName).\(name)()")
        switch receiver {
        case .str(let text):
            return stringMethod(text, name, positional, keywords, evaluator: &evaluator) ?? unknown
        case .bytes(let bytes):
            if name == "decode", positional.count <= 1, keywords.isEmpty {
                if let codec = positional.first {
                    guard case .str(let codecName) = codec, isUTF8(codecName) else { return unknown }
                }
                guard let text = String(validating: bytes, as: UTF8.self) else { return .opaque("bytes.decode() of invalid UTF-8") }
                return .str(text)
            }
            if name == "hex", positional.isEmpty {
                return .str(bytes.map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined())
            }
            return unknown
        case .dict(let dict):
            guard keywords.isEmpty else { return unknown }
            switch (name, positional.count) {
            case ("keys", 0): return .iterator(dict.keys)
            case ("values", 0): return .iterator(dict.values)
            case ("items", 0): return .iterator(zip(dict.keys, dict.values).map { .tuple([$0, $1]) })
            case ("copy", 0): return receiver
            case ("get", 1), ("get", 2):
                guard let position = PyValues.index(of: positional[0], in: dict.keys) else { return .opaque("dict.get() of an unknown key") }
                return position >= 0 ? dict.values[position] : (positional.count == 2 ? positional[1] : .none)
            default: return unknown
            }
        case .list(let items), .tuple(let items):
            guard keywords.isEmpty else { return unknown }
            switch (name, positional.count) {
            case ("copy", 0): return receiver
            case ("count", 1):
                var count = 0
                for item in items {
                    guard let same = PyValues.equal(item, positional[0]) else { return .opaque("count() of unknown values") }
                    if same { count &+= 1 }
                }
                return .int(.small(count))
            case ("index", 1):
                guard let position = PyValues.index(of: positional[0], in: items) else { return .opaque("index() of unknown values") }
                return position >= 0 ? .int(.small(position)) : .opaque("ValueError from index()")
            default: return unknown
            }
        default:
            return unknown
        }
    }

    private static func stringMethod(
        _ text: String, _ name: String, _ positional: [PyValue], _ keywords: [(String, PyValue)],
        evaluator: inout ValueEvaluator
    ) -> PyValue? {
        func stringArgument(_ index: Int) -> String? {
            guard index < positional.count, case .str(let value) = positional[index] else { return nil }
            return value
        }
        func intArgument(_ index: Int) -> Int? {
            guard index < positional.count, case .int(.small(let value)) = positional[index] else { return nil }
            return value
        }
        let scalars = Array(text.unicodeScalars)
        func make(_ scalars: some Sequence<Unicode.Scalar>) -> PyValue {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return .str(String(view))
        }
        if name == "format" { return PyFormatting.strFormat(text, positional: positional, keywords: keywords).map { .str($0) } }
        guard keywords.isEmpty || name == "split" || name == "rsplit" else { return nil }
        switch name {
        case "upper" where positional.isEmpty: return .str(text.uppercased())
        case "lower" where positional.isEmpty: return .str(text.lowercased())
        case "capitalize" where positional.isEmpty:
            guard let first = scalars.first else { return .str("") }
            return .str(String(first).uppercased() + make(scalars.dropFirst()).stringValue!.lowercased())
        case "strip", "lstrip", "rstrip":
            guard positional.count <= 1 else { return nil }
            let set: ((Unicode.Scalar) -> Bool)
            if let first = positional.first, !first.isNone {
                guard case .str(let characters) = first else { return nil }
                let members = Set(characters.unicodeScalars)
                set = { members.contains($0) }
            } else {
                set = { $0.properties.isWhitespace }
            }
            var lower = 0
            var upper = scalars.count
            if name != "rstrip" { while lower < upper, set(scalars[lower]) { lower &+= 1 } }
            if name != "lstrip" { while upper > lower, set(scalars[upper &- 1]) { upper &-= 1 } }
            return make(scalars[lower..<upper])
        case "split", "rsplit":
            var separator: String?
            var maxSplit = -1
            for (key, value) in keywords {
                switch (key, value) {
                case ("sep", .str(let given)): separator = given
                case ("sep", .none): separator = nil
                case ("maxsplit", .int(.small(let given))): maxSplit = given
                default: return nil
                }
            }
            if let given = positional.first, !given.isNone {
                guard let value = stringArgument(0), !value.isEmpty else { return nil }
                separator = value
            }
            if positional.count > 1 {
                guard let value = intArgument(1) else { return nil }
                maxSplit = value
            }
            guard name == "split" || maxSplit < 0 else { return nil }
            return .list(split(scalars, separator: separator.map { Array($0.unicodeScalars) }, maxSplit: maxSplit).map { make($0) })
        case "join":
            guard positional.count == 1 else { return nil }
            guard case .values(let items) = evaluator.elements(of: positional[0]) else { return nil }
            var parts: [String] = []
            for item in items {
                guard case .str(let part) = item else { return .opaque("join() of non-strings") }
                parts.append(part)
            }
            return .str(parts.joined(separator: text))
        case "replace":
            guard (2...3).contains(positional.count), let old = stringArgument(0), let new = stringArgument(1) else { return nil }
            var count = -1
            if positional.count == 3 {
                guard let given = intArgument(2) else { return nil }
                count = given
            }
            return make(replace(scalars, Array(old.unicodeScalars), Array(new.unicodeScalars), count: count))
        case "startswith", "endswith":
            guard positional.count == 1 else { return nil }
            var candidates: [String] = []
            switch positional[0] {
            case .str(let value): candidates = [value]
            case .tuple(let items):
                for item in items {
                    guard case .str(let value) = item else { return nil }
                    candidates.append(value)
                }
            default: return nil
            }
            return .bool(candidates.contains { candidate in
                let part = Array(candidate.unicodeScalars)
                guard part.count <= scalars.count else { return false }
                return name == "startswith" ? Array(scalars.prefix(part.count)) == part : Array(scalars.suffix(part.count)) == part
            })
        case "removeprefix", "removesuffix":
            guard positional.count == 1, let affix = stringArgument(0) else { return nil }
            let part = Array(affix.unicodeScalars)
            if name == "removeprefix", !part.isEmpty, scalars.starts(with: part) { return make(scalars.dropFirst(part.count)) }
            if name == "removesuffix", !part.isEmpty, scalars.count >= part.count, Array(scalars.suffix(part.count)) == part {
                return make(scalars.dropLast(part.count))
            }
            return .str(text)
        case "zfill":
            guard positional.count == 1, let width = intArgument(0), width < 100_000 else { return nil }
            guard width > scalars.count else { return .str(text) }
            let padding = [Unicode.Scalar](repeating: "0", count: width &- scalars.count)
            if let first = scalars.first, first == "+" || first == "-" {
                return make([first] + padding + scalars.dropFirst())
            }
            return make(padding + scalars)
        case "ljust", "rjust", "center":
            guard (1...2).contains(positional.count), let width = intArgument(0), width < 100_000 else { return nil }
            var fill: Unicode.Scalar = " "
            if positional.count == 2 {
                guard let given = stringArgument(1), given.unicodeScalars.count == 1 else { return nil }
                fill = given.unicodeScalars.first!
            }
            guard width > scalars.count else { return .str(text) }
            let padding = width &- scalars.count
            switch name {
            case "ljust": return make(scalars + [Unicode.Scalar](repeating: fill, count: padding))
            case "rjust": return make([Unicode.Scalar](repeating: fill, count: padding) + scalars)
            default:
                // CPython's centre: the extra fill goes left when the padding and width are both odd.
                let left = padding / 2 &+ (padding & width & 1)
                return make([Unicode.Scalar](repeating: fill, count: left) + scalars
                    + [Unicode.Scalar](repeating: fill, count: padding &- left))
            }
        case "encode":
            if let codec = positional.first {
                guard case .str(let codecName) = codec, isUTF8(codecName) else { return nil }
                if codecName == "ascii", !scalars.allSatisfy(\.isASCII) { return .opaque("encode() error") }
            }
            return .bytes(Array(text.utf8))
        case "isdigit", "isalpha", "isupper", "islower", "isspace", "isnumeric", "isalnum", "isidentifier", "isascii",
             "title", "casefold", "swapcase", "count", "find", "index", "partition", "splitlines":
            return nil
        default:
            return nil
        }
    }

    private static func split(_ scalars: [Unicode.Scalar], separator: [Unicode.Scalar]?, maxSplit: Int) -> [[Unicode.Scalar]] {
        var parts: [[Unicode.Scalar]] = []
        guard let separator else {
            var index = 0
            var splits = 0
            while index < scalars.count {
                while index < scalars.count, scalars[index].properties.isWhitespace { index &+= 1 }
                guard index < scalars.count else { break }
                if maxSplit >= 0 && splits >= maxSplit {
                    var end = scalars.count
                    while end > index, scalars[end &- 1].properties.isWhitespace { end &-= 1 }
                    parts.append(Array(scalars[index..<end]))
                    break
                }
                let start = index
                while index < scalars.count, !scalars[index].properties.isWhitespace { index &+= 1 }
                parts.append(Array(scalars[start..<index]))
                splits &+= 1
            }
            return parts
        }
        var start = 0
        var index = 0
        var splits = 0
        while index &+ separator.count <= scalars.count {
            if (maxSplit < 0 || splits < maxSplit), Array(scalars[index..<(index &+ separator.count)]) == separator {
                parts.append(Array(scalars[start..<index]))
                index &+= separator.count
                start = index
                splits &+= 1
            } else {
                index &+= 1
            }
        }
        parts.append(Array(scalars[start...]))
        return parts
    }

    private static func replace(_ scalars: [Unicode.Scalar], _ old: [Unicode.Scalar], _ new: [Unicode.Scalar], count: Int) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var index = 0
        var done = 0
        if old.isEmpty {
            for scalar in scalars {
                if count < 0 || done < count {
                    out.append(contentsOf: new)
                    done &+= 1
                }
                out.append(scalar)
            }
            if count < 0 || done < count { out.append(contentsOf: new) }
            return out
        }
        while index < scalars.count {
            if (count < 0 || done < count), index &+ old.count <= scalars.count, Array(scalars[index..<(index &+ old.count)]) == old {
                out.append(contentsOf: new)
                index &+= old.count
                done &+= 1
            } else {
                out.append(scalars[index])
                index &+= 1
            }
        }
        return out
    }

    // MARK: - Operators

    static func binary(_ op: PyBinaryOperator, _ left: PyValue, _ right: PyValue, evaluator: inout ValueEvaluator) -> PyValue {
        let unsupported = PyValue.opaque("unsupported operand types for \(op): '\(left.typeName)' and '\(right.typeName)'")
        if case .opaque = left { return left }
        if case .opaque = right { return right }
        switch (op, left, right) {
        case (.bitAnd, .bool(let a), .bool(let b)): return .bool(a && b)
        case (.bitOr, .bool(let a), .bool(let b)): return .bool(a || b)
        case (.bitXor, .bool(let a), .bool(let b)): return .bool(a != b)
        case (.modulo, .str(let template), _):
            return PyFormatting.percentFormat(template, right).map { .str($0) } ?? .opaque("% formatting")
        case (.add, .str(let a), .str(let b)): return .str(a + b)
        case (.add, .bytes(let a), .bytes(let b)): return .bytes(a + b)
        case (.add, .list(let a), .list(let b)): return .list(a + b)
        case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
        case (.bitOr, .dict(var a), .dict(let b)):
            for (key, value) in zip(b.keys, b.values) where !evaluator.insert(&a, key, value) { return .opaque("dict merge") }
            return .dict(a)
        case (.bitOr, .set(let a), .set(let b)): return evaluator.makeSet(a + b)
        case (.bitAnd, .set(let a), .set(let b)), (.subtract, .set(let a), .set(let b)):
            var kept: [PyValue] = []
            for element in a {
                guard let position = PyValues.index(of: element, in: b) else { return .opaque("set of unknown values") }
                if (position >= 0) == (op == .bitAnd) { kept.append(element) }
            }
            return .set(kept)
        case (.multiply, .str, _), (.multiply, .bytes, _), (.multiply, .list, _), (.multiply, .tuple, _):
            return repeated(left, right, evaluator: &evaluator) ?? unsupported
        case (.multiply, _, .str), (.multiply, _, .bytes), (.multiply, _, .list), (.multiply, _, .tuple):
            return repeated(right, left, evaluator: &evaluator) ?? unsupported
        default:
            break
        }
        guard let a = numeric(left), let b = numeric(right) else { return unsupported }
        switch (a, b) {
        case (.int(let x), .int(let y)):
            return intOperation(op, x, y) ?? unsupported
        case (.complex, _), (_, .complex):
            guard let (ar, ai) = complexParts(a), let (br, bi) = complexParts(b) else { return unsupported }
            switch op {
            case .add: return .complex(real: ar + br, imag: ai + bi)
            case .subtract: return .complex(real: ar - br, imag: ai - bi)
            case .multiply: return .complex(real: ar * br - ai * bi, imag: ar * bi + ai * br)
            default: return .opaque("complex \(op)")
            }
        default:
            guard let x = a.double, let y = b.double else { return .opaque("int too large to convert to float") }
            return floatOperation(op, x, y) ?? unsupported
        }
    }

    private enum Numeric {
        case int(PyInt)
        case float(Double)
        case complex(Double, Double)

        var double: Double? {
            switch self {
            case .int(let int): return int.doubleValue
            case .float(let value): return value
            case .complex: return nil
            }
        }
    }

    private static func numeric(_ value: PyValue) -> Numeric? {
        switch value {
        case .int(let int): return .int(int)
        case .bool(let flag): return .int(.small(flag ? 1 : 0))
        case .float(let double): return .float(double)
        case .complex(let real, let imag): return .complex(real, imag)
        case .enumMember(let member) where member.text != "\(member.className).\(member.name)" && !member.isString:
            return numeric(member.value)
        default: return nil
        }
    }

    private static func complexParts(_ value: Numeric) -> (Double, Double)? {
        switch value {
        case .complex(let real, let imag): return (real, imag)
        case .float(let real): return (real, 0)
        case .int(let int): return int.doubleValue.map { ($0, 0) }
        }
    }

    private static func intOperation(_ op: PyBinaryOperator, _ x: PyInt, _ y: PyInt) -> PyValue? {
        switch op {
        case .add: return .int(x + y)
        case .subtract: return .int(x - y)
        case .multiply:
            guard x.bitWidth &+ y.bitWidth <= 131_072 else { return .opaque("product too large") }
            return .int(x * y)
        case .divide:
            guard !y.isZero else { return .opaque("division by zero") }
            let limit: UInt = 1 << 53
            guard let a = x.intValue, let b = y.intValue, a.magnitude <= limit, b.magnitude <= limit else {
                return .opaque("true division of big ints")
            }
            return .float(Double(a) / Double(b))
        case .floorDivide, .modulo:
            guard !y.isZero else { return .opaque("division by zero") }
            guard let (quotient, remainder) = x.floorDivided(by: y) else { return .opaque("division of big ints") }
            return .int(op == .floorDivide ? quotient : remainder)
        case .power:
            guard let exponent = y.intValue, exponent >= 0 else { return .opaque("int ** negative or big exponent") }
            return x.power(exponent).map { .int($0) } ?? .opaque("power too large")
        case .leftShift:
            guard let shift = y.intValue, shift >= 0 else { return .opaque("shift count") }
            guard let factor = PyInt.small(2).power(shift) else { return .opaque("shift too large") }
            return .int(x * factor)
        case .rightShift:
            guard let shift = y.intValue, shift >= 0, let value = x.intValue else { return .opaque("shift of big int") }
            return .int(.small(shift >= 64 ? (value < 0 ? -1 : 0) : value >> shift))
        case .bitAnd, .bitOr, .bitXor:
            guard let a = x.intValue, let b = y.intValue else { return .opaque("bitwise operation on big ints") }
            return .int(.small(op == .bitAnd ? a & b : op == .bitOr ? a | b : a ^ b))
        case .matrixMultiply:
            return nil
        }
    }

    private static func floatOperation(_ op: PyBinaryOperator, _ x: Double, _ y: Double) -> PyValue? {
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide:
            guard y != 0 else { return .opaque("float division by zero") }
            return .float(x / y)
        case .floorDivide, .modulo:
            guard y != 0 else { return .opaque("float modulo by zero") }
            // CPython's float_divmod.
            var mod = x.truncatingRemainder(dividingBy: y)
            var div = (x - mod) / y
            if mod != 0 {
                if (y < 0) != (mod < 0) {
                    mod += y
                    div -= 1
                }
            } else {
                mod = Double(signOf: y, magnitudeOf: 0)
            }
            var floorDiv: Double
            if div != 0 {
                floorDiv = div.rounded(.down)
                if div - floorDiv > 0.5 { floorDiv += 1 }
            } else {
                floorDiv = Double(signOf: x / y, magnitudeOf: 0)
            }
            return .float(op == .floorDivide ? floorDiv : mod)
        case .power:
            if y == 0 { return .float(1) }
            if y == 1 { return .float(x) }
            return .opaque("float power")
        default:
            return nil
        }
    }

    private static func repeated(_ sequence: PyValue, _ times: PyValue, evaluator: inout ValueEvaluator) -> PyValue? {
        let count: Int
        switch times {
        case .int(.small(let value)): count = max(0, value)
        case .bool(let flag): count = flag ? 1 : 0
        default: return nil
        }
        func affordable(_ length: Int, _ divisor: Int) -> Bool {
            let (total, overflow) = length.multipliedReportingOverflow(by: count)
            return !overflow && total <= 16_000_000 && evaluator.spend(total / divisor &+ 1)
        }
        switch sequence {
        case .str(let text):
            guard affordable(text.utf8.count, 16) else { return .opaque("repeated sequence too large") }
            return .str(String(repeating: text, count: count))
        case .bytes(let bytes):
            guard affordable(bytes.count, 16) else { return .opaque("repeated sequence too large") }
            return .bytes(Array([[UInt8]](repeating: bytes, count: count).joined()))
        case .list(let items), .tuple(let items):
            guard affordable(items.count, 1) else { return .opaque("repeated sequence too large") }
            let values = Array([[PyValue]](repeating: items, count: count).joined())
            if case .list = sequence { return .list(values) }
            return .tuple(values)
        default:
            return nil
        }
    }

    // MARK: - Subscripts and membership

    static func item(_ base: PyValue, _ key: PyValue) -> PyValue {
        func position(_ count: Int) -> Int? {
            let index: Int
            switch key {
            case .int(.small(let value)): index = value
            case .bool(let flag): index = flag ? 1 : 0
            default: return nil
            }
            let normalized = index < 0 ? index &+ count : index
            return normalized >= 0 && normalized < count ? normalized : nil
        }
        switch base {
        case .str(let text):
            let scalars = Array(text.unicodeScalars)
            guard let index = position(scalars.count) else { return .opaque("string index") }
            return .str(String(scalars[index]))
        case .bytes(let bytes):
            guard let index = position(bytes.count) else { return .opaque("bytes index") }
            return .int(.small(Int(bytes[index])))
        case .tuple(let items), .list(let items):
            guard let index = position(items.count) else { return .opaque("sequence index") }
            return items[index]
        case .range(let range):
            guard let index = position(range.count) else { return .opaque("range index") }
            return .int(.small(range.element(index)))
        case .dict(let dict):
            guard let index = PyValues.index(of: key, in: dict.keys) else { return .opaque("dict lookup of an unknown key") }
            return index >= 0 ? dict.values[index] : .opaque("KeyError")
        case .callable(.userClass(let cls)):
            guard let members = cls.enumMembers, case .str(let name) = key, let index = cls.memberNames.firstIndex(of: name) else {
                return .opaque("subscript of class \(cls.name)")
            }
            return .enumMember(members[index].member)
        default:
            return .opaque("subscript of \(base.typeName)")
        }
    }

    static func slice(_ base: PyValue, _ lower: Int?, _ upper: Int?, _ step: Int?) -> PyValue {
        let stride = step ?? 1
        guard stride != 0 else { return .opaque("slice step cannot be zero") }
        func indices(_ count: Int) -> [Int] {
            func clamp(_ value: Int?, _ defaultValue: Int) -> Int {
                guard var value else { return defaultValue }
                if value < 0 { value &+= count }
                if stride > 0 { return min(max(value, 0), count) }
                return min(max(value, -1), count &- 1)
            }
            let start = clamp(lower, stride > 0 ? 0 : count &- 1)
            let stop = clamp(upper, stride > 0 ? count : -1)
            return Array(Swift.stride(from: start, to: stop, by: stride))
        }
        switch base {
        case .str(let text):
            let scalars = Array(text.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: indices(scalars.count).map { scalars[$0] })
            return .str(String(view))
        case .bytes(let bytes): return .bytes(indices(bytes.count).map { bytes[$0] })
        case .list(let items): return .list(indices(items.count).map { items[$0] })
        case .tuple(let items): return .tuple(indices(items.count).map { items[$0] })
        case .range(let range):
            guard range.count <= 10_000_000 else { return .opaque("slice of a large range") }
            return .list(indices(range.count).map { .int(.small(range.element($0))) })
        default: return .opaque("slice of \(base.typeName)")
        }
    }

    static func contains(_ container: PyValue, _ element: PyValue, evaluator: inout ValueEvaluator) -> Bool? {
        switch container {
        case .str(let text):
            guard case .str(let part) = element else { return nil }
            let haystack = Array(text.unicodeScalars)
            let needle = Array(part.unicodeScalars)
            if needle.isEmpty { return true }
            guard needle.count <= haystack.count else { return false }
            for start in 0...(haystack.count &- needle.count) where Array(haystack[start..<(start &+ needle.count)]) == needle {
                return true
            }
            return false
        case .tuple(let items), .list(let items), .set(let items), .iterator(let items):
            return PyValues.index(of: element, in: items).map { $0 >= 0 }
        case .dict(let dict):
            return PyValues.index(of: element, in: dict.keys).map { $0 >= 0 }
        case .range(let range):
            guard case .int(.small(let value)) = element else { return nil }
            let offset = value.subtractingReportingOverflow(range.start)
            guard !offset.overflow else { return nil }
            let remainder = offset.partialValue.remainderReportingOverflow(dividingBy: range.step)
            guard !remainder.overflow else { return nil }
            guard remainder.partialValue == 0 else { return false }
            let index = offset.partialValue.dividedReportingOverflow(by: range.step)
            guard !index.overflow else { return nil }
            return index.partialValue >= 0 && index.partialValue < range.count
        case .bytes(let bytes):
            switch element {
            case .int(.small(let value)): return bytes.contains { Int($0) == value }
            case .bytes(let part):
                if part.isEmpty { return true }
                guard part.count <= bytes.count else { return false }
                return (0...(bytes.count &- part.count)).contains { Array(bytes[$0..<($0 &+ part.count)]) == part }
            default: return nil
            }
        default:
            return nil
        }
    }
}

extension PyValue {
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    var stringValue: String? {
        if case .str(let text) = self { return text }
        return nil
    }

    var asInt: PyValue? {
        switch self {
        case .int: return self
        case .bool(let flag): return .int(.small(flag ? 1 : 0))
        default: return nil
        }
    }
}

extension String {
    /// `1_000` as `1000` (underscores between digits, as `int()` and `float()` accept them).
    var replacingUnderscoresBetweenDigits: String {
        guard utf8.contains(UInt8(ascii: "_")) else { return self }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "_") {
                guard index > 0, index + 1 < bytes.count, bytes[index - 1] >= 48, bytes[index - 1] <= 57,
                      bytes[index + 1] >= 48, bytes[index + 1] <= 57
                else { return "invalid" }
                continue
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
