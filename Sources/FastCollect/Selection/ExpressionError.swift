/// Why a `-k`/`-m` expression was rejected, with the column (1-based, in code points) and reason
/// pytest 9.0.3 reports; `message` is the text pytest prints after `ERROR: ` (exit code 4).
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where pytest itself detects the fault.
    public enum Kind: Sendable, Equatable {
        /// pytest's scanner or parser (`SyntaxError` raised by `mark/expression.py`).
        case syntax
        /// Python's `compile()` of the parsed expression, e.g. `keyword argument repeated: x`;
        /// pytest then has no text for the message (it prints `None`) and the column is always 1.
        case compile
        /// A keyword value pytest crashes on with an INTERNALERROR: a `ValueError` from `int()` for
        /// digits such as `²` or more than 4300 digits. fastcollect reports it as a usage error instead.
        case beyondPytest
    }

    /// The command-line option an expression came from.
    public enum Option: String, Sendable, Equatable {
        case keyword = "-k"
        case mark = "-m"
    }

    public var kind: Kind
    /// The expression as pytest reports it (`-k` values are left-stripped first); nil for `.compile`.
    public var text: String?
    public var column: Int
    /// pytest's reason, e.g. `expected not OR left parenthesis OR identifier; got end of input`.
    public var reason: String
    /// Set when the expression was compiled for an option; adds pytest's `Wrong expression passed to` prefix.
    public var option: Option?

    public init(kind: Kind, text: String?, column: Int, reason: String, option: Option? = nil) {
        self.kind = kind
        self.text = text
        self.column = column
        self.reason = reason
        self.option = option
    }

    /// pytest's text, e.g. `Wrong expression passed to '-k': a b: at column 3: expected end of input; got identifier`.
    public var message: String {
        let detail = "\(text ?? "None"): at column \(column): \(reason)"
        guard let option else { return detail }
        return "Wrong expression passed to '\(option.rawValue)': " + detail
    }

    public var description: String { message }
}
