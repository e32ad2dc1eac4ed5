/// Modules and classes whose relevant facts are known without source: the standard library's
/// `unittest` and `abc`, and the builtins.
enum KnownModules {
    /// Standard-library modules looked up by name, never on the search path.
    static func isKnown(_ dotted: String) -> Bool {
        let head = dotted.dottedHead
        return standardLibrary.contains(head)
    }

    static func knownClass(module: String, name: String) -> KnownClass? {
        switch (module, name) {
        case ("unittest", "TestCase"), ("unittest.case", "TestCase"),
            ("unittest", "IsolatedAsyncioTestCase"), ("unittest.async_case", "IsolatedAsyncioTestCase"),
            ("unittest", "FunctionTestCase"), ("unittest.case", "FunctionTestCase"):
            return KnownClass(name: module + "." + name, isTestCase: true, hasInit: true, hasNew: false, isABC: false)
        case ("doctest", "DocTestCase"), ("doctest", "DocFileCase"), ("doctest", "SkipDocTestCase"):
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

    /// True when `dotted` names a standard-library module (Python 3.11's
    /// `sys.stdlib_module_names`, private modules included): none of its classes is a `unittest.TestCase` except those of
    /// `unittest` itself, and almost all define `__init__`.
    static func isStandardLibrary(_ dotted: String) -> Bool {
        let head = dotted.dottedHead
        return standardLibrary.contains(head)
    }

    /// The class a call of standard-library `dotted` makes when it is a class factory whose
    /// result is not a `unittest.TestCase` (`collections.namedtuple`, the functional `Enum`
    /// API…): a base list may call one (`class Point(namedtuple("Point", "x y"))`). Nil otherwise.
    static func classMadeBy(_ dotted: String) -> KnownClass? {
        guard classFactories.contains(dotted) else { return nil }
        // A named tuple keeps `object.__init__` (tuple's) and defines `__new__`.
        let isTuple = dotted == "collections.namedtuple" || dotted == "typing.NamedTuple"
        return KnownClass(name: dotted, isTestCase: false, hasInit: !isTuple, hasNew: true, isABC: false)
    }

    private static let classFactories: Set<String> = [
        "collections.namedtuple", "typing.NamedTuple", "typing.TypedDict", "enum.Enum", "enum.IntEnum",
        "enum.Flag", "enum.IntFlag", "enum.StrEnum",
    ]

    /// A class of a standard-library module other than those listed above, read without source.
    static func standardLibraryClass(module: String, name: String) -> KnownClass {
        let dotted = module + "." + name
        return KnownClass(
            name: dotted, isTestCase: false, hasInit: !standardLibraryWithoutInit.contains(dotted), hasNew: true,
            isABC: false)
    }

    /// Standard-library classes that keep `object.__init__` (they only define `__new__`), for
    /// pytest's "cannot collect test class … because it has a __new__ constructor".
    private static let standardLibraryWithoutInit: Set<String> = [
        "datetime.date", "datetime.datetime", "datetime.time", "datetime.timedelta", "datetime.timezone",
        "decimal.Decimal", "fractions.Fraction", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
        "pathlib.PurePosixPath", "pathlib.WindowsPath", "pathlib.PureWindowsPath",
    ]

    private static let standardLibrary: Set<String> = [
        "__future__", "_abc", "_aix_support", "_ast", "_asyncio", "_bisect", "_blake2", "_bootsubprocess", "_bz2",
        "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw",
        "_collections", "_collections_abc", "_compat_pickle", "_compression", "_contextvars", "_crypt", "_csv",
        "_ctypes", "_curses", "_curses_panel", "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
        "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io", "_json",
        "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec", "_multiprocessing",
        "_opcode", "_operator", "_osx_support", "_overlapped", "_pickle", "_posixshmem", "_posixsubprocess",
        "_py_abc", "_pydecimal", "_pyio", "_queue", "_random", "_scproxy", "_sha1", "_sha256", "_sha3", "_sha512",
        "_signal", "_sitebuiltins", "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_statistics", "_string",
        "_strptime", "_struct", "_symtable", "_thread", "_threading_local", "_tkinter", "_tokenize", "_tracemalloc",
        "_typing", "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "_zoneinfo", "abc", "aifc",
        "antigravity", "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit", "audioop", "base64",
        "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar", "cgi", "cgitb", "chunk", "cmath",
        "cmd", "code", "codecs", "codeop", "collections", "colorsys", "compileall", "concurrent", "configparser",
        "contextlib", "contextvars", "copy", "copyreg", "crypt", "csv", "ctypes", "curses", "dataclasses",
        "datetime", "dbm", "decimal", "difflib", "dis", "distutils", "doctest", "email", "encodings", "ensurepip",
        "enum", "errno", "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib",
        "functools", "gc", "genericpath", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip",
        "hashlib", "heapq", "hmac", "html", "http", "idlelib", "imaplib", "imghdr", "imp", "importlib", "inspect",
        "io", "ipaddress", "itertools", "json", "keyword", "lib2to3", "linecache", "locale", "logging", "lzma",
        "mailbox", "mailcap", "marshal", "math", "mimetypes", "mmap", "modulefinder", "msilib", "msvcrt",
        "multiprocessing", "netrc", "nis", "nntplib", "nt", "ntpath", "nturl2path", "numbers", "opcode", "operator",
        "optparse", "os", "ossaudiodev", "pathlib", "pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform",
        "plistlib", "poplib", "posix", "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile",
        "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib",
        "resource", "rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil",
        "signal", "site", "smtpd", "smtplib", "sndhdr", "socket", "socketserver", "spwd", "sqlite3", "sre_compile",
        "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string", "stringprep", "struct", "subprocess",
        "sunau", "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile",
        "termios", "textwrap", "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib",
        "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata",
        "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg",
        "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo",
    ]

    /// `inspect.getdoc(unittest.TestCase)` on CPython 3.11: what pytest `-v` shows for a
    /// TestCase subclass without a docstring of its own.
    static let testCaseDocstring = """
        A class whose instances are single test cases.

        By default, the test code itself should be placed in a method named
        'runTest'.

        If the fixture may be used for many test cases, create as
        many test methods as are needed. When instantiating such a TestCase
        subclass, specify in the constructor arguments the name of the test method
        that the instance is to execute.

        Test authors should subclass TestCase for their own tests. Construction
        and deconstruction of the test's environment ('fixture') can be
        implemented by overriding the 'setUp' and 'tearDown' methods respectively.

        If it is necessary to override the __init__ method, the base class
        __init__ method must always be called. It is important that subclasses
        should not change the signature of their __init__ method, since instances
        of the classes are instantiated automatically by parts of the framework
        in order to be run.

        When subclassing TestCase, you can set these attributes:
        * failureException: determines which exception will be raised when
            the instance's assertion methods fail; test methods raising this
            exception will be deemed to have 'failed' rather than 'errored'.
        * longMessage: determines whether long messages (including repr of
            objects used in assert methods) will be printed on failure in *addition*
            to any explicit message passed.
        * maxDiff: sets the maximum length of a diff in failure messages
            by assert methods using difflib. It is looked up as an instance
            attribute so can be configured by individual tests if required.
        """

    /// Builtin classes a base list may name without importing them.
    static func builtinClass(_ name: String) -> KnownClass? {
        if name == "object" { return .object }
        if builtinExceptions.contains(name) {
            return KnownClass(name: name, isTestCase: false, hasInit: true, hasNew: true, isABC: false)
        }
        if builtinTypes.contains(name) {
            return KnownClass(
                name: name, isTestCase: false, hasInit: !builtinTypesWithoutInit.contains(name), hasNew: true,
                isABC: false)
        }
        return nil
    }

    /// True for a name every module can read that is a plain value, neither callable nor a
    /// class: the module attributes Python sets (`__file__`, `__name__`…) and `Ellipsis`.
    static func isBuiltinValue(_ name: String) -> Bool {
        builtinValues.contains(name)
    }

    /// True for a builtin function (`len`, `print`): callable, but not a Python function, so
    /// pytest warns instead of collecting it, and unittest's loader lists it.
    static func isBuiltinFunction(_ name: String) -> Bool {
        builtinFunctions.contains(name)
    }

    private static let builtinValues: Set<String> = [
        "__file__", "__name__", "__doc__", "__package__", "__spec__", "__loader__", "__builtins__", "__cached__",
        "__annotations__", "__debug__", "Ellipsis", "NotImplemented",
    ]

    private static let builtinFunctions: Set<String> = [
        "abs", "aiter", "all", "anext", "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile", "delattr",
        "dir", "divmod", "eval", "exec", "format", "getattr", "globals", "hasattr", "hash", "hex", "id", "input",
        "isinstance", "issubclass", "iter", "len", "locals", "max", "min", "next", "oct", "open", "ord", "pow",
        "print", "repr", "round", "setattr", "sorted", "sum", "vars", "__import__", "__build_class__",
    ]

    /// Builtin types whose `__init__` is `object.__init__` (CPython 3.11).
    private static let builtinTypesWithoutInit: Set<String> = [
        "bool", "bytes", "complex", "enumerate", "filter", "float", "frozenset", "int", "map", "memoryview", "range",
        "reversed", "slice", "str", "tuple", "zip",
    ]

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
