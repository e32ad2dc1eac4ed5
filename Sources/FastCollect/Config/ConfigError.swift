#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why configuration could not be read, with the text pytest prints: usage errors as `ERROR: message`
/// (exit 4), the rest as the last line of the traceback pytest crashes with (exit 1).
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An INI syntax error (iniconfig's `ParseError`); `line` is 1-based.
    case parse(file: String, line: Int, message: String)
    /// A TOML syntax error (tomllib's `TOMLDecodeError`); no line/column means "end of document".
    case tomlParse(file: String, line: Int?, column: Int?, message: String)
    /// `-c FILE` names a file that does not exist and whose suffix makes pytest open it.
    case missingConfigFile(path: String)
    /// A config file exists but cannot be read (a directory, no permission, ...).
    case unreadableFile(path: String, errno: Int32)
    /// A config file is not valid UTF-8; `message` is Python's `UnicodeDecodeError` text.
    case notUTF8(path: String, message: String)
    /// An ini value that pytest rejects when it converts it; `message` is the whole exception line,
    /// e.g. `TypeError: /p/pyproject.toml: config option 'testpaths' expects a list ...`.
    case invalidValue(option: String, message: String)
    /// A usage error raised while locating configuration (`--rootdir`, `-o`, both pyproject tables).
    case usage(message: String)
    /// `setup.cfg` (or a `-c` `.cfg` file) with a plain `[pytest]` section.
    case obsoleteSetupCfgSection(path: String)
    /// A config file pytest crashes on after parsing starts: `tool = 1` (`AttributeError`), arrays
    /// nested past Python's recursion limit (`RecursionError`); `message` is the exception line.
    case malformedTable(path: String, message: String)

    /// True when pytest reports this as a usage error (`ERROR: ...`, exit code 4).
    public var isUsageError: Bool {
        switch self {
        case .parse, .tomlParse, .usage: return true
        default: return false
        }
    }

    /// The text pytest prints: after `ERROR: ` for usage errors, else the traceback's last line.
    public var message: String {
        switch self {
        case let .parse(file, line, message):
            return "\(file):\(line): \(message)"
        case let .tomlParse(file, line, column, message):
            if let line, let column {
                return "\(file): \(message) (at line \(line), column \(column))"
            }
            return "\(file): \(message) (at end of document)"
        case let .missingConfigFile(path):
            return ConfigError.osErrorText(path: path, errno: ENOENT)
        case let .unreadableFile(path, errno):
            return ConfigError.osErrorText(path: path, errno: errno)
        case let .notUTF8(_, message):
            return "UnicodeDecodeError: " + message
        case let .invalidValue(_, message):
            return message
        case let .usage(message):
            return message
        case .obsoleteSetupCfgSection:
            return "Failed: [pytest] section in setup.cfg files is no longer supported, change to [tool:pytest] instead."
        case let .malformedTable(_, message):
            return message
        }
    }

    public var description: String { message }

    static func osErrorText(path: String, errno code: Int32) -> String {
        let name: String
        switch code {
        case ENOENT: name = "FileNotFoundError"
        case EISDIR: name = "IsADirectoryError"
        case ENOTDIR: name = "NotADirectoryError"
        case EACCES, EPERM: name = "PermissionError"
        default: name = "OSError"
        }
        let reason = String(cString: strerror(code))
        return "\(name): [Errno \(code)] \(reason): \(ConfigText.repr(path))"
    }
}
