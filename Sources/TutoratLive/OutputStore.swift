import Foundation
import TutoratCore
import TutoratLoad
import TutoratViews
import TutoratPublish
import TutoratBuild

/// The output folder as the live build keeps it: which file is stale, which
/// bytes each file holds (by hash, so an unchanged file is never rewritten and
/// nobody reloads for nothing), and the thread that renders stale files.
package final class OutputStore: @unchecked Sendable {
    package let folder: String
    private let condition = NSCondition()
    private var snapshot: SiteSnapshot?
    private var generation = 0
    private var hashes: [String: Int] = [:]
    private var written: [String: Int] = [:]
    private var dirty: [String: Int] = [:]
    private var queue: [String] = []
    private var head = 0
    private var folders: Set<String> = [""]
    private var rendering = 0
    /// How many files were rendered since the start (written or found unchanged).
    private(set) var renderCount = 0
    private var running = false
    private var writtenSinceIdle = 0
    private var since: ContinuousClock.Instant?
    private var idleReported = true
    private var thread: Thread?
    package let viewed: @Sendable () -> Set<String>
    package let events: @Sendable (LiveEvent) -> Void

    package init(folder: String, viewed: @escaping @Sendable () -> Set<String>, events: @escaping @Sendable (LiveEvent) -> Void) {
        self.folder = folder
        self.viewed = viewed
        self.events = events
    }

    package func viewedPaths() -> Set<String> { viewed() }

    package var renderedFiles: Int {
        condition.lock()
        defer { condition.unlock() }
        return renderCount
    }

    package var hasSnapshot: Bool {
        condition.lock()
        defer { condition.unlock() }
        return snapshot != nil
    }

    package func start() {
        condition.lock()
        running = true
        condition.unlock()
        let thread = Thread { [self] in work() }
        thread.name = "tutorat.live.render"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    package func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    /// Makes a new state current: its stale files are queued (the documents'
    /// own pages first), and files it no longer has are deleted.
    package func publish(_ snapshot: SiteSnapshot, stale: [String: OutputFile], removed: [String], primary: Set<OutputFile>,
                 started: ContinuousClock.Instant) {
        var changed: [String] = []
        condition.lock()
        guard running else {
            condition.unlock()
            return
        }
        generation += 1
        self.snapshot = snapshot
        if since == nil { since = started }
        for path in removed {
            dirty[path] = nil
            written[path] = nil
            if hashes.removeValue(forKey: path) != nil {
                unlink(folder + "/" + path)
                removeEmptyFolders(above: path)
                changed.append(path)
            }
        }
        // Own pages first, then pages, then the other files; the slow lists last.
        func rank(_ file: OutputFile) -> Int {
            if primary.contains(file) { return 0 }
            switch file {
            case .page(.tutees), .page(.dashboard): return 3
            case .page: return 1
            default: return 2
            }
        }
        var ranks: [[String]] = [[], [], [], []]
        for (path, file) in stale { ranks[rank(file)].append(path) }
        for paths in ranks {
            for path in paths { dirty[path] = generation }
            queue += paths
        }
        if !stale.isEmpty { idleReported = false }
        condition.broadcast()
        condition.unlock()
        if !changed.isEmpty { events(.filesChanged(changed)) }
    }

    /// Writes files of a provisional state at once (the quick path). Their
    /// hashes are kept, so the full pass does not write them again when it agrees.
    package func writeProvisional(_ files: [OutputFile], snapshot: SiteSnapshot) {
        let rendered = parallelMap(files, chunkSize: 1) { file in (file.path, try? snapshot.render(file)) }
        var changed: [String] = []
        condition.lock()
        renderCount += rendered.count
        for (path, bytes) in rendered {
            guard let bytes else { continue }
            if store(bytes, at: path) { changed.append(path) }
        }
        condition.unlock()
        if !changed.isEmpty { events(.filesChanged(changed)) }
        Trace.log("provisional: \(changed)")
    }

    /// Renders files again from the current state (after provisional files
    /// that turned out wrong); a file the current state does not have is deleted.
    package func revert(_ paths: [String]) {
        var removed: [String] = []
        condition.lock()
        for path in paths {
            written[path] = nil
            if snapshot?.outputs[path] != nil {
                dirty[path] = generation
                queue.append(path)
                idleReported = false
            } else if hashes.removeValue(forKey: path) != nil {
                unlink(folder + "/" + path)
                removeEmptyFolders(above: path)
                removed.append(path)
            }
        }
        condition.broadcast()
        condition.unlock()
        if !removed.isEmpty { events(.filesChanged(removed)) }
    }

    package func hasOutput(_ path: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return snapshot?.outputs[path] != nil
    }

    /// Renders a stale file now, for a request. False when the site has no such file.
    package func ensureFresh(_ path: String) -> Bool {
        condition.lock()
        guard let snapshot, let file = snapshot.outputs[path] else {
            condition.unlock()
            return false
        }
        guard dirty[path] != nil else {
            condition.unlock()
            return true
        }
        let generation = self.generation
        rendering += 1
        condition.unlock()
        let bytes = try? snapshot.render(file)
        condition.lock()
        renderCount += 1
        var changed = false
        if let bytes { changed = commit(bytes, at: path, generation: generation) }
        condition.unlock()
        // Events go out before the file stops counting as in progress, so that
        // whoever waits for idle has seen them.
        if changed { events(.filesChanged([path])) }
        condition.lock()
        rendering -= 1
        condition.broadcast()
        condition.unlock()
        checkIdle()
        return true
    }

    private func work() {
        while true {
            condition.lock()
            while running && dirty.isEmpty { condition.wait() }
            guard running, let snapshot else {
                condition.unlock()
                return
            }
            // Pages open in a browser first, then the queue's order.
            var batch: [String] = []
            for path in viewed() where dirty[path] != nil && snapshot.outputs[path] != nil { batch.append(path) }
            let limit = batch.isEmpty ? 32 : batch.count
            while batch.count < limit, head < queue.count {
                let path = queue[head]
                head += 1
                if dirty[path] != nil, !batch.contains(path) { batch.append(path) }
            }
            if head > 4096, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            if batch.isEmpty {
                // Stale entries whose file left the site: nothing to render.
                if head >= queue.count {
                    dirty.removeAll()
                    queue.removeAll()
                    head = 0
                }
                condition.unlock()
                checkIdle()
                continue
            }
            let generation = self.generation
            rendering += 1
            condition.unlock()

            let rendered = parallelMap(batch, chunkSize: 1) { path -> (String, Result<[UInt8], Error>) in
                guard let file = snapshot.outputs[path] else { return (path, .failure(BuildFailure(description: "gone"))) }
                return (path, Result { try snapshot.render(file) })
            }
            var changed: [String] = []
            var failures: [String] = []
            condition.lock()
            renderCount += rendered.count
            for (path, result) in rendered {
                switch result {
                case .success(let bytes):
                    if commit(bytes, at: path, generation: generation) { changed.append(path) }
                case .failure(let error):
                    if let marked = dirty[path], marked <= generation { dirty[path] = nil }
                    if snapshot.outputs[path] != nil { failures.append("\(path): \(error)") }
                }
            }
            condition.unlock()
            if !changed.isEmpty { events(.filesChanged(changed)) }
            for failure in failures { events(.failure(failure)) }
            condition.lock()
            rendering -= 1
            condition.broadcast()
            condition.unlock()
            checkIdle()
        }
    }

    /// Reports `idle` once when the last stale file is written.
    package func checkIdle() {
        condition.lock()
        guard dirty.isEmpty, rendering == 0, !idleReported, snapshot != nil else {
            condition.unlock()
            return
        }
        idleReported = true
        let count = writtenSinceIdle
        writtenSinceIdle = 0
        let milliseconds = since.map { (ContinuousClock.now - $0).milliseconds } ?? 0
        since = nil
        condition.broadcast()
        condition.unlock()
        events(.idle(written: count, milliseconds: milliseconds))
    }

    package func waitUntilIdle(deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !(dirty.isEmpty && rendering == 0) {
            if !condition.wait(until: deadline) { return dirty.isEmpty && rendering == 0 }
        }
        return true
    }

    /// Writes a file of the current generation unless a newer one is on disk. Lock held.
    private func commit(_ bytes: [UInt8], at path: String, generation: Int) -> Bool {
        if let done = written[path], done >= generation { return false }
        let changed = store(bytes, at: path)
        written[path] = generation
        if let marked = dirty[path], marked <= generation { dirty[path] = nil }
        return changed
    }

    /// Replaces a file with a rename, unless it already holds these bytes. Lock held.
    private func store(_ bytes: [UInt8], at path: String) -> Bool {
        // Stopped: the folder is about to be removed.
        guard running else { return false }
        let hash = ContentReader.hash(bytes)
        if hashes[path] == hash { return false }
        let target = folder + "/" + path
        let parent = (path as NSString).deletingLastPathComponent
        do {
            if !folders.contains(parent) {
                try Disk.createDirectory(folder + "/" + parent)
                var ancestor = parent
                while !ancestor.isEmpty {
                    folders.insert(ancestor)
                    ancestor = (ancestor as NSString).deletingLastPathComponent
                }
            }
            let temporary = (target as NSString).deletingLastPathComponent + "/." + (target as NSString).lastPathComponent + ".tutorat-tmp"
            try Disk.write(bytes, to: temporary)
            try Disk.rename(temporary, to: target)
        } catch {
            let message = "\(error)"
            DispatchQueue.global().async { [events] in events(.failure(message)) }
            return false
        }
        hashes[path] = hash
        writtenSinceIdle += 1
        return true
    }

    /// A build writes no empty folder: removing a page removes its folder. Lock held.
    private func removeEmptyFolders(above path: String) {
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty {
            guard rmdir(folder + "/" + parent) == 0 else { return }
            folders.remove(parent)
            parent = (parent as NSString).deletingLastPathComponent
        }
    }
}
