/// Entry point of the scanner: lexes a Python module's bytes and reads its declarations into a
/// `ModuleSummary`, with lexer and syntax errors as diagnostics. Never traps on any input.
public enum ModuleScanner {
    /// `skimsBodies: false` reads every function body token by token (the reference the
    /// skimming fast path is tested against).
    public static func scan(_ source: UnsafeBufferPointer<UInt8>, skimsBodies: Bool = true) -> ModuleSummary {
        var reader = DeclarationReader(source: source, skimsBodies: skimsBodies)
        var summary = reader.read()
        if let undecodable = firstUndecodableByte(source) {
            summary.diagnostics.append(ScanDiagnostic(kind: .undecodableSource, range: undecodable..<(undecodable + 1),
                                                      line: lineNumber(of: Int(undecodable), in: source)))
        }
        return summary
    }

    /// Under a `coding: ascii` cookie, the first byte above 0x7F (CPython decodes the whole
    /// file, comments included, with the declared codec).
    private static func firstUndecodableByte(_ source: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let base = source.baseAddress, source.count > 0, source.count < Int(Int32.max),
              let cookie = CodingCookie.find(in: base, count: source.count, start: 0), cookie.encoding == .ascii
        else { return nil }
        guard let index = source.firstIndex(where: { $0 >= 0x80 }) else { return nil }
        return Int32(index)
    }

    private static func lineNumber(of offset: Int, in source: UnsafeBufferPointer<UInt8>) -> Int32 {
        var line: Int32 = 1
        var index = 0
        while index < offset {
            if source[index] == 0x0A || (source[index] == 0x0D && (index + 1 >= source.count || source[index + 1] != 0x0A)) { line += 1 }
            index += 1
        }
        return line
    }

    public static func scan(bytes: [UInt8]) -> ModuleSummary {
        bytes.withUnsafeBufferPointer { scan($0) }
    }
}
