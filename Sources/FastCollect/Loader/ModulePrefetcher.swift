#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and scans modules on background threads while resolution runs on the calling thread:
/// the test modules in collection order and, as they are read, the project files they import
/// (level by level). Resolution takes a module from here when a worker has it (waiting if one
/// is reading it) and reads it itself otherwise, so what it sees never depends on how far the
/// workers got. Workers stay at most `readAheadLimit` bytes of test modules ahead of
/// resolution, so memory does not grow with the size of the suite; once a quarter of that is
/// ahead, they read imports first, which resolution needs as soon as it reaches the importer.
final class ModulePrefetcher: @unchecked Sendable {
    private enum State {
        case queued
        case reading
        case done(LoadedModule)
        /// The resolving thread reads this one itself; workers leave it alone.
        case claimed
    }

    private let lock = ConditionLock()
    // Guarded by `lock`.
    private var states: [String: State] = [:]
    private var testModules: [String] = []
    private var nextTestModule = 0
    private var imports: [(path: String, depth: Int)] = []
    private var nextImport = 0
    private var stopped = false
    /// True once every test module has been queued.
    private var sealed = false
    /// Workers reading a file: their imports may still add work.
    private var active = 0
    private var busySeconds = 0.0
    /// Bytes of the test modules read but not yet taken, and each one's size.
    private var aheadBytes = 0
    private var aheadSizes: [String: Int] = [:]
    private var peakAhead = 0
    private let readAheadLimit: Int

    private let searchRoots: [String]
    private let importDepth: Int
    /// The workers: threads of their own, since they block while held at the limit (on a
    /// shared dispatch queue they would hold its few threads from other work).
    private var threads: [pthread_t] = []

    /// Starts `workers` threads on `paths`, all the test modules there are; imports are followed
    /// `importDepth` levels down.
    convenience init(
        paths: [String], workers: Int, searchRoots: [String], importDepth: Int, readAheadLimit: Int = 4 << 20
    ) {
        self.init(workers: workers, searchRoots: searchRoots, importDepth: importDepth, readAheadLimit: readAheadLimit)
        enqueue(paths)
        sealQueue()
    }

    /// Starts `workers` threads that wait for test modules: `enqueue` hands them over in
    /// collection order as the walk finds them, `sealQueue` says there are no more.
    init(workers: Int, searchRoots: [String], importDepth: Int, readAheadLimit: Int = 4 << 20) {
        self.searchRoots = searchRoots
        self.importDepth = importDepth
        self.readAheadLimit = readAheadLimit
        for _ in 0..<max(1, workers) {
            let context = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { context in
                let prefetcher = Unmanaged<ModulePrefetcher>.fromOpaque(context!).takeRetainedValue()
                prefetcher.work()
                return nil
            }, context)
            if started == 0 {
                threads.append(thread)
            } else {
                Unmanaged<ModulePrefetcher>.fromOpaque(context).release()
            }
        }
    }

    /// Adds test modules to read, after those already queued.
    func enqueue(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        for path in paths where states[path] == nil {
            states[path] = .queued
            testModules.append(path)
        }
        lock.broadcast()
    }

    /// No more test modules will be queued: workers stop once the queues are empty.
    func sealQueue() {
        lock.lock()
        defer { lock.unlock() }
        sealed = true
        lock.broadcast()
    }

    /// The module at `path` when the workers have it or are reading it (waits for that); nil
    /// when the caller has to read it, after which no worker will.
    func take(_ path: String) -> LoadedModule? {
        lock.lock()
        defer { lock.unlock() }
        while true {
            switch states[path] {
            case .done(let module)?:
                if let size = aheadSizes.removeValue(forKey: path) {
                    let held = aheadBytes > readAheadLimit
                    aheadBytes -= size
                    if held && aheadBytes <= readAheadLimit { lock.broadcast() }
                }
                return module
            case .reading?:
                lock.wait()
            case .queued?, .claimed?, nil:
                states[path] = .claimed
                return nil
            }
        }
    }

    /// True when a worker has read `path` (without taking it).
    func hasRead(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if case .done? = states[path] { return true }
        return false
    }

    /// The most bytes of test modules that were read and not yet taken at any one time.
    var peakBytesAhead: Int {
        lock.lock()
        defer { lock.unlock() }
        return peakAhead
    }

    /// Stops the workers after the file each is reading and waits for them; returns the time
    /// they spent reading and scanning, summed over threads.
    func finish() -> Double {
        lock.lock()
        stopped = true
        lock.broadcast()
        lock.unlock()
        for thread in threads { pthread_join(thread, nil) }
        threads = []
        return busySeconds
    }

    private func work() {
        HeapReservation.adviseThreadArena()
        let locator = ModuleLocator(searchRoots: searchRoots)
        var busy = 0.0
        while let (path, depth) = claimNext() {
            let start = MonotonicClock.now()
            let module = LoadedModule.load(path: path, prebuildingNamespaces: true)
            var imports: [String] = []
            if depth < importDepth, let summary = module.summary {
                imports = locator.importedFiles(of: summary, in: path)
            }
            busy += MonotonicClock.since(start)
            lock.lock()
            active -= 1
            states[path] = .done(module)
            if depth == 0, let size = module.summary?.byteCount {
                aheadSizes[path] = size
                aheadBytes += size
                peakAhead = max(peakAhead, aheadBytes)
            }
            for file in imports where states[file] == nil {
                states[file] = .queued
                self.imports.append((file, depth + 1))
            }
            lock.broadcast()
            lock.unlock()
        }
        lock.lock()
        busySeconds += busy
        lock.unlock()
    }

    private func claimNext() -> (String, Int)? {
        lock.lock()
        defer { lock.unlock() }
        while !stopped {
            let importsFirst = aheadBytes > readAheadLimit / 4
            let canReadTestModule = nextTestModule < testModules.count && aheadBytes <= readAheadLimit
            let candidate: (path: String, depth: Int)
            if nextImport < imports.count && (importsFirst || !canReadTestModule) {
                candidate = imports[nextImport]
                nextImport += 1
            } else if canReadTestModule {
                candidate = (testModules[nextTestModule], 0)
                nextTestModule += 1
            } else {
                if sealed && active == 0 && nextTestModule == testModules.count && nextImport == imports.count {
                    return nil
                }
                lock.wait()  // for resolution to take what was read, or for a worker's imports
                continue
            }
            if case .queued? = states[candidate.path] {
                states[candidate.path] = .reading
                active += 1
                return candidate
            }
        }
        return nil
    }
}

/// A pthread mutex with one condition variable.
private final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }
}
