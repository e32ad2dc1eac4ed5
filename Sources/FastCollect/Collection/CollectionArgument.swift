#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command-line argument naming what to collect (`dir`, `file.py`, `file.py::Class::test[1]`),
/// resolved against the invocation directory as pytest's `resolve_collection_argument` does.
public struct CollectionArgument: Sendable, Equatable {
    /// Absolute, lexically normalised path.
    public var path: String
    /// Names after the path (`["Class", "test"]`).
    public var parts: [String]
    /// `[…]` suffix of the last part, with its brackets.
    public var parametrization: String?
    /// Position among the arguments as given.
    public var originalIndex: Int
    /// The argument as the user typed it.
    public var text: String

    /// Parses and checks one argument; throws pytest's usage errors.
    public static func resolve(_ argument: String, index: Int, invocationDirectory: String) throws(CollectError)
        -> CollectionArgument
    {
        let base: Substring
        var parametrization: String?
        if let bracket = argument.firstIndex(of: "[") {
            base = argument[..<bracket]
            parametrization = String(argument[bracket...])
        } else {
            base = argument[...]
        }
        let pieces = base.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        let strpath = pieces[0]
        let parts = Array(pieces.dropFirst())
        if parametrization != nil && parts.isEmpty {
            throw .usage("path cannot contain [] parametrization: \(argument)")
        }
        let path = FilePath.absolute(strpath, base: invocationDirectory)
        guard let kind = DirectoryLister.kind(of: path) else {
            throw .usage("file or directory not found: \(argument)")
        }
        if !parts.isEmpty && kind == .directory {
            throw .usage("directory argument cannot contain :: selection parts: \(argument)")
        }
        return CollectionArgument(
            path: path, parts: parts, parametrization: parametrization, originalIndex: index, text: argument)
    }

    /// True when everything `self` selects is also selected by `other`
    /// (`is_collection_argument_subsumed_by`).
    func isSubsumed(by other: CollectionArgument) -> Bool {
        if other.path != path {
            return other.parts.isEmpty && FilePath.isInside(path, other.path)
        }
        if other.parts.count > parts.count || Array(parts.prefix(other.parts.count)) != other.parts {
            return false
        }
        if let param = other.parametrization, param != parametrization { return false }
        return true
    }

    /// Removes duplicates and arguments contained in others, keeping the original order
    /// (`normalize_collection_arguments`).
    public static func normalize(_ arguments: [CollectionArgument]) -> [CollectionArgument] {
        let sorted = arguments.sorted { a, b in
            let pa = PathOrder.components(a.path), pb = PathOrder.components(b.path)
            if pa != pb { return PathOrder.less(pa, pb) }
            if a.parts != b.parts { return a.parts.lexicographicallyPrecedes(b.parts, by: PathOrder.less) }
            return PathOrder.less(a.parametrization ?? "", b.parametrization ?? "")
        }
        var kept: [CollectionArgument] = []
        for argument in sorted {
            if let last = kept.last, argument.isSubsumed(by: last) { continue }
            kept.append(argument)
        }
        return kept.sorted { $0.originalIndex < $1.originalIndex }
    }
}

/// Python's ordering of strings (code points) and of `PurePosixPath`s (by their parts).
enum PathOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        compare(a, b) < 0
    }

    /// Negative, zero or positive as `a` sorts before, with or after `b` in code point order
    /// (Python's `str` order), which is UTF-8 byte order.
    static func compare(_ a: String, _ b: String) -> Int {
        // memcmp on contiguous storage is the fast path.
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in compare(x, y) }
        }
        if let fast, let result = fast { return result }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// `compare` on UTF-8 bytes.
    static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let p = x.baseAddress, let q = y.baseAddress {
            let order = memcmp(p, q, common)
            if order != 0 { return Int(order) }
        }
        return x.count - y.count
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    static func less(_ a: [String], _ b: [String]) -> Bool {
        a.lexicographicallyPrecedes(b, by: less)
    }
}
