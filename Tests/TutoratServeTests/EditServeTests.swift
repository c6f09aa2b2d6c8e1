import Foundation
import Testing
import TutoratCore
import TutoratBuild
import TutoratLive
import TutoratPublish
import TutoratTestSupport
@testable import TutoratServe

/// `tutorat serve --edit` end to end: the forms on a copy of the care-home
/// fixture, posted with a raw client, and each refusal of docs/recording.md.
@Suite(.serialized, .timeLimit(.minutes(2))) struct EditServeTests {
    struct Running {
        var server: DevServer
        var site: String
        var http: RawHTTP
        var tutee: CareHome.Tutee
        var file: String { site + "/content/" + tutee.file }
        func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file))) }
    }

    func start(edit: Bool = true, prepare: (String) throws -> Void = { _ in }) async throws -> Running {
        let tutee = try #require(CareHome.editableTutee)
        let site = NSTemporaryDirectory() + "tutorat-edit-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CareHome.content, toPath: site + "/content")
        try prepare(site)
        var configuration = DevServer.Configuration()
        configuration.port = 0
        configuration.edit = edit
        configuration.limits.formBytes = 4096
        let server = DevServer(options: BuildOptions(site: site, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test"),
                               configuration: configuration)
        _ = try await server.start()
        #expect(try await offload { server.waitUntilIdle(timeout: .seconds(30)) })
        let port = try #require(UInt16(server.url.split(separator: ":").last!.dropLast()))
        return Running(server: server, site: site, http: RawHTTP(port: port), tutee: tutee)
    }

    func stop(_ running: Running) async {
        await running.server.stop()
        try? FileManager.default.removeItem(atPath: running.site)
    }

    /// The value of the first hidden input `name` in a page.
    func hidden(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    func session(_ running: Running, token: String, hash: String, summary: String = "Point sur les transmissions") -> String {
        formBody([("token", token), ("hash", hash), ("date", "2027-03-09"), ("minutes", "30"), ("kind", "meeting"),
                  ("mode", "remote"), ("with", "supervisor"), ("summary", summary)])
    }

    @Test func withoutEditThereIsNoFormAndAPostIsRefused() async throws {
        let running = try await start(edit: false)
        defer { Task { await stop(running) } }
        let before = try running.bytes()
        let page = try await running.http.get("/tutees/\(running.tutee.id)/")
        #expect(page.status == 200)
        #expect(!page.text.contains("__tutorat/edit"))
        let post = try await running.http.post("/__tutorat/edit/\(running.tutee.id)/session",
                                               body: session(running, token: running.server.editToken, hash: "x"))
        #expect(post.status == 405)
        #expect(try running.bytes() == before)
    }

    @Test func aSessionAndAJournalEntryArePostedAndShown() async throws {
        let running = try await start()
        defer { Task { await stop(running) } }
        let id = running.tutee.id
        let before = try running.bytes()
        let page = try await running.http.get("/tutees/\(id)/")
        #expect(page.text.contains("<form method=\"post\" action=\"/__tutorat/edit/\(id)/session\""))
        #expect(page.text.contains("<label for=\"edit-session-date\">Date</label>"))
        #expect(page.text.contains("value=\"2027-03-10\""), "today in the site's sense: its as_of")
        let token = try #require(hidden("token", in: page.text))
        let hash = try #require(hidden("hash", in: page.text))
        #expect(token == running.server.editToken)

        let port = running.http.port
        let posted = try await running.http.post("/__tutorat/edit/\(id)/session", body: session(running, token: token, hash: hash),
                                                 headers: ["Origin: http://127.0.0.1:\(port)"])
        #expect(posted.status == 303)
        #expect(posted.headers["location"] == "/tutees/\(id)/")
        let after = try running.bytes()
        #expect(after.count > before.count)
        let text = String(decoding: after, as: UTF8.self)
        #expect(text.contains("summary: Point sur les transmissions}"))
        let reloaded = try await running.http.get("/tutees/\(id)/")
        #expect(reloaded.text.contains("Point sur les transmissions"))

        let newHash = try #require(hidden("hash", in: reloaded.text))
        #expect(newHash != hash)
        let journal = try await running.http.post("/__tutorat/edit/\(id)/journal", body: formBody([
            ("token", token), ("hash", newHash), ("date", "2027-03-09"), ("text", "Bonne semaine, à suivre."),
        ]))
        #expect(journal.status == 303)
        #expect(String(decoding: try running.bytes(), as: UTF8.self).hasSuffix("### 2027-03-09\n\nBonne semaine, à suivre.\n"))
        #expect(try await running.http.get("/tutees/\(id)/").text.contains("Bonne semaine, à suivre."))
    }

    @Test func everyRefusalLeavesTheFileAsItWas() async throws {
        let running = try await start { site in
            try "---\nname: Ailleurs\n---\n".write(toFile: site + "/outside.md", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: site + "/content/tutees/ailleurs.md", withDestinationPath: site + "/outside.md")
        }
        defer { Task { await stop(running) } }
        let id = running.tutee.id
        let before = try running.bytes()
        let page = try await running.http.get("/tutees/\(id)/")
        let token = try #require(hidden("token", in: page.text))
        let hash = try #require(hidden("hash", in: page.text))
        let target = "/__tutorat/edit/\(id)/session"
        let http = running.http

        #expect(try await http.post(target, body: session(running, token: "", hash: hash)).status == 403, "no token")
        #expect(try await http.post(target, body: session(running, token: String(token.reversed()), hash: hash)).status == 403, "wrong token")
        #expect(try await http.post(target, body: session(running, token: token, hash: hash), host: "evil.example").status == 403, "foreign Host")
        #expect(try await http.post(target, body: session(running, token: token, hash: hash), headers: ["Origin: http://evil.example"]).status == 403,
                "foreign Origin")
        let big = session(running, token: token, hash: hash, summary: String(repeating: "a", count: 5000))
        #expect(try await http.post(target, body: big).status == 413, "over the cap")
        let stale = try await http.post(target, body: session(running, token: token, hash: "0000000000000000"))
        #expect(stale.status == 409)
        #expect(stale.text.contains("rien n’a été écrit"), "the site is in French: \(stale.text)")
        let invalid = try await http.post(target, body: formBody([("token", token), ("hash", hash), ("date", "2027-13-45"), ("summary", "tapé")]))
        #expect(invalid.status == 422)
        #expect(invalid.text.contains("value=\"tapé\""), "the values typed come back")
        #expect(invalid.text.contains("should be a date written YYYY-MM-DD"), "the diagnostics come back: \(invalid.text)")
        #expect(try await http.post("/__tutorat/edit/\(id)/party", body: session(running, token: token, hash: hash)).status == 405, "no such form")
        let outside = try await http.post("/__tutorat/edit/ailleurs/session", body: session(running, token: token, hash: hash))
        #expect(outside.status == 403, "a link out of content/tutees/")
        #expect(try String(contentsOfFile: running.site + "/outside.md", encoding: .utf8) == "---\nname: Ailleurs\n---\n")
        #expect(try running.bytes() == before)
    }

    @Test func editListensOnLoopbackOnlyUnlessHostsAreAllowed() async throws {
        var configuration = DevServer.Configuration()
        configuration.edit = true
        configuration.host = "0.0.0.0"
        configuration.port = 0
        let server = DevServer(options: BuildOptions(site: CareHome.site, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "t"),
                               configuration: configuration)
        await #expect(throws: ServeFailure.self) { _ = try await server.start() }
        await server.stop()
    }
}
