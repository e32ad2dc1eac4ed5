import Dispatch
import Synchronization

/// Reads and scans module files on a fixed pool of worker threads. Each worker takes the next
/// chunk of files from one atomic counter and writes its results into slots no other worker
/// touches; the output order is the input order, whatever the scheduling.
enum ParallelLoader {
    /// Loads every path; `workers` <= 1 runs on the calling thread.
    static func load(_ paths: [String], workers: Int) -> [LoadedModule] {
        if workers <= 1 || paths.count < 2 {
            return paths.map(LoadedModule.load)
        }
        let count = paths.count
        let results = UnsafeMutableBufferPointer<LoadedModule?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let next = Atomic<Int>(0)
        let chunk = max(1, min(16, count / (workers * 8)))
        let slots = SendableBuffer(results)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let start = next.wrappingAdd(chunk, ordering: .relaxed).oldValue
                if start >= count { break }
                for index in start..<min(start + chunk, count) {
                    slots.buffer[index] = LoadedModule.load(path: paths[index])
                }
            }
        }
        return results.map { $0! }
    }
}

/// A buffer whose disjoint slots are written by different threads.
private struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<LoadedModule?>
    init(_ buffer: UnsafeMutableBufferPointer<LoadedModule?>) { self.buffer = buffer }
}
