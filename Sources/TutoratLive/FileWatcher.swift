import Foundation
import TutoratCore
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders for changes and reports them in batches: inotify on Linux
/// (every folder under the roots, new folders included), or by looking at
/// every file's size, time and inode at an interval where inotify is not
/// available or runs out of watches.
///
/// A save is a burst of events (an editor writes a temporary file, renames it,
/// deletes a backup...). A batch is delivered once the events have been quiet
/// for `quiet` when the last one ends a write (closed after writing, renamed
/// in, deleted), or for `settle` when a file is still being written to.
public final class FileWatcher: @unchecked Sendable {
    public enum Mode: String, Sendable {
        case inotify, polling
    }

    public struct Options: Sendable {
        /// Quiet time after an event that ends a write.
        public var quiet: Duration = .milliseconds(15)
        /// Quiet time after an event that says a file is still changing.
        public var settle: Duration = .milliseconds(100)
        /// How often polling looks at the files.
        public var interval: Duration = .milliseconds(300)
        /// Use polling even where inotify works.
        public var forcePolling = false

        public init() {}
    }

    public let roots: [String]
    public let options: Options
    private var currentMode: Mode = .polling
    /// How changes are found: inotify, or polling when inotify is not available.
    public var mode: Mode {
        lock.lock()
        defer { lock.unlock() }
        return currentMode
    }
    private let deliver: @Sendable (Set<String>) -> Void
    private let lock = NSLock()
    private var running = false
    private var thread: Thread?
    private var stopPipe: [Int32] = [-1, -1]

    /// - Parameters:
    ///   - roots: folders to watch, with everything under them; a root that does not exist yet is skipped.
    ///   - deliver: called on the watcher's thread with the absolute paths that changed.
    public init(roots: [String], options: Options = Options(), deliver: @escaping @Sendable (Set<String>) -> Void) {
        self.roots = roots.map(Disk.absolute)
        self.options = options
        self.deliver = deliver
    }

    public func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !running else { return }
        running = true
        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            stopPipe = fds
            _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        }
        #if os(Linux)
        if !options.forcePolling, let inotify = Inotify(roots: roots) {
            currentMode = .inotify
            let thread = Thread { [self] in runInotify(inotify) }
            thread.name = "tutorat.watch"
            self.thread = thread
            thread.start()
            return
        }
        #endif
        currentMode = .polling
        let thread = Thread { [self] in runPolling() }
        thread.name = "tutorat.watch"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.lock()
        running = false
        if stopPipe[1] >= 0 {
            var byte: UInt8 = 1
            _ = write(stopPipe[1], &byte, 1)
        }
        lock.unlock()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    // MARK: - Polling

    private func runPolling() {
        var previous = Self.scan(roots)
        while isRunning {
            if wait(readable: nil, timeout: options.interval) == .stopped { break }
            let now = Self.scan(roots)
            var changed = Set<String>()
            for (path, print) in now where previous[path] != print { changed.insert(path) }
            for path in previous.keys where now[path] == nil { changed.insert(path) }
            previous = now
            if !changed.isEmpty { deliver(changed) }
        }
        closePipe()
    }

    package struct Entry: Equatable {
        var size: Int
        var modified: Int
        var inode: UInt
        var isDirectory: Bool
    }

    /// Every file and folder under the roots, without following links.
    package static func scan(_ roots: [String]) -> [String: Entry] {
        var found: [String: Entry] = [:]
        func visit(_ path: String) {
            var status = stat()
            guard lstat(path, &status) == 0 else { return }
            let isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
            found[path] = Entry(size: Int(status.st_size), modified: Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec),
                                inode: UInt(status.st_ino), isDirectory: isDirectory)
            guard isDirectory else { return }
            for name in Disk.list(path) { visit(path + "/" + name) }
        }
        for root in roots { visit(root) }
        return found
    }

    // MARK: - inotify

    private enum Wake { case readable, timeout, stopped }

    /// Waits for a descriptor to be readable, for the timeout, or for `stop`.
    private func wait(readable fd: Int32?, timeout: Duration?) -> Wake {
        var fds = [pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
        if let fd { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = timeout.map { Int32(max(0, min(Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000), 60_000))) } ?? -1
        let result = poll(&fds, nfds_t(fds.count), milliseconds)
        if result < 0 { return errno == EINTR ? .timeout : .stopped }
        if fds[0].revents != 0 || !isRunning { return .stopped }
        if result == 0 { return .timeout }
        return .readable
    }

    private func closePipe() {
        lock.lock()
        for fd in stopPipe where fd >= 0 { close(fd) }
        stopPipe = [-1, -1]
        lock.unlock()
    }

    #if os(Linux)
    private func runInotify(_ inotify: Inotify) {
        defer {
            inotify.close()
            closePipe()
        }
        var batch = Set<String>()
        var deadline: ContinuousClock.Instant?
        while isRunning {
            let timeout = deadline.map { max(.zero, $0 - ContinuousClock.now) }
            switch wait(readable: inotify.fd, timeout: timeout) {
            case .stopped:
                return
            case .timeout:
                if let due = deadline, ContinuousClock.now >= due {
                    Trace.log("watcher delivers \(batch.count) paths")
                    if !batch.isEmpty { deliver(batch) }
                    batch = []
                    deadline = nil
                }
            case .readable:
                let (paths, ended, overflow) = inotify.read()
                if inotify.failed {
                    // Out of watches: carry on by polling.
                    lock.lock()
                    currentMode = .polling
                    lock.unlock()
                    deliver([])
                    runPolling()
                    return
                }
                Trace.log("watcher: \(paths.sorted().prefix(3)) ended=\(ended)")
                if overflow { batch.formUnion(roots) }
                batch.formUnion(paths)
                if !paths.isEmpty || overflow {
                    deadline = ContinuousClock.now + (ended ? options.quiet : options.settle)
                }
            }
        }
    }
    #endif
}

#if os(Linux)
/// inotify on every folder under some roots (`inotify_add_watch` is not recursive).
/// Used by the watcher's thread only.
package final class Inotify: @unchecked Sendable {
    package let fd: Int32
    private var folders: [Int32: String] = [:]
    private(set) var failed = false

    package static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                             | IN_DELETE_SELF | IN_MOVE_SELF | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    /// Roots that do not exist yet, and the watches on their parents that wait for them.
    private var awaited: Set<String> = []
    private var parentWatches: Set<Int32> = []

    private let roots: Set<String>

    package init?(roots: [String]) {
        self.roots = Set(roots)
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        for root in roots {
            if Disk.kind(root) == .directory {
                addRecursively(root)
            } else {
                waitFor(root)
            }
            if failed {
                close()
                return nil
            }
        }
    }

    /// themes/ is often created later, content/ may be deleted and put back:
    /// the parent is watched for that root (and only for it).
    private func waitFor(_ root: String) {
        let parent = (root as NSString).deletingLastPathComponent
        if folders.contains(where: { $0.value == parent && parentWatches.contains($0.key) }) {
            awaited.insert(root)
            return
        }
        let watch = inotify_add_watch(fd, parent, UInt32(IN_CREATE | IN_MOVED_TO | IN_ONLYDIR | IN_DONT_FOLLOW))
        guard watch >= 0 else { return }
        folders[watch] = parent
        parentWatches.insert(watch)
        awaited.insert(root)
    }

    package func close() {
        _ = Glibc.close(fd)
    }

    private func addRecursively(_ folder: String) {
        let watch = inotify_add_watch(fd, folder, Self.mask)
        guard watch >= 0 else {
            // ENOSPC: the user's watch limit is reached; other errors: the folder went away.
            if errno == ENOSPC || errno == ENOMEM { failed = true }
            return
        }
        folders[watch] = folder
        for name in Disk.list(folder) where Disk.kind(folder + "/" + name) == .directory {
            addRecursively(folder + "/" + name)
            if failed { return }
        }
    }

    /// The paths of the events waiting; `ended` when the last one completes a
    /// write; `overflow` when the kernel dropped events.
    package func read() -> (paths: Set<String>, ended: Bool, overflow: Bool) {
        var paths = Set<String>()
        var ended = false
        var overflow = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                var name = ""
                if length > 0 {
                    let bytes = buffer[(offset + 16)..<min(count, offset + 16 + length)]
                    name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    overflow = true
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    // The folder went away; a root is awaited again.
                    if let folder = folders.removeValue(forKey: watch), roots.contains(folder), !parentWatches.contains(watch) {
                        waitFor(folder)
                        paths.insert(folder)
                        ended = true
                    }
                    continue
                }
                guard let folder = folders[watch] else { continue }
                let path = name.isEmpty ? folder : folder + "/" + name
                if parentWatches.contains(watch) {
                    // A parent watched for a root that did not exist: only that root matters.
                    guard awaited.contains(path), Disk.kind(path) == .directory else { continue }
                    awaited.remove(path)
                    addRecursively(path)
                    for (inner, _) in FileWatcher.scan([path]) { paths.insert(inner) }
                    ended = true
                    continue
                }
                paths.insert(path)
                // Closed after writing, renamed, deleted, touched: the file is whole. Created or
                // written to: more is coming.
                let isFolder = mask & UInt32(IN_ISDIR) != 0
                ended = mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_ATTRIB) != 0
                    || (isFolder && mask & UInt32(IN_CREATE) != 0)
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    // A new folder: watch it, and report what it already holds.
                    addRecursively(path)
                    for (inner, _) in FileWatcher.scan([path]) { paths.insert(inner) }
                }
            }
        }
        return (paths, ended, overflow)
    }
}
#endif
