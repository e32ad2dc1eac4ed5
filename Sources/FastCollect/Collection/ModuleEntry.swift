/// What a module or class contributes to the collection tree, in pytest's order.
indirect enum ModuleEntry: Sendable {
    case function(name: String, line: Int32, file: String)
    case testClass(name: String, line: Int32, unitTest: Bool, children: [ModuleEntry])
}

/// A `PytestCollectionWarning` pytest would emit while collecting (e.g. a test class with
/// `__init__`), with the location pytest attributes it to.
public struct CollectionWarning: Sendable, Equatable {
    public var message: String
    /// The file and 1-based line pytest names for the warning.
    public var file: String
    public var line: Int32
    /// The source line at `line`, stripped, as Python's warning display shows it.
    public var sourceLine: String
}
