/// Decodes the text of one Python string literal token (prefix, quotes, escapes) to its value.
public enum StringLiteral {
    /// The value of a `str` or `bytes` literal (bytes as UTF-8 text, undecodable bytes replaced);
    /// nil for f-strings, t-strings, unterminated and malformed literals.
    public static func value(of literal: String) -> String? {
        let bytes = Array(literal.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var lexer = Lexer(source: buffer)
            let token = lexer.next()
            guard token.kind == .string else { return nil }
            var out: [UInt8] = []
            guard PyStringLiteralDecoder.decodeLiteral(base, token, into: &out) else { return nil }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
