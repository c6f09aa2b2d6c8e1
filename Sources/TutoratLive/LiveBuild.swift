import Foundation
import TutoratCore
import TutoratLoad
import TutoratViews
import TutoratPublish
import TutoratBuild

/// What the live build tells whoever serves it.
public enum LiveEvent: Sendable {
    /// A pass over the content finished.
    case checked(LiveReport)
    /// Files of the output whose bytes changed, or that were removed (paths under the output).
    case filesChanged([String])
    /// Every stale file is written: the output is what `build` would write.
    case idle(written: Int, milliseconds: Int)
    /// A file could not be written.
    case failure(String)
}

public struct LiveReport: Sendable {
    /// Every problem of the site, as `check` reports them (unsorted).
    public var diagnostics: [Diagnostic] {
        didSet { errors = Self.errors(in: diagnostics) }
    }
    /// The errors among them, sorted.
    public private(set) var errors: [Diagnostic]
    /// The content files that changed since the previous pass (relative to the site).
    public var changedSources: [String]
    /// False when an error keeps the last good output in place.
    public var succeeded: Bool
    /// The number of pages of the site the output shows.
    public var pages: Int
    public var milliseconds: Int
    /// The first pass of the session.
    public var isFirst: Bool

    package init(diagnostics: [Diagnostic], changedSources: [String], succeeded: Bool, pages: Int, milliseconds: Int, isFirst: Bool) {
        self.diagnostics = diagnostics
        errors = Self.errors(in: diagnostics)
        self.changedSources = changedSources
        self.succeeded = succeeded
        self.pages = pages
        self.milliseconds = milliseconds
        self.isFirst = isFirst
    }

    package static func errors(in diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .error }.sorted() }
}

/// `tutorat serve`'s build: the site kept in memory (`IncrementalSite`), an
/// output folder brought up to date after every change, and events for the
/// server. Passes run one at a time on their own queue; stale files are
/// rendered by a background thread, the pages somebody is looking at first,
/// and a request for a stale file renders it on the spot (`ensureFresh`), so
/// nobody is ever served an outdated page. Files are replaced with a rename:
/// a reader gets the old file or the new one, never half of one.
public final class LiveBuild: @unchecked Sendable {
    public let output: String
    private let site: IncrementalSite
    private let store: OutputStore
    private let updates = DispatchQueue(label: "tutorat.live.updates")
    private let lock = NSCondition()
    private var pendingPaths: Set<String>? = []
    private var scheduled = false
    private var passesRunning = 0
    private var passes = 0
    private var lastErrors: [Diagnostic] = []
    private var changeStarted: ContinuousClock.Instant?
    private let useQuickPath: Bool
    private let handler: @Sendable (LiveEvent) -> Void

    /// - Parameters:
    ///   - baseURLOverride: replaces the site's `base_url`, when it has one.
    ///   - viewed: the output paths open in a browser, rendered first.
    ///   - quickPath: show an edited tutee's own page before the whole site is resolved again.
    public init(options: BuildOptions, output: String, baseURLOverride: String? = nil, quickPath: Bool = true,
                viewed: @escaping @Sendable () -> Set<String> = { [] }, events: @escaping @Sendable (LiveEvent) -> Void) {
        self.output = Disk.absolute(output)
        site = IncrementalSite(site: options.site, fallbackAsOf: options.fallbackAsOf, generator: options.generator,
                               baseURLOverride: baseURLOverride)
        useQuickPath = quickPath
        handler = events
        store = OutputStore(folder: self.output, viewed: viewed, events: events)
    }

    /// Prepares the output folder (refusing one tutorat did not write, unless
    /// `force`), reads the whole site and starts writing it. Returns the first
    /// report; files keep being written in the background (`waitUntilIdle`).
    public func start(site root: String, force: Bool) throws -> LiveReport {
        try SiteBuilder.checkOutput(output, site: root, force: force)
        do {
            try Disk.remove(output)
            // The last build's manifest no longer describes the folder: the next build starts afresh.
            try Disk.remove(SiteBuilder.manifestPath(for: output))
            try Disk.createDirectory(output)
            try Disk.write(Array("This folder is written by tutorat serve and replaced on every run.\n".utf8),
                           to: output + "/" + SiteBuilder.marker)
        } catch {
            throw BuildFailure(description: "\(error)")
        }
        store.start()
        lock.lock()
        pendingPaths = nil
        passesRunning += 1
        lock.unlock()
        return updates.sync { runPass() }
    }

    /// Says that these paths (absolute) changed; nil means "look at everything".
    /// Changes arriving while a pass runs are gathered into the next one.
    public func changed(_ paths: Set<String>?) {
        lock.lock()
        if changeStarted == nil { changeStarted = ContinuousClock.now }
        if let paths, pendingPaths != nil { pendingPaths!.formUnion(paths) } else { pendingPaths = nil }
        let schedule = !scheduled
        if schedule {
            scheduled = true
            passesRunning += 1
        }
        lock.unlock()
        if schedule { updates.async { [self] in _ = runPass() } }
    }

    private func runPass() -> LiveReport {
        lock.lock()
        let paths = pendingPaths
        pendingPaths = []
        scheduled = false
        let started = changeStarted ?? ContinuousClock.now
        changeStarted = nil
        let first = passes == 0
        passes += 1
        lock.unlock()
        defer {
            lock.lock()
            passesRunning -= 1
            lock.broadcast()
            lock.unlock()
            store.checkIdle()
        }
        let clock = ContinuousClock()
        Trace.log("pass start (\((clock.now - started).milliseconds) ms after the change)")
        let change = site.read(first ? nil : paths)
        Trace.log("read")
        let report: LiveReport
        if !first, change.isEmpty, !change.listing {
            report = LiveReport(diagnostics: site.diagnostics, changedSources: [], succeeded: !site.diagnostics.hasErrors,
                                pages: site.current?.views.routes.count ?? 0, milliseconds: 0, isFirst: false)
            return report
        }
        var provisional: [OutputFile] = []
        if useQuickPath, let quick = site.quick(change), !quick.diagnostics.hasErrors {
            Trace.log("quick state")
            store.writeProvisional(quick.files, snapshot: quick.snapshot)
            provisional = quick.files
            Trace.log("quick files written")
        }
        let update = site.resolve(change)
        // The full pass found an error the quick one could not see: back to the last good pages.
        if update.snapshot == nil, !provisional.isEmpty { store.revert(provisional.map(\.path)) }
        Trace.log("full pass")
        let elapsed = clock.now - started
        report = LiveReport(diagnostics: update.diagnostics, changedSources: change.sources.sorted(), succeeded: update.snapshot != nil,
                            pages: site.current?.views.routes.count ?? 0, milliseconds: elapsed.milliseconds, isFirst: first)
        lock.lock()
        lastErrors = report.errors
        lock.unlock()
        handler(.checked(report))
        if let snapshot = update.snapshot {
            store.publish(snapshot, stale: update.stale, removed: update.removed, primary: update.primary, started: started)
            Trace.log("published \(update.stale.count) stale files")
        }
        return report
    }

    /// Renders a stale file before it is served. Returns false when the file is not part of the site.
    @discardableResult
    public func ensureFresh(_ path: String) -> Bool { store.ensureFresh(path) }

    /// How many files were rendered since the start: what a change cost.
    public var renderCount: Int { store.renderedFiles }

    /// Whether the site has a file at this path, written or about to be.
    public func hasOutput(_ path: String) -> Bool { store.hasOutput(path) }

    /// Whether the output shows a site at all (false until a first pass without errors).
    public var hasSite: Bool { store.hasSnapshot }

    /// The errors of the last pass (empty when the site is fine).
    public var errors: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return lastErrors
    }

    /// Waits until every change is read and every stale file written.
    public func waitUntilIdle(timeout: Duration) -> Bool {
        let deadline = Date().addingTimeInterval(timeout.seconds)
        while true {
            lock.lock()
            let busy = passesRunning > 0 || scheduled
            if busy {
                let ok = lock.wait(until: min(deadline, Date().addingTimeInterval(0.05)))
                lock.unlock()
                if !ok && Date() >= deadline { return false }
                continue
            }
            lock.unlock()
            if store.waitUntilIdle(deadline: deadline) {
                lock.lock()
                let stillIdle = passesRunning == 0 && !scheduled
                lock.unlock()
                if stillIdle { return true }
            } else {
                return false
            }
        }
    }

    /// Stops writing; returns once no pass is running, so the output can be removed.
    public func stop() {
        store.stop()
        updates.sync {}
    }
}
