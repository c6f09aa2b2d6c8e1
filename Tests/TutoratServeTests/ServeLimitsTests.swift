import Foundation
import Testing
import TutoratCore
import TutoratBuild
import TutoratLive
import TutoratPublish
import TutoratTestSupport
@testable import TutoratServe
#if canImport(Glibc)
import Glibc
#endif

/// What one client may take of `serve` (issue 16): oversized request heads,
/// slow or idle connections, too many connections, and requests addressed to
/// names that are not this computer's. Only upper bounds are asserted on
/// time ("answered within 5 s": the server is alive); the figures are in the
/// README and `bench/serve_abuse.py`.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeLimitsTests {
    struct Running {
        var server: DevServer
        var site: String
        var http: RawHTTP
    }

    func start(_ configure: (inout DevServer.Configuration) -> Void = { _ in }) async throws -> Running {
        let site = NSTemporaryDirectory() + "tutorat-serve-limits-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CareHome.content, toPath: site + "/content")
        var configuration = DevServer.Configuration()
        configuration.port = 0
        configuration.watch.forcePolling = true
        configuration.watch.interval = .milliseconds(200)
        configure(&configuration)
        let server = DevServer(options: BuildOptions(site: site, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test"),
                               configuration: configuration)
        _ = try await server.start()
        #expect(try await offload { server.waitUntilIdle(timeout: .seconds(30)) })
        let port = try #require(UInt16(server.url.split(separator: ":").last!.dropLast()))
        return Running(server: server, site: site, http: RawHTTP(port: port))
    }

    func stop(_ running: Running) async {
        await running.server.stop()
        try? FileManager.default.removeItem(atPath: running.site)
    }

    /// A request head with a header of `size` bytes.
    static func oversized(header size: Int) -> [UInt8] {
        Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Padding: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: size) + Array("\r\n\r\n".utf8)
    }

    /// A request line of `size` bytes.
    static func oversized(target size: Int) -> [UInt8] {
        Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: size) + Array(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    }

    @Test func anOversizedRequestHeadIsRefusedAndTheConnectionClosed() async throws {
        let running = try await start()
        let port = running.http.port
        for (name, request) in [("a 32 KiB header", Self.oversized(header: 32 * 1024)), ("a 32 KiB request line", Self.oversized(target: 32 * 1024)),
                                ("a 1 MiB header", Self.oversized(header: 1024 * 1024))] {
            let exchange = try await offload { try Raw.exchange(port: port, request, timeout: 5) }
            let status = exchange.status
            #expect(status == 400 || status == 431, "\(name): answered \(status.map(String.init) ?? "nothing") within 5 s")
            #expect(exchange.closed, "\(name): the connection is still open 5 s after")
        }
        // A head just under the limit is still answered.
        #expect(try await offload { try Raw.exchange(port: port, Self.oversized(header: 12 * 1024), timeout: 5) }.status == 200)
        await stop(running)
    }

    @Test func aRequestBodyIsNotReadOnAndOn() async throws {
        let running = try await start()
        let port = running.http.port
        // A POST announcing 100 MB, its body sent slowly: answered 405, then the connection ends.
        let head = Array("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n".utf8)
        let exchange = try await offload {
            try Raw.exchange(port: port, head + [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024), timeout: 5, chunk: 1024, pause: 0.02)
        }
        #expect(exchange.status == 405)
        #expect(exchange.closed, "the connection is still open 5 s after the answer")
        await stop(running)
    }

    @Test func othersAreServedWhileOversizedRequestsArrive() async throws {
        let running = try await start()
        let port = running.http.port
        let done = LockedFlag()
        // One oversized request sent slowly, 4 KiB at a time, and four more sent at once,
        // each on a thread of its own (never on the threads the server's tasks run on).
        let senders = DispatchGroup()
        DispatchQueue.global().async(group: senders) {
            _ = try? Raw.exchange(port: port, Self.oversized(header: 1024 * 1024), timeout: 20, chunk: 4096, pause: 0.02, until: done)
        }
        for _ in 0..<4 {
            DispatchQueue.global().async(group: senders) { _ = try? Raw.exchange(port: port, Self.oversized(header: 1024 * 1024), timeout: 20, until: done) }
        }
        try await Task.sleep(for: .milliseconds(200))
        for _ in 0..<3 {
            let response = try await running.http.request("GET", "/charter/", timeout: 5)
            #expect(response.status == 200, "a normal request is answered within 5 s while oversized ones arrive")
        }
        done.value = true
        _ = try await offload { senders.wait(timeout: .now() + 30) }
        await stop(running)
    }

    @Test func anIdleHalfSentConnectionIsClosedAfterTheTimeout() async throws {
        let running = try await start { $0.limits.idleTimeout = .milliseconds(500) }
        let port = running.http.port
        // Half a request, then nothing.
        let idle = try await offload { try Raw.exchange(port: port, Array("GET / HTTP/1.1\r\nHost: 127.0".utf8), timeout: 5) }
        #expect(idle.closed, "an idle half-sent connection is still open 5 s after (timeout 0.5 s)")
        #expect(idle.status == nil || idle.status == 408, "nothing is answered to half a request")
        // A request sent a byte at a time, never finished within the timeout: closed too.
        let trickle = try await offload {
            try Raw.exchange(port: port, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8),
                             timeout: 5, chunk: 1, pause: 0.1)
        }
        #expect(trickle.closed, "a request trickled a byte at a time is still being read 5 s after (timeout 0.5 s)")
        // A whole request is still answered.
        #expect(try await running.http.get("/").status == 200)
        await stop(running)
    }

    @Test func connectionsBeyondTheCapWaitWithoutStallingTheServer() async throws {
        let running = try await start {
            $0.limits.connections = 4
            $0.limits.idleTimeout = .seconds(60)
        }
        let port = running.http.port
        // The cap is taken by connections that send half a request and wait.
        var idle: [Int32] = []
        for _ in 0..<4 {
            let fd = try RawHTTP.connect(port: port)
            try RawHTTP.send(fd, "GET / HTTP/1.1\r\nHost: 127.0")
            idle.append(fd)
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))
        // One more: it is queued, not answered while the cap is taken…
        let waiting = try RawHTTP.connect(port: port)
        defer { close(waiting) }
        try RawHTTP.send(waiting, "GET /charter/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let early = try await offload { RawHTTP.receive(waiting, timeout: 0.5) }
        #expect(early?.isEmpty == true, "a connection beyond the cap was answered at once")
        // …and answered as soon as a connection closes.
        close(idle.removeFirst())
        let answer = try await offload { () -> [UInt8] in
            var data: [UInt8] = []
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline, let chunk = RawHTTP.receive(waiting, timeout: 0.2) { data += chunk }
            return data
        }
        #expect(String(decoding: answer.prefix(12), as: UTF8.self) == "HTTP/1.1 200", "the queued request is answered within 5 s")
        for fd in idle { close(fd) }
        await stop(running)
    }

    @Test func onlyThisComputersNamesAreAnsweredWhateverTheAddress() async throws {
        // Listening on every address (the test talks to 127.0.0.1 only), with one more name allowed.
        let running = try await start {
            $0.host = "0.0.0.0"
            $0.allowedHosts = ["Tutorat.Test", "[fd00::7]"]
        }
        let http = running.http
        let port = http.port
        let refused = try await http.get("/", host: "attacker.example")
        #expect(refused.status == 403)
        #expect(refused.text.contains("--allow-host"), "the refusal says how to allow a name: \(refused.text)")
        #expect(!refused.text.contains("<html"), "the refusal shows no page")
        for host in ["attacker.example:\(port)", "tutorat.test.attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io", ""] {
            #expect(try await http.get("/", host: host).status == 403, "Host '\(host)' was answered")
        }
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        let machine = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for host in ["localhost", "localhost:\(port)", "127.0.0.1", "127.0.0.1:\(port)", "[::1]:\(port)", "tutorat.test", "TUTORAT.TEST:8080",
                     "[fd00::7]:\(port)", machine, machine + ":\(port)"] {
            #expect(try await http.get("/", host: host).status == 200, "Host '\(host)' was refused")
        }
        await stop(running)
    }

    @Test func theDefaultLoopbackBindingChecksTheHostToo() async throws {
        let running = try await start()
        #expect(try await running.http.get("/", host: "attacker.example").status == 403)
        #expect(try await running.http.get("/", host: "tutorat.test").status == 403, "a name is allowed only with --allow-host")
        #expect(try await running.http.get("/", host: "localhost:\(running.http.port)").status == 200)
        await stop(running)
    }

    @Test func hostNames() {
        #expect(HostCheck.name(of: "Example.ORG:8080") == "example.org")
        #expect(HostCheck.name(of: "[::1]:1414") == "[::1]")
        #expect(HostCheck.name(of: "::1") == "[::1]")
        #expect(HostCheck.name(of: "localhost.") == "localhost")
        #expect(HostCheck.name(of: "[::1") == "")
        let allowed = HostCheck.allowed(bound: "0.0.0.0", extra: ["a.test"])
        #expect(allowed.isSuperset(of: ["localhost", "127.0.0.1", "[::1]", "a.test"]))
        #expect(!allowed.contains("0.0.0.0"))
        #expect(HostCheck.isAllowed("A.test:1", allowed))
        #expect(!HostCheck.isAllowed("b.test", allowed))
    }
}

/// Raw exchanges the HTTP client of the other tests cannot make: bytes sent
/// as they are, in pieces if asked, while the answer is read.
enum Raw {
    struct Exchange: Sendable {
        var data: [UInt8]
        /// The server closed the connection (or reset it) within the time.
        var closed: Bool
        var status: Int? {
            let line = String(decoding: data.prefix(64), as: UTF8.self)
            guard line.hasPrefix("HTTP/1.") else { return nil }
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
    }

    /// Sends `request` (in chunks of `chunk` bytes, `pause` seconds apart) on
    /// one thread while reading on this one, until the server closes the
    /// connection, `timeout` seconds pass, or `until` is set.
    static func exchange(port: UInt16, _ request: [UInt8], timeout: Double, chunk: Int = 65536, pause: Double = 0,
                         until stop: LockedFlag? = nil) throws -> Exchange {
        let fd = try RawHTTP.connect(port: port)
        let finished = LockedFlag()
        let sender = Thread {
            var offset = 0
            while offset < request.count, !finished.value, stop?.value != true {
                let end = min(request.count, offset + chunk)
                let sent = request[offset..<end].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent <= 0 { break }
                offset += sent
                if pause > 0 { Thread.sleep(forTimeInterval: pause) }
            }
        }
        sender.start()
        defer {
            finished.value = true
            // Unblocks a send the server does not read.
            shutdown(fd, Int32(SHUT_RDWR))
            while sender.isExecuting { usleep(1000) }
            close(fd)
        }
        var data: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, stop?.value != true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return Exchange(data: data, closed: true) }
            data += buffer[0..<count]
        }
        return Exchange(data: data, closed: false)
    }
}
