import Foundation
import Testing
import TutoratResources
import TutoratCore
import TutoratKit
@testable import TutoratServe

/// `tutorat serve` end to end, in process: a copy of the bundled site served
/// on a free port of 127.0.0.1, read with a raw HTTP client, edited on disk
/// and watched by the real watcher.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DevServerTests {
    static let repository: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/")
    }()

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

        func edit(_ relative: String, _ transform: (String) -> String) throws {
            let text = try String(contentsOfFile: site + "/" + relative, encoding: .utf8)
            try write(relative, transform(text))
        }
    }

    func start(polling: Bool = false, prepare: (String) throws -> Void = { _ in }) async throws -> Running {
        let site = NSTemporaryDirectory() + "tutorat-serve-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repository + "/content", toPath: site + "/content")
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

        #expect(try await http.get("/tutees/camille-roux/").text.contains("Camille Roux"))
        #expect(try await http.get("/tutees/camille-roux/index.html").status == 200)
        let css = try await http.get("/theme/site.css")
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")
        #expect(try await http.get("/search/search-index.js").headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(try await http.get("/sitemap.xml").headers["content-type"] == "application/xml; charset=utf-8")
        #expect(try await http.get("/tutees/camille-roux/calendar.ics").headers["content-type"] == "text/calendar; charset=utf-8")
        #expect(try await http.get("/site.json").headers["content-type"] == "application/json; charset=utf-8")
        #expect(try await http.get("/assets/documents/grille-entretien.txt").headers["content-type"] == "text/plain; charset=utf-8")
        let script = try await http.get("/__tutorat/live.js")
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.text.contains("EventSource"))

        // A folder without its slash is redirected; the query is kept.
        let redirect = try await http.get("/tutees")
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/tutees/")
        #expect(try await http.get("/tutees/camille-roux?x=1").headers["location"] == "/tutees/camille-roux/?x=1")
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
        let running = try await start()
        let http = running.http
        // The content and the machine's files are out of reach, however the path is written.
        let attempts = [
            "/../content/site.yml", "/../../../../etc/passwd", "/tutees/../../content/site.yml", "/%2e%2e/content/site.yml",
            "/%2E%2E/%2e%2e/etc/passwd", "/tutees/%2e%2e/%2e%2e/etc/passwd", "/..%2fcontent%2fsite.yml", "/tutees%2f..%2f..%2fetc%2fpasswd",
            "/..%5ccontent%5csite.yml", "/tutees\\..\\..\\etc\\passwd", "/%00", "/index.html%00.txt", "/%252e%252e/etc/passwd",
            "//etc/passwd", "/./index.html", "/tutees/./camille-roux/", "/%c0%ae%c0%ae/etc/passwd", "/.tutorat-output",
            "/tutees/camille-roux/.index.html.tutorat-tmp", "/%2e/index.html", "etc/passwd", "*",
        ]
        for attempt in attempts {
            let response = try await http.get(attempt)
            #expect([400, 404].contains(response.status), "\(attempt) answered \(response.status)")
            #expect(!response.text.contains("root:"), "\(attempt) leaked a file")
            #expect(!response.text.contains("organisation:"), "\(attempt) leaked the content")
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
        let running = try await start()
        let http = running.http
        let page = "tutees/camille-roux/index.html"
        let events = try RawHTTP.Events(port: http.port, pages: [page])
        #expect(await events.next("hello") != nil)
        try running.edit("content/tutees/camille-roux.md") { $0.replacingOccurrences(of: "Première semaine passée.", with: "Première semaine passée, en direct.") }
        #expect(await events.next("reload") != nil, "no reload event: \(events.received)")
        #expect(try await http.get("/" + page).text.contains("Première semaine passée, en direct."))
        #expect(await events.next("idle") != nil)

        // A browser on another page is not reloaded by this edit.
        let other = try RawHTTP.Events(port: http.port, pages: ["roles/tuteur/index.html"])
        #expect(await other.next("hello") != nil)
        try running.edit("content/tutees/camille-roux.md") { $0.replacingOccurrences(of: "en direct.", with: "en direct, encore.") }
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
        #expect(try await http.get("/roles/tuteur/").text.contains("Gabarit modifié"))
        await stop(running)
    }

    @Test func errorsShowOverThePageUntilFixed() async throws {
        let running = try await start()
        let http = running.http
        let page = "tutees/camille-roux/index.html"
        let before = try await http.get("/" + page).text
        let events = try RawHTTP.Events(port: http.port, pages: [page])
        #expect(await events.next("hello") != nil)
        try running.edit("content/tutees/camille-roux.md") {
            $0.replacingOccurrences(of: "tutor: jeanne-martin", with: "tutor: jeanne-martn").replacingOccurrences(of: "Première semaine", with: "Semaine")
        }
        let errors = try #require(await events.next("errors"), "no errors event: \(events.received)")
        #expect(errors.contains("\"location\":\"content/tutees/camille-roux.md:4:8\""))
        #expect(errors.contains("unknown tutor 'jeanne-martn' (did you mean 'jeanne-martin'?)"))
        // The last good page is still served; a new browser gets the errors at once.
        #expect(try await http.get("/" + page).text == before)
        let late = try RawHTTP.Events(port: http.port, pages: ["index.html"])
        #expect(await late.next("errors") != nil)
        #expect(running.messages.reports.last?.succeeded == false)
        // Fixed: the overlay goes, the page reloads with the other change.
        try running.edit("content/tutees/camille-roux.md") { $0.replacingOccurrences(of: "tutor: jeanne-martn", with: "tutor: jeanne-martin") }
        #expect(await events.next("ok") != nil)
        #expect(await events.next("reload") != nil)
        #expect(!(try await http.get("/" + page).text.contains("Première semaine")))
        await stop(running)
    }

    @Test func readersNeverSeeHalfAPage() async throws {
        let running = try await start()
        let http = running.http
        let page = "/tutees/camille-roux/"
        let done = LockedFlag()
        // Readers keep fetching the page while it is rewritten again and again.
        let readers = (0..<3).map { _ in
            Task.detached { () -> [String] in
                var problems: [String] = []
                while !done.value {
                    guard let response = try? await http.get(page), response.status == 200 else { continue }
                    let text = response.text
                    if !text.hasPrefix("<!DOCTYPE html>") || !text.hasSuffix("</html>\n") || !text.contains("live.js") {
                        problems.append(String(text.suffix(200)))
                    }
                }
                return problems
            }
        }
        for round in 0..<12 {
            try running.edit("content/tutees/camille-roux.md") {
                $0.replacingOccurrences(of: "Première semaine passée", with: "Première semaine passée \(round)")
            }
            try await Task.sleep(for: .milliseconds(60))
        }
        let server = running.server
        #expect(try await offload { server.waitUntilIdle(timeout: .seconds(30)) })
        done.value = true
        for reader in readers {
            let problems = await reader.value
            #expect(problems.isEmpty, "a truncated page was served: \(problems.first ?? "")")
        }
        #expect(try await http.get(page).text.contains("Première semaine passée 11"))
        await stop(running)
    }

    @Test func pollingFindsChangesToo() async throws {
        let running = try await start(polling: true)
        #expect(running.server.watchMode == .polling)
        let events = try RawHTTP.Events(port: running.http.port, pages: ["charter/index.html"])
        #expect(await events.next("hello") != nil)
        try running.edit("content/charter.md") { $0.replacingOccurrences(of: "## Pourquoi cette charte", with: "## Pourquoi cette charte ?") }
        #expect(await events.next("reload") != nil)
        #expect(try await running.http.get("/charter/").text.contains("Pourquoi cette charte ?"))
        await stop(running)
    }

    @Test func aSiteWithABaseURLIsServedFromTheRoot() async throws {
        let running = try await start { site in
            let config = site + "/content/site.yml"
            try (String(contentsOfFile: config, encoding: .utf8) + "base_url: https://intranet.example/tutorat/\n")
                .write(toFile: config, atomically: true, encoding: .utf8)
        }
        let page = try await running.http.get("/tutees/camille-roux/")
        #expect(page.status == 200)
        // Links lead to this server, not to the intranet.
        #expect(page.text.contains("href=\"/tutors/jeanne-martin/\""))
        #expect(!page.text.contains("intranet.example"))
        await stop(running)
    }

    @Test func theContentFolderCanGoAndComeBack() async throws {
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
        try running.edit("content/charter.md") { $0.replacingOccurrences(of: "## Pourquoi cette charte", with: "## Pourquoi cette charte ?") }
        #expect(await events.next("reload") != nil)
        #expect(try await running.http.get("/charter/").text.contains("Pourquoi cette charte ?"))
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
