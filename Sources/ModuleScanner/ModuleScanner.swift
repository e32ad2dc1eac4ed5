/// Entry point of the scanner: lexes a Python module's bytes and reads its declarations into a
/// `ModuleSummary`, with lexer and syntax errors as diagnostics. Never traps on any input.
public enum ModuleScanner {
    public static func scan(_ source: UnsafeBufferPointer<UInt8>) -> ModuleSummary {
        var reader = DeclarationReader(source: source)
        return reader.read()
    }

    public static func scan(bytes: [UInt8]) -> ModuleSummary {
        bytes.withUnsafeBufferPointer { scan($0) }
    }
}
