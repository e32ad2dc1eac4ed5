import Synchronization

/// The version of the interpreter pytest would run under (a final release), when the session
/// found its environment: what `sys.version_info` is to `ValueEvaluator`, and what pytest's
/// header shows.
public struct PythonVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var micro: Int

    public init(major: Int, minor: Int, micro: Int) {
        self.major = major
        self.minor = minor
        self.micro = micro
    }

    /// `3.11.7`, as `platform.python_version()` gives it.
    public var description: String { "\(major).\(minor).\(micro)" }


    /// The interpreter of this process's session; nil (the default) when not known. Set once,
    /// before modules are read on other threads.
    static var current: PythonVersion? {
        get {
            let packed = stored.load(ordering: .acquiring)
            guard packed > 0 else { return nil }
            return PythonVersion(major: packed / 1_000_000, minor: packed / 1_000 % 1_000, micro: packed % 1_000)
        }
        set {
            guard let version = newValue, (0..<1_000).contains(version.minor), (0..<1_000).contains(version.micro),
                (1..<1_000).contains(version.major)
            else { return stored.store(0, ordering: .releasing) }
            stored.store(version.major * 1_000_000 + version.minor * 1_000 + version.micro, ordering: .releasing)
        }
    }
    private static let stored = Atomic<Int>(0)

    /// `sys.version_info` and its named fields, by dotted path.
    func value(of path: String) -> PyValue? {
        switch path {
        case "sys.version_info":
            return .tuple([.int(.small(major)), .int(.small(minor)), .int(.small(micro)), .str("final"), .int(.small(0))])
        case "sys.version_info.major": return .int(.small(major))
        case "sys.version_info.minor": return .int(.small(minor))
        case "sys.version_info.micro": return .int(.small(micro))
        case "sys.version_info.releaselevel": return .str("final")
        case "sys.version_info.serial": return .int(.small(0))
        default: return nil
        }
    }
}
