/// pytest 9.0.3's `IdMaker` (`_pytest/python.py`): the id of each parameter set of one
/// `parametrize` call, made unique the way pytest does, from values computed statically.
public struct IdMaker {
    /// A parameter set: its values (one per argname), its `pytest.param` id, its marks.
    public struct ParameterSet: Sendable {
        public var values: [PyValue]
        public var id: PytestParam.ID
        public var marks: [String]

        public init(values: [PyValue], id: PytestParam.ID = .none, marks: [String] = []) {
            self.values = values
            self.id = id
            self.marks = marks
        }
    }

    /// An id in the making: text, or `HIDDEN_PARAM` (no part in the item's name).
    public enum ResolvedID: Sendable, Equatable, Hashable {
        case text(String)
        case hidden
    }

    /// Why no ids can be given.
    public enum Failure: Error, Sendable, Equatable {
        /// pytest fails collecting the module with this message.
        case collectionError(String)
        /// The id depends on something not known statically.
        case dynamic(String)
    }

    public var argnames: [String]
    public var parameterSets: [ParameterSet]
    /// `ids=[…]` entries (nil for `None`), when given as a sequence.
    public var ids: [PyValue?]?
    /// `ids=callable`: applied to each value; nil results fall back to the value's id.
    public var idFunction: ((PyValue) -> PyValue)?
    public var options: IdOptions
    public var nodeID: String
    public var functionName: String

    public init(
        argnames: [String], parameterSets: [ParameterSet], ids: [PyValue?]? = nil,
        idFunction: ((PyValue) -> PyValue)? = nil, options: IdOptions = IdOptions(), nodeID: String = "",
        functionName: String = ""
    ) {
        self.argnames = argnames
        self.parameterSets = parameterSets
        self.ids = ids
        self.idFunction = idFunction
        self.options = options
        self.nodeID = nodeID
        self.functionName = functionName
    }

    /// `make_unique_parameterset_ids`: one id per parameter set.
    public func makeUniqueIDs() throws(Failure) -> [ResolvedID] {
        var resolved = try resolveIDs()
        if IdMaker.fewAndDistinct(resolved) { return resolved }
        var counts: [ResolvedID: Int] = [:]
        for id in resolved { counts[id, default: 0] += 1 }
        guard counts.count != resolved.count else { return resolved }
        if options.strictParametrizationIds {
            throw .collectionError(strictMessage(resolved, counts))
        }
        var suffixes: [ResolvedID: Int] = [:]
        // pytest tests each candidate against the ids as they stand (earlier ones already renamed).
        var current = counts
        for index in resolved.indices {
            let id = resolved[index]
            guard counts[id, default: 0] > 1 else { continue }
            guard case .text(let text) = id else {
                throw .collectionError("In \(functionName): multiple instances of HIDDEN_PARAM cannot be used in the same parametrize call, because the tests names need to be unique.")
            }
            let separator = text.unicodeScalars.last.map(IdMaker.isDigit) == true ? "_" : ""
            var newID = ResolvedID.text("\(text)\(separator)\(suffixes[id, default: 0])")
            while current[newID, default: 0] > 0 {
                suffixes[id, default: 0] += 1
                newID = .text("\(text)\(separator)\(suffixes[id, default: 0])")
            }
            resolved[index] = newID
            current[id, default: 0] -= 1
            current[newID, default: 0] += 1
            suffixes[id, default: 0] += 1
        }
        return resolved
    }

    /// True when there are at most 16 ids and no two are equal: compared pairwise, which for
    /// the usual handful of ids costs less than counting them in a dictionary.
    static func fewAndDistinct(_ ids: [ResolvedID]) -> Bool {
        guard ids.count <= 16 else { return false }
        for index in ids.indices {
            for other in ids.indices where other > index && ids[other] == ids[index] { return false }
        }
        return true
    }

    /// `str.isdigit()` of one character.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.numericType {
        case .decimal, .digit: return true
        default: return false
        }
    }

    private func strictMessage(_ resolved: [ResolvedID], _ counts: [ResolvedID: Int]) -> String {
        func show(_ id: ResolvedID) -> String {
            if case .text(let text) = id { return text }
            return "<hidden>"
        }
        let sets = parameterSets.map { PyFormatting.repr(.list($0.values)) ?? "[…]" }.joined(separator: ", ")
        var seen: Set<ResolvedID> = []
        var duplicates: [String] = []
        for id in resolved where counts[id, default: 0] > 1 && seen.insert(id).inserted {
            duplicates.append(show(id))
        }
        return """
            Duplicate parametrization IDs detected, but strict_parametrization_ids is set.

            Test name:      \(nodeID)
            Parameters:     \(argnames.joined(separator: ", "))
            Parameter sets: \(sets)
            IDs:            \(resolved.map(show).joined(separator: ", "))
            Duplicates:     \(duplicates.joined(separator: ", "))

            You can fix this problem using `@pytest.mark.parametrize(..., ids=...)` or `pytest.param(..., id=...)`.
            """
    }

    /// `_resolve_ids`: the ids before duplicates are disambiguated.
    func resolveIDs() throws(Failure) -> [ResolvedID] {
        var result: [ResolvedID] = []
        result.reserveCapacity(parameterSets.count)
        for (index, set) in parameterSets.enumerated() {
            switch set.id {
            case .hidden:
                result.append(.hidden)
                continue
            case .text(let text):
                result.append(.text(options.disableTestIdEscaping ? text : PyFormatting.asciiEscaped(text)))
                continue
            case .none:
                break
            }
            if let ids, index < ids.count, let explicit = ids[index] {
                if case .hiddenParam = explicit {
                    result.append(.hidden)
                } else {
                    result.append(.text(try idFromValueRequired(explicit, index: index)))
                }
                continue
            }
            var parts: [String] = []
            for (value, argname) in zip(set.values, argnames) {
                parts.append(try idValue(value, argname: argname, index: index))
            }
            result.append(.text(parts.joined(separator: "-")))
        }
        return result
    }

    /// `_idval`: the id function's result, else the value's own id, else argname + index.
    private func idValue(_ value: PyValue, argname: String, index: Int) throws(Failure) -> String {
        if let idFunction {
            let generated = idFunction(value)
            if case .opaque(let reason) = generated { throw .dynamic("ids callable: \(reason)") }
            if !generated.isNone, let text = try IdMaker.idFromValue(generated, options: options) {
                return text
            }
        }
        if let text = try IdMaker.idFromValue(value, options: options) { return text }
        return argname + String(index)
    }

    /// `_idval_from_value_required`, for entries of `ids=[…]`.
    private func idFromValueRequired(_ value: PyValue, index: Int) throws(Failure) -> String {
        if let text = try IdMaker.idFromValue(value, options: options) { return text }
        let shown = PyFormatting.repr(value) ?? "<\(value.typeName) object>"
        throw .collectionError(
            "In \(functionName): ids contains unsupported value \(shown) (type: <class '\(value.typeName)'>) at index \(index). "
                + "Supported types are: str, bytes, int, float, complex, bool, enum, regex or anything with a __name__.")
    }

    /// `_idval_from_value`: the id a value's type gives it, nil when its type has no rule.
    public static func idFromValue(_ value: PyValue, options: IdOptions) throws(Failure) -> String? {
        switch value {
        case .str(let text):
            return options.disableTestIdEscaping ? text : PyFormatting.asciiEscaped(text)
        case .bytes(let bytes):
            if options.disableTestIdEscaping { throw .dynamic("bytes id with escaping disabled") }
            return PyFormatting.asciiEscaped(bytes)
        case .none, .int, .bool, .float, .complex:
            guard let text = PyFormatting.str(value) else { throw .dynamic("str() of \(value.typeName) fails") }
            return text
        case .pattern(let pattern):
            return PyFormatting.asciiEscaped(pattern)
        case .enumMember(let member):
            if member.isString {
                guard case .str(let text) = member.value else { throw .dynamic("str enum member value") }
                return options.disableTestIdEscaping ? text : PyFormatting.asciiEscaped(text)
            }
            return member.text
        case .hiddenParam:
            return "_HiddenParam.token"
        case .callable(let callable):
            switch callable {
            case .builtin(let path): return PyBuiltins.shortName(path)
            case .lambda: return "<lambda>"
            case .function(let name, _): return name
            case .userClass(let cls): return cls.name
            case .method(_, let name): return name
            }
        case .module(let path):
            if path == "pytest.mark" { return nil }
            return path
        case .createdModule(let name):
            return name
        case .ellipsis, .tuple, .list, .set, .dict, .range, .param, .mark, .object:
            return nil
        case .iterator:
            throw .dynamic("an iterator as a parameter value")
        case .opaque(let reason):
            throw .dynamic(reason)
        }
    }
}
