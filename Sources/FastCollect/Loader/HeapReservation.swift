import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Grows the main thread's heap once, in one piece backed by transparent huge pages where the
/// kernel offers them, so that building a collection does not fault its memory in 4 KiB at a time.
/// (Django's suite: 14,800 page faults, 11 % of the cycles, before; under 1,000 after.)
public enum HeapReservation {
    /// What `prepare` managed.
    public enum Outcome: Sendable, Equatable {
        /// The heap grew by `bytes` and huge pages were asked for over them.
        case hugePages(bytes: Int)
        /// The heap grew, but the kernel refused huge pages (`errno`).
        case reservedOnly(bytes: Int, errno: Int32)
        /// Nothing changed: not glibc on Linux, or the heap did not grow as expected.
        case unchanged
    }

    /// What the process's call of `prepare` did (for `--timings`).
    nonisolated(unsafe) public private(set) static var outcome = Outcome.unchanged

    /// How many threads' arenas `adviseThreadArena` put on huge pages, in this process.
    public static var advisedArenas: Int { arenaCount.load(ordering: .relaxed) }
    private static let arenaCount = Atomic<Int>(0)

    /// Reserves `megabytes` of address space at the top of the main arena's heap (nothing is
    /// touched, so the resident size does not grow) and asks for huge pages over it. Call it
    /// once, first thing on the main thread: other threads allocate from arenas of their own.
    /// Best effort: an error leaves the allocator working as before.
    @discardableResult
    public static func prepare(megabytes: Int = 64) -> Outcome {
        #if os(Linux)
        outcome = reserve(size: megabytes << 20)
        #endif
        return outcome
    }

    /// Asks for huge pages over the calling thread's malloc arena, for a thread that allocates a
    /// lot (a pool worker). glibc gives such a thread an arena of its own: a 64 MB mapping
    /// aligned to its size, made readable as it grows. Checked against /proc/self/maps: the
    /// advice is given only when the thread's first block lies in an anonymous mapping that
    /// starts at the 64 MB boundary below it; true when it was.
    @discardableResult
    public static func adviseThreadArena() -> Bool {
        #if os(Linux)
        let arenaSize = 64 << 20
        guard let block = malloc(64) else { return false }
        defer { free(block) }
        let address = UInt(bitPattern: block)
        let start = address & ~UInt(arenaSize - 1)
        guard let mapping = mapping(containing: address), mapping.start == start, mapping.isAnonymous else {
            return false
        }
        guard madvise(UnsafeMutableRawPointer(bitPattern: start), arenaSize, MADV_HUGEPAGE) == 0 else { return false }
        arenaCount.add(1, ordering: .relaxed)
        return true
        #else
        return false
        #endif
    }

    #if os(Linux)
    /// The line of /proc/self/maps whose range holds `address`: its start, and whether it maps
    /// no file and is none of the kernel's named areas (`[heap]`, `[stack]`).
    private static func mapping(containing address: UInt) -> (start: UInt, isAnonymous: Bool)? {
        // Read as any file is, without noting it among the collection's inputs.
        guard case .success(let text) = SourceFile.readStamped(path: "/proc/self/maps").0 else { return nil }
        for line in text.split(separator: UInt8(ascii: "\n")) {
            // "start-end perms offset dev inode [path]"
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
            guard fields.count >= 5, let dash = fields[0].firstIndex(of: UInt8(ascii: "-")),
                let low = UInt(String(decoding: fields[0][..<dash], as: UTF8.self), radix: 16),
                let high = UInt(String(decoding: fields[0][(dash + 1)...], as: UTF8.self), radix: 16)
            else { continue }
            if address >= low && address < high { return (low, fields.count == 5) }
        }
        return nil
    }

    private static func reserve(size: Int) -> Outcome {
        // Under a limit on address space or data size, 64 MB more could be the difference
        // between collecting and failing to allocate: leave the allocator alone.
        for resource in [RLIMIT_AS, RLIMIT_DATA] {
            var limit = rlimit()
            guard getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0, limit.rlim_cur == rlim_t.max else {  // RLIM_INFINITY
                return .unchanged
            }
        }
        let hugePage = 2 << 20
        // `mallopt` is glibc's, declared in <malloc.h>, which the Glibc module leaves out.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return .unchanged }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2  // M_TRIM_THRESHOLD, M_TOP_PAD
        // Keep what is freed instead of giving it back and faulting it in again, and grow the
        // heap by `size` at a time. The pad also makes a pool worker's new arena readable whole
        // at once, so huge pages can back all of it (grown piecemeal, its last 2 MB never could:
        // 8 workers on Django 204 -> 234 ms with glibc's default pad).
        guard mallopt(trimThreshold, Int32(clamping: 2 * size)) == 1, mallopt(topPad, Int32(clamping: size)) == 1,
            let before = sbrk(0), before != UnsafeMutableRawPointer(bitPattern: -1)
        else { return .unchanged }
        // The first block the heap's free top cannot hold makes malloc grow the heap by the
        // block and the pad. Blocks under the mmap threshold (128 KiB) come from the heap.
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(8)
        defer { blocks.forEach { free($0) } }
        var top = UInt(bitPattern: before)
        while blocks.count < 8, top &- UInt(bitPattern: before) < UInt(size) {
            guard let block = malloc(96 << 10), let now = sbrk(0) else { return .unchanged }
            blocks.append(block)
            top = UInt(bitPattern: now)
        }
        guard let block = blocks.last, top &- UInt(bitPattern: before) >= UInt(size) else { return .unchanged }
        let start = (UInt(bitPattern: block) + UInt(hugePage) - 1) & ~UInt(hugePage - 1)
        guard top > start, top - start >= UInt(hugePage) else { return .unchanged }
        let length = Int((top - start) & ~UInt(hugePage - 1))
        if madvise(UnsafeMutableRawPointer(bitPattern: start), length, MADV_HUGEPAGE) != 0 {
            return .reservedOnly(bytes: length, errno: errno)
        }
        return .hugePages(bytes: length)
    }
    #endif
}
