#if canImport(Glibc)
import Glibc
#endif
import ModuleScanner
import Synchronization

/// A module file read and scanned: its bytes, its summary, or why it could not be read.
/// Built on any thread; immutable afterwards, except that its bytes may be let go once the
/// collection is done with them and read again if asked for.
final class LoadedModule: Sendable {
    let path: String
    /// `PathKey.digest(of: path)`, worked out once for the keys made of this module's places.
    let pathDigest: UInt64
    private let bytes: SourceBytes
    let summary: ModuleSummary?
    let readError: SourceFile.ReadError?
    /// What `stat` said of the file when it was read.
    let stamp: FileStamp
    /// Namespaces built on the thread that read the module (pool workers do), so that the
    /// resolving thread does not have to; nil when not asked for.
    let prebuilt: PrebuiltNamespaces?

    init(
        path: String, source: [UInt8], summary: ModuleSummary?, readError: SourceFile.ReadError?,
        stamp: FileStamp, prebuilt: PrebuiltNamespaces? = nil
    ) {
        self.path = path
        self.pathDigest = PathKey.digest(of: path)
        self.stamp = stamp
        self.bytes = SourceBytes(path: path, bytes: source)
        self.summary = summary
        self.readError = readError
        self.prebuilt = prebuilt
    }

    /// The file's bytes, as read when it was scanned.
    var source: [UInt8] { bytes.value }

    /// Lets the bytes go (the summary stays); a later `source` reads the file again.
    func releaseSource() { bytes.release() }

    /// How many times a released module's bytes were read again, in this process.
    static var sourceRereads: Int { SourceBytes.rereads.load(ordering: .relaxed) }

    /// Reads and scans `path`; with `prebuildingNamespaces`, builds its namespaces as well.
    /// The caller notes `stamp` in the input log when the module is used.
    static func load(path: String, prebuildingNamespaces: Bool = false) -> LoadedModule {
        let (read, stamp) = SourceFile.readStamped(path: path)
        switch read {
        case .success(let bytes):
            let scanned = bytes.withUnsafeBufferPointer { ModuleScanner.scan($0) }
            let summary = StaticBranches.settle(scanned, source: bytes)
            return LoadedModule(
                path: path, source: bytes, summary: summary, readError: nil, stamp: stamp,
                prebuilt: prebuildingNamespaces ? PrebuiltNamespaces(summary) : nil)
        case .failure(let error):
            return LoadedModule(path: path, source: [], summary: nil, readError: error, stamp: stamp)
        }
    }

    /// The calls or names listed by a `pytestmark` value: `pytest.mark.a`, `[m.a, m.b(x=1)]`.
    func markExpressions(_ range: Range<Int32>) -> [(callee: String, arguments: Range<Int32>?)] {
        withTokens(range) { tokens, text in
            let significant = tokens.filter { !$0.kind.isTrivia && $0.kind != .newline && $0.kind != .endOfFile }
            var result: [(String, Range<Int32>?)] = []
            var index = 0
            if let first = significant.first, first.kind == .leftBracket || first.kind == .leftParen { index = 1 }
            while index < significant.count {
                guard significant[index].kind == .name else {
                    index += 1
                    continue
                }
                var callee = text(significant[index])
                index += 1
                while index + 1 < significant.count, significant[index].kind == .dot, significant[index + 1].kind == .name {
                    callee += "." + text(significant[index + 1])
                    index += 2
                }
                var arguments: Range<Int32>?
                if index < significant.count, significant[index].kind == .leftParen {
                    let open = significant[index]
                    index = LoadedModule.closer(of: index, in: significant) ?? significant.count
                    if index < significant.count {
                        arguments = (range.lowerBound + open.end)..<(range.lowerBound + significant[index].start)
                    }
                    index += 1
                }
                result.append((callee, arguments))
                while index < significant.count, significant[index].kind != .comma { index += 1 }
                index += 1
            }
            return result
        }
    }

    /// `name=literal` pairs at the top level of a call's argument text; other arguments skipped.
    func literalKeywordArguments(_ range: Range<Int32>) -> [String: ExpressionValue] {
        withTokens(range) { tokens, text in
            let significant = tokens.filter { !$0.kind.isTrivia && $0.kind != .newline && $0.kind != .endOfFile }
            var result: [String: ExpressionValue] = [:]
            var depth = 0
            var index = 0
            var atArgumentStart = true
            while index < significant.count {
                let token = significant[index]
                switch token.kind {
                case .leftParen, .leftBracket, .leftBrace: depth += 1
                case .rightParen, .rightBracket, .rightBrace: depth -= 1
                case .comma where depth == 0:
                    atArgumentStart = true
                    index += 1
                    continue
                default: break
                }
                if depth == 0, atArgumentStart, token.kind == .name, index + 2 < significant.count,
                    significant[index + 1].kind == .equal
                {
                    let valueToken = significant[index + 2]
                    let ends = index + 3 == significant.count || significant[index + 3].kind == .comma
                    if ends {
                        var value: ExpressionValue?
                        switch valueToken.kind {
                        case .string: value = StringLiteral.value(of: text(valueToken)).map(ExpressionValue.string)
                        case .number: value = ExpressionValue(integerDigits: text(valueToken).filter { $0 != "_" })
                        case .kwTrue: value = .bool(true)
                        case .kwFalse: value = .bool(false)
                        case .kwNone: value = .pythonNone
                        default: break
                        }
                        if let value { result[text(token)] = value }
                    }
                }
                atArgumentStart = false
                index += 1
            }
            return result
        }
    }

    /// The first token of `range` when it is a name.
    func firstName(in range: Range<Int32>) -> String? {
        withTokens(range) { tokens, text in
            guard let first = tokens.first(where: { !$0.kind.isTrivia && $0.kind != .newline }), first.kind == .name
            else { return nil }
            return text(first)
        }
    }

    /// A docstring's value (its string literals joined) as `inspect.cleandoc` leaves it.
    func docstringText(_ range: Range<Int32>) -> String? {
        let raw: String? = withTokens(range) { tokens, text in
            var value = ""
            for token in tokens where token.kind == .string {
                guard let part = StringLiteral.value(of: text(token)) else { return nil }
                value += part
            }
            return value
        }
        guard let raw else { return nil }
        return Self.cleandoc(raw)
    }

    /// `inspect.cleandoc`: tabs expanded, the common indentation of lines after the first
    /// removed, the first line's leading blanks and blank lines at both ends dropped.
    static func cleandoc(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var out = ""
            var column = 0
            for character in line {
                if character == "\t" {
                    let spaces = 8 - column % 8
                    out += String(repeating: " ", count: spaces)
                    column += spaces
                } else {
                    out.append(character)
                    column += 1
                }
            }
            return out
        }
        var margin = Int.max
        for line in lines.dropFirst() {
            let content = line.drop { $0 == " " }
            if !content.isEmpty { margin = min(margin, line.count - content.count) }
        }
        if !lines.isEmpty { lines[0] = String(lines[0].drop { $0 == " " }) }
        if margin < Int.max {
            for index in lines.indices.dropFirst() { lines[index] = String(lines[index].dropFirst(margin)) }
        }
        while let first = lines.first, first.allSatisfy({ $0 == " " }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Which of `wanted` occur as names in `range`, compared as bytes (no string per token).
    func names(_ wanted: [String], in range: Range<Int32>) -> Set<String> {
        let source = self.source  // one lookup: `source` may read the file again
        let lower = max(0, min(Int(range.lowerBound), source.count))
        let upper = max(lower, min(Int(range.upperBound), source.count))
        let targets = wanted.map { Array($0.utf8) }
        var found = Set<String>()
        source.withUnsafeBufferPointer { whole in
            let slice = UnsafeBufferPointer(rebasing: whole[lower..<upper])
            // A name token is its bytes: a range holding none of them as bytes holds none of
            // them as names, and most function bodies need no tokens at all.
            let mayHold = targets.contains { target in
                target.withUnsafeBufferPointer { LoadedModule.occurs($0, in: slice) }
            }
            guard mayHold else { return }
            var lexer = Lexer(source: slice)
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                guard token.kind == .name else { continue }
                let bytes = UnsafeBufferPointer(rebasing: slice[Int(token.start)..<Int(token.end)])
                for (index, target) in targets.enumerated() where target.elementsEqual(bytes) {
                    found.insert(wanted[index])
                }
            }
        }
        return found
    }

    /// True when `needle` occurs in `haystack` (`ByteSearch`).
    static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.firstOffset(of: needle, in: haystack) != nil
    }

    /// Line `line` (1-based) and its text without surrounding blanks.
    func lineAndText(atLine line: Int32) -> (Int32, String) {
        let source = self.source  // one lookup: `source` may read the file again
        var current: Int32 = 1
        var index = 0
        while current < line && index < source.count {
            let byte = source[index]
            if byte == 10 || (byte == 13 && (index + 1 >= source.count || source[index + 1] != 10)) { current += 1 }
            index += 1
        }
        return lineAndText(at: Int32(index))
    }

    /// The 1-based line holding byte `offset` and that line's text without surrounding blanks.
    func lineAndText(at offset: Int32) -> (Int32, String) {
        let source = self.source  // one lookup: `source` may read the file again
        let target = max(0, min(Int(offset), source.count))
        var line: Int32 = 1
        var start = 0
        var index = 0
        while index < target {
            let byte = source[index]
            if byte == 10 || (byte == 13 && (index + 1 >= source.count || source[index + 1] != 10)) {
                line += 1
                start = index + 1
            }
            index += 1
        }
        var end = start
        while end < source.count, source[end] != 10, source[end] != 13 { end += 1 }
        var lower = start
        var upper = end
        while lower < upper, source[lower] == 32 || source[lower] == 9 || source[lower] == 12 { lower += 1 }
        while upper > lower, source[upper - 1] == 32 || source[upper - 1] == 9 { upper -= 1 }
        return (line, String(decoding: source[lower..<upper], as: UTF8.self))
    }

    /// The shape of the expression in `range`: a dotted name, a lambda, or something else.
    enum ValueShape: Equatable {
        case dotted([String])
        case lambda
        /// `callee(first, …)`: the dotted callee and the first positional argument when it is
        /// a dotted name.
        case call(callee: [String], firstArgument: [String]?)
        /// `__import__("a.b")` or `importlib.import_module("a.b")`, then attributes (`.b.c`).
        case importCall(function: [String], module: String, attributes: [String])
        case other
    }

    func valueShape(_ range: Range<Int32>) -> ValueShape {
        withTokens(range) { tokens, text in
            let significant = tokens.filter { !$0.kind.isTrivia && $0.kind != .newline && $0.kind != .endOfFile }
            guard let first = significant.first else { return .other }
            if first.kind == .kwLambda { return .lambda }
            func dotted(_ tokens: ArraySlice<Token>) -> (parts: [String], end: Int)? {
                var parts: [String] = []
                var expectName = true
                var index = tokens.startIndex
                while index < tokens.endIndex {
                    let token = tokens[index]
                    if expectName && token.kind == .name {
                        parts.append(text(token))
                        expectName = false
                    } else if !expectName && token.kind == .dot {
                        expectName = true
                    } else {
                        break
                    }
                    index += 1
                }
                return expectName ? nil : (parts, index)
            }
            guard let (callee, end) = dotted(significant[...]) else { return .other }
            if end == significant.count { return .dotted(callee) }
            // An import call on a string literal, possibly followed by attributes.
            let importFunctions: [[String]] = [["__import__"], ["importlib", "import_module"], ["import_module"]]
            if importFunctions.contains(callee), end + 2 < significant.count, significant[end].kind == .leftParen,
                significant[end + 1].kind == .string,
                significant[end + 2].kind == .rightParen, let module = StringLiteral.value(of: text(significant[end + 1]))
            {
                var attributes: [String] = []
                var index = end + 3
                while index + 1 < significant.count, significant[index].kind == .dot, significant[index + 1].kind == .name {
                    attributes.append(text(significant[index + 1]))
                    index += 2
                }
                if index == significant.count {
                    return .importCall(function: callee, module: module, attributes: attributes)
                }
            }
            guard significant[end].kind == .leftParen, significant.last?.kind == .rightParen else { return .other }
            var firstArgument: [String]?
            if let (argument, argumentEnd) = dotted(significant[(end + 1)...]),
                significant[argumentEnd].kind == .comma || argumentEnd == significant.count - 1
            {
                firstArgument = argument
            }
            return .call(callee: callee, firstArgument: firstArgument)
        }
    }

    /// The argument text (between the parentheses) of each call `<receiver>.<attribute>(…)` that
    /// the body of the module-level `function` always makes: calls in statements directly in
    /// the body, not under `if`, `for`, `while`, `try`, `with` or in nested definitions.
    func unconditionalCallArguments(of attribute: String, in function: FunctionDecl) -> [Range<Int32>] {
        let base = max(0, min(function.range.lowerBound, Int32(clamping: source.count)))
        return withTokens(function.range) { tokens, text in
            var result: [Range<Int32>] = []
            var depth = 0
            var lineStart = true
            var lineIsPlain = false
            var index = 0
            while index < tokens.count {
                let token = tokens[index]
                switch token.kind {
                case .indent:
                    depth += 1
                    lineStart = true
                case .dedent:
                    depth -= 1
                    lineStart = true
                case .newline:
                    lineStart = true
                case .comment, .nonLogicalNewline:
                    break
                default:
                    if lineStart {
                        lineStart = false
                        switch token.kind {
                        case .kwIf, .kwElif, .kwElse, .kwFor, .kwWhile, .kwTry, .kwExcept, .kwFinally, .kwWith,
                             .kwAsync, .kwDef, .kwClass, .at:
                            lineIsPlain = false
                        default:
                            lineIsPlain = depth == 1
                        }
                    }
                    if lineIsPlain, token.kind == .dot, index + 2 < tokens.count, tokens[index + 1].kind == .name,
                        tokens[index + 2].kind == .leftParen, text(tokens[index + 1]) == attribute
                    {
                        guard let close = LoadedModule.closer(of: index + 2, in: tokens) else { return result }
                        result.append((base + tokens[index + 2].end)..<(base + tokens[close].start))
                        index = close
                    }
                }
                index += 1
            }
            return result
        }
    }

    /// The position of the bracket closing the one at `open`, over nested brackets; nil when
    /// the tokens end first.
    private static func closer(of open: Int, in tokens: [Token]) -> Int? {
        var depth = 0
        for index in open..<tokens.count {
            switch tokens[index].kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth -= 1
            default: break
            }
            if depth == 0 { return index }
        }
        return nil
    }

    /// The strings of a list or tuple display of string literals (`["a", 'b']`); nil when the
    /// expression is anything else.
    func stringList(_ range: Range<Int32>) -> [String]? {
        withTokens(range) { tokens, text in
            let significant = tokens.filter { !$0.kind.isTrivia && $0.kind != .newline && $0.kind != .endOfFile }
            var items: [String] = []
            var index = 0
            var closer: TokenKind?
            if let first = significant.first, first.kind == .leftBracket || first.kind == .leftParen {
                closer = first.kind == .leftBracket ? .rightBracket : .rightParen
                index = 1
            }
            var expectItem = true
            while index < significant.count {
                let token = significant[index]
                if let closer, token.kind == closer, index == significant.count - 1 { return items }
                if expectItem, token.kind == .string {
                    // Adjacent literals concatenate.
                    var value = StringLiteral.value(of: text(token)) ?? ""
                    while index + 1 < significant.count, significant[index + 1].kind == .string {
                        index += 1
                        value += StringLiteral.value(of: text(significant[index])) ?? ""
                    }
                    items.append(value)
                    expectItem = false
                } else if !expectItem, token.kind == .comma {
                    expectItem = true
                } else {
                    return nil
                }
                index += 1
            }
            return closer == nil ? items : nil
        }
    }

    /// The expression's significant tokens joined without white space (`False`, `["a"]`).
    func literalText(_ range: Range<Int32>, maxTokens: Int = 64) -> String? {
        withTokens(range) { tokens, text in
            let significant = tokens.filter { !$0.kind.isTrivia && $0.kind != .newline && $0.kind != .endOfFile }
            guard !significant.isEmpty, significant.count < maxTokens else { return nil }
            return significant.map(text).joined()
        }
    }

    private func withTokens<R>(_ range: Range<Int32>, _ body: ([Token], (Token) -> String) -> R) -> R {
        let source = self.source  // one lookup: `source` may read the file again
        let lower = max(0, min(Int(range.lowerBound), source.count))
        let upper = max(lower, min(Int(range.upperBound), source.count))
        return source.withUnsafeBufferPointer { whole in
            let slice = UnsafeBufferPointer(rebasing: whole[lower..<upper])
            var lexer = Lexer(source: slice)
            var tokens: [Token] = []
            while tokens.count < 100_000 {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                tokens.append(token)
            }
            return body(tokens) { token in
                String(decoding: slice[Int(token.start)..<Int(token.end)], as: UTF8.self)
            }
        }
    }
}

/// A module's namespace and its class bodies' namespaces, built from its summary alone.
struct PrebuiltNamespaces: Sendable {
    /// Nil when a star import that runs needs another module to say what it binds.
    let module: Namespace?
    /// Each class body's namespace (nested classes included), by the class statement's offset.
    let classBodies: [Int32: Namespace]

    init(_ summary: ModuleSummary) {
        let needsOtherModules = summary.members.contains { member in
            if case .importDecl(let decl) = member, decl.isStar, decl.guardKind.mayRunOnImport {
                return true
            }
            return false
        }
        module = needsOtherModules ? nil : Namespace(members: summary.members)
        var bodies: [Int32: Namespace] = [:]
        var pending: [[Member]] = [summary.members]
        while let members = pending.popLast() {
            for case .classDecl(let decl) in members {
                bodies[decl.range.lowerBound] = Namespace(members: decl.members)
                pending.append(decl.members)
            }
        }
        classBodies = bodies
    }
}

/// The bytes a summary's ranges point into: kept until released, then read again on demand.
/// If the file changed meanwhile (another length), the ranges no longer fit: it reads as empty.
private final class SourceBytes: Sendable {
    static let rereads = Atomic<Int>(0)
    let path: String
    let count: Int
    private let held: Mutex<[UInt8]?>

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.count = bytes.count
        self.held = Mutex(bytes)
    }

    var value: [UInt8] {
        held.withLock { held in
            if let bytes = held { return bytes }
            SourceBytes.rereads.add(1, ordering: .relaxed)
            var bytes: [UInt8] = []
            if case .success(let read) = SourceFile.read(path: path), read.count == count { bytes = read }
            held = bytes
            return bytes
        }
    }

    func release() {
        guard count > 0 else { return }
        held.withLock { $0 = nil }
    }
}
