import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately raw HTTP/1.1 client on 127.0.0.1: it sends the request
/// target exactly as written (no client library would send `/../`), and
/// every wait has a deadline.
struct RawHTTP: Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: UInt16

    static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) throws {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "send") }
            offset += count
        }
    }

    /// Reads what is there within `timeout`; nil when the connection closed with nothing more.
    static func receive(_ fd: Int32, timeout: Double) -> [UInt8]? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 { return nil }
        return Array(buffer[0..<count])
    }

    func get(_ target: String, host: String? = nil) async throws -> Response { try await request("GET", target, host: host) }

    /// Sends one request and reads the whole response, on a thread of its own:
    /// the test never blocks the threads the server's tasks run on.
    func request(_ method: String, _ target: String, host: String? = nil, timeout: Double = 20) async throws -> Response {
        try await offload { try requestNow(method, target, host: host, timeout: timeout) }
    }

    /// Sends one request and reads the whole response, until the server closes
    /// the connection (asked to by `Connection: close`) or `timeout` seconds pass.
    ///
    /// The timeout bounds liveness only: it is long because the server's answer
    /// can wait for threads of the test process. A failure says which of the two
    /// ended the read: "no complete header" alone once hid that the server had
    /// not answered at all within the 20 s (its tasks then waited behind
    /// synchronous tests for Swift's shared threads; DevServer now runs them on
    /// threads of its own).
    func requestNow(_ method: String, _ target: String, host: String? = nil, timeout: Double = 20) throws -> Response {
        let fd = try Self.connect(port: port)
        defer { close(fd) }
        try Self.send(fd, "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n")
        var data: [UInt8] = []
        var closed = false
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let chunk = Self.receive(fd, timeout: 0.2) else {
                closed = true
                break
            }
            data += chunk
        }
        do {
            return try Self.parse(data, method: method)
        } catch let failure as Failure {
            let how = closed ? "the server closed the connection after \(data.count) bytes" : "no whole answer within \(timeout) s (\(data.count) bytes)"
            throw Failure(description: "\(method) \(target): \(how): \(failure.description)")
        }
    }

    static func parse(_ data: [UInt8], method: String) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = data.indices.first(where: { data.count >= $0 + 4 && Array(data[$0..<$0 + 4]) == separator }) else {
            throw Failure(description: "no complete header in \(String(decoding: data, as: UTF8.self))")
        }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(data[(end + 4)...])
        if method == "HEAD" { body = [] }
        if let length = headers["content-length"].flatMap(Int.init), method != "HEAD" {
            guard body.count >= length else { throw Failure(description: "short body: \(body.count) of \(length)") }
            body = Array(body.prefix(length))
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// A connection to the event stream, read as events arrive.
    final class Events: @unchecked Sendable {
        let fd: Int32
        private var buffer = ""

        init(port: UInt16, pages: [String]) throws {
            fd = try RawHTTP.connect(port: port)
            let query = pages.joined(separator: ",").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            try RawHTTP.send(fd, "GET /__tutorat/events?pages=\(query) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        }

        deinit { close(fd) }

        /// Waits for an event by name; returns its data, or nil at the deadline.
        func next(_ name: String, timeout: Double = 10) async -> String? {
            let box = UncheckedBox(self)
            return try? await offload { box.value.nextNow(name, timeout: timeout) }
        }

        func nextNow(_ name: String, timeout: Double) -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if let range = buffer.range(of: "event: \(name)\n"), let end = buffer[range.upperBound...].range(of: "\n\n") {
                    let data = buffer[range.upperBound..<end.lowerBound].split(separator: "\n")
                        .map { $0.hasPrefix("data: ") ? String($0.dropFirst(6)) : String($0) }.joined(separator: "\n")
                    buffer = String(buffer[end.upperBound...])
                    return data
                }
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { return nil }
                guard let chunk = RawHTTP.receive(fd, timeout: min(remaining, 0.5)) else { return nil }
                buffer += String(decoding: chunk, as: UTF8.self)
            }
        }

        /// Everything received so far, for messages.
        var received: String { buffer }
    }
}

/// Runs blocking work on a dispatch thread and waits for it without holding a Swift concurrency thread.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
