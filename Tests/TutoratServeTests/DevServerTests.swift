import Foundation
import Testing
import TutoratResources
import TutoratCore
import TutoratBuild
import TutoratLive
import TutoratPublish
import TutoratTestSupport
@testable import TutoratServe

/// `tutorat serve` end to end, in process: a copy of the care-home fixture
/// (`Tests/Fixtures/sites/care-home/`) served on a free port of 127.0.0.1,
/// read with a raw HTTP client, edited on disk and watched by the real
/// watcher. The ids and texts the tests look for are read from the fixture's
/// files (`CareHome`), never from the bundled example.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DevServerTests {
    /// The tutee whose page the tests open and whose file they edit.
    static func tutee() throws -> CareHome.Tutee {
        try #require(CareHome.editableTutee, "the fixture has no tutee with a name, a tutor and a line of journal")
    }

    /// The first `## ` heading of the fixture's charter.
    static func charterHeading() throws -> String {
        try #require(CareHome.heading(of: "charter.md"), "the fixture's charter has no ## heading")
    }

    final class Messages: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [DevServer.Message] = []
        func add(_ message: DevServer.Message) { lock.withLock { all.append(message) } }
        var reports: [LiveReport] {
            lock.withLock { all.compactMap { if case .report(let report) = $0 { return report } else { return nil } } }
        }
    }

    struct Running {
        var server: DevServer
        var site: String
        var http: RawHTTP
        var messages: Messages

        func write(_ relative: String, _ text: String) throws {
            try text.write(toFile: site + "/" + relative, atomically: false, encoding: .utf8)
        }

        func edit(_ relative: String, _ transform: (String) throws -> String) throws {
            let text = try String(contentsOfFile: site + "/" + relative, encoding: .utf8)
            try write(relative, transform(text))
        }
    }

    func start(polling: Bool = false, prepare: (String) throws -> Void = { _ in }) async throws -> Running {
        let site = NSTemporaryDirectory() + "tutorat-serve-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CareHome.content, toPath: site + "/content")
        try prepare(site)
        var configuration = DevServer.Configuration()
        configuration.port = 0
        configuration.watch.forcePolling = polling
        configuration.watch.interval = .milliseconds(100)
        let messages = Messages()
        let server = DevServer(options: BuildOptions(site: site, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test"),
                               configuration: configuration) { messages.add($0) }
        let report = try await server.start()
        #expect(report.succeeded)
        #expect(try await offload { server.waitUntilIdle(timeout: .seconds(30)) })
        let port = try #require(UInt16(server.url.split(separator: ":").last!.dropLast()))
        #expect(server.url == "http://127.0.0.1:\(port)/")
        return Running(server: server, site: site, http: RawHTTP(port: port), messages: messages)
    }

    func stop(_ running: Running) async {
        let output = running.server.output
        await running.server.stop()
        #expect(!FileManager.default.fileExists(atPath: output), "the temporary output is removed")
        try? FileManager.default.removeItem(atPath: running.site)
    }

    @Test func servesPagesWithTypesAndTheLiveScript() async throws {
        let tutee = try Self.tutee()
        let document = try #require(CareHome.files("assets/documents").first, "the fixture has no document")
        let running = try await start()
        let http = running.http
        let home = try await http.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.headers["x-content-type-options"] == "nosniff")
        #expect(home.text.contains("<script src=\"/__tutorat/live.js\" data-pages=\"index.html\"></script></body>"))
        // The script is added when serving, never to the files.
        let onDisk = try String(contentsOfFile: running.server.output + "/index.html", encoding: .utf8)
        #expect(!onDisk.contains("__tutorat"))
        #expect(home.text.replacingOccurrences(of: "<script src=\"/__tutorat/live.js\" data-pages=\"index.html\"></script>", with: "") == onDisk)

        let page = try await http.get("/tutees/\(tutee.id)/")
        #expect(page.text.contains(tutee.name))
        #expect(page.text.contains(tutee.proseLine), "the journal line the other tests edit is in the page as written")
        #expect(try await http.get("/tutees/\(tutee.id)/index.html").status == 200)
        let css = try await http.get("/theme/site.css")
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")
        #expect(try await http.get("/search/search-index.js").headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(try await http.get("/sitemap.xml").headers["content-type"] == "application/xml; charset=utf-8")
        #expect(try await http.get("/tutees/\(tutee.id)/calendar.ics").headers["content-type"] == "text/calendar; charset=utf-8")
        #expect(try await http.get("/site.json").headers["content-type"] == "application/json; charset=utf-8")
        #expect(try await http.get("/assets/documents/\(document)").headers["content-type"] == "text/plain; charset=utf-8")
        let script = try await http.get("/__tutorat/live.js")
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.text.contains("EventSource"))

        // A folder without its slash is redirected; the query is kept.
        let redirect = try await http.get("/tutees")
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/tutees/")
        #expect(try await http.get("/tutees/\(tutee.id)?x=1").headers["location"] == "/tutees/\(tutee.id)/?x=1")
        // Missing: the site's 404 page, with status 404.
        let missing = try await http.get("/nothing-here/")
        #expect(missing.status == 404)
        #expect(missing.text == (try await http.get("/404.html").text.replacingOccurrences(of: "data-pages=\"404.html\"", with: "data-pages=\"404.html,nothing-here/index.html\"")))
        // HEAD: the headers only; other methods are refused.
        let head = try await http.request("HEAD", "/charter/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(Int(head.headers["content-length"] ?? "") == (try await http.get("/charter/").body.count))
        #expect(try await http.request("POST", "/").status == 405)
        await stop(running)
    }

    @Test func nothingOutsideTheOutputCanBeRead() async throws {
        let tutee = try Self.tutee()
        // What would show that the content leaked: the first field of its site.yml.
        let contentMark = try #require(CareHome.lines("site.yml").first { $0.hasPrefix("organisation: ") }).prefix("organisation:".count)
        let running = try await start()
        let http = running.http
        // The content and the machine's files are out of reach, however the path is written.
        let attempts = [
            "/../content/site.yml", "/../../../../etc/passwd", "/tutees/../../content/site.yml", "/%2e%2e/content/site.yml",
            "/%2E%2E/%2e%2e/etc/passwd", "/tutees/%2e%2e/%2e%2e/etc/passwd", "/..%2fcontent%2fsite.yml", "/tutees%2f..%2f..%2fetc%2fpasswd",
            "/..%5ccontent%5csite.yml", "/tutees\\..\\..\\etc\\passwd", "/%00", "/index.html%00.txt", "/%252e%252e/etc/passwd",
            "//etc/passwd", "/./index.html", "/tutees/./\(tutee.id)/", "/%c0%ae%c0%ae/etc/passwd", "/.tutorat-output",
            "/tutees/\(tutee.id)/.index.html.tutorat-tmp", "/%2e/index.html", "etc/passwd", "*",
        ]
        for attempt in attempts {
            let response = try await http.get(attempt)
            #expect([400, 404].contains(response.status), "\(attempt) answered \(response.status)")
            #expect(!response.text.contains("root:"), "\(attempt) leaked a file")
            #expect(!response.text.contains(contentMark), "\(attempt) leaked the content")
        }
        // A link in the output that leads out of it is not followed.
        let output = running.server.output
        try FileManager.default.createSymbolicLink(atPath: output + "/leak.txt", withDestinationPath: running.site + "/content/site.yml")
        try FileManager.default.createSymbolicLink(atPath: output + "/leak", withDestinationPath: running.site + "/content")
        #expect(try await http.get("/leak.txt").status == 404)
        #expect(try await http.get("/leak/site.yml").status == 404)
        // A page on another site, renamed to point at 127.0.0.1, gets nothing.
        #expect(try await http.get("/", host: "attacker.example:80").status == 403)
        #expect(try await http.get("/", host: "localhost:\(http.port)").status == 200)
        await stop(running)
    }

    @Test func aSaveReloadsThePageWithItsNewContent() async throws {
        let tutee = try Self.tutee()
        let role = try #require(CareHome.ids("roles").first, "the fixture has no role sheet")
        let running = try await start()
        let http = running.http
        let page = "tutees/\(tutee.id)/index.html"
        let edited = tutee.proseLine + " Vu en direct."
        #expect(try await http.get("/" + page).text.contains(tutee.proseLine))
        let events = try RawHTTP.Events(port: http.port, pages: [page])
        #expect(await events.next("hello") != nil)
        try running.edit("content/" + tutee.file) { try #require($0.replacing(existing: tutee.proseLine, with: edited)) }
        #expect(await events.next("reload") != nil, "no reload event: \(events.received)")
        #expect(try await http.get("/" + page).text.contains(edited))
        #expect(await events.next("idle") != nil)

        // A browser on another page is not reloaded by this edit.
        let other = try RawHTTP.Events(port: http.port, pages: ["roles/\(role)/index.html"])
        #expect(await other.next("hello") != nil)
        try running.edit("content/" + tutee.file) { try #require($0.replacing(existing: edited, with: tutee.proseLine + " Vu en direct, encore.")) }
        #expect(await events.next("reload") != nil)
        #expect(await events.next("idle") != nil)
        #expect(await other.next("reload", timeout: 0.5) == nil)

        // A template: every page that uses it.
        let templates = running.site + "/themes/default/templates"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        let bundled = String(decoding: try #require(BundledFiles.read("themes/default/templates/role.mustache")), as: UTF8.self)
        try bundled.replacingOccurrences(of: "{{$main}}", with: "{{$main}}<p>Gabarit modifié</p>", options: [], range: nil)
            .write(toFile: templates + "/role.mustache", atomically: true, encoding: .utf8)
        #expect(await other.next("reload") != nil)
        #expect(try await http.get("/roles/\(role)/").text.contains("Gabarit modifié"))
        await stop(running)
    }

    @Test func errorsShowOverThePageUntilFixed() async throws {
        let tutee = try Self.tutee()
        // The tutor's id with a typo (its last letter dropped), and the journal line rewritten.
        let typo = String(tutee.tutor.dropLast())
        let rewritten = "Journal réécrit pendant l’erreur."
        let running = try await start()
        let http = running.http
        let page = "tutees/\(tutee.id)/index.html"
        let before = try await http.get("/" + page).text
        #expect(before.contains(tutee.proseLine))
        let events = try RawHTTP.Events(port: http.port, pages: [page])
        #expect(await events.next("hello") != nil)
        try running.edit("content/" + tutee.file) {
            try #require($0.replacing(existing: "\ntutor: \(tutee.tutor)\n", with: "\ntutor: \(typo)\n")?.replacing(existing: tutee.proseLine, with: rewritten))
        }
        let errors = try #require(await events.next("errors"), "no errors event: \(events.received)")
        #expect(errors.contains("\"location\":\"content/\(tutee.file):\(tutee.tutorLine):\("tutor: ".count + 1)\""), "\(errors)")
        #expect(errors.contains("unknown tutor '\(typo)' (did you mean '\(tutee.tutor)'?)"), "\(errors)")
        // The last good page is still served; a new browser gets the errors at once.
        #expect(try await http.get("/" + page).text == before)
        let late = try RawHTTP.Events(port: http.port, pages: ["index.html"])
        #expect(await late.next("errors") != nil)
        #expect(running.messages.reports.last?.succeeded == false)
        // Fixed: the overlay goes, the page reloads with the other change.
        try running.edit("content/" + tutee.file) { try #require($0.replacing(existing: "\ntutor: \(typo)\n", with: "\ntutor: \(tutee.tutor)\n")) }
        #expect(await events.next("ok") != nil)
        #expect(await events.next("reload") != nil)
        let after = try await http.get("/" + page).text
        #expect(after.contains(rewritten))
        #expect(!after.contains(tutee.proseLine))
        await stop(running)
    }

    /// What one reader of `readersNeverSeeHalfAPage` saw.
    struct Reads: Sendable {
        /// Whole pages read (status 200, the page from its doctype to its end, with the live script).
        var complete = 0
        /// Whole pages whose request was sent and answered while the edits were being made.
        var duringEdits = 0
        /// Whole pages that showed one of the edits.
        var edited = 0
        /// Pages served cut short or otherwise damaged (the end of each).
        var damaged: [String] = []
        /// Requests that got no whole answer: errors, other statuses (the first few).
        var failures: [String] = []
    }

    @Test func readersNeverSeeHalfAPage() async throws {
        let tutee = try Self.tutee()
        let running = try await start()
        let http = running.http
        let page = "/tutees/\(tutee.id)/"
        let marker = tutee.proseLine + " Relu "
        let done = LockedFlag(), editing = LockedFlag()
        let progress = ReadProgress(readers: 3)
        // Readers keep fetching the page while it is rewritten again and again.
        let readers = (0..<3).map { index in
            Task.detached { () -> Reads in
                var reads = Reads()
                while !done.value {
                    let startedDuringEdits = editing.value
                    let response: RawHTTP.Response
                    do {
                        response = try await http.get(page)
                    } catch {
                        if reads.failures.count < 5 { reads.failures.append("\(error)") }
                        try? await Task.sleep(for: .milliseconds(20))
                        continue
                    }
                    guard response.status == 200 else {
                        if reads.failures.count < 5 { reads.failures.append("status \(response.status)") }
                        continue
                    }
                    let text = response.text
                    guard text.hasPrefix("<!DOCTYPE html>"), text.hasSuffix("</html>\n"), text.contains("live.js"), text.contains(tutee.name) else {
                        reads.damaged.append(String(text.suffix(200)))
                        continue
                    }
                    reads.complete += 1
                    if startedDuringEdits, editing.value { reads.duringEdits += 1 }
                    if text.contains(marker) { reads.edited += 1 }
                    progress.set(index, reads)
                }
                return reads
            }
        }
        // At least 12 rewrites, 60 ms apart, and more until every reader has read
        // whole pages while they were being made and one of them saw an edit
        // (60 s at most: a bound on liveness, not a figure).
        let original = try String(contentsOfFile: running.site + "/content/" + tutee.file, encoding: .utf8)
        let needed = 3
        let deadline = ContinuousClock.now + .seconds(60)
        editing.value = true
        var round = 0
        repeat {
            try running.write("content/" + tutee.file, try #require(original.replacing(existing: tutee.proseLine, with: marker + "\(round).")))
            round += 1
            try await Task.sleep(for: .milliseconds(60))
        } while round < 12 || (!progress.enough(needed) && ContinuousClock.now < deadline)
        editing.value = false
        let last = round - 1
        let server = running.server
        #expect(try await offload { server.waitUntilIdle(timeout: .seconds(30)) })
        done.value = true
        var all: [Reads] = []
        for reader in readers { all.append(await reader.value) }
        for (index, reads) in all.enumerated() {
            #expect(reads.damaged.isEmpty, "reader \(index): a truncated page was served: \(reads.damaged.first ?? "")")
            #expect(reads.duringEdits >= needed,
                    "reader \(index) read \(reads.duringEdits) whole pages during \(round) edits (\(reads.complete) in all); failures: \(reads.failures)")
        }
        #expect(all.map(\.edited).reduce(0, +) > 0, "no reader saw an edited page during \(round) edits")
        #expect(try await http.get(page).text.contains(marker + "\(last)."))
        await stop(running)
    }

    @Test func pollingFindsChangesToo() async throws {
        let heading = try Self.charterHeading()
        let running = try await start(polling: true)
        #expect(running.server.watchMode == .polling)
        let events = try RawHTTP.Events(port: running.http.port, pages: ["charter/index.html"])
        #expect(await events.next("hello") != nil)
        #expect(!(try await running.http.get("/charter/").text.contains(heading.dropFirst(3) + " (révisé)")))
        try running.edit("content/charter.md") { try #require($0.replacing(existing: heading + "\n", with: heading + " (révisé)\n")) }
        #expect(await events.next("reload") != nil)
        #expect(try await running.http.get("/charter/").text.contains(heading.dropFirst(3) + " (révisé)"))
        await stop(running)
    }

    @Test func aSiteWithABaseURLIsServedFromTheRoot() async throws {
        let tutee = try Self.tutee()
        let running = try await start { site in
            let config = site + "/content/site.yml"
            try (String(contentsOfFile: config, encoding: .utf8) + "base_url: https://intranet.example/tutorat/\n")
                .write(toFile: config, atomically: true, encoding: .utf8)
        }
        let page = try await running.http.get("/tutees/\(tutee.id)/")
        #expect(page.status == 200)
        // Links lead to this server, not to the intranet.
        #expect(page.text.contains("href=\"/tutors/\(tutee.tutor)/\""))
        #expect(!page.text.contains("intranet.example"))
        await stop(running)
    }

    @Test func theContentFolderCanGoAndComeBack() async throws {
        let heading = try Self.charterHeading()
        let running = try await start()
        let events = try RawHTTP.Events(port: running.http.port, pages: ["charter/index.html"])
        #expect(await events.next("hello") != nil)
        let content = running.site + "/content"
        try FileManager.default.moveItem(atPath: content, toPath: running.site + "/aside")
        #expect(await events.next("errors") != nil)
        #expect(try await running.http.get("/").status == 200, "the last good site is still served")
        try FileManager.default.moveItem(atPath: running.site + "/aside", toPath: content)
        #expect(await events.next("ok") != nil)
        // content/ is watched again.
        #expect(!(try await running.http.get("/charter/").text.contains(heading.dropFirst(3) + " (révisé)")))
        try running.edit("content/charter.md") { try #require($0.replacing(existing: heading + "\n", with: heading + " (révisé)\n")) }
        #expect(await events.next("reload") != nil)
        #expect(try await running.http.get("/charter/").text.contains(heading.dropFirst(3) + " (révisé)"))
        await stop(running)
    }

    @Test func aTakenPortIsRefusedWhenAskedFor() async throws {
        let running = try await start()
        var configuration = DevServer.Configuration()
        configuration.port = running.http.port
        configuration.tryNextPorts = false
        let second = DevServer(options: BuildOptions(site: running.site, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "t"),
                               configuration: configuration)
        await #expect(throws: ServeFailure.self) { _ = try await second.start() }
        await second.stop()
        await stop(running)
    }
}

/// What the readers of `readersNeverSeeHalfAPage` have read so far.
final class ReadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var reads: [DevServerTests.Reads]
    init(readers: Int) { reads = Array(repeating: .init(), count: readers) }
    func set(_ reader: Int, _ value: DevServerTests.Reads) { lock.withLock { reads[reader] = value } }
    /// Every reader read `count` whole pages during the edits, and one of them saw an edit.
    func enough(_ count: Int) -> Bool {
        lock.withLock { reads.allSatisfy { $0.duringEdits >= count } && reads.contains { $0.edited > 0 } }
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool {
        get { lock.withLock { flag } }
        set { lock.withLock { flag = newValue } }
    }
}

@Suite struct RequestPathTests {
    @Test func plainPaths() throws {
        #expect(try RequestPath.parse("/").get() == RequestPath(segments: [], isFolder: true))
        #expect(try RequestPath.parse("/tutees/marie/").get() == RequestPath(segments: ["tutees", "marie"], isFolder: true))
        #expect(try RequestPath.parse("/assets/grille%20entretien.txt").get().segments == ["assets", "grille entretien.txt"])
        #expect(try RequestPath.parse("/r%C3%B4le").get().segments == ["rôle"])
    }

    @Test func dangerousPathsAreRefused() {
        for bad in ["/..", "/a/../b", "/%2e%2e/x", "/%2E%2e/x", "/a%2fb", "/a%2Fb", "/a\\b", "/a%5cb", "/%00", "/a%0a", "/a//b", "/./a",
                    "/%2e/a", "/%zz", "/%c0%ae", "x", ""] {
            guard case .failure(.bad) = RequestPath.parse(bad) else {
                Issue.record("\(bad) was not refused")
                continue
            }
        }
        #expect(RequestPath.parse("/.git/config") == .failure(.hidden))
        #expect(RequestPath.parse("/tutees/.x") == .failure(.hidden))
    }

    @Test func theScriptGoesBeforeTheEndOfTheBody() {
        let injected = String(decoding: LiveScript.inject(into: Array("<html><body><p>x</p></BODY></html>".utf8), pages: ["a\"b.html"]), as: UTF8.self)
        #expect(injected == "<html><body><p>x</p><script src=\"/__tutorat/live.js\" data-pages=\"a&quot;b.html\"></script></BODY></html>")
        #expect(String(decoding: LiveScript.inject(into: Array("<p>no body".utf8), pages: []), as: UTF8.self).hasSuffix("</script>"))
    }

    @Test func contentTypes() {
        #expect(ContentType.of("a/index.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("x.PDF") == "application/pdf")
        #expect(ContentType.of("noext") == "application/octet-stream")
        #expect(ContentType.of("cal.ics") == "text/calendar; charset=utf-8")
    }
}
