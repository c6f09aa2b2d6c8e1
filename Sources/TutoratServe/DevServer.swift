import FlyingFox
import FlyingSocks
import Foundation
import TutoratCore
import TutoratKit

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
    private var server: HTTPServer?
    private var serverTask: Task<Void, Error>?
    private var pinger: Task<Void, Never>?
    private var watcher: FileWatcher?
    private var live: LiveBuild?
    private var outputRoot = ""
    private var allowedHosts: Set<String>?
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
        outputRoot = Self.realPath(output) ?? output

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
        let loopback = ["127.0.0.1", "::1"].contains(host) || host.hasPrefix("127.")
        // A page on another site could point a name of its own at 127.0.0.1 and
        // read the private pages: on loopback, only loopback names are answered.
        allowedHosts = loopback ? ["localhost", "127.0.0.1", "[::1]"] : nil
        var port = configuration.port
        var attempts = configuration.tryNextPorts && port != 0 ? 20 : 1
        while true {
            let address: any SocketAddress
            do {
                address = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
            } catch {
                throw ServeFailure(description: "cannot listen on '\(configuration.host)': give an IP address, like 127.0.0.1 or 0.0.0.0")
            }
            let server = HTTPServer(address: address, timeout: 60, logger: .disabled, handler: ClosureHTTPHandler { [weak self] request in
                guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
                return await self.handle(request)
            })
            let failure = FailureBox()
            let task = Task {
                do { try await server.run() } catch { failure.set(error); throw error }
            }
            // Wait for the socket, or for the failure to bind it.
            var waited = 0
            while await !server.isListening, failure.value == nil, waited < 500 {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            if await server.isListening, let bound = await server.listeningAddress {
                self.server = server
                serverTask = task
                switch bound {
                case .ip4(_, let actual): port = actual
                case .ip6(_, let actual): port = actual
                default: break
                }
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

    /// Stops listening and watching, and removes the temporary output.
    public func stop() async {
        watcher?.stop()
        pinger?.cancel()
        hub.finishAll()
        await server?.stop(timeout: 0.2)
        serverTask?.cancel()
        live?.stop()
        if ownsOutput, !output.isEmpty { try? FileManager.default.removeItem(atPath: output) }
    }

    /// For tests: waits until every change is written.
    public func waitUntilIdle(timeout: Duration) -> Bool { live?.waitUntilIdle(timeout: timeout) ?? false }

    /// For tests: reads changes now rather than waiting for the watcher.
    public func changed(_ paths: Set<String>?) { live?.changed(paths) }

    // MARK: - Requests

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if let allowedHosts {
            let host = request.headers[.host] ?? ""
            let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.split(separator: ":").first ?? "")
            guard allowedHosts.contains(name.lowercased()) else {
                return Self.text(.forbidden, "tutorat serve answers only to localhost and 127.0.0.1\n")
            }
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = Self.text(.methodNotAllowed, "only GET and HEAD\n")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let raw = request.target.path()
        if raw == LiveScript.eventsPath {
            let pages = (request.query["pages"] ?? "").split(separator: ",").map(String.init)
            return HTTPResponse(statusCode: .ok, headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", HTTPHeader("X-Accel-Buffering"): "no",
            ], body: HTTPBodySequence(from: hub.connect(pages: Set(pages))))
        }
        if raw == LiveScript.path {
            return Self.respond(request, status: .ok, type: "text/javascript; charset=utf-8", body: Array(LiveScript.javascript.utf8))
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
        return await serve(path, request: request, raw: raw)
    }

    private enum Found {
        case file([UInt8], String)
        case redirect
        case missing
    }

    private func serve(_ path: RequestPath, request: HTTPRequest, raw: String) async -> HTTPResponse {
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
                if live.hasOutput(folder + "/index.html") || Disk.isDirectory(root + "/" + folder) { return .redirect }
            }
            guard let bytes = Self.readInside(root: root, relative: file) else { return .missing }
            return .file(bytes, file)
        }
        switch found {
        case .file(let bytes, let served):
            let type = ContentType.of(served)
            let body = type.hasPrefix("text/html") ? LiveScript.inject(into: bytes, pages: [served]) : bytes
            return Self.respond(request, status: .ok, type: type, body: body)
        case .redirect:
            let query = request.target.query()
            let headers: HTTPHeaders = [.location: raw + "/" + (query.isEmpty ? "" : "?" + query),
                                        .contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .missing:
            return await notFound(request, asked: file)
        }
    }

    /// The site's own 404 page, with status 404.
    private func notFound(_ request: HTTPRequest, asked: String?) async -> HTTPResponse {
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
        guard let real = realPath(candidate), real.hasPrefix(root + "/"), Disk.isRegularFile(real) else { return nil }
        return FileManager.default.contents(atPath: real).map { [UInt8]($0) }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Runs blocking work (rendering, reading) off Swift's cooperative threads.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    static func respond(_ request: HTTPRequest, status: HTTPStatusCode, type: String, body: [UInt8]) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type, .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff",
            HTTPHeader("Referrer-Policy"): "same-origin",
        ]
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body))
    }

    static func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store",
                                                   HTTPHeader("X-Content-Type-Options"): "nosniff"], body: Data(message.utf8))
    }

    /// Before the site has ever built: the errors, and the script that reloads once they are fixed.
    static func errorPage(_ request: HTTPRequest, errors: [Diagnostic], pages: [String]) -> HTTPResponse {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tutorat serve: the site has errors</title>\n</head>\n<body>\n"
        html += "<h1>The site has errors</h1>\n<p>Fix them and save: this page reloads by itself.</p>\n<ul>\n"
        for error in errors.prefix(200) { html += "<li><pre>\(LiveScript.escapeHTML(error.description))</pre></li>\n" }
        html += "</ul>\n</body>\n</html>\n"
        return respond(request, status: .serviceUnavailable, type: "text/html; charset=utf-8",
                       body: LiveScript.inject(into: Array(html.utf8), pages: pages))
    }
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
}

/// The few file operations the server needs.
enum Disk {
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
