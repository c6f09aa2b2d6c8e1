import Foundation
import Testing
import TutoratTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `tutorat init`, `new` and `serve` as a person runs them: the built binary,
/// its output and exit status, and for `serve` a real HTTP exchange.
@Suite(.serialized) struct ServeInitNewTests {
    static let repository = CommandLineTests.repository

    /// The binary built next to these tests (whatever the build folder), else the default one.
    static let binary: String = {
        if let chosen = ProcessInfo.processInfo.environment["TUTORAT_BIN"], !chosen.isEmpty { return chosen }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        if FileManager.default.isExecutableFile(atPath: here + "/tutorat") { return here + "/tutorat" }
        return repository + "/.build/debug/tutorat"
    }()

    /// Every run uses the same day, as a CI would.
    static let environment = ["SOURCE_DATE_EPOCH": "1795564800", "NO_COLOR": "1"] // 2026-11-25

    func run(_ arguments: [String]) throws -> CommandLineTests.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "tutorat-cli-serve-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: ["fr", "en"]) func initThenBuildAndCheck(language: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let site = folder + "/portail"
        let created = try run(["init", site, "--language", language])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("tutorat serve --site \(site)"))
        let check = try run(["check", "--site", site])
        #expect(check.status == 0)
        #expect(check.stdout == "0 errors, 0 warnings\n")
        let build = try run(["build", "--site", site])
        #expect(build.status == 0)
        #expect(FileManager.default.fileExists(atPath: site + "/public/tutees/index.html"))
        // Not twice in the same folder.
        let again = try run(["init", site])
        #expect(again.status == 1)
        #expect(again.stderr.contains("is not empty"))
        #expect(try run(["init", folder + "/other", "--language", "de"]).status != 0)
    }

    @Test func newWritesCheckedFilesAndRefusesDuplicatesAndBadIds() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try run(["init", folder + "/site"]).status == 0)
        let site = folder + "/site"
        for kind in ["tutee", "tutor", "programme", "role", "page"] {
            let result = try run(["new", kind, "nouvel-\(kind)", "--site", site])
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            #expect(result.stdout.hasPrefix("Wrote content/\(kind)s/nouvel-\(kind).md."))
        }
        let tutee = try String(contentsOfFile: site + "/content/tutees/nouvel-tutee.md", encoding: .utf8)
        #expect(tutee.contains("start: 2026-11-25"))
        let check = try run(["check", "--site", site])
        #expect(check.status == 0, "\(check.stderr)")
        let duplicate = try run(["new", "tutee", "nouvel-tutee", "--site", site])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == "error: content/tutees/nouvel-tutee.md already exists\n")
        let bad = try run(["new", "tutor", "Jeanne_Martin", "--site", site])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("'Jeanne_Martin' is not a valid id"))
        #expect(try run(["new", "framework", "x", "--site", site]).status != 0)
        #expect(try String(contentsOfFile: site + "/content/tutees/nouvel-tutee.md", encoding: .utf8) == tutee)
    }

    /// The lines a running process prints, read as they come.
    final class Lines: @unchecked Sendable {
        private let lock = NSCondition()
        private var text = ""

        init(_ handle: FileHandle) {
            handle.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.lock()
                self.text += String(decoding: data, as: UTF8.self)
                self.lock.broadcast()
                self.lock.unlock()
            }
        }

        func wait(for pattern: String, timeout: Double = 30) -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            lock.lock()
            defer { lock.unlock() }
            while true {
                if let range = text.range(of: pattern, options: .regularExpression) { return String(text[range]) }
                if !lock.wait(until: deadline) { return nil }
            }
        }

        var all: String { lock.withLock { text } }
    }

    @Test(.timeLimit(.minutes(1))) func serveShowsEditsAndStopsCleanly() throws {
        // The care-home fixture's first tutee with a line of journal, and that line.
        let tutee = try #require(CareHome.editableTutee, "the fixture has no tutee with a line of journal")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: CareHome.content, toPath: folder + "/content")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--site", folder, "--port", "0"]
        process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let lines = Lines(out.fileHandleForReading)
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let address = try #require(lines.wait(for: "http://127\\.0\\.0\\.1:[0-9]+/"), "no address in: \(lines.all)")
        let port = try #require(UInt16(address.dropFirst("http://127.0.0.1:".count).dropLast()))
        let output = try #require(lines.wait(for: "written to [^ \\n]+\\.\\n").map { String($0.dropFirst("written to ".count).dropLast(2)) })
        #expect(lines.wait(for: "Built the site") != nil)

        let home = try get(port: port, "/")
        #expect(home.hasPrefix("HTTP/1.1 200 OK"))
        #expect(home.contains("Content-Type: text/html; charset=utf-8"))
        #expect(home.contains("/__tutorat/live.js"))
        #expect(try get(port: port, "/../content/site.yml").hasPrefix("HTTP/1.1 400"))
        #expect(try get(port: port, "/%2e%2e/content/site.yml").hasPrefix("HTTP/1.1 400"))

        // A browser showing the tutee's page, then the file saved.
        let events = try connect(port: port)
        defer { close(events) }
        #expect(try get(port: port, "/tutees/\(tutee.id)/").contains(tutee.proseLine))
        try send(events, "GET /__tutorat/events?pages=tutees%2F\(tutee.id)%2Findex.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        #expect(read(events, until: "event: hello") != nil)
        let file = folder + "/content/" + tutee.file
        let edited = tutee.proseLine + " Vu en direct."
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try #require(text.replacing(existing: tutee.proseLine, with: edited)).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(read(events, until: "event: reload") != nil, "no reload event")
        #expect(try get(port: port, "/tutees/\(tutee.id)/").contains(edited))
        #expect(lines.wait(for: "Changed: content/\(tutee.file)") != nil)

        // Ctrl-C (here SIGTERM): the server stops and removes its temporary folder.
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: output), "\(output) is left behind")
    }

    /// Starts `tutorat serve` on a copy of the care-home fixture; returns the process, its port and output folder.
    func startServe(_ extra: [String] = [], folder: String) throws -> (Process, UInt16, String, Lines) {
        try FileManager.default.copyItem(atPath: CareHome.content, toPath: folder + "/content")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--site", folder, "--port", "0"] + extra
        process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let lines = Lines(out.fileHandleForReading)
        try process.run()
        let address = try #require(lines.wait(for: "http://127\\.0\\.0\\.1:[0-9]+/"), "no address in: \(lines.all)")
        let port = try #require(UInt16(address.dropFirst("http://127.0.0.1:".count).dropLast()))
        let output = try #require(lines.wait(for: "written to [^ \\n]+\\.\\n").map { String($0.dropFirst("written to ".count).dropLast(2)) })
        return (process, port, output, lines)
    }

    @Test(.timeLimit(.minutes(1))) func sigtermStopsServeAtOnceWhateverTheClientsDo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (process, port, output, lines) = try startServe(folder: folder)
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        #expect(lines.wait(for: "Built the site") != nil)
        // A browser listening to the events, a connection that sent half a
        // request, and oversized requests still being sent.
        let events = try connect(port: port)
        defer { close(events) }
        try send(events, "GET /__tutorat/events?pages=index.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        #expect(read(events, until: "event: hello") != nil)
        let idle = try connect(port: port)
        defer { close(idle) }
        try send(idle, "GET / HTTP/1.1\r\nHost: 127.0")
        var floods: [Int32] = []
        for _ in 0..<4 {
            let fd = try connect(port: port)
            floods.append(fd)
            Thread.detachNewThread {
                let head = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ".utf8)
                _ = head.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                let padding = [UInt8](repeating: UInt8(ascii: "a"), count: 16384)
                for _ in 0..<256 {
                    let sent = padding.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if sent <= 0 { break }
                    usleep(5000)
                }
            }
        }
        defer { for fd in floods { shutdown(fd, Int32(SHUT_RDWR)); close(fd) } }
        usleep(300_000)

        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning, "serve still runs 5 s after SIGTERM")
        if !process.isRunning { #expect(process.terminationStatus == 0) }
        #expect(!FileManager.default.fileExists(atPath: output), "\(output) is left behind")
    }

    @Test(.timeLimit(.minutes(1))) func theHostCheckHoldsOnEveryAddressWithAllowHost() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Listening on every address; the test talks to 127.0.0.1 only.
        let (process, port, _, lines) = try startServe(["--host", "0.0.0.0", "--allow-host", "tutorat.test", "--allow-host", "other.test"],
                                                       folder: folder)
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        #expect(lines.wait(for: "at your own risk") != nil, "no warning in: \(lines.all)")
        func status(_ host: String) throws -> String {
            let fd = try connect(port: port)
            defer { close(fd) }
            try send(fd, "GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
            return String((read(fd, until: nil) ?? "").prefix(12))
        }
        #expect(try status("attacker.example") == "HTTP/1.1 403")
        #expect(try status("attacker.example:\(port)") == "HTTP/1.1 403")
        #expect(try status("tutorat.test") == "HTTP/1.1 200")
        #expect(try status("other.test:\(port)") == "HTTP/1.1 200")
        #expect(try status("localhost:\(port)") == "HTTP/1.1 200")
        #expect(try status("127.0.0.1") == "HTTP/1.1 200")
        process.terminate()
        process.waitUntilExit()
    }

    // MARK: - A minimal HTTP client on 127.0.0.1

    func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(result == 0, "cannot connect to port \(port)")
        return fd
    }

    func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        try #require(sent == bytes.count)
    }

    /// Reads until `marker` arrives (or 10 seconds pass); returns what was read.
    func read(_ fd: Int32, until marker: String?, timeout: Double = 10) -> String? {
        var text = ""
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            if let marker, text.contains(marker) { return text }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return marker == nil ? text : nil }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return marker == nil ? text : nil
    }

    func get(port: UInt16, _ target: String) throws -> String {
        let fd = try connect(port: port)
        defer { close(fd) }
        try send(fd, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        return read(fd, until: nil) ?? ""
    }
}
