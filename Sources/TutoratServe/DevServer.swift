import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import TutoratCore
import TutoratBuild
import TutoratLive
import TutoratPublish
import TutoratEdit

/// `tutorat serve`: builds the site into a folder, serves that folder over
/// HTTP on the loopback address, watches `content/` and `themes/`, brings the
/// folder up to date after every save (`LiveBuild`) and tells open browsers
/// to reload the pages that changed, or shows the errors over them.
///
/// Only files under the output folder are served, and only by a path read
/// from the raw request (`RequestPath`); the site's 404 page answers what is
/// not there.
public final class DevServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// The address to listen on: loopback unless asked otherwise.
        public var host = "127.0.0.1"
        /// 0: any free port.
        public var port: UInt16 = 1414
        /// Try the next ports when this one is taken.
        public var tryNextPorts = true
        /// The folder the site is written to; nil: a temporary folder, removed at the end.
        public var output: String?
        public var force = false
        public var watch = FileWatcher.Options()
        public var quickPath = true
        /// Host names answered besides loopback and this computer's own names
        /// and addresses (`--allow-host`).
        public var allowedHosts: [String] = []
        public var limits = Limits()
        /// Forms on tutee pages that record in the progress files (`--edit`).
        public var edit = false

        public init() {}
    }

    /// What one client may take of the server (README, "What a client may take").
    public struct Limits: Sendable {
        /// The request line and the headers together; more is answered 400 and the connection closed.
        public var headerBytes = 16 * 1024
        /// A connection that has not sent a whole request head within this time
        /// of opening it (or of its last answer) is closed.
        public var idleTimeout: Duration = .seconds(10)
        /// Open connections; more wait in the listening queue until one closes.
        public var connections = 128
        /// A posted form (`--edit`); more is answered 413.
        public var formBytes = 64 * 1024

        public init() {}
    }

    /// What the server prints, one line each: the command line decides how.
    public enum Message: Sendable {
        case report(LiveReport)
        case rebuilt(written: Int, milliseconds: Int)
        case failure(String)
    }

    public let options: BuildOptions
    public let configuration: Configuration
    public private(set) var output = ""
    public private(set) var url = ""
    public private(set) var watchMode: FileWatcher.Mode = .polling
    private var ownsOutput = false
    private var eventLoops: MultiThreadedEventLoopGroup?
    private var serverTask: Task<Void, Error>?
    private var pinger: Task<Void, Never>?
    private var watcher: FileWatcher?
    var live: LiveBuild?
    /// The secret every form of this run carries (`--edit`).
    public let editToken = DevServer.newToken()
    private var outputRoot = ""
    private var allowedHosts: Set<String> = []
    let hub = LiveHub()
    private let messages: @Sendable (Message) -> Void

    public init(options: BuildOptions, configuration: Configuration = Configuration(), messages: @escaping @Sendable (Message) -> Void = { _ in }) {
        self.options = options
        self.configuration = configuration
        self.messages = messages
    }

    /// Builds the site, starts listening and watching. Returns the first report.
    public func start() async throws -> LiveReport {
        if let chosen = configuration.output {
            output = Disk.absolute(chosen)
        } else {
            var template = Array((NSTemporaryDirectory() + "tutorat-serve-XXXXXX").utf8CString)
            guard mkdtemp(&template) != nil else { throw ServeFailure(description: "cannot create a temporary folder") }
            output = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            ownsOutput = true
        }
        let hub = self.hub
        let messages = self.messages
        let live = LiveBuild(options: options, output: output, baseURLOverride: "/", quickPath: configuration.quickPath,
                             viewed: { hub.viewed }) { event in
            switch event {
            case .checked(let report):
                // Said on the console before browsers hear of it, so whoever
                // sees the overlay can find the same report in the terminal.
                messages(.report(report))
                hub.report(errors: report.errors)
            case .filesChanged(let paths):
                hub.filesChanged(paths)
            case .idle(let written, let milliseconds):
                hub.idle(written: written, milliseconds: milliseconds)
                messages(.rebuilt(written: written, milliseconds: milliseconds))
            case .failure(let message):
                messages(.failure(message))
            }
        }
        self.live = live
        let report = try live.start(site: options.site, force: configuration.force || ownsOutput)
        outputRoot = Disk.realPath(output) ?? output

        try await listen()
        let root = Disk.absolute(options.site)
        let roots = [root + "/content", root + "/themes"]
        let watcher = FileWatcher(roots: roots, options: configuration.watch) { [weak live] paths in
            live?.changed(paths.isEmpty ? nil : paths)
        }
        watcher.start()
        watchMode = watcher.mode
        self.watcher = watcher
        pinger = Task { [hub] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                hub.ping()
            }
        }
        return report
    }

    private func listen() async throws {
        let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        if configuration.edit, !["127.0.0.1", "::1"].contains(host), configuration.allowedHosts.isEmpty {
            throw ServeFailure(description: "--edit writes your files: it listens on loopback only, unless --allow-host names the address others use to reach it (then anyone on the network who can reach it may record: only on a network you trust)")
        }
        guard Self.isIPAddress(host) else {
            throw ServeFailure(description: "cannot listen on '\(configuration.host)': give an IP address, like 127.0.0.1 or 0.0.0.0")
        }
        // A page on another site could point a name of its own at this
        // computer and read the private pages: whatever the address listened
        // on, only the names of this computer are answered.
        allowedHosts = HostCheck.allowed(bound: host, extra: configuration.allowedHosts)
        let limits = configuration.limits
        let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        self.eventLoops = eventLoops
        var logger = Logger(label: "tutorat.serve")
        logger.logLevel = .critical
        var port = configuration.port
        var attempts = configuration.tryNextPorts && port != 0 ? 20 : 1
        while true {
            let bound = PortBox()
            let channel = HTTP1Channel(
                responder: { [weak self] request, writer, channel in
                    let response = await self?.handle(request) ?? Self.text(.serviceUnavailable, "stopping\n")
                    try await writer.write(response: response.head, body: response.body)
                    // Only GET and HEAD are answered, and no body is read: a
                    // request that comes with one ends the connection rather
                    // than have its body read (and thrown away) for as long as it lasts.
                    if Self.hasBody(request) { channel.close(mode: .input, promise: nil) }
                },
                configuration: .init(
                    idleTimeout: .nanoseconds(Int64(limits.idleTimeout.components.seconds) * 1_000_000_000
                        + limits.idleTimeout.components.attoseconds / 1_000_000_000),
                    httpDecoderConfiguration: .init(maxHeaderFieldSize: limits.headerBytes, maxHeaderListSize: limits.headerBytes,
                                                    maxHeaderFieldCount: 100)))
            let server = Server(
                childChannelSetup: channel,
                configuration: ServerConfiguration(address: .hostname(host, port: Int(port)),
                                                   availableConnectionsDelegate: MaximumAvailableConnections(limits.connections)),
                onServerRunning: { bound.set($0.localAddress?.port ?? 0) },
                eventLoopGroup: eventLoops, logger: logger)
            let failure = FailureBox()
            let task = Self.onRequestThreads {
                do { try await server.run() } catch { failure.set(error); throw error }
            }
            // Wait for the socket, or for the failure to bind it.
            var waited = 0
            while bound.value == nil, failure.value == nil, waited < 500 {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            if let actual = bound.value {
                serverTask = task
                port = UInt16(actual)
                let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
                url = "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)/"
                return
            }
            task.cancel()
            attempts -= 1
            guard attempts > 0 else {
                let reason = failure.value.map { "\($0)" } ?? "timed out"
                throw ServeFailure(description: "cannot listen on \(configuration.host):\(port): \(reason)")
            }
            port += 1
        }
    }

    /// Starts the server's task on an executor of its own (`RequestThreads`)
    /// rather than Swift's shared pool; the connections' tasks, its children,
    /// inherit it. Answering a request then never waits for whatever else the
    /// process runs on that pool: in a test process, synchronous tests that held
    /// both threads of a 2-core machine for 20 s left a request unanswered.
    private static func onRequestThreads(_ operation: sending @escaping @isolated(any) () async throws -> Void) -> Task<Void, Error> {
        if #available(macOS 15, *) {
            return Task(executorPreference: RequestThreads.shared, operation: operation)
        }
        return Task(operation: operation)
    }

    static func hasBody(_ request: Request) -> Bool {
        request.headers[.transferEncoding] != nil || (request.headers[.contentLength].map { $0 != "0" } ?? false)
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// Stops listening and watching, and removes the temporary output. Open
    /// event streams are ended first and every connection is closed: nothing
    /// a client does can hold the stop.
    public func stop() async {
        watcher?.stop()
        pinger?.cancel()
        hub.finishAll()
        if let serverTask {
            // The server closes its connections itself when cancelled; the event
            // loops are shut down once it has (or after half a second at most),
            // so that nothing is left to run on loops that are gone.
            serverTask.cancel()
            let (stopped, signal) = AsyncStream<Void>.makeStream()
            let finished = Task { _ = await serverTask.result; signal.yield() }
            let deadline = Task { try? await Task.sleep(for: .milliseconds(500)); signal.yield() }
            for await _ in stopped { break }
            finished.cancel()
            deadline.cancel()
        }
        if let eventLoops {
            // Closes every connection still open, whatever state it is in.
            try? await eventLoops.shutdownGracefully()
        }
        live?.stop()
        removeTemporaryOutput()
    }

    /// Removes the temporary output (also called by the command line when stopping takes too long).
    public func removeTemporaryOutput() {
        if ownsOutput, !output.isEmpty { try? FileManager.default.removeItem(atPath: output) }
    }

    /// For tests: waits until every change is written.
    public func waitUntilIdle(timeout: Duration) -> Bool { live?.waitUntilIdle(timeout: timeout) ?? false }

    /// For tests: reads changes now rather than waiting for the watcher.
    public func changed(_ paths: Set<String>?) { live?.changed(paths) }

    // MARK: - Requests

    func handle(_ request: Request) async -> Response {
        let host = request.head.authority ?? ""
        guard HostCheck.isAllowed(host, allowedHosts) else {
            return Self.text(.forbidden, """
                tutorat serve answers only to requests addressed to this computer: localhost, 127.0.0.1, [::1], \
                its own name and addresses, and the names given with --allow-host. \
                '\(HostCheck.printable(host))' is not one of them (start serve with --allow-host NAME to add it).

                """)
        }
        if configuration.edit, request.method == .post, let (id, form) = EditRoute.parse(request.head.path ?? "") {
            return await handleEdit(request, id: id, form: form)
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "only GET and HEAD\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        // The target exactly as sent (HTTPTypes keeps it raw): the path checks read it before any decoding.
        let target = request.head.path ?? ""
        let raw = String(target.prefix { $0 != "?" && $0 != "#" })
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...].prefix { $0 != "#" }) } ?? ""
        if raw == LiveScript.eventsPath {
            let pages = (Self.queryValue("pages", in: query) ?? "").split(separator: ",").map(String.init)
            let listener = hub.connect(pages: Set(pages))
            let hub = self.hub
            return Response(status: .ok, headers: Self.fields([
                (.contentType, "text/event-stream; charset=utf-8"), (.cacheControl, "no-store"), (Self.accelBuffering, "no"),
            ]), body: ResponseBody { writer in
                // Ends when the browser goes away (a write fails) or the server stops (the stream finishes).
                defer { hub.remove(listener.id) }
                for await message in listener.stream {
                    try await writer.write(ByteBuffer(bytes: message))
                }
                try await writer.finish(nil)
            })
        }
        if raw == LiveScript.path {
            return Self.respond(request, status: .ok, type: "text/javascript; charset=utf-8", body: LiveScript.javascript)
        }
        let path: RequestPath
        switch RequestPath.parse(raw) {
        case .failure(.bad(let reason)):
            return Self.text(.badRequest, "bad request: \(reason)\n")
        case .failure(.hidden):
            return await notFound(request, asked: nil)
        case .success(let parsed):
            path = parsed
        }
        return await serve(path, request: request, raw: raw, query: query)
    }

    /// A value of the query string, percent-decoded.
    static func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first == Substring(name) {
                let value = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
                return value.removingPercentEncoding ?? value
            }
        }
        return nil
    }

    private enum Found {
        case file([UInt8], String)
        case redirect
        case missing
    }

    private func serve(_ path: RequestPath, request: Request, raw: String, query: String) async -> Response {
        guard let live else { return Self.text(.serviceUnavailable, "starting\n") }
        let file = path.isFolder || path.segments.isEmpty ? (path.segments.isEmpty ? "index.html" : path.relative + "/index.html") : path.relative
        if !live.hasSite {
            return Self.errorPage(request, errors: live.errors, pages: [file])
        }
        let root = outputRoot
        let found: Found = await Self.offload {
            live.ensureFresh(file)
            if !path.isFolder, !path.segments.isEmpty {
                let folder = path.relative
                if live.hasOutput(folder + "/index.html") || Disk.kind(root + "/" + folder) == .directory { return .redirect }
            }
            guard let bytes = Self.readInside(root: root, relative: file) else { return .missing }
            return .file(bytes, file)
        }
        switch found {
        case .file(let bytes, let served):
            let type = ContentType.of(served)
            let body = type.hasPrefix("text/html") ? LiveScript.inject(into: withForms(bytes, file: served), pages: [served]) : bytes
            return Self.respond(request, status: .ok, type: type, body: body)
        case .redirect:
            return Response(status: .movedPermanently, headers: Self.fields([
                (.location, raw + "/" + (query.isEmpty ? "" : "?" + query)), (.contentType, "text/plain; charset=utf-8"),
                (.cacheControl, "no-store"),
            ]))
        case .missing:
            return await notFound(request, asked: file)
        }
    }

    /// The site's own 404 page, with status 404.
    private func notFound(_ request: Request, asked: String?) async -> Response {
        let root = outputRoot
        let live = self.live
        let bytes: [UInt8]? = await Self.offload {
            live?.ensureFresh("404.html")
            return Self.readInside(root: root, relative: "404.html")
        }
        guard let bytes else { return Self.text(.notFound, "not found\n") }
        let pages = ["404.html"] + (asked.map { [$0] } ?? [])
        return Self.respond(request, status: .notFound, type: "text/html; charset=utf-8", body: LiveScript.inject(into: bytes, pages: pages))
    }

    /// Reads a regular file under the root, refusing any path whose real
    /// location (links resolved) is outside it.
    static func readInside(root: String, relative: String) -> [UInt8]? {
        let candidate = root + "/" + relative
        guard let real = Disk.realPath(candidate), real.hasPrefix(root + "/"), Disk.kind(real) == .file else { return nil }
        return try? Disk.read(real)
    }

    /// Runs blocking work (rendering, reading) off Swift's cooperative threads.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    static let nosniff = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let accelBuffering = HTTPField.Name("X-Accel-Buffering")!

    static func fields(_ pairs: [(HTTPField.Name, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields[name] = value }
        return fields
    }

    static func respond(_ request: Request, status: HTTPResponse.Status, type: String, body: [UInt8]) -> Response {
        var headers = fields([(.contentType, type), (.cacheControl, "no-store"), (nosniff, "nosniff"), (referrerPolicy, "same-origin")])
        if request.method == .head {
            headers[.contentLength] = String(body.count)
            return Response(status: status, headers: headers)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: fields([(.contentType, "text/plain; charset=utf-8"), (.cacheControl, "no-store"), (nosniff, "nosniff")]),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    /// Before the site has ever built: the errors, and the script that reloads once they are fixed.
    static func errorPage(_ request: Request, errors: [Diagnostic], pages: [String]) -> Response {
        respond(request, status: .serviceUnavailable, type: "text/html; charset=utf-8",
                body: LiveScript.inject(into: LiveScript.errorPage(errors), pages: pages))
    }
}

/// Runs jobs on Dispatch's threads, which grow when some are blocked, unlike
/// Swift's cooperative pool (one thread a core).
@available(macOS 15, *)
private final class RequestThreads: TaskExecutor {
    static let shared = RequestThreads()
    private let queue = DispatchQueue(label: "tutorat.serve.requests", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

private final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    var value: Int? { lock.withLock { port } }
    func set(_ port: Int) { lock.withLock { self.port = port } }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    var value: Error? { lock.withLock { error } }
    func set(_ error: Error) { lock.withLock { self.error = error } }
}

/// A problem starting the server (a port, a folder).
public struct ServeFailure: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
