#if canImport(Glibc)
import Glibc
#endif

/// The files and directories one collection looked at, each with what `stat` said when it was
/// looked at: a stored result holds for as long as every one of them still looks the same.
///
/// Only the thread that started the log records (the resolving thread); pool workers read
/// ahead for it, and what they read is recorded when that thread takes it.
public final class InputLog {
    nonisolated(unsafe) private static var current: InputLog?
    private let thread: pthread_t
    /// When the log began, in nanoseconds of `CLOCK_REALTIME`.
    public let started: Int64
    private var paths: [String] = []
    private var stamps: [FileStamp] = []

    private init() {
        thread = pthread_self()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        started = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Starts recording on the calling thread; returns the log.
    public static func begin() -> InputLog {
        let log = InputLog()
        current = log
        return log
    }

    /// Stops recording; the log keeps what it has.
    public static func end() { current = nil }

    /// True when the calling thread is the one recording: a caller that has to do work to
    /// make a stamp (a `stat` it would not do otherwise) asks first.
    static var isRecording: Bool {
        guard let log = current else { return false }
        return pthread_equal(pthread_self(), log.thread) != 0
    }

    /// Records what `path` looked like, when called on the recording thread.
    static func note(_ path: String, _ stamp: FileStamp) {
        guard let log = current, pthread_equal(pthread_self(), log.thread) != 0 else { return }
        log.paths.append(path)
        log.stamps.append(stamp)
    }

    /// Each path once, in the order first seen, at the highest level it was looked at; nil when
    /// one path was seen two different ways (it changed while the collection ran, so no result
    /// of this run may be kept).
    public func inputs() -> [(path: String, stamp: FileStamp)]? {
        var first: [String: Int] = [:]
        first.reserveCapacity(paths.count)
        var result: [(path: String, stamp: FileStamp)] = []
        for index in paths.indices {
            if let seen = first[paths[index]] {
                let earlier = result[seen].stamp
                let now = stamps[index]
                let common = min(earlier.level, now.level)
                if earlier.reduced(to: common) != now.reduced(to: common) { return nil }
                if now.level > earlier.level { result[seen].stamp = now }
                continue
            }
            first[paths[index]] = result.count
            result.append((paths[index], stamps[index]))
        }
        return result
    }
}
