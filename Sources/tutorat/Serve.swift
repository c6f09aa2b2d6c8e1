import ArgumentParser
import Foundation
import TutoratCore
import TutoratBuild
import TutoratLive
import TutoratPublish
import TutoratServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site on this computer and update it on every save.",
        discussion: """
            Builds the site into a temporary folder (or --output), serves it at http://127.0.0.1:1414/ \
            and watches content/ and themes/: every save updates the pages it changes, and open browsers \
            reload them by themselves. Errors are printed here and shown over the page; the last good \
            site stays served until they are fixed. Stop with Ctrl-C.
            """)

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The port (default 1414, or the next free one; 0 for any free port).", valueName: "n"))
    var port: Int?

    @Option(name: .long, help: ArgumentHelp("The address to listen on. 127.0.0.1, the default, is reachable from this computer only; 0.0.0.0 opens the site, private pages included and unencrypted, to the network, at your own risk.", valueName: "h"))
    var host = "127.0.0.1"

    @Option(name: .customLong("allow-host"), help: ArgumentHelp("Also answer requests addressed to this host name (repeatable). Without it, only localhost, 127.0.0.1, [::1] and this computer's own name and addresses are answered, whatever --host is.", valueName: "name"))
    var allowHost: [String] = []

    @Flag(name: .long, help: "Add forms to the tutee and tutor pages that record sessions, assessments, steps, concerns, journal entries and exchanges into their files (loopback only, unless --allow-host; see docs/recording.md).")
    var edit = false

    @Flag(name: .long, help: "Open the site in the web browser.")
    var open = false

    @Option(name: .long, help: ArgumentHelp("Write the site into this folder rather than a temporary one.", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Replace an output folder that tutorat did not create.")
    var force = false

    @Flag(name: .long, help: "Look for changes every 300 ms instead of using inotify.")
    var poll = false

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port should be between 0 and 65535") }
    }

    func run() async throws {
        let options = BuildOptions(site: siteOptions.site, fallbackAsOf: try siteOptions.fallbackAsOf(), generator: "tutorat \(Tutorat.version)")
        var configuration = DevServer.Configuration()
        configuration.host = host
        configuration.port = UInt16(port ?? 1414)
        configuration.tryNextPorts = port == nil
        configuration.output = output
        configuration.force = force
        configuration.watch.forcePolling = poll
        configuration.allowedHosts = allowHost
        configuration.edit = edit
        let printer = ServePrinter()
        let server = DevServer(options: options, configuration: configuration) { printer.show($0) }
        // Ctrl-C and `kill` stop the server cleanly (the temporary folder is removed): listened to from the start.
        let stopRequested = StopSignals()

        do {
            _ = try await server.start()
        } catch {
            await server.stop()
            try Console.orExit { () throws(ServeFailure) in throw ServeFailure(description: "\(error)") }
        }
        printer.line("Serving the site at \(server.url) (press Ctrl-C to stop).")
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            printer.line("Warning: listening on \(host): anyone who can reach this computer can read the site, private pages included, unencrypted. This is at your own risk.")
        }
        if edit {
            printer.line("Editing is on: the tutee and tutor pages have forms that write to content/tutees/ and content/tutors/.")
        }
        printer.line("Watching content/ and themes/ (\(server.watchMode.rawValue)); pages are written to \(server.output).")
        if open { openBrowser(server.url) }

        await stopRequested.wait()
        printer.line("Stopping.")
        // Stopping closes every connection at once; should it ever take longer,
        // the temporary folder is removed here and the process ends anyway.
        let stopping = Task { await server.stop() }
        Task {
            try? await Task.sleep(for: .seconds(2))
            server.removeTemporaryOutput()
            Foundation.exit(0)
        }
        await stopping.value
    }

    private func openBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open"]
        #endif
        process.arguments = (process.arguments ?? []) + [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

/// What `serve` prints: the first build, then one line per update, errors in full.
final class ServePrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var firstBuildDone = false
    private var hadErrors = false

    func line(_ text: String) {
        lock.withLock {
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
    }

    func show(_ message: DevServer.Message) {
        switch message {
        case .report(let report):
            let errors = report.errors
            var shown: [Diagnostic]
            if report.isFirst {
                let warnings = report.diagnostics.filter { $0.severity == .warning }
                shown = errors + (warnings.count <= 10 ? warnings.sorted() : [])
                lock.withLock { Console.report(shown) }
                if warnings.count > 10 { line("\(warnings.count) warnings: tutorat check --site … lists them.") }
            } else {
                if !report.changedSources.isEmpty { line("Changed: \(report.changedSources.joined(separator: ", "))") }
                // Errors anywhere; warnings only in the files just saved.
                let changed = Set(report.changedSources)
                let warnings = report.diagnostics.filter { $0.severity == .warning && $0.location.map { changed.contains($0.file) } == true }
                shown = errors + warnings.sorted().prefix(10)
                lock.withLock { Console.report(shown) }
            }
            if !errors.isEmpty {
                line("\(errors.count) error\(errors.count == 1 ? "" : "s"): \(report.pages > 0 ? "the last good version of the site is still served" : "the site cannot be shown yet"); fix and save (the browser shows the errors too).")
            } else if lock.withLock({ hadErrors }) {
                line("Fixed: the site builds again.")
            }
            lock.withLock { hadErrors = !errors.isEmpty }
        case .rebuilt(let written, let milliseconds):
            let first = lock.withLock { () -> Bool in
                defer { firstBuildDone = true }
                return !firstBuildDone
            }
            if first {
                line("Built the site (\(written) files) in \(milliseconds) ms.")
            } else if written == 0 {
                line("Rebuilt in \(milliseconds) ms: no file changed.")
            } else {
                line("Updated \(written) file\(written == 1 ? "" : "s") in \(milliseconds) ms.")
            }
        case .failure(let message):
            lock.withLock { FileHandle.standardError.write(Data("error: \(message)\n".utf8)) }
        }
    }
}

/// SIGINT and SIGTERM, taken from the moment it is made, awaited once.
final class StopSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var received = false
    private var waiting: CheckedContinuation<Void, Never>?
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.fire() }
            source.resume()
            sources.append(source)
        }
    }

    private func fire() {
        let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            received = true
            defer { waiting = nil }
            return waiting
        }
        continuation?.resume()
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock { () -> Bool in
                if received { return true }
                waiting = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }
}
