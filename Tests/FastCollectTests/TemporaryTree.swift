import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Small file trees under /tmp for tests, written with POSIX calls. Every tree of a test run
/// lives in one folder that is removed when the test process exits.
enum TemporaryTree {
    /// This process's folder of trees, made on first use.
    private static let parent: String = {
        var template = Array("/tmp/fastcollect-tests-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard let path else { return "/tmp" }
        atexit { TemporaryTree.removeAll() }
        return String(cString: path)
    }()

    static func make() -> String {
        var template = Array((parent + "/tree-XXXXXX").utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        return path.map { String(cString: $0) } ?? parent
    }

    /// A new tree holding `files` (paths relative to it, and their text).
    static func make(_ files: [String: String]) throws -> String {
        let root = make()
        for (path, text) in files { try write(root + "/" + path, text) }
        return root
    }

    static func write(_ path: String, _ text: String) throws {
        var directory = ""
        for part in path.split(separator: "/").dropLast() {
            directory += "/" + part
            mkdir(directory, 0o755)
        }
        guard let file = fopen(path, "w") else { throw WriteError(path: path) }
        defer { fclose(file) }
        _ = text.withCString { fputs($0, file) }
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    /// Removes the folder of trees. Tests make some entries unreadable; they are made
    /// readable again first so that nothing is left behind.
    private static func removeAll() {
        guard parent != "/tmp" else { return }
        if let walker = FileManager.default.enumerator(atPath: parent) {
            for case let relative as String in walker {
                chmod(parent + "/" + relative, 0o755)
            }
        }
        try? FileManager.default.removeItem(atPath: parent)
    }

    struct WriteError: Error {
        var path: String
    }
}
