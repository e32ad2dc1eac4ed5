/// Modules and classes whose relevant facts are known without source: the standard library's
/// `unittest` and `abc`, and the builtins.
enum KnownModules {
    /// Standard-library modules looked up by name, never on the search path.
    static func isKnown(_ dotted: String) -> Bool {
        let head = dotted.split(separator: ".", maxSplits: 1).first.map(String.init) ?? dotted
        return ["unittest", "abc", "typing", "builtins", "contextlib", "functools"].contains(head)
    }

    static func knownClass(module: String, name: String) -> KnownClass? {
        switch (module, name) {
        case ("unittest", "TestCase"), ("unittest.case", "TestCase"),
            ("unittest", "IsolatedAsyncioTestCase"), ("unittest.async_case", "IsolatedAsyncioTestCase"),
            ("unittest", "FunctionTestCase"), ("unittest.case", "FunctionTestCase"):
            return KnownClass(name: module + "." + name, isTestCase: true, hasInit: true, hasNew: false, isABC: false)
        case ("functools", "partial"):
            return KnownClass(name: "functools.partial", isTestCase: false, hasInit: true, hasNew: true, isABC: false)
        case ("contextlib", "ContextDecorator"):
            return .contextDecorator
        case ("abc", "ABC"):
            return .abc
        case ("typing", "Generic"), ("typing", "Protocol"):
            return KnownClass(name: module + "." + name, isTestCase: false, hasInit: false, hasNew: false, isABC: false)
        case ("builtins", _):
            return builtinClass(name)
        default:
            return nil
        }
    }

    /// Builtin classes a base list may name without importing them.
    static func builtinClass(_ name: String) -> KnownClass? {
        if name == "object" { return .object }
        if builtinExceptions.contains(name) {
            return KnownClass(name: name, isTestCase: false, hasInit: true, hasNew: true, isABC: false)
        }
        if builtinTypes.contains(name) {
            return KnownClass(name: name, isTestCase: false, hasInit: true, hasNew: true, isABC: false)
        }
        return nil
    }

    private static let builtinTypes: Set<String> = [
        "bool", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float",
        "frozenset", "int", "list", "map", "memoryview", "property", "range", "reversed", "set", "slice",
        "staticmethod", "str", "super", "tuple", "type", "zip",
    ]

    private static let builtinExceptions: Set<String> = [
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
        "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
        "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
        "DeprecationWarning", "EOFError", "EncodingWarning", "EnvironmentError", "Exception", "ExceptionGroup",
        "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError",
        "ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
        "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError",
        "NotADirectoryError", "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning",
        "PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError", "ResourceWarning",
        "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning",
        "SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError", "UnboundLocalError",
        "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning",
        "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
    ]
}
