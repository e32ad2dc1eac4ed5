import ModuleScanner

/// Name resolution inside one module from its `ModuleSummary`: which binding a name has where a
/// decorator runs (module names bound earlier, class-body names for methods), and the
/// `parametrize` calls pytest makes for a function of the module, in pytest's order.
/// Names from other modules stay unresolved (`.imported`); a caller with cross-module
/// knowledge wraps or replaces `resolver(…)`.
public final class ModuleNameTable {
    private let summary: ModuleSummary
    private let source: [UInt8]
    @exclusivity(unchecked) private var parsed: [Int32: PyExpression] = [:]
    @exclusivity(unchecked) private var indexes: [Int32: MemberIndex] = [:]

    /// Positions of the members of a body that bind or delete each name, and of its star
    /// imports: per name a chain through one array of entries, so that no name has an array
    /// of its own. A class, so that taking it from the cache retains one object.
    private final class MemberIndex {
        // Built by one thread and then only read: no dynamic exclusivity checks.
        @exclusivity(unchecked) private var names: [String] = []
        @exclusivity(unchecked) private var table: NameTable
        /// Per name (by position in `names`): its first and last entry.
        @exclusivity(unchecked) private var heads: [Int32] = []
        @exclusivity(unchecked) private var tails: [Int32] = []
        /// Per entry: the member's position and the name's next entry (-1: none).
        @exclusivity(unchecked) private var positions: [Int32] = []
        @exclusivity(unchecked) private var next: [Int32] = []
        @exclusivity(unchecked) private var stars: [Int] = []

        init(capacity: Int) {
            table = NameTable(capacity: capacity)
            positions.reserveCapacity(capacity)
            next.reserveCapacity(capacity)
        }

        /// Records that the member at `position` binds or deletes `name` (once per member).
        func add(_ name: String, _ position: Int) {
            let entry = Int32(positions.count)
            positions.append(Int32(position))
            next.append(-1)
            if let known = table.positionOrInsert(name, in: names) {
                let tail = Int(tails[known])
                if positions[tail] == Int32(position) {
                    positions.removeLast()
                    next.removeLast()
                    return
                }
                next[tail] = entry
                tails[known] = entry
            } else {
                names.append(name)
                heads.append(entry)
                tails.append(entry)
            }
        }

        func addStar(_ position: Int) { stars.append(position) }

        /// The positions of the members binding or deleting `name` and of the star imports,
        /// in ascending order.
        func forEachPosition(of name: String, _ body: (Int) -> Void) {
            var entry = table.position(of: name, in: names).map { Int(heads[$0]) } ?? -1
            var star = 0
            while entry >= 0 || star < stars.count {
                let bound = entry >= 0 ? Int(positions[entry]) : Int.max
                if star < stars.count, stars[star] < bound {
                    body(stars[star])
                    star += 1
                } else {
                    body(bound)
                    entry = Int(next[entry])
                }
            }
        }
    }
    /// The names `from module import *` binds: the module's `__all__` when it is a list or
    /// tuple of strings known statically (read through `importer`), else, for a module without
    /// `__all__`, its names not starting with `_`; nil when not
    /// known (an `__all__` computed at run time). Worked out once per statement (by its position
    /// among the module's members).
    private func starExports(_ decl: ImportDecl, position: Int) -> Set<String>? {
        if let known = starExportCache[position] { return known }
        var exported: Set<String>?
        if let importer, case .expression(let expression, let scope?)? = importer(decl.module, decl.level, "__all__") {
            var evaluator = ValueEvaluator(resolver: scope, budget: 100_000)
            if case .values(let items) = evaluator.elements(of: evaluator.evaluate(expression)) {
                let names = items.compactMap { item -> String? in
                    if case .str(let name) = item { return name }
                    return nil
                }
                if names.count == items.count { exported = Set(names) }
            }
        }
        // Without `__all__`, every name of the module not starting with `_`.
        if exported == nil, let names = moduleNames?(decl.module, decl.level), !names.contains("__all__") {
            exported = Set(names.filter { !$0.hasBytePrefix("_") })
        }
        starExportCache[position] = .some(exported)
        return exported
    }

    /// `starExports` by the statement's position in the module body.
    @exclusivity(unchecked) private var starExportCache: [Int: Set<String>?] = [:]

    /// `InPlaceChanges.mayChange` per name, once worked out.
    @exclusivity(unchecked) private var inPlaceChanges: [NameKey: Bool] = [:]

    private func mayChangeInPlace(_ name: String) -> Bool {
        let key = NameKey(name)
        if let known = inPlaceChanges[key] { return known }
        let answer = source.withUnsafeBufferPointer { InPlaceChanges.mayChange(name, in: $0) }
        inPlaceChanges[key] = answer
        return answer
    }

    /// `enclosingClassMarks` per class path (the classes' offsets).
    @exclusivity(unchecked) private var classMarkCache: [[Int32]: Result<[ParametrizeCall], MarkLookupFailure>] = [:]
    /// `parsedArguments` by the start of their range.
    @exclusivity(unchecked) private var argumentsCache: [Int32: (range: Range<Int32>, arguments: PyArguments)] = [:]
    /// `modulePytestmarkCalls()`, once worked out.
    @exclusivity(unchecked) private var pytestmarkCalls: Result<[ParametrizeCall], MarkLookupFailure>?

    private struct ScopeKey: Hashable {
        var table: ObjectIdentifier
        var classPath: [Int32]
        var cutoff: Int32
    }

    /// `from module import name` (with `level` leading dots) as seen from this module, for a
    /// caller that can read other modules: the binding, or nil when not known. With level 0 it
    /// also answers attributes of modules by absolute name.
    private let importer: ((_ module: String, _ level: Int, _ name: String) -> NameBinding?)?
    /// The names a module (by dotted name, with `level` leading dots) binds, in `__dict__` order;
    /// nil when unknown.
    private let moduleNames: ((_ module: String, _ level: Int) -> [String]?)?

    /// Shared by the evaluators of every table a session makes (`EvaluationCache`).
    private let cache: EvaluationCache?

    public init(
        summary: ModuleSummary, source: [UInt8],
        importer: ((_ module: String, _ level: Int, _ name: String) -> NameBinding?)? = nil,
        moduleNames: ((_ module: String, _ level: Int) -> [String]?)? = nil, cache: EvaluationCache? = nil
    ) {
        self.summary = summary
        self.source = source
        self.importer = importer
        self.moduleNames = moduleNames
        self.cache = cache
    }

    /// What the module body binds `name` to once it has run (nil when unbound).
    public func moduleBinding(_ name: String) -> NameBinding? {
        binding(name, in: nil, before: Int32.max, classPath: nil)
    }

    private var memberLookup: ((String, String) -> NameBinding?)? {
        guard let importer else { return nil }
        return { module, name in importer(module, 0, name) }
    }

    private var absoluteModuleNames: ((String) -> [String]?)? {
        guard let moduleNames else { return nil }
        return { module in moduleNames(module, 0) }
    }

    /// The resolver for code at `line` in the body of the classes `classPath` (outermost first;
    /// empty for module level). Only the innermost class body is visible, as in Python.
    public func resolver(classPath: [ClassDecl] = [], line: Int32) -> NameResolver {
        let key = ScopeKey(table: ObjectIdentifier(self), classPath: classPath.map(\.range.lowerBound), cutoff: line)
        if let innermost = classPath.last {
            let moduleResolver = self.resolver(line: classPath[0].line)
            return NameResolver(key: key, cache: cache, member: memberLookup, names: absoluteModuleNames) { name in
                self.binding(name, in: innermost, before: line, classPath: classPath) ?? moduleResolver.lookup(name)
            }
        }
        return NameResolver(key: key, cache: cache, member: memberLookup, names: absoluteModuleNames) { name in
            self.binding(name, in: nil, before: line, classPath: [])
        }
    }

    /// The calls of the module's `pytestmark` (none when it has none), the same for each of its
    /// functions: worked out once.
    private func modulePytestmarkCalls() -> Result<[ParametrizeCall], MarkLookupFailure> {
        if let known = pytestmarkCalls { return known }
        let answer: Result<[ParametrizeCall], MarkLookupFailure>
        if let value = lastBinding("pytestmark", in: nil, before: Int32.max) {
            if case .expression(let expression, let scope) = value {
                answer = ParametrizeCall.marks(inPytestmark: expression, resolver: scope ?? resolver(line: Int32.max))
            } else {
                answer = .failure(MarkLookupFailure(reason: "module pytestmark not understood"))
            }
        } else {
            answer = .success([])
        }
        pytestmarkCalls = answer
        return answer
    }

    /// The parametrize calls pytest makes for `function` (a method of `classPath`, outermost
    /// first), in `Parametrization.expand`'s order; parametrized fixtures are not included.
    /// `importedDecorator` decides decorators imported from other modules (`freeze_time`,
    /// `mock.patch`, or a mark defined elsewhere); by default they make the answer unknown.
    public func parametrizeCalls(
        for function: FunctionDecl, classPath: [ClassDecl] = [],
        importedDecorator: (String) -> ParametrizeCall.Lookup = { .unknown("decorator imported from \($0)") }
    ) -> Result<[ParametrizeCall], MarkLookupFailure> {
        var calls: [ParametrizeCall] = []
        let failure: MarkLookupFailure? = source.withUnsafeBufferPointer { buffer in
            // A resolver costs thousands of instructions to set up: most functions have no
            // decorator to look up with one.
            let decorators = function.decorators
            if !decorators.isEmpty,
                let failure = decoratorCalls(
                    decorators, buffer, resolver(classPath: classPath, line: function.firstLine), importedDecorator,
                    into: &calls, functionParameters: Array(function.parameters.dropFirst()))
            {
                return failure
            }
            if !classPath.isEmpty {
                switch enclosingClassMarks(classPath, buffer, importedDecorator) {
                case .success(let found): calls.append(contentsOf: found)
                case .failure(let failure): return failure
                }
            }
            switch modulePytestmarkCalls() {
            case .success(let found): calls.append(contentsOf: found)
            case .failure(let failure): return failure
            }
            return nil
        }
        if let failure { return .failure(failure) }
        return .success(calls)
    }

    /// The marks every method of the class at the end of `classPath` gets from its classes
    /// (innermost first, each along its MRO), worked out once per class: `importedDecorator`
    /// must answer alike for every function of this module.
    private func enclosingClassMarks(
        _ classPath: [ClassDecl], _ buffer: UnsafeBufferPointer<UInt8>, _ importedDecorator: (String) -> ParametrizeCall.Lookup
    ) -> Result<[ParametrizeCall], MarkLookupFailure> {
        let key = classPath.map(\.range.lowerBound)
        if let cached = classMarkCache[key] { return cached }
        var calls: [ParametrizeCall] = []
        var result: Result<[ParametrizeCall], MarkLookupFailure>?
        outer: for depth in stride(from: classPath.count, to: 0, by: -1) {
            let enclosing = Array(classPath[..<depth])
            guard let order = mro(enclosing) else {
                result = .failure(MarkLookupFailure(reason: "bases of class \(enclosing[enclosing.count - 1].name) not known"))
                break
            }
            for path in order.reversed() {
                if let failure = classMarks(path, buffer, importedDecorator, into: &calls) {
                    result = .failure(failure)
                    break outer
                }
            }
        }
        let answer = result ?? .success(calls)
        classMarkCache[key] = answer
        return answer
    }

    /// A class's own marks: its body's `pytestmark`, then its decorators bottom-up.
    private func classMarks(
        _ path: [ClassDecl], _ buffer: UnsafeBufferPointer<UInt8>, _ importedDecorator: (String) -> ParametrizeCall.Lookup,
        into calls: inout [ParametrizeCall]
    ) -> MarkLookupFailure? {
        let cls = path[path.count - 1]
        if let value = binding("pytestmark", in: cls, before: Int32.max, classPath: path) {
            guard case .expression(let expression, let scope) = value else {
                return MarkLookupFailure(reason: "pytestmark of class \(cls.name) not understood")
            }
            switch ParametrizeCall.marks(inPytestmark: expression, resolver: scope ?? resolver(classPath: path, line: Int32.max)) {
            case .success(let found): calls.append(contentsOf: found)
            case .failure(let failure): return failure
            }
        }
        let outer = Array(path.dropLast())
        let decoratorResolver = outer.isEmpty ? resolver(line: cls.firstLine) : resolver(classPath: outer, line: cls.firstLine)
        return decoratorCalls(cls.decorators, buffer, decoratorResolver, importedDecorator, into: &calls)
    }

    /// The arguments at `range` (a decorator's), parsed once: a method's decorators are looked
    /// up again for each class that inherits it.
    private func parsedArguments(_ range: Range<Int32>, _ buffer: UnsafeBufferPointer<UInt8>) -> PyArguments {
        if let known = argumentsCache[range.lowerBound], known.range == range { return known.arguments }
        let arguments = PyExpressionParser.parseArguments(source: buffer, range: range)
        argumentsCache[range.lowerBound] = (range, arguments)
        return arguments
    }

    /// The parametrize marks among `decorators`, bottom-up, appended to `calls`; the failure
    /// when one of them cannot be classified.
    private func decoratorCalls(
        _ decorators: [Decorator], _ buffer: UnsafeBufferPointer<UInt8>, _ resolver: NameResolver,
        _ importedDecorator: (String) -> ParametrizeCall.Lookup, into calls: inout [ParametrizeCall],
        functionParameters: [String]? = nil
    ) -> MarkLookupFailure? {
        for decorator in decorators.reversed() {
            var lookup = ParametrizeCall.lookup(decorator: decorator, source: buffer, resolver: resolver) { range in
                self.parsedArguments(range, buffer)
            }
            if case .imported(let path) = lookup { lookup = importedDecorator(path) }
            switch lookup {
            case .parametrize(var call):
                if case .combinations(let variation, _) = call.kind {
                    // On a class, SQLAlchemy's plugin generates classes instead (SQLAlchemyModel).
                    guard let functionParameters else { continue }
                    call.kind = .combinations(variation: variation, parameters: functionParameters)
                }
                calls.append(call)
            case .other: continue
            case .imported(let path): return MarkLookupFailure(reason: "decorator imported from \(path)")
            case .unknown(let reason): return MarkLookupFailure(reason: reason)
            }
        }
        return nil
    }

    /// C3 linearisation of the class at the end of `path` over classes of this module, as class
    /// paths (the class first); nil when a base is not a class of this module or a plain builtin.
    private func mro(_ path: [ClassDecl], depth: Int = 0) -> [[ClassDecl]]? {
        guard depth < 32 else { return nil }
        let cls = path[path.count - 1]
        let scope = Array(path.dropLast())
        var sequences: [[[ClassDecl]]] = []
        var bases: [[ClassDecl]] = []
        for base in cls.bases {
            if ["object", "Exception", "BaseException"].contains(base) { continue }
            guard let found = classBinding(named: base, scope: scope, before: cls.line) else { return nil }
            guard let baseOrder = mro(found, depth: depth + 1) else { return nil }
            sequences.append(baseOrder)
            bases.append(found)
        }
        sequences.append(bases)
        var result: [[ClassDecl]] = [path]
        func same(_ a: [ClassDecl], _ b: [ClassDecl]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.line == $1.line }
        }
        while sequences.contains(where: { !$0.isEmpty }) {
            var chosen: [ClassDecl]?
            for sequence in sequences where !sequence.isEmpty {
                let head = sequence[0]
                if !sequences.contains(where: { $0.dropFirst().contains { same($0, head) } }) {
                    chosen = head
                    break
                }
            }
            guard let next = chosen else { return nil }
            result.append(next)
            sequences = sequences.map { sequence in sequence.first.map { same($0, next) } == true ? Array(sequence.dropFirst()) : sequence }
        }
        return result
    }

    /// The class a base name refers to, as a path (module-level classes, or siblings in `scope`).
    private func classBinding(named name: String, scope: [ClassDecl], before line: Int32) -> [ClassDecl]? {
        if let inner = scope.last, case .classDef? = lastMember(name, in: inner, before: line),
           case .classDecl(let decl)? = lastRawMember(name, in: inner, before: line)
        {
            return scope + [decl]
        }
        let moduleLine = scope.first?.line ?? line
        if case .classDecl(let decl)? = lastRawMember(name, in: nil, before: moduleLine) {
            return [decl]
        }
        return nil
    }

    // MARK: - Bindings

    private enum MemberKind {
        case classDef
        case other
    }

    private func lastMember(_ name: String, in body: ClassDecl?, before line: Int32) -> MemberKind? {
        guard let member = lastRawMember(name, in: body, before: line) else { return nil }
        if case .classDecl = member { return .classDef }
        return .other
    }

    /// Positions of the members of a body (the module's: nil) that bind or delete each name.
    private func memberIndex(_ body: ClassDecl?) -> MemberIndex {
        let key = body?.range.lowerBound ?? -1
        if let cached = indexes[key] { return cached }
        let members = body?.members ?? summary.members
        let index = MemberIndex(capacity: members.count)
        for (position, member) in members.enumerated() {
            switch member {
            case .function(let decl): index.add(decl.name, position)
            case .classDecl(let decl): index.add(decl.name, position)
            case .assignment(let decl): for name in decl.targets { index.add(name, position) }
            case .importDecl(let decl):
                if decl.isStar {
                    index.addStar(position)
                } else {
                    for entry in decl.names { index.add(boundName(entry, isFrom: decl.isFrom), position) }
                }
            case .deletion(let names, _, _): for name in names { index.add(name, position) }
            }
        }
        indexes[key] = index
        return index
    }

    /// The last member of a body (the module's: nil) binding `name` before `line` (nil when
    /// none, or deleted since).
    private func lastRawMember(_ name: String, in body: ClassDecl?, before line: Int32) -> Member? {
        lastRawMemberPosition(name, in: body, before: line).map { (body?.members ?? summary.members)[$0] }
    }

    /// The position in its body of the statement `lastRawMember` answers.
    private func lastRawMemberPosition(_ name: String, in body: ClassDecl?, before line: Int32) -> Int? {
        let members = body?.members ?? summary.members
        var found: Int?
        memberIndex(body).forEachPosition(of: name) { position in
            let member = members[position]
            switch member {
            case .function(let decl):
                if decl.line < line, decl.name == name, mayRun(decl.guardKind, decl.line, body) { found = position }
            case .classDecl(let decl):
                if decl.line < line, decl.name == name, mayRun(decl.guardKind, decl.line, body) { found = position }
            case .assignment(let decl):
                if decl.line < line, decl.targets.contains(name), !(decl.op == .annotated && decl.value == nil),
                    mayRun(decl.guardKind, decl.line, body)
                {
                    found = position
                }
            case .importDecl(let decl):
                if decl.line < line, decl.isStar || decl.names.contains(where: { boundName($0, isFrom: decl.isFrom) == name }),
                    mayRun(decl.guardKind, decl.line, body)
                {
                    // A star import known not to export the name does not bind it.
                    if decl.isStar, body == nil, let exported = starExports(decl, position: position), !exported.contains(name) {
                        break
                    }
                    found = position
                }
            case .deletion(let names, let deletedLine, let kind):
                if deletedLine < line, names.contains(name), runs(kind, deletedLine, body) == true { found = nil }
            }
        }
        return found
    }

    // MARK: - Simple functions

    /// The body of an undecorated module-level `def` whose parameters are plain and whose body
    /// is only a docstring, assignments to names, undecorated nested `class`es without bases and
    /// `def`s, attribute assignments on its locals, and a final `return`; nil otherwise.
    private func simpleFunction(_ decl: FunctionDecl) -> FunctionBinding? {
        guard decl.decorators.isEmpty, !decl.isAsync, !decl.isGenerator, !decl.hasVarArgs, !decl.hasVarKeywords,
            !decl.parameterHasDefault.contains(true), decl.range.upperBound <= Int32(source.count)
        else { return nil }
        var statements: [FunctionStatement] = []
        var locals = Set(decl.parameters)
        let complete: Bool = source.withUnsafeBufferPointer { whole in
            let base = Int(decl.range.lowerBound)
            let slice = UnsafeBufferPointer(rebasing: whole[base..<Int(decl.range.upperBound)])
            var lexer = Lexer(source: slice)
            var tokens: [Token] = []
            while tokens.count < 20_000 {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                if token.kind == .comment || token.kind == .nonLogicalNewline { continue }
                tokens.append(token)
            }
            // The header ends at the first `:` outside brackets.
            var index = 0
            var depth = 0
            while index < tokens.count {
                switch tokens[index].kind {
                case .leftParen, .leftBracket, .leftBrace: depth += 1
                case .rightParen, .rightBracket, .rightBrace: depth -= 1
                default: break
                }
                if depth == 0 && tokens[index].kind == .colon { break }
                index += 1
            }
            index += 1
            guard index + 1 < tokens.count, tokens[index].kind == .newline, tokens[index + 1].kind == .indent else { return false }
            index += 2
            var first = true
            func text(_ token: Token) -> String {
                String(decoding: whole[token.range.lowerBound + base..<token.range.upperBound + base], as: UTF8.self)
            }
            while index < tokens.count, tokens[index].kind != .dedent {
                var end = index
                while end < tokens.count, tokens[end].kind != .newline {
                    if tokens[end].kind == .indent || tokens[end].kind == .dedent { return false }
                    end += 1
                }
                guard end > index else { return false }
                let statement = tokens[index..<end]
                defer {
                    index = end + 1
                    first = false
                }
                func range(_ from: Int) -> Range<Int32> {
                    Int32(base) + tokens[from].start..<Int32(base) + tokens[end - 1].end
                }
                let head = statement.first!.kind
                if first && head == .string && statement.allSatisfy({ $0.kind == .string }) { continue }
                if head == .kwPass { continue }
                if head == .kwReturn {
                    guard end > index + 1 else { return false }
                    statements.append(.returns(PyExpressionParser.parseExpression(source: whole, range: range(index + 1))))
                    // Nothing may follow the return in this body.
                    return end + 1 >= tokens.count || tokens[end + 1].kind == .dedent
                }
                if head == .kwClass || head == .kwDef || (head == .kwAsync && statement.count > 1 && tokens[index + 1].kind == .kwDef) {
                    // A nested class or def: its name is bound, its block skipped.
                    let nameIndex = head == .kwAsync ? index + 2 : index + 1
                    guard nameIndex < end, tokens[nameIndex].kind == .name else { return false }
                    if head == .kwClass {
                        // Bases or keywords could give the class another `__name__` or metaclass.
                        let after = tokens[nameIndex + 1].kind
                        guard after == .colon
                            || (after == .leftParen && nameIndex + 2 < end && tokens[nameIndex + 2].kind == .rightParen)
                        else { return false }
                    }
                    let name = text(tokens[nameIndex])
                    statements.append(head == .kwClass ? .defineClass(name) : .defineFunction(name))
                    locals.insert(name)
                    if end + 1 < tokens.count, tokens[end + 1].kind == .indent {
                        var depth = 0
                        var probe = end + 1
                        repeat {
                            if tokens[probe].kind == .indent { depth += 1 }
                            if tokens[probe].kind == .dedent { depth -= 1 }
                            probe += 1
                        } while depth > 0 && probe < tokens.count
                        guard depth == 0 else { return false }
                        // `defer` moves past `end`: stop just before the block's last DEDENT's successor.
                        end = probe - 1
                    }
                    continue
                }
                if head == .name, statement.count >= 5, tokens[index + 1].kind == .dot, tokens[index + 2].kind == .name,
                    tokens[index + 3].kind == .equal
                {
                    // `local.attribute = value`: the object changes, which `__name__` must not.
                    let receiver = text(tokens[index])
                    let attribute = text(tokens[index + 2])
                    guard locals.contains(receiver), !attribute.hasPrefix("__") else { return false }
                    statements.append(.setAttribute(receiver))
                    continue
                }
                guard head == .name, statement.count >= 3 else { return false }
                var valueStart: Int?
                if tokens[index + 1].kind == .equal {
                    valueStart = index + 2
                } else if tokens[index + 1].kind == .colon {
                    var probe = index + 2
                    var depth = 0
                    while probe < end {
                        switch tokens[probe].kind {
                        case .leftParen, .leftBracket, .leftBrace: depth += 1
                        case .rightParen, .rightBracket, .rightBrace: depth -= 1
                        case .equal where depth == 0: valueStart = probe + 1
                        default: break
                        }
                        if valueStart != nil { break }
                        probe += 1
                    }
                }
                guard let start = valueStart, start < end else { return false }
                let target = text(tokens[index])
                statements.append(.assign(target, PyExpressionParser.parseExpression(source: whole, range: range(start))))
                locals.insert(target)
            }
            return false
        }
        guard complete else { return nil }
        return FunctionBinding(name: decl.name, parameters: decl.parameters, statements: statements, scope: resolver(line: Int32.max))
    }

    // MARK: - Conditional blocks

    @exclusivity(unchecked) private var runsCache: [Int32: Bool?] = [:]
    @exclusivity(unchecked) private var lineStarts: [Int] = []
    /// By line: the header of the block it is in (0: none), whether the branch it heads is
    /// taken, whether none of its chain so far is, and the line of its chain's `if`.
    @exclusivity(unchecked) private var headerCache: [Int: Int] = [:]
    @exclusivity(unchecked) private var takenCache: [Int: Bool?] = [:]
    @exclusivity(unchecked) private var noneTakenCache: [Int: Bool?] = [:]
    @exclusivity(unchecked) private var chainStart: [Int: Int] = [:]

    /// False only when the statement at `line` is known not to run (an `if` branch not taken).
    /// Whether the statement at `line` of a body (the module's: nil), flagged `.conditional` by
    /// the reader, runs when its body runs; nil when not known.
    func branchTruth(line: Int32, in body: ClassDecl?) -> Bool? { runs(.conditional, line, body) }

    private func mayRun(_ kind: GuardKind, _ line: Int32, _ body: ClassDecl?) -> Bool {
        kind != .conditional || runs(kind, line, body) != false
    }

    /// Whether the statement at `line` of a body (the module's: nil) runs when the body runs:
    /// the `if`/`elif`/`else` chains around it evaluated; nil when not known (conditions not
    /// understood, or a `try`, loop or `with` block).
    private func runs(_ kind: GuardKind, _ line: Int32, _ body: ClassDecl?) -> Bool? {
        switch kind {
        case .none: return true
        case .mainGuard, .typeChecking, .branchNotTaken: return false
        case .conditional: break
        }
        if let cached = runsCache[line] { return cached }
        runsCache[line] = .some(nil)  // a condition naming what it guards is not known
        let answer = evaluateBranches(around: Int(line), body)
        runsCache[line] = .some(answer)
        return answer
    }

    private func evaluateBranches(around line: Int, _ body: ClassDecl?) -> Bool? {
        if lineStarts.isEmpty {
            lineStarts = [0] + source.withUnsafeBufferPointer { ByteSearch.offsets(after: UInt8(ascii: "\n"), in: $0) }
        }
        guard line >= 1, line <= lineStarts.count, let statementIndent = indent(line) else { return nil }
        var current = line
        var currentIndent = statementIndent
        // A body on its header's line (`if c: x = 1`) belongs to that header.
        var header: Int? = branchKeyword(line) != nil ? line : nil
        while true {
            if header == nil {
                guard let found = enclosingHeader(of: current, indent: currentIndent) else { return true }
                header = found
            }
            guard let headerLine = header, let headerIndent = indent(headerLine) else { return nil }
            header = nil
            guard let keyword = branchKeyword(headerLine) else {
                let word = firstWord(headerLine)
                return word == "class" || word == "def" || word == "async" ? true : nil
            }
            // Our branch must be taken (the earlier ones of its chain not).
            switch branchTaken(headerLine, keyword, indent: headerIndent, body) {
            case false?: return false
            case nil: return nil
            case true?: break
            }
            guard let first = chainStart[headerLine] else { return nil }
            current = first
            currentIndent = headerIndent
            if headerIndent == 0 { return true }
        }
    }

    /// The nearest line above `line` indented less than `column` (the header of the block the
    /// line is in); nil at the top of the file. Remembered for the lines passed on the way, so
    /// the statements of one long block cost one walk.
    private func enclosingHeader(of line: Int, indent column: Int) -> Int? {
        var previous = line - 1
        var passed: [Int] = []
        var found: Int?
        while previous >= 1 {
            if let known = headerCache[previous], indent(previous) == column {
                found = known
                break
            }
            if let other = indent(previous) {
                if other < column {
                    found = previous
                    break
                }
                if other == column { passed.append(previous) }
            }
            previous -= 1
        }
        let answer = found ?? 0
        headerCache[line] = answer
        for line in passed { headerCache[line] = answer }
        return answer >= 1 ? answer : nil
    }

    /// Whether the branch of an `if` chain whose header is `line` is taken: its condition true
    /// and every earlier branch's false (`else`: every earlier one false). Worked out forward
    /// from the nearest branch already known, so a chain of many `elif`s is read once.
    private func branchTaken(_ line: Int, _ keyword: String, indent column: Int, _ body: ClassDecl?) -> Bool? {
        if let known = takenCache[line] { return known }
        // The branches back to the `if`, or to one whose "none taken so far" is known (last first).
        var chain: [(line: Int, keyword: String)] = [(line, keyword)]
        var previous = line - 1
        while let earliest = chain.last, earliest.keyword != "if" {
            if chain.count > 1, noneTakenCache[earliest.line] != nil { break }
            guard previous >= 1 else { return nil }
            if let found = indent(previous) {
                if found < column { return nil }
                if found == column {
                    guard let earlier = branchKeyword(previous), earlier != "else" else { return nil }
                    chain.append((previous, earlier))
                }
            }
            previous -= 1
        }
        chain.reverse()
        // Forward: `noneTaken` is "no branch so far is taken" (nil: not known).
        var noneTaken: Bool?
        var start = 0
        if chain[0].keyword == "if" {
            noneTaken = true
            chainStart[chain[0].line] = chain[0].line
        } else if let known = noneTakenCache[chain[0].line] {
            noneTaken = known
            start = 1
        }
        let first = chainStart[chain[0].line] ?? chain[0].line
        var answer: Bool?
        for index in start..<chain.count {
            let branch = chain[index]
            chainStart[branch.line] = first
            let truth: Bool? = branch.keyword == "else" ? true : condition(branch.line, branch.keyword, body)
            let taken: Bool?
            switch (noneTaken, truth) {
            case (false?, _): taken = false
            case (true?, let value): taken = value
            case (nil, false?): taken = false
            case (nil, _): taken = nil
            }
            takenCache[branch.line] = .some(taken)
            switch (noneTaken, taken) {
            case (_, true?): noneTaken = false
            case (true?, false?): noneTaken = true
            case (false?, _): noneTaken = false
            default: noneTaken = nil
            }
            noneTakenCache[branch.line] = .some(noneTaken)
            answer = taken
        }
        return answer
    }

    /// Columns of indentation of a line; nil for blank and comment-only lines.
    private func indent(_ line: Int) -> Int? {
        var offset = lineStarts[line - 1]
        var column = 0
        while offset < source.count {
            switch source[offset] {
            case UInt8(ascii: " "): column += 1
            case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"), 0x0C: return nil
            default: return column
            }
            offset += 1
        }
        return nil
    }

    private func firstWord(_ line: Int) -> String {
        var offset = lineStarts[line - 1]
        while offset < source.count, source[offset] == UInt8(ascii: " ") || source[offset] == UInt8(ascii: "\t") { offset += 1 }
        var end = offset
        while end < source.count, source[end] >= UInt8(ascii: "a"), source[end] <= UInt8(ascii: "z") { end += 1 }
        return String(decoding: source[offset..<end], as: UTF8.self)
    }

    /// `if`, `elif` or `else` when the line starts a branch of an `if` statement.
    private func branchKeyword(_ line: Int) -> String? {
        let word = firstWord(line)
        guard word == "if" || word == "elif" || word == "else" else { return nil }
        var offset = lineStarts[line - 1]
        while source[offset] == UInt8(ascii: " ") || source[offset] == UInt8(ascii: "\t") { offset += 1 }
        offset += word.utf8.count
        guard offset < source.count else { return nil }
        let next = source[offset]
        if word == "else" {
            var probe = offset
            while probe < source.count, source[probe] == UInt8(ascii: " ") { probe += 1 }
            return probe < source.count && source[probe] == UInt8(ascii: ":") ? word : nil
        }
        return next == UInt8(ascii: " ") || next == UInt8(ascii: "(") || next == UInt8(ascii: "\t") ? word : nil
    }

    /// The truth of the condition of the `if`/`elif` at `line`; nil when not known.
    private func condition(_ line: Int, _ keyword: String, _ body: ClassDecl?) -> Bool? {
        var offset = lineStarts[line - 1]
        while source[offset] == UInt8(ascii: " ") || source[offset] == UInt8(ascii: "\t") { offset += 1 }
        let start = offset + keyword.utf8.count
        // The header's colon: the first `:` outside brackets and strings.
        var depth = 0
        var index = start
        var quote: UInt8 = 0
        var end: Int?
        while index < source.count, index - start < 4096 {
            let byte = source[index]
            if quote != 0 {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == quote {
                    quote = 0
                } else if byte == UInt8(ascii: "\n") {
                    return nil
                }
            } else {
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                case UInt8(ascii: "#"), UInt8(ascii: "\n"): if depth == 0 { return nil }
                case UInt8(ascii: ":"):
                    if depth == 0 {
                        if index + 1 < source.count, source[index + 1] == UInt8(ascii: "=") { break }
                        end = index
                    }
                default: break
                }
                if end != nil { break }
            }
            index += 1
        }
        guard let end else { return nil }
        let expression = source.withUnsafeBufferPointer {
            PyExpressionParser.parseExpression(source: $0, range: Int32(start)..<Int32(end))
        }
        let scope = body.map { resolver(classPath: [$0], line: Int32(line)) } ?? resolver(line: Int32(line))
        var evaluator = ValueEvaluator(resolver: scope, budget: 10_000)
        return PyValues.truthy(evaluator.evaluate(expression))
    }

    private func boundName(_ entry: (name: String, asName: String?), isFrom: Bool) -> String {
        if let asName = entry.asName { return asName }
        if isFrom { return entry.name }
        return entry.name.dottedHead
    }

    private func lastBinding(_ name: String, in body: ClassDecl?, before line: Int32) -> NameBinding? {
        binding(name, in: body, before: line, classPath: nil)
    }

    /// The binding of `name` in a body (the module's: nil) in effect at `line`, for a scope in `classPath`.
    private func binding(_ name: String, in body: ClassDecl?, before line: Int32, classPath: [ClassDecl]?) -> NameBinding? {
        guard name.utf8Offset(ofByte: UInt8(ascii: ".")) == nil, let position = lastRawMemberPosition(name, in: body, before: line)
        else { return nil }
        let member = (body?.members ?? summary.members)[position]
        let isModule = classPath?.isEmpty ?? true
        switch member {
        case .function(let decl):
            if let guardProblem = guardReason(decl.guardKind, decl.line, body) { return .unknown(guardProblem) }
            if body == nil, let function = simpleFunction(decl) { return .simpleFunction(function) }
            return .function(decl.name)
        case .classDecl(let decl):
            if let guardProblem = guardReason(decl.guardKind, decl.line, body) { return .unknown(guardProblem) }
            let path = (classPath ?? []) + [decl]
            return .classDef(classBinding(decl, path: isModule ? [decl] : path))
        case .assignment(let decl):
            if let guardProblem = guardReason(decl.guardKind, decl.line, body) { return .unknown(guardProblem) }
            guard decl.op != .augmented, decl.op != .other, let range = decl.value, decl.targets == [name] || isChainedAssignment(decl, name)
            else { return .unknown("\(name) bound by an unsupported assignment") }
            if mayChangeInPlace(name) { return .unknown("\(name) may be changed in place after its assignment") }
            let scope: NameResolver
            if let classPath, !classPath.isEmpty {
                scope = resolver(classPath: classPath, line: decl.line)
            } else {
                scope = resolver(line: decl.line)
            }
            return .expression(expression(range), scope: scope)
        case .importDecl(let decl):
            if let guardProblem = guardReason(decl.guardKind, decl.line, body) { return .unknown(guardProblem) }
            if decl.isStar {
                // One that does not export the name is passed over by `lastRawMember`.
                if body == nil, starExports(decl, position: position) != nil, let importer,
                    let found = importer(decl.module, decl.level, name)
                {
                    return found
                }
                return .unknown("star import of \(decl.module)")
            }
            guard let entry = decl.names.last(where: { boundName($0, isFrom: decl.isFrom) == name }) else { return nil }
            if decl.isFrom {
                let path = decl.module + "." + entry.name
                if decl.level == 0, PyBuiltins.knownObject(path) != nil || SQLAlchemyModel.combinationsKind(path) != nil {
                    return .imported(path)
                }
                if let importer, let found = importer(decl.module, decl.level, entry.name) { return found }
                guard decl.level == 0 else { return .unknown("relative import of \(entry.name)") }
                return .imported(path)
            }
            return .module(entry.asName == nil ? name : entry.name)
        case .deletion:
            return nil
        }
    }

    /// `a = b = value` binds the value to each name; `a, b = value` (a tuple target, which the
    /// reader also lists name by name) does not: its targets hold a comma before the value.
    private func isChainedAssignment(_ decl: AssignmentDecl, _ name: String) -> Bool {
        guard decl.targets.contains(name), let range = decl.value else { return false }
        var index = min(Int(range.lowerBound), source.count) - 1
        let limit = Int(range.lowerBound) - 4096
        while index >= 0 {
            guard index > limit else { return false }
            let byte = source[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ";") { return true }
            if byte == UInt8(ascii: ",") { return false }
            index -= 1
        }
        return true
    }

    private func guardReason(_ kind: GuardKind, _ line: Int32, _ body: ClassDecl?) -> String? {
        switch kind {
        case .none: return nil
        case .conditional: return runs(kind, line, body) == true ? nil : "bound conditionally"
        case .mainGuard, .typeChecking: return "bound only when not imported"
        case .branchNotTaken: return "bound in a branch that is not taken"
        }
    }

    private func expression(_ range: Range<Int32>) -> PyExpression {
        if let cached = parsed[range.lowerBound] { return cached }
        let value = source.withUnsafeBufferPointer { PyExpressionParser.parseExpression(source: $0, range: range) }
        parsed[range.lowerBound] = value
        return value
    }

    private func classBinding(_ decl: ClassDecl, path: [ClassDecl]) -> ClassBinding {
        var assignments: [(name: String, value: PyExpression?)] = []
        var definitions: [String] = []
        for member in decl.members {
            switch member {
            case .assignment(let assignment):
                let single = assignment.op == .assign || assignment.op == .annotated
                for target in assignment.targets {
                    let value = single && assignment.guardKind == .none && assignment.value != nil
                        && (assignment.targets.count == 1 || isChainedAssignment(assignment, target))
                        ? assignment.value.map(expression) : nil
                    assignments.append((target, value))
                }
            case .function(let function): definitions.append(function.name)
            case .classDecl(let nested): definitions.append(nested.name)
            case .importDecl(let importDecl):
                for entry in importDecl.names { definitions.append(boundName(entry, isFrom: importDecl.isFrom)) }
            case .deletion: continue
            }
        }
        return ClassBinding(
            name: decl.name, bases: decl.bases, keywords: decl.keywords.map(\.name), decorators: decl.decorators.map(\.name),
            assignments: assignments, definitions: definitions, scope: resolver(classPath: path, line: Int32.max))
    }
}
