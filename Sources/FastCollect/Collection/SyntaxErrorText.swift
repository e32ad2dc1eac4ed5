import ModuleScanner

/// The exception line CPython 3.11 prints for a module it refuses to compile, for each kind of
/// error the scanner finds (`SyntaxError: '(' was never closed`).
enum SyntaxErrorText {
    static func message(for diagnostic: ScanDiagnostic, in module: LoadedModule) -> String {
        let source = module.source
        func text(_ range: Range<Int32>) -> String {
            let lower = max(0, min(Int(range.lowerBound), source.count))
            let upper = max(lower, min(Int(range.upperBound), source.count))
            return String(decoding: source[lower..<upper], as: UTF8.self)
        }
        let lastLine = Int32(lineCount(source))
        switch diagnostic.kind {
        case .unterminatedString:
            return "SyntaxError: unterminated string literal (detected at line \(diagnostic.line))"
        case .unterminatedTripleQuotedString:
            return "SyntaxError: unterminated triple-quoted string literal (detected at line \(lastLine))"
        case .unclosedBracket:
            return "SyntaxError: '\(text(diagnostic.range))' was never closed"
        case .unmatchedBracket:
            return "SyntaxError: unmatched '\(text(diagnostic.range))'"
        case .mismatchedBracket:
            return "SyntaxError: closing parenthesis '\(text(diagnostic.range))' does not match opening parenthesis"
        case .inconsistentDedent:
            return "IndentationError: unindent does not match any outer indentation level"
        case .unexpectedIndent:
            return "IndentationError: unexpected indent"
        case .tabsInconsistent:
            return "TabError: inconsistent use of tabs and spaces in indentation"
        case .nulByte:
            return "SyntaxError: source code string cannot contain null bytes"
        case .invalidUTF8:
            return "SyntaxError: (unicode error) 'utf-8' codec can't decode bytes: invalid utf-8"
        case .invalidCharacter:
            return "SyntaxError: invalid character '\(text(diagnostic.range))'"
        case .lineContinuationError:
            return "SyntaxError: unexpected character after line continuation character"
        case .nestingTooDeep:
            return "SyntaxError: too many nested parentheses"
        default:
            return "SyntaxError: invalid syntax"
        }
    }

    private static func lineCount(_ source: [UInt8]) -> Int {
        var lines = 1
        var previous: UInt8 = 0
        for byte in source {
            if byte == 10 && previous != 13 { lines += 1 }
            if byte == 13 { lines += 1 }
            previous = byte
        }
        return lines
    }
}
