import Foundation
import TutoratCore
import TutoratBuild
import TutoratLive
import TutoratPublish

/// The browsers listening to `/__tutorat/events` (Server-Sent Events), with
/// the files each one shows, so a change reloads only the pages it touched.
final class LiveHub: @unchecked Sendable {
    private struct Client {
        var pages: Set<String>
        var continuation: AsyncStream<[UInt8]>.Continuation
    }

    private let lock = NSLock()
    private var clients: [Int: Client] = [:]
    private var nextID = 0
    private var errorsMessage: [UInt8]?
    /// Changes with every server start: a browser that reconnects to a new server reloads.
    let instance = String(UInt64.random(in: 1..<UInt64.max), radix: 36)

    struct ErrorReport: Encodable {
        struct Item: Encodable {
            var location: String?
            var message: String
            var hint: String?
        }
        var title: String
        var errors: [Item]
        var more: Int
        var note: String
    }

    /// The output files open in a browser.
    var viewed: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return clients.values.reduce(into: Set<String>()) { $0.formUnion($1.pages) }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return clients.count
    }

    /// One browser listening: its events, to be written as they come; `remove(id)` when it goes away.
    struct Listener: Sendable {
        var id: Int
        var stream: AsyncStream<[UInt8]>
    }

    /// A new listener: the stream of its events, starting with `hello` and, if the site has errors, `errors`.
    func connect(pages: Set<String>) -> Listener {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(64))
        lock.lock()
        nextID += 1
        let id = nextID
        clients[id] = Client(pages: pages, continuation: continuation)
        let errors = errorsMessage
        lock.unlock()
        continuation.yield(Array("retry: 1000\n\n".utf8) + Self.message("hello", instance))
        if let errors { continuation.yield(errors) }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return Listener(id: id, stream: stream)
    }

    func remove(_ id: Int) {
        lock.lock()
        let client = clients.removeValue(forKey: id)
        lock.unlock()
        client?.continuation.finish()
    }

    /// Reloads the browsers showing a file that changed. A stylesheet, a
    /// script or an asset can be on any page: every browser reloads.
    func filesChanged(_ paths: [String]) {
        let everyone = paths.contains { $0.hasPrefix("theme/") || $0.hasPrefix("assets/") }
        let changed = Set(paths)
        send("reload") { everyone || !$0.isDisjoint(with: changed) || ($0.contains("search/index.html") && changed.contains("search/search-index.js")) }
    }

    /// Shows the errors over every page, or takes them away.
    func report(errors: [Diagnostic]) {
        let message: [UInt8]?
        if errors.isEmpty {
            message = nil
        } else {
            let shown = errors.prefix(50)
            let report = ErrorReport(
                title: "tutorat: the site has \(errors.count) error\(errors.count == 1 ? "" : "s")",
                errors: shown.map { .init(location: $0.location?.description, message: $0.message, hint: $0.hint) },
                more: errors.count - shown.count,
                note: "This page shows the last version of the site without errors. Fix the file and save: this message goes away by itself.")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let json = (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            message = Self.message("errors", json)
        }
        lock.lock()
        let had = errorsMessage != nil
        errorsMessage = message
        lock.unlock()
        if let message {
            broadcast(message) { _ in true }
        } else if had {
            send("ok") { _ in true }
        }
    }

    /// Says that every file is written (used by tests and the benchmark).
    func idle(written: Int, milliseconds: Int) {
        send("idle", data: "{\"written\":\(written),\"milliseconds\":\(milliseconds)}") { _ in true }
    }

    /// A comment every few seconds: a browser that went away is noticed when the write fails.
    func ping() {
        broadcast(Array(": ping\n\n".utf8)) { _ in true }
    }

    func finishAll() {
        lock.lock()
        let all = clients.values
        clients = [:]
        lock.unlock()
        for client in all { client.continuation.finish() }
    }

    private func send(_ event: String, data: String = "", to filter: (Set<String>) -> Bool) {
        broadcast(Self.message(event, data), to: filter)
    }

    private func broadcast(_ message: [UInt8], to filter: (Set<String>) -> Bool) {
        lock.lock()
        let targets = clients.values.filter { filter($0.pages) }
        lock.unlock()
        for client in targets { client.continuation.yield(message) }
        Trace.log("sent \(String(decoding: message.prefix(20), as: UTF8.self).split(separator: "\n").first ?? "") to \(targets.count)")
    }

    static func message(_ event: String, _ data: String) -> [UInt8] {
        var text = "event: \(event)\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
        return Array((text + "\n").utf8)
    }
}
