/// One node of the collection tree, as pytest builds it: directories, packages, modules,
/// classes and test items, each with pytest's name and node ID.
public struct CollectionNode: Sendable {
    /// The pytest node class this node stands for; `description` is its name in the tree view.
    public enum Kind: UInt8, Sendable {
        case dir
        case package
        case module
        case testClass
        case unitTestCase
        case function
        case testCaseFunction
        /// A `test*.txt` file read by the doctest plugin.
        case doctestTextfile
        case doctestItem

        /// pytest's class name, as the `--collect-only` tree prints it (`<Module test_x.py>`).
        public var description: String {
            switch self {
            case .dir: return "Dir"
            case .package: return "Package"
            case .module: return "Module"
            case .testClass: return "Class"
            case .unitTestCase: return "UnitTestCase"
            case .function: return "Function"
            case .testCaseFunction: return "TestCaseFunction"
            case .doctestTextfile: return "DoctestTextfile"
            case .doctestItem: return "DoctestItem"
            }
        }

        public var isItem: Bool { self == .function || self == .testCaseFunction || self == .doctestItem }
        public var isFileSystem: Bool {
            self == .dir || self == .package || self == .module || self == .doctestTextfile
        }
    }

    public var kind: Kind
    /// The node's name: a file or directory name, a class name, or a function name with its
    /// parametrization (`test_x[1-a]`).
    public var name: String
    public var nodeID: String
    /// Index of the parent node in `CollectionTree.nodes`; -1 for a top-level node.
    public var parent: Int32
    /// Absolute path of the file or directory the node belongs to.
    public var path: String
    /// 1-based line of the definition for classes and functions; 0 otherwise.
    public var line: Int32
    /// Why the node's children or the item itself can't be known statically; nil when they can.
    public var dynamicReason: String?

    public init(kind: Kind, name: String, nodeID: String, parent: Int32, path: String, line: Int32 = 0) {
        self.kind = kind
        self.name = name
        self.nodeID = nodeID
        self.parent = parent
        self.path = path
        self.line = line
        self.dynamicReason = nil
    }
}
