// libFuzzer entry point for the lexer, the declaration reader and the expression parser.
// Not a SwiftPM target: scripts/fuzz.sh compiles it together with Sources/ModuleScanner/*.swift
// with `swiftc -sanitize=fuzzer,address -O -assert-config Debug`, so that the lexer's
// progress assertions stay on while the fuzzer runs at optimised speed.

/// Checks what must hold for every input, and traps (a finding for libFuzzer) when it does not.
enum ScannerFuzzTarget {
    static func run(_ source: UnsafeBufferPointer<UInt8>) {
        let count = Int32(truncatingIfNeeded: min(source.count, Int(Int32.max)))

        // 1. The lexer reaches the end in a number of tokens bounded by the input's size
        //    (each byte yields at most one token, plus INDENT/DEDENT/NEWLINE bookkeeping),
        //    and every token lies inside the buffer, in order.
        var lexer = Lexer(source: source)
        var tokens = 0
        var previousStart: Int32 = 0
        let limit = 4 * source.count + 1_000
        while true {
            let token = lexer.next()
            precondition(token.start <= token.end, "token range reversed")
            precondition(token.end <= count, "token past the end")
            precondition(token.start >= previousStart, "token before the previous one")
            previousStart = token.start
            if token.kind == .endOfFile { break }
            tokens += 1
            precondition(tokens <= limit, "lexer does not reach the end of the input")
        }
        for diagnostic in lexer.diagnostics {
            precondition(diagnostic.range.lowerBound <= diagnostic.range.upperBound && diagnostic.range.upperBound <= count,
                         "diagnostic outside the buffer")
        }

        // 2. The declaration reader: every range it hands out lies inside the buffer.
        let summary = ModuleScanner.scan(source)
        precondition(summary.byteCount == source.count || source.count > Int(Int32.max))
        for diagnostic in summary.diagnostics {
            precondition(diagnostic.range.upperBound <= count, "reader diagnostic outside the buffer")
        }
        for call in summary.calls {
            precondition(call.arguments.lowerBound <= call.arguments.upperBound && call.arguments.upperBound <= count)
            _ = PyExpressionParser.parseArguments(source: source, range: call.arguments)
        }

        // 3. The expression parser over the whole input, as arguments and as one expression.
        _ = PyExpressionParser.parseArguments(source: source, range: 0..<count)
        _ = PyExpressionParser.parseExpression(source: source, range: 0..<count)

        // 4. The tokenize-compatible dump (used by scripts/check-tokenize.py), on small inputs.
        if source.count <= 2_048 { _ = TokenDump.tokenizeLines(source: source) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ScannerFuzzTarget.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
