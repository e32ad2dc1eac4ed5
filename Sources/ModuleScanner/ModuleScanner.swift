/// Entry point of the scanner: lexes a Python module's bytes and reads its declarations into a
/// `ModuleSummary`, with lexer and syntax errors as diagnostics. Never traps on any input.
public enum ModuleScanner {
    /// `skimsBodies: false` reads every function body token by token (the reference the
    /// skimming fast path is tested against).
    public static func scan(_ source: UnsafeBufferPointer<UInt8>, skimsBodies: Bool = true) -> ModuleSummary {
        var reader = DeclarationReader(source: source, skimsBodies: skimsBodies)
        return reader.read()
    }

    public static func scan(bytes: [UInt8]) -> ModuleSummary {
        bytes.withUnsafeBufferPointer { scan($0) }
    }
}
