import ModuleScanner

/// Name resolution inside one module from its `ModuleSummary`: which binding a name has where a
/// decorator runs (module names bound earlier, class-body names for methods), and the
/// `parametrize` calls pytest makes for a function of the module, in pytest's order.
/// Names from other modules stay unresolved (`.imported`); a caller with cross-module
/// knowledge wraps or replaces `resolver(…)`.
public final class ModuleNameTable {
    private let summary: ModuleSummary
    private let source: [UInt8]
    private var parsed: [Int32: PyExpression] = [:]
    private var indexes: [Int32: [String: [Int]]] = [:]

    private struct ScopeKey: Hashable {
        var table: ObjectIdentifier
        var classPath: [Int32]
        var cutoff: Int32
    }

    public init(summary: ModuleSummary, source: [UInt8]) {
        self.summary = summary
        self.source = source
    }

    /// The resolver for code at `line` in the body of the classes `classPath` (outermost first;
    /// empty for module level). Only the innermost class body is visible, as in Python.
    public func resolver(classPath: [ClassDecl] = [], line: Int32) -> NameResolver {
        let key = ScopeKey(table: ObjectIdentifier(self), classPath: classPath.map(\.range.lowerBound), cutoff: line)
        if let innermost = classPath.last {
            let moduleResolver = self.resolver(line: classPath[0].line)
            return NameResolver(key: key) { name in
                self.binding(name, in: innermost, before: line, classPath: classPath) ?? moduleResolver.lookup(name)
            }
        }
        return NameResolver(key: key) { name in
            self.binding(name, in: nil, before: line, classPath: [])
        }
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
            let functionResolver = resolver(classPath: classPath, line: function.firstLine)
            if let failure = Self.decoratorCalls(
                function.decorators, buffer, functionResolver, importedDecorator, into: &calls)
            {
                return failure
            }
            for depth in stride(from: classPath.count, to: 0, by: -1) {
                let enclosing = Array(classPath[..<depth])
                guard let order = mro(enclosing) else {
                    return MarkLookupFailure(reason: "bases of class \(enclosing[enclosing.count - 1].name) not known")
                }
                for path in order.reversed() {
                    if let failure = classMarks(path, buffer, importedDecorator, into: &calls) { return failure }
                }
            }
            if let value = lastBinding("pytestmark", in: nil, before: Int32.max) {
                guard case .expression(let expression, let scope) = value else {
                    return MarkLookupFailure(reason: "module pytestmark not understood")
                }
                switch ParametrizeCall.marks(inPytestmark: expression, resolver: scope ?? resolver(line: Int32.max)) {
                case .success(let found): calls.append(contentsOf: found)
                case .failure(let failure): return failure
                }
            }
            return nil
        }
        if let failure { return .failure(failure) }
        return .success(calls)
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
        return Self.decoratorCalls(cls.decorators, buffer, decoratorResolver, importedDecorator, into: &calls)
    }

    /// The parametrize marks among `decorators`, bottom-up, appended to `calls`; the failure
    /// when one of them cannot be classified.
    private static func decoratorCalls(
        _ decorators: [Decorator], _ buffer: UnsafeBufferPointer<UInt8>, _ resolver: NameResolver,
        _ importedDecorator: (String) -> ParametrizeCall.Lookup, into calls: inout [ParametrizeCall]
    ) -> MarkLookupFailure? {
        for decorator in decorators.reversed() {
            var lookup = ParametrizeCall.lookup(decorator: decorator, source: buffer, resolver: resolver)
            if case .imported(let path) = lookup { lookup = importedDecorator(path) }
            switch lookup {
            case .parametrize(let call): calls.append(call)
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

    /// Positions of the members of a body (the module's: nil) that bind or delete each name;
    /// star imports under `*`.
    private func memberIndex(_ body: ClassDecl?) -> [String: [Int]] {
        let key = body?.range.lowerBound ?? -1
        if let cached = indexes[key] { return cached }
        var index: [String: [Int]] = [:]
        for (position, member) in (body?.members ?? summary.members).enumerated() {
            switch member {
            case .function(let decl): index[decl.name, default: []].append(position)
            case .classDecl(let decl): index[decl.name, default: []].append(position)
            case .assignment(let decl):
                for target in Set(decl.targets) { index[target, default: []].append(position) }
            case .importDecl(let decl):
                if decl.isStar {
                    index["*", default: []].append(position)
                } else {
                    for name in Set(decl.names.map { boundName($0, isFrom: decl.isFrom) }) { index[name, default: []].append(position) }
                }
            case .deletion(let names, _, _):
                for name in Set(names) { index[name, default: []].append(position) }
            }
        }
        indexes[key] = index
        return index
    }

    /// The last member of a body (the module's: nil) binding `name` before `line` (nil when
    /// none, or deleted since).
    private func lastRawMember(_ name: String, in body: ClassDecl?, before line: Int32) -> Member? {
        let index = memberIndex(body)
        let members = body?.members ?? summary.members
        var positions = index[name] ?? []
        if let stars = index["*"] { positions = (positions + stars).sorted() }
        var found: Member?
        for member in positions.lazy.map({ members[$0] }) {
            switch member {
            case .function(let decl):
                if decl.line < line, decl.name == name { found = member }
            case .classDecl(let decl):
                if decl.line < line, decl.name == name { found = member }
            case .assignment(let decl):
                if decl.line < line, decl.targets.contains(name), !(decl.op == .annotated && decl.value == nil) { found = member }
            case .importDecl(let decl):
                if decl.line < line, decl.isStar || decl.names.contains(where: { boundName($0, isFrom: decl.isFrom) == name }) {
                    found = member
                }
            case .deletion(let names, let deletedLine, _):
                if deletedLine < line, names.contains(name) { found = nil }
            }
        }
        return found
    }

    private func boundName(_ entry: (name: String, asName: String?), isFrom: Bool) -> String {
        if let asName = entry.asName { return asName }
        if isFrom { return entry.name }
        return String(entry.name.split(separator: ".").first ?? Substring(entry.name))
    }

    private func lastBinding(_ name: String, in body: ClassDecl?, before line: Int32) -> NameBinding? {
        binding(name, in: body, before: line, classPath: nil)
    }

    /// The binding of `name` in a body (the module's: nil) in effect at `line`, for a scope in `classPath`.
    private func binding(_ name: String, in body: ClassDecl?, before line: Int32, classPath: [ClassDecl]?) -> NameBinding? {
        guard !name.contains("."), let member = lastRawMember(name, in: body, before: line) else { return nil }
        let isModule = classPath?.isEmpty ?? true
        switch member {
        case .function(let decl):
            if let guardProblem = guardReason(decl.guardKind) { return .unknown(guardProblem) }
            return .function(decl.name)
        case .classDecl(let decl):
            if let guardProblem = guardReason(decl.guardKind) { return .unknown(guardProblem) }
            let path = (classPath ?? []) + [decl]
            return .classDef(classBinding(decl, path: isModule ? [decl] : path))
        case .assignment(let decl):
            if let guardProblem = guardReason(decl.guardKind) { return .unknown(guardProblem) }
            guard decl.op != .augmented, decl.op != .other, let range = decl.value, decl.targets == [name] || isChainedAssignment(decl, name)
            else { return .unknown("\(name) bound by an unsupported assignment") }
            let scope: NameResolver
            if let classPath, !classPath.isEmpty {
                scope = resolver(classPath: classPath, line: decl.line)
            } else {
                scope = resolver(line: decl.line)
            }
            return .expression(expression(range), scope: scope)
        case .importDecl(let decl):
            if let guardProblem = guardReason(decl.guardKind) { return .unknown(guardProblem) }
            if decl.isStar { return .unknown("star import of \(decl.module)") }
            guard let entry = decl.names.last(where: { boundName($0, isFrom: decl.isFrom) == name }) else { return nil }
            if decl.isFrom {
                guard decl.level == 0 else { return .unknown("relative import of \(entry.name)") }
                return .imported(decl.module + "." + entry.name)
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

    private func guardReason(_ kind: GuardKind) -> String? {
        switch kind {
        case .none: return nil
        case .conditional: return "bound conditionally"
        case .mainGuard, .typeChecking: return "bound only when not imported"
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
