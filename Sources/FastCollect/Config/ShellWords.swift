/// Python's `shlex.split(s)` (POSIX mode, `comments=False`): how pytest splits `addopts`,
/// `PYTEST_ADDOPTS` and every "args"/"paths" ini value written as one string.
public enum ShellWords {
    /// shlex's own failures, raised as `ValueError` in Python.
    public enum Failure: Error, Sendable, Equatable {
        case noClosingQuotation
        case noEscapedCharacter

        /// `ValueError: ...` as Python prints it.
        public var message: String {
            switch self {
            case .noClosingQuotation: return "ValueError: No closing quotation"
            case .noEscapedCharacter: return "ValueError: No escaped character"
            }
        }
    }

    public static func split(_ s: String) throws(Failure) -> [String] {
        enum State { case whitespace, word, singleQuote, doubleQuote, escape }
        var words: [String] = []
        var token = String.UnicodeScalarView()
        var quoted = false
        var state = State.whitespace
        var escapedState = State.word

        func isWhitespace(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "\r" || c == "\n"
        }

        for c in s.unicodeScalars {
            switch state {
            case .whitespace, .word:
                if isWhitespace(c) {
                    if state == .word || quoted || !token.isEmpty {
                        if !token.isEmpty || quoted { words.append(String(token)) }
                        token = String.UnicodeScalarView()
                        quoted = false
                    }
                    state = .whitespace
                } else if c == "\\" {
                    escapedState = .word
                    state = .escape
                } else if c == "'" {
                    state = .singleQuote
                } else if c == "\"" {
                    state = .doubleQuote
                } else {
                    token.append(c)
                    state = .word
                }
            case .singleQuote:
                quoted = true
                if c == "'" { state = .word } else { token.append(c) }
            case .doubleQuote:
                quoted = true
                if c == "\"" {
                    state = .word
                } else if c == "\\" {
                    escapedState = .doubleQuote
                    state = .escape
                } else {
                    token.append(c)
                }
            case .escape:
                if escapedState == .doubleQuote && c != "\"" && c != "\\" {
                    token.append("\\")
                }
                token.append(c)
                state = escapedState
            }
        }
        switch state {
        case .singleQuote, .doubleQuote: throw .noClosingQuotation
        case .escape: throw .noEscapedCharacter
        case .whitespace, .word:
            if !token.isEmpty || quoted { words.append(String(token)) }
        }
        return words
    }
}
