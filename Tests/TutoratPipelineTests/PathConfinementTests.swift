import Foundation
import Testing
import TutoratTestSupport
import TutoratCore
@testable import TutoratBuild
@testable import TutoratLive
@testable import TutoratPublish
@testable import TutoratScaffold

/// Paths are judged by their real path: a symbolic link anywhere under
/// `content/` or `themes/` (a folder on the way as much as the file itself)
/// is never followed, the keys file is never published whatever leads to it,
/// and the output guard compares real paths. Each scenario was reproduced on
/// the build before this one (hardening issue, point 1 and 3).
@Suite struct PathConfinementTests {
    static let fixture = SiteBuilderTests.repository + "/Tests/Fixtures/sites/minimal"
    static let secret = "OUTSIDE-THE-SITE-7f3a"

    /// A copy of the minimal site in `<scratch>/site`, and `<scratch>/outside` with files that must never be published.
    struct Scratch {
        var root: String
        var site: String { root + "/site" }
        var outside: String { root + "/outside" }
        var keys: String { site + "/tutorat-keys.yml" }

        init() throws {
            root = SiteBuilderTests.temporaryFolder()
            try FileManager.default.copyItem(atPath: PathConfinementTests.fixture, toPath: root + "/site")
            try FileManager.default.createDirectory(atPath: root + "/outside/folder", withIntermediateDirectories: true)
            let secret = PathConfinementTests.secret
            for (name, text) in [("secret.md", "---\ntitle: \(secret)\n---\n\(secret)\n"), ("secret.css", "/* \(secret) */\n"),
                                 ("layout.mustache", "\(secret) {{title}}\n"), ("folder/page.md", "---\ntitle: \(secret)\n---\n\(secret)\n"),
                                 ("folder/site.css", "/* \(secret) */\n")] {
                try text.write(toFile: root + "/outside/" + name, atomically: false, encoding: .utf8)
            }
        }

        func link(_ relative: String, to target: String) throws {
            let path = site + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        }

        func options(output: String? = nil, keys: String? = nil, force: Bool = false) -> BuildOptions {
            BuildOptions(site: site, output: output ?? root + "/public", force: force, fallbackAsOf: Day(iso: "2026-11-24")!,
                         generator: "tutorat test", keys: keys)
        }

        /// Every output file's path and text.
        func published(_ output: String? = nil) -> [(path: String, text: String)] {
            let folder = output ?? root + "/public"
            return IncrementalBuildTests.files(under: folder).filter { !$0.hasSuffix("/") }.sorted().map {
                ($0, String(decoding: FileManager.default.contents(atPath: folder + "/" + $0) ?? Data(), as: UTF8.self))
            }
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Builds, and asserts that nothing from outside the site nor the keys file reached the output.
    func expectNothingLeaks(_ scratch: Scratch, keys: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildReport {
        let report = try SiteBuilder.build(scratch.options(keys: keys))
        let files = scratch.published()
        if report.succeeded { #expect(files.contains { $0.path == "index.html" }, sourceLocation: sourceLocation) }
        let leaks = files.filter { $0.text.contains(Self.secret) || $0.text.contains("site_secret") || $0.path.contains("tutorat-keys")
            || $0.path.hasPrefix("assets/content/") }.map(\.path)
        #expect(leaks.isEmpty, "published from outside the site: \(leaks)", sourceLocation: sourceLocation)
        return report
    }

    func warnings(_ report: BuildReport) -> [String] {
        report.diagnostics.filter { $0.code.hasSuffix("SYMLINK") }.map { $0.location?.file ?? "" }
    }

    @Test func assetsLinkedToTheSiteRootPublishNeitherKeysNorProgressFiles() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try "---\nname: Marie Dupont\nprogramme: p\ntutor: t\nstart: 2026-09-01\n---\n".write(
            toFile: scratch.site + "/content/marie.md", atomically: false, encoding: .utf8)
        _ = try KeysStore.generate(site: scratch.site, keys: scratch.keys)
        try scratch.link("content/assets", to: "..")
        let report = try expectNothingLeaks(scratch, keys: scratch.keys)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(warnings(report) == ["content/assets"])
        #expect(!FileManager.default.fileExists(atPath: scratch.root + "/public/assets"))
    }

    @Test func linkedContentFoldersAndFilesAreRefusedAtTheLink() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try FileManager.default.removeItem(atPath: scratch.site + "/content/pages")
        try scratch.link("content/pages", to: scratch.outside + "/folder")
        try scratch.link("content/tutors", to: scratch.outside + "/folder")
        let report = try expectNothingLeaks(scratch)
        #expect(warnings(report) == ["content/pages", "content/tutors"])
        #expect(report.succeeded)
    }

    @Test func aLinkedCharterIsAnErrorAndNothingIsWritten() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try FileManager.default.removeItem(atPath: scratch.site + "/content/charter.md")
        try scratch.link("content/charter.md", to: scratch.outside + "/secret.md")
        let report = try expectNothingLeaks(scratch)
        #expect(report.diagnostics.contains { $0.code == "E-SYMLINK" && $0.location?.file == "content/charter.md" && $0.severity == .error })
        #expect(!FileManager.default.fileExists(atPath: scratch.root + "/public"))
    }

    @Test func linkedThemeFilesAndFoldersAreNotUsed() throws {
        for (link, target) in [("themes/default/assets", "folder"), ("themes/default/templates/layout.mustache", "layout.mustache"),
                               ("themes/default/assets/site.css", "secret.css"), ("themes", "")] {
            let scratch = try Scratch()
            defer { scratch.cleanUp() }
            if link == "themes" {
                try FileManager.default.createDirectory(atPath: scratch.outside + "/default/templates", withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: scratch.outside + "/layout.mustache", toPath: scratch.outside + "/default/templates/layout.mustache")
            }
            try scratch.link(link, to: scratch.outside + "/" + target)
            let report = try expectNothingLeaks(scratch)
            #expect(report.succeeded, "\(link): \(report.diagnostics)")
            #expect(warnings(report) == [link])
        }
    }

    @Test func theKeysFileIsNeverPublishedEvenThroughAHardLink() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        _ = try KeysStore.generate(site: scratch.site, keys: scratch.keys)
        try FileManager.default.createDirectory(atPath: scratch.site + "/content/assets", withIntermediateDirectories: true)
        try FileManager.default.linkItem(atPath: scratch.keys, toPath: scratch.site + "/content/assets/notes.yml")
        for keys in [scratch.keys, nil] {
            #expect(throws: BuildFailure.self) { try SiteBuilder.build(scratch.options(keys: keys)) }
            #expect(!FileManager.default.fileExists(atPath: scratch.root + "/public"))
        }
    }

    @Test func serveRefusesTheSameLinks() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        _ = try KeysStore.generate(site: scratch.site, keys: scratch.keys)
        try scratch.link("content/assets", to: "..")
        try scratch.link("themes/default/assets", to: scratch.outside + "/folder")
        let output = scratch.root + "/served"
        let events = IncrementalBuildTests.Events()
        let live = LiveBuild(options: scratch.options(), output: output, events: { events.record($0) })
        defer { live.stop() }
        let report = try live.start(site: scratch.site, force: false)
        #expect(live.waitUntilIdle(timeout: .seconds(60)))
        #expect(report.succeeded)
        let files = scratch.published(output)
        #expect(files.contains { $0.path == "index.html" })
        #expect(files.filter { $0.text.contains(Self.secret) || $0.text.contains("site_secret") }.isEmpty)
        #expect(events.lastReport?.diagnostics.sorted().map(\.description) == SiteChecker.check(scratch.options()).map(\.description))
        #expect(events.lastReport?.diagnostics.filter { $0.code == "W-SYMLINK" }.count == 2)
    }

    @Test func aLinkSavedWhileServingIsReportedAtOnce() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let events = IncrementalBuildTests.Events()
        let live = LiveBuild(options: scratch.options(), output: scratch.root + "/served", events: { events.record($0) })
        defer { live.stop() }
        #expect(try live.start(site: scratch.site, force: false).succeeded)
        #expect(live.waitUntilIdle(timeout: .seconds(60)))
        try scratch.link("content/pages/lien.md", to: scratch.outside + "/secret.md")
        live.changed([scratch.site + "/content/pages/lien.md"])
        #expect(live.waitUntilIdle(timeout: .seconds(60)))
        #expect(events.lastReport?.diagnostics.contains { $0.code == "W-SYMLINK" && $0.location?.file == "content/pages/lien.md" } == true)
        #expect(events.lastReport?.diagnostics.sorted().map(\.description) == SiteChecker.check(scratch.options()).map(\.description))
        #expect(scratch.published(scratch.root + "/served").allSatisfy { !$0.text.contains(Self.secret) })
    }

    // MARK: - The output guard

    @Test func anOutputReachedThroughALinkIsJudgedByItsRealPath() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let link = scratch.root + "/L"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.site)
        let before = IncrementalBuildTests.files(under: scratch.site)
        for output in [link + "/content", link + "/themes", link, link + "/content/pages", link + "/.."] {
            #expect(throws: BuildFailure.self, "\(output)") { try SiteBuilder.build(scratch.options(output: output, force: true)) }
        }
        #expect(IncrementalBuildTests.files(under: scratch.site) == before)
        #expect(FileManager.default.fileExists(atPath: scratch.site + "/content/charter.md"))
    }

    @Test func realPathsResolveEveryLinkOnTheWayEvenBelowAMissingName() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/L", withDestinationPath: scratch.site)
        #expect(Disk.absolute(scratch.root + "/L/content") == scratch.site + "/content")
        #expect(Disk.absolute(scratch.root + "/L/not-yet/public") == scratch.site + "/not-yet/public")
        #expect(Disk.absolute(scratch.root + "/L/../outside") == scratch.root + "/outside")
        #expect(Disk.firstLink(from: scratch.root, to: scratch.root + "/L/content/pages") == scratch.root + "/L")
        #expect(throws: Disk.Failure.self) { try Disk.read(scratch.root + "/L/content/site.yml") }
        #expect(try Disk.read(scratch.site + "/content/site.yml").count > 0)
        #expect(Disk.list(scratch.root + "/L/content").isEmpty)
        #expect(Disk.list(scratch.site + "/content") == ["charter.md", "pages", "site.yml"])
    }

    // MARK: - Random trees

    /// Random trees of folders, files and links (to outside files and folders,
    /// to the site and its parents, to the keys file, dangling, looping) in
    /// every place the loaders read: nothing from outside the site or of the
    /// keys file is ever published, no build hangs or crashes, and every link
    /// planted where content or a theme is read is reported.
    @Test(arguments: 0..<40) func randomTreesOfLinksNeverPublishWhatLiesOutside(seed: Int) throws {
        var random = SeededRandom(state: UInt64(seed) &* 7919)
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        _ = try KeysStore.generate(site: scratch.site, keys: scratch.keys)
        let places = ["content/assets", "content/assets/docs", "content/pages", "content/tutors", "content/tutees", "content/programmes",
                      "themes", "themes/default", "themes/default/assets", "themes/default/templates", "themes/default/strings"]
        let targets = [scratch.outside + "/folder", scratch.outside + "/secret.md", scratch.outside + "/secret.css",
                       scratch.outside + "/layout.mustache", "..", "../..", ".", "/", scratch.keys, scratch.site, scratch.root + "/nowhere"]
        var planted = 0
        for _ in 0..<Int.random(in: 3...12, using: &random) {
            let place = places.randomElement(using: &random)!
            // Never create anything through a link already planted: only inside real folders of the site.
            guard Disk.absolute(scratch.site + "/" + place) == scratch.site + "/" + place else { continue }
            let names = ["a.md", "b", "site.css", "page.mustache", "fr.yml", "x"]
            let path = place + "/" + names.randomElement(using: &random)!
            guard !FileManager.default.fileExists(atPath: scratch.site + "/" + path),
                  (try? FileManager.default.destinationOfSymbolicLink(atPath: scratch.site + "/" + path)) == nil else { continue }
            switch Int.random(in: 0..<4, using: &random) {
            case 0: try FileManager.default.createDirectory(atPath: scratch.site + "/" + path, withIntermediateDirectories: true)
            case 1:
                try FileManager.default.createDirectory(atPath: scratch.site + "/" + place, withIntermediateDirectories: true)
                try "---\ntitle: Fichier\n---\n".write(toFile: scratch.site + "/" + path, atomically: false, encoding: .utf8)
            default:
                try scratch.link(path, to: targets.randomElement(using: &random)!)
                planted += 1
            }
        }
        let report = try expectNothingLeaks(scratch, keys: scratch.keys)
        if planted > 0 { #expect(!warnings(report).isEmpty, "seed \(seed): \(planted) links, none reported") }
        #expect(try String(contentsOfFile: scratch.outside + "/secret.md", encoding: .utf8).contains(Self.secret))
    }
}

/// Writing follows the same rule as reading: `new`, `theme copy` and `init`
/// never write through a linked folder, so nothing lands outside the site.
@Suite struct ScaffoldConfinementTests {
    @Test func newAndThemeCopyRefuseLinkedFoldersAndWriteNothingOutside() throws {
        let scratch = try PathConfinementTests.Scratch()
        defer { scratch.cleanUp() }
        let elsewhere = scratch.outside + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: scratch.site + "/content/pages")
        try scratch.link("content/pages", to: elsewhere)
        try scratch.link("themes", to: elsewhere)
        #expect(throws: ScaffoldFailure.self) { try NewFile.create(.page, id: "nouvelle", site: scratch.site, today: Day(iso: "2026-11-24")!) }
        #expect(throws: ScaffoldFailure.self) { try ThemeCopy.copy(["templates/page.mustache"], site: scratch.site) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    }

    @Test func aWriteThroughALinkedFolderNeitherWritesNorEmptiesTheFileThere() throws {
        let scratch = try PathConfinementTests.Scratch()
        defer { scratch.cleanUp() }
        try scratch.link("L", to: scratch.outside)
        #expect(throws: Disk.Failure.self) { try Disk.write(Array("x".utf8), to: scratch.site + "/L/secret.md") }
        #expect(try String(contentsOfFile: scratch.outside + "/secret.md", encoding: .utf8).contains(PathConfinementTests.secret))
        #expect(throws: Disk.Failure.self) { try Disk.createDirectory(scratch.site + "/L/new/folder") }
        #expect(!FileManager.default.fileExists(atPath: scratch.outside + "/new"))
        try Disk.write(Array("x".utf8), to: scratch.site + "/inside.txt")
        #expect(try String(contentsOfFile: scratch.site + "/inside.txt", encoding: .utf8) == "x")
    }
}
