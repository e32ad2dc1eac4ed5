/// One lexical token: a kind, a byte range into the source and flags. It carries no text;
/// `source[start..<end]` is the token's text.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var flags: TokenFlags
    /// Byte offset of the first byte of the token.
    public var start: Int32
    /// Byte offset one past the last byte of the token.
    public var end: Int32

    @inlinable
    public init(kind: TokenKind, flags: TokenFlags = [], start: Int32, end: Int32) {
        self.kind = kind
        self.flags = flags
        self.start = start
        self.end = end
    }

    @inlinable public var range: Range<Int> { Int(start)..<Int(end) }
}

/// Facts about a token that its kind does not say: string prefixes and quoting, and
/// whether a name or a string was cut short or holds non-ASCII bytes.
public struct TokenFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `r`/`R` prefix.
    public static let raw = TokenFlags(rawValue: 1 << 0)
    /// `b`/`B` prefix.
    public static let bytes = TokenFlags(rawValue: 1 << 1)
    /// `u`/`U` prefix.
    public static let unicode = TokenFlags(rawValue: 1 << 2)
    /// `f`/`F` prefix (set on the f-string's start, middle and end tokens).
    public static let fString = TokenFlags(rawValue: 1 << 3)
    /// `t`/`T` prefix (PEP 750 template strings).
    public static let tString = TokenFlags(rawValue: 1 << 4)
    /// Triple-quoted.
    public static let triple = TokenFlags(rawValue: 1 << 5)
    /// Quoted with `"` rather than `'`.
    public static let doubleQuote = TokenFlags(rawValue: 1 << 6)
    /// A string that reached the end of its line or of the file without its closing quote.
    public static let unterminated = TokenFlags(rawValue: 1 << 7)
    /// A name, string or comment that holds bytes outside ASCII.
    public static let nonASCII = TokenFlags(rawValue: 1 << 8)
}
