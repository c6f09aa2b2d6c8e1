import TutoratLanguage
import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratLive
import TutoratLoad
@testable import TutoratPublish
import TutoratResources

/// The live build of `tutorat serve`: after every kind of edit, the folder it
/// keeps up to date holds exactly what a clean `build` writes, byte for byte,
/// and it reports exactly what `check` reports.
@Suite(.serialized) struct IncrementalBuildTests {
    static let repository = SiteBuilderTests.repository
    static let asOf = Day(iso: "2026-11-24")!

    /// What the events said, gathered across threads.
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [LiveReport] = []
        private var changed: [String] = []
        private var failures: [String] = []

        func record(_ event: LiveEvent) {
            lock.lock()
            defer { lock.unlock() }
            switch event {
            case .checked(let report): reports.append(report)
            case .filesChanged(let paths): changed += paths
            case .failure(let message): failures.append(message)
            case .idle: break
            }
        }

        var lastReport: LiveReport? { lock.withLock { reports.last } }
        var failureMessages: [String] { lock.withLock { failures } }

        func takeChanged() -> Set<String> { Set(takeChangedList()) }

        /// Every path in the order written, once per write.
        func takeChangedList() -> [String] {
            lock.withLock {
                defer { changed = [] }
                return changed
            }
        }
    }

    struct Session {
        var site: String
        var output: String
        var live: LiveBuild
        var events: Events

        func options(output: String? = nil) -> BuildOptions {
            BuildOptions(site: site, output: output, fallbackAsOf: IncrementalBuildTests.asOf, generator: "tutorat test")
        }

        /// Writes a file of the site (relative path) and tells the live build.
        func write(_ relative: String, _ text: String) throws {
            let path = site + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            live.changed([path])
            #expect(live.waitUntilIdle(timeout: .seconds(60)))
        }

        func edit(_ relative: String, _ transform: (String) -> String) throws {
            let text = try String(contentsOfFile: site + "/" + relative, encoding: .utf8)
            let changed = transform(text)
            #expect(changed != text, "the edit of \(relative) changes nothing")
            try write(relative, changed)
        }

        func delete(_ relative: String) throws {
            try FileManager.default.removeItem(atPath: site + "/" + relative)
            live.changed([site + "/" + relative])
            #expect(live.waitUntilIdle(timeout: .seconds(60)))
        }

        /// The output equals a clean build of the site as it is now, and the report equals `check`.
        func expectMatchesCleanBuild(_ sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let clean = site + "-clean-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: clean) }
            let report = try SiteBuilder.build(options(output: clean))
            #expect(report.succeeded, "the clean build fails: \(report.diagnostics.filter { $0.severity == .error })", sourceLocation: sourceLocation)
            let expected = IncrementalBuildTests.files(under: clean)
            let actual = IncrementalBuildTests.files(under: output)
            #expect(expected.contains("index.html"), "the clean build wrote no site", sourceLocation: sourceLocation)
            #expect(actual == expected, "different files: missing \(expected.subtracting(actual).sorted().prefix(5)), extra \(actual.subtracting(expected).sorted().prefix(5))",
                    sourceLocation: sourceLocation)
            var differing: [String] = []
            for file in expected.intersection(actual) where file != SiteBuilder.marker {
                if FileManager.default.contents(atPath: clean + "/" + file) != FileManager.default.contents(atPath: output + "/" + file) {
                    differing.append(file)
                }
            }
            #expect(differing.isEmpty, "different bytes in \(differing.sorted().prefix(10))", sourceLocation: sourceLocation)
            let checked = SiteChecker.check(options()).map(\.description)
            #expect(events.lastReport?.diagnostics.sorted().map(\.description) == checked, "the live report differs from check",
                    sourceLocation: sourceLocation)
            #expect(events.failureMessages.isEmpty, sourceLocation: sourceLocation)
        }
    }

    static func files(under root: String) -> Set<String> {
        var found = Set<String>()
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return found }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            found.insert(isDirectory.boolValue ? path + "/" : path)
        }
        // Folders count too: a build leaves no empty one behind.
        return found
    }

    func start(quickPath: Bool = true, prepare: (String) throws -> Void = { _ in }) throws -> Session {
        let site = SiteBuilderTests.temporaryFolder()
        try FileManager.default.copyItem(atPath: CareHome.content, toPath: site + "/content")
        try prepare(site)
        let output = site + "-out"
        let events = Events()
        let live = LiveBuild(options: BuildOptions(site: site, fallbackAsOf: Self.asOf, generator: "tutorat test"), output: output,
                             quickPath: quickPath, events: { events.record($0) })
        let report = try live.start(site: site, force: false)
        #expect(report.succeeded)
        #expect(live.waitUntilIdle(timeout: .seconds(60)))
        return Session(site: site, output: output, live: live, events: events)
    }

    func cleanUp(_ session: Session) {
        session.live.stop()
        try? FileManager.default.removeItem(atPath: session.site)
        try? FileManager.default.removeItem(atPath: session.output)
    }

    @Test func firstBuildEqualsACleanBuild() throws {
        let session = try start()
        defer { cleanUp(session) }
        try session.expectMatchesCleanBuild()
    }

    @Test func tuteeEditsRenderTheirPagesAndMatchACleanBuild() throws {
        for quickPath in [true, false] {
            let session = try start(quickPath: quickPath)
            defer { cleanUp(session) }
            _ = session.events.takeChanged()
            let total = try #require(FileManager.default.enumerator(atPath: session.output)?.allObjects.count)
            let renderedBefore = session.live.renderCount
            // A journal entry and a session: the quick path when it is on.
            try session.edit("content/tutees/lina-morel.md") {
                $0.replacingOccurrences(of: "Première semaine terminée.", with: "Première semaine terminée, bien terminée.")
                    .replacingOccurrences(of: "sessions:\n", with: "sessions:\n  - {date: 2027-03-09, minutes: 30, kind: meeting, summary: \"Point du mardi\"}\n")
            }
            let written = session.events.takeChangedList()
            let changed = Set(written)
            #expect(changed.contains("tutees/lina-morel/index.html"))
            #expect(changed.contains("tutees/lina-morel/calendar.ics"))
            #expect(!changed.contains("charter/index.html"), "an unrelated page is not rewritten")
            // The quick page is the final page: the full pass does not write it again.
            #expect(written.filter { $0 == "tutees/lina-morel/index.html" }.count == 1)
            // The tutee's pages, their tutors', their programme's and the lists: not the whole site.
            let rendered = session.live.renderCount - renderedBefore
            #expect(rendered > 5 && rendered < total / 3, "\(rendered) files rendered of \(total)")
            try session.expectMatchesCleanBuild()
            // A status change moves counts on the lists and the dashboard.
            try session.edit("content/tutees/lina-morel.md") { $0.replacingOccurrences(of: "status: active", with: "status: interrupted") }
            try session.expectMatchesCleanBuild()
            // A rename shows on the tutor's and programme's pages and in the search index.
            try session.edit("content/tutees/lina-morel.md") { $0.replacingOccurrences(of: "name: Lina Morel", with: "name: Lina Morel-Petit") }
            try session.expectMatchesCleanBuild()
        }
    }

    @Test func aPublicTuteeNamingAPrivateOneIsReportedLikeCheck() throws {
        for quickPath in [true, false] {
            let session = try start(quickPath: quickPath)
            defer { cleanUp(session) }
            try session.edit("content/tutees/lina-morel.md") {
                $0.replacingOccurrences(of: "name: Lina Morel", with: "name: Lina Morel\nvisibility: public") + "\nEn binôme avec Théo Vasseur.\n"
            }
            #expect(session.events.lastReport?.diagnostics.contains { $0.code == "W-PRIVATE-NAME" && $0.message.contains("Théo Vasseur") } == true)
            try session.expectMatchesCleanBuild()
            // A journal edit (the quick path when it is on): the full pass still reports the name.
            try session.edit("content/tutees/lina-morel.md") { $0 + "Une ligne de plus.\n" }
            #expect(session.events.lastReport?.diagnostics.contains { $0.code == "W-PRIVATE-NAME" } == true)
            try session.expectMatchesCleanBuild()
        }
    }

    @Test func tuteeHandedToAnotherTutorRendersBothTutors() throws {
        let session = try start()
        defer { cleanUp(session) }
        try session.edit("content/tutees/lina-morel.md") {
            $0.replacingOccurrences(of: "tutor: odile-ferrand", with: "tutor: luc-perrin")
        }
        try session.expectMatchesCleanBuild()
        try session.edit("content/tutees/lina-morel.md") { $0.replacingOccurrences(of: "substitute: samir-aouad", with: "substitute: agnes-colin") }
        try session.expectMatchesCleanBuild()
    }

    @Test func tutorRenameRendersWhatNamesThem() throws {
        let session = try start()
        defer { cleanUp(session) }
        _ = session.events.takeChanged()
        try session.edit("content/tutors/odile-ferrand.md") { $0.replacingOccurrences(of: "name: Odile Ferrand", with: "name: Odile Ferrand-Leclerc") }
        let changed = session.events.takeChanged()
        #expect(changed.contains("tutors/odile-ferrand/index.html"))
        #expect(changed.contains("tutees/lina-morel/index.html"))
        try session.expectMatchesCleanBuild()
    }

    @Test func frameworkProgrammeAndRoleChanges() throws {
        let session = try start()
        defer { cleanUp(session) }
        try session.edit("content/frameworks/soins-quotidiens.yml") { $0.replacingOccurrences(of: "title: ", with: "title: Nouveau ") }
        try session.expectMatchesCleanBuild()
        try session.edit("content/frameworks/soins-quotidiens.yml") {
            $0.replacingOccurrences(of: "label: ", with: "label: Niveau ")
        }
        try session.expectMatchesCleanBuild()
        try session.edit("content/programmes/apprentissage.md") { $0.replacingOccurrences(of: "title: ", with: "title: Le ") }
        try session.expectMatchesCleanBuild()
        try session.edit("content/roles/tuteur.md") { $0.replacingOccurrences(of: "title: ", with: "title: Fiche ") }
        try session.expectMatchesCleanBuild()
        try session.edit("content/charter.md") { $0.replacingOccurrences(of: "title: ", with: "title: La ") }
        try session.expectMatchesCleanBuild()
    }

    @Test func templateAndStringsChanges() throws {
        let session = try start()
        defer { cleanUp(session) }
        func bundled(_ path: String) -> String { String(decoding: BundledFiles.read("themes/default/" + path) ?? [], as: UTF8.self) }
        // A page template overridden by the site: only tutee pages change.
        let tutee = bundled("templates/tutee.mustache")
        _ = session.events.takeChanged()
        try session.write("themes/default/templates/tutee.mustache", tutee.replacingOccurrences(of: "<h1>{{name}}</h1>", with: "<h1>Tutoré : {{name}}</h1>"))
        let changed = session.events.takeChanged()
        #expect(changed.contains("tutees/lina-morel/index.html"))
        #expect(!changed.contains("tutors/odile-ferrand/index.html"))
        try session.expectMatchesCleanBuild()
        // A partial: every page that includes it.
        let row = bundled("templates/duo-row.mustache")
        try session.write("themes/default/templates/duo-row.mustache", "<!-- duo -->\n" + row)
        try session.expectMatchesCleanBuild()
        // The layout: every page.
        let layout = bundled("templates/layout.mustache")
        try session.write("themes/default/templates/layout.mustache", layout.replacingOccurrences(of: "<body>", with: "<body class=\"live\">"))
        try session.expectMatchesCleanBuild()
        // The theme's words and its stylesheet.
        let strings = bundled("strings/fr.yml")
        try session.write("themes/default/strings/fr.yml", strings.replacingOccurrences(of: "nav_home: ", with: "nav_home: Portail · "))
        try session.expectMatchesCleanBuild()
        try session.write("themes/default/assets/site.css", "body { color: black; }\n")
        try session.expectMatchesCleanBuild()
        // The files for machines are templates too: robots.txt alone is written again.
        _ = session.events.takeChanged()
        try session.write("themes/default/templates/robots.txt.mustache", bundled("templates/robots.txt.mustache") + "Disallow: /tutees/\n")
        #expect(session.events.takeChanged() == ["robots.txt"])
        try session.expectMatchesCleanBuild()
        // Back to the bundled template.
        try session.delete("themes/default/templates/tutee.mustache")
        try session.expectMatchesCleanBuild()
    }

    /// A template or the theme's words cannot be one of its assets: saving one
    /// must not send every stylesheet and script through the output again.
    @Test func themeEditsSayWhetherAnAssetMayHaveChanged() throws {
        let site = SiteBuilderTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let reader = ContentReader(site: site)
        for (path, asset) in [("templates/tutee.mustache", false), ("templates/partials/row.mustache", false), ("strings/fr.yml", false),
                              ("assets/site.css", true), ("theme.yml", true)] {
            let change = reader.read([site + "/themes/default/" + path])
            #expect(change.themeFiles, "\(path)")
            #expect(change.themeAssetFiles == asset, "\(path)")
        }
        #expect(reader.read([site + "/content/tutees/lina.md"]).themeAssetFiles == false)
        #expect(reader.read(nil).themeAssetFiles)
    }

    @Test func filesAddedAndDeleted() throws {
        let session = try start()
        defer { cleanUp(session) }
        let lina = try String(contentsOfFile: session.site + "/content/tutees/lina-morel.md", encoding: .utf8)
        try session.write("content/tutees/zoe-martin.md", lina.replacingOccurrences(of: "name: Lina Morel", with: "name: Zoé Martin"))
        #expect(FileManager.default.fileExists(atPath: session.output + "/tutees/zoe-martin/index.html"))
        try session.expectMatchesCleanBuild()
        try session.delete("content/tutees/zoe-martin.md")
        #expect(!FileManager.default.fileExists(atPath: session.output + "/tutees/zoe-martin"))
        try session.expectMatchesCleanBuild()
        // A tutor without tutees, a page in the menu, an asset.
        try session.write("content/tutors/anne-roy.md", "---\nname: Anne Roy\ntrained: 2025-01-10\n---\nInfirmière.\n")
        try session.expectMatchesCleanBuild()
        try session.write("content/pages/faq.md", "---\ntitle: Questions\nmenu: true\n---\nVoir la [charte](/charter/).\n")
        try session.expectMatchesCleanBuild()
        try session.write("content/assets/documents/note.txt", "Une note.\n")
        try session.expectMatchesCleanBuild()
        try session.delete("content/pages/faq.md")
        try session.delete("content/assets/documents/note.txt")
        try session.delete("content/tutors/anne-roy.md")
        try session.expectMatchesCleanBuild()
    }

    @Test func siteSettingsChangeEverything() throws {
        let session = try start()
        defer { cleanUp(session) }
        try session.edit("content/site.yml") { $0.replacingOccurrences(of: "title: Tutorat des Cèdres", with: "title: Le portail") }
        try session.expectMatchesCleanBuild()
        try session.edit("content/site.yml") { $0.replacingOccurrences(of: "language: fr", with: "language: en") }
        try session.expectMatchesCleanBuild()
        try session.edit("content/site.yml") { $0 + "base_url: https://intranet.example/tutorat/\n" }
        try session.expectMatchesCleanBuild()
    }

    /// A tutee whose file passes its retention date is taken out as a clean
    /// build leaves it out, on the quick path too, and comes back when kept longer.
    @Test func retentionLeavesATuteeOutLikeACleanBuild() throws {
        let session = try start()
        defer { cleanUp(session) }
        try session.edit("content/tutees/lina-morel.md") { $0.replacingOccurrences(of: "status: active\n", with: "status: active\nretain_until: 2026-11-01\n") }
        #expect(!FileManager.default.fileExists(atPath: session.output + "/tutees/lina-morel"))
        #expect(session.events.lastReport?.diagnostics.contains { $0.code == "W-RETENTION" } == true)
        try session.expectMatchesCleanBuild()
        try session.edit("content/tutees/lina-morel.md") { $0.replacingOccurrences(of: "retain_until: 2026-11-01", with: "retain_until: 2027-11-01") }
        #expect(FileManager.default.fileExists(atPath: session.output + "/tutees/lina-morel/index.html"))
        try session.expectMatchesCleanBuild()
        // The site's period: ended tutees fall out together.
        try session.edit("content/site.yml") { $0 + "retention_months: 0\n" }
        #expect(!FileManager.default.fileExists(atPath: session.output + "/tutees/chloe-brunet"))
        try session.expectMatchesCleanBuild()
    }

    @Test func errorsKeepTheLastGoodOutputUntilFixed() throws {
        let session = try start()
        defer { cleanUp(session) }
        let page = session.output + "/tutees/lina-morel/index.html"
        let before = FileManager.default.contents(atPath: page)
        try session.edit("content/tutees/lina-morel.md") {
            $0.replacingOccurrences(of: "tutor: odile-ferrand", with: "tutor: odile-ferand")
                .replacingOccurrences(of: "Première semaine terminée.", with: "Première semaine.")
        }
        let report = try #require(session.events.lastReport)
        #expect(!report.succeeded)
        #expect(report.errors.map(\.description).contains { $0.contains("content/tutees/lina-morel.md:4:8: error: unknown tutor 'odile-ferand'") })
        #expect(FileManager.default.contents(atPath: page) == before, "the last good page stays")
        #expect(session.live.errors.count == 1)
        // Another edit while broken, then the fix: everything changed meanwhile is rendered.
        try session.edit("content/tutors/samir-aouad.md") { $0.replacingOccurrences(of: "name: Samir Aouad", with: "name: Samir Aouad-Roy") }
        #expect(session.events.lastReport?.succeeded == false)
        try session.edit("content/tutees/lina-morel.md") { $0.replacingOccurrences(of: "tutor: odile-ferand", with: "tutor: odile-ferrand") }
        #expect(session.events.lastReport?.succeeded == true)
        #expect(session.live.errors.isEmpty)
        try session.expectMatchesCleanBuild()
        // A broken template, then fixed.
        try session.write("themes/default/templates/tutor.mustache", "<p>\n{{#name}}unclosed\n")
        #expect(session.events.lastReport?.errors.first?.location?.file == "themes/default/templates/tutor.mustache")
        try session.delete("themes/default/templates/tutor.mustache")
        try session.expectMatchesCleanBuild()
    }

    /// Every document of the fixture, edited in turn: its title or name,
    /// then its privacy. Each time the output equals a clean build.
    @Test func everyDocumentEditedInTurn() throws {
        let session = try start()
        defer { cleanUp(session) }
        let content = session.site + "/content"
        var files = ["content/charter.md"]
        for folder in ["programmes", "roles", "frameworks", "tutors", "tutees", "pages"] {
            files += try FileManager.default.contentsOfDirectory(atPath: content + "/" + folder).sorted().map { "content/\(folder)/\($0)" }
        }
        #expect(files.count == 1 + ["programmes", "roles", "frameworks", "tutors", "tutees", "pages"].map { CareHome.ids($0).count }.reduce(0, +))
        for file in files {
            try session.edit(file) { text in
                for field in ["title: ", "name: "] where text.contains("\n\(field)") {
                    return text.replacingOccurrences(of: "\n\(field)", with: "\n\(field)Édité ")
                }
                return text.hasPrefix("---\n") ? "---\nprivate: false\n" + text.dropFirst(4) : text + "private: true\n"
            }
            try session.expectMatchesCleanBuild()
        }
        // Privacy turned the other way: a public tutee, a private tutor and role.
        try session.edit("content/tutees/theo-vasseur.md") { "---\nprivate: false\n" + $0.dropFirst(4) }
        try session.expectMatchesCleanBuild()
        try session.edit("content/tutors/agnes-colin.md") { "---\nprivate: true\n" + $0.dropFirst(4) }
        try session.expectMatchesCleanBuild()
        try session.edit("content/roles/cadre-de-sante.md") { "---\nprivate: true\n" + $0.dropFirst(4) }
        try session.expectMatchesCleanBuild()
    }

    @Test func reportsWhatCheckReportsOnABrokenSite() throws {
        let fixture = Self.repository + "/Tests/Fixtures/sites/thirty-mistakes"
        let events = Events()
        let output = SiteBuilderTests.temporaryFolder() + "/out"
        let options = BuildOptions(site: fixture, fallbackAsOf: Self.asOf, generator: "tutorat test")
        let live = LiveBuild(options: options, output: output, events: { events.record($0) })
        defer { live.stop(); try? FileManager.default.removeItem(atPath: output) }
        let report = try live.start(site: fixture, force: false)
        #expect(!report.succeeded)
        #expect(report.diagnostics.sorted().map(\.description) == SiteChecker.check(options).map(\.description))
        #expect(!live.hasSite)
    }

    @Test func includesAreFollowedAcrossPartials() {
        let texts = ["layout": "<html>{{$main}}{{/main}}</html>", "tutee": "{{<layout}}{{$main}}{{> duo-row}}{{/main}}{{/layout}}",
                     "duo-row": "<tr>{{name}}</tr>", "home": "{{<layout}}{{/layout}}", "charter": "<p>{{ > toc }}{{{raw}}}</p>", "toc": "{{&name}}{{#items}}{{.}}{{/items}}",
                     "tutor": "{{\t>\tduo-table\t}}"]
        #expect(DependencyGraph.templatesUsing(["duo-row"], texts: texts) == ["duo-row", "tutee"])
        #expect(DependencyGraph.templatesUsing(["layout"], texts: texts) == ["layout", "tutee", "home"])
        #expect(DependencyGraph.templatesUsing(["toc"], texts: texts) == ["toc", "charter"])
        #expect(DependencyGraph.templatesUsing(["toc"], texts: texts.merging(["x": "{{=<% %>=}}"]) { $1 }) == nil)
        #expect(DependencyGraph.templatesUsing(["duo-table"], texts: texts) == ["duo-table", "tutor"])
        #expect(DependencyGraph.templatesUsing(["toc"], texts: texts.merging(["x": "{{> *dynamic}}"]) { $1 }) == nil)
        #expect(DependencyGraph.references(in: "{{> café }} {{> unclosed") == ["café"])
    }
}
