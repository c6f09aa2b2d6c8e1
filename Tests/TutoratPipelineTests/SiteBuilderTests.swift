import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratPublish

/// End to end: whole sites built into temporary folders, asserting on the files produced.
@Suite(.serialized) struct SiteBuilderTests {
    static let repository: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/")
    }()

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "tutorat-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func options(site: String = CareHome.site, output: String, force: Bool = false) -> BuildOptions {
        BuildOptions(site: site, output: output, force: force, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
    }

    func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    func files(under root: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)!
        return (enumerator.allObjects as! [String]).filter {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    /// Every href and src value in an HTML text.
    func links(in html: String) -> [String] {
        var found: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let range = rest.range(of: attribute) {
                let tail = rest[range.upperBound...]
                guard let end = tail.firstIndex(of: "\"") else { break }
                found.append(String(tail[..<end]))
                rest = tail[end...]
            }
        }
        return found
    }

    /// What `make site` relies on: the bundled example builds with no error and
    /// no warning but the one about unencrypted private pages. Its figures are its own.
    @Test func theBundledExampleBuildsWithoutErrorOrWarning() throws {
        let output = Self.temporaryFolder() + "/public"
        defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
        let report = try SiteBuilder.build(options(site: Self.repository, output: output))
        #expect(report.succeeded)
        #expect(report.diagnostics.filter { $0.code != "W-UNENCRYPTED" }.map(\.description) == [])
        #expect(report.pages > 0 && FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    @Test func theFixtureBuildsEveryPageOfTheContract() throws {
        let output = Self.temporaryFolder() + "/public"
        let report = try SiteBuilder.build(options(output: output))
        #expect(report.succeeded, "\(report.diagnostics)")
        let written = Set(files(under: output))
        var expected = ["index.html", "charter/index.html", "programmes/index.html", "roles/index.html", "frameworks/index.html",
                        "tutors/index.html", "tutees/index.html", "dashboard/index.html", "search/index.html",
                        "404.html", "sitemap.xml", "robots.txt", "site.json", "theme/site.css",
                        "assets/documents/trame-entretien.txt", SiteBuilder.marker]
        // One page for every file of the fixture, in the folder of its kind.
        for folder in ["programmes", "roles", "frameworks", "tutors", "tutees"] {
            let ids = CareHome.ids(folder)
            #expect(!ids.isEmpty, "the fixture has \(folder)")
            expected += ids.map { "\(folder)/\($0)/index.html" }
        }
        expected += CareHome.ids("pages").map { "\($0)/index.html" }
        for path in expected {
            #expect(written.contains(path), "missing \(path)")
        }
        #expect(read(output + "/charter/index.html").contains("<title>\(CareHome.field("title", of: "charter.md")!)"))
        #expect(read(output + "/index.html").contains("<html lang=\"fr\""))
        #expect(report.pages == written.filter { $0.hasSuffix(".html") }.count)
        #expect(report.written == written.count - 1, "every file but the marker")
    }

    @Test func everyInternalLinkLeadsToAFileThatExists() throws {
        let output = Self.temporaryFolder() + "/public"
        _ = try SiteBuilder.build(options(output: output))
        var checked = 0
        for page in files(under: output) where page.hasSuffix(".html") {
            let folder = (output + "/" + page as NSString).deletingLastPathComponent
            for link in links(in: read(output + "/" + page)) {
                if link.hasPrefix("http:") || link.hasPrefix("https:") || link.hasPrefix("mailto:") || link.hasPrefix("#") { continue }
                let path = String(link.split(separator: "#", omittingEmptySubsequences: false)[0])
                #expect(!path.isEmpty, "empty link in \(page)")
                let target = (folder + "/" + path as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: target), "\(page) links to \(link), which does not exist")
                #expect(target.hasPrefix(output), "\(page) links outside the site: \(link)")
                checked += 1
            }
        }
        // Every page links to the menu, its lists and more: a crawl that checks few links proves little.
        #expect(checked > 10 * files(under: output).filter { $0.hasSuffix(".html") }.count, "\(checked) links checked")
    }

    @Test func privatePagesAreNoindexAndOutOfTheSitemap() throws {
        let output = Self.temporaryFolder() + "/public"
        _ = try SiteBuilder.build(options(output: output))
        let sitemap = read(output + "/sitemap.xml")
        #expect(sitemap.contains("<loc>charter/</loc>"))
        #expect(sitemap.contains("<loc>roles/tuteur/</loc>"))
        #expect(sitemap.contains("<loc>tutors/odile-ferrand/</loc>"))
        #expect(!sitemap.contains("tutees"))
        #expect(!sitemap.contains("dashboard"))
        let tutees = CareHome.ids("tutees")
        #expect(!tutees.isEmpty)
        for tutee in tutees {
            #expect(read(output + "/tutees/\(tutee)/index.html").contains("<meta name=\"robots\" content=\"noindex\">"), "\(tutee)")
        }
        #expect(!read(output + "/charter/index.html").contains("noindex"))
        // A tutee's name never appears on a public page: not on Lina's programme's page, nor on her tutor's.
        #expect(read(output + "/tutees/lina-morel/index.html").contains("Lina Morel"))
        for page in ["index.html", "programmes/apprentissage/index.html", "tutors/odile-ferrand/index.html"] {
            #expect(!read(output + "/" + page).contains("Lina"), "\(page) names a private tutee")
        }
    }

    @Test func buildsAreByteIdentical() throws {
        let folder = Self.temporaryFolder()
        _ = try SiteBuilder.build(options(output: folder + "/a"))
        _ = try SiteBuilder.build(options(output: folder + "/b"))
        let a = files(under: folder + "/a")
        #expect(a.contains("index.html"), "the build wrote no site")
        #expect(a == files(under: folder + "/b"))
        for file in a {
            #expect(FileManager.default.contents(atPath: folder + "/a/" + file) == FileManager.default.contents(atPath: folder + "/b/" + file),
                    "\(file) differs between two builds")
        }
    }

    /// Copies the fixture to a scratch site that a test may break.
    func scratchSite() throws -> String { try CareHome.copy() }

    @Test func failedBuildKeepsThePreviousOutputAndWritesNothing() throws {
        let site = try scratchSite()
        let output = site + "/public"
        #expect(try SiteBuilder.build(options(site: site, output: output)).succeeded)
        let before = files(under: output)
        let index = read(output + "/index.html")

        let tutee = site + "/content/tutees/lina-morel.md"
        try read(tutee).replacingOccurrences(of: "tutor: odile-ferrand", with: "tutor: odile-ferand").write(toFile: tutee, atomically: true, encoding: .utf8)
        let report = try SiteBuilder.build(options(site: site, output: output))
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains { $0.description.hasPrefix("content/tutees/lina-morel.md:") && $0.message.contains("did you mean 'odile-ferrand'") })
        #expect(files(under: output) == before)
        #expect(read(output + "/index.html") == index)
        #expect(!FileManager.default.fileExists(atPath: SiteBuilder.stagingPath(for: output)))
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let site = try scratchSite()
        let output = site + "/mine"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try "keep me".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(options(site: site, output: output)) }
        #expect(read(output + "/notes.txt") == "keep me")
        #expect(try SiteBuilder.build(options(site: site, output: output, force: true)).succeeded)
        #expect(!FileManager.default.fileExists(atPath: output + "/notes.txt"))
    }

    @Test func refusesToWriteOverTheSiteItself() throws {
        let site = try scratchSite()
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(options(site: site, output: site, force: true)) }
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(options(site: site, output: site + "/content", force: true)) }
        #expect(FileManager.default.fileExists(atPath: site + "/content/site.yml"))
    }

    @Test func aSiteCanOverrideOneTemplate() throws {
        let site = try scratchSite()
        try FileManager.default.createDirectory(atPath: site + "/themes/default/templates", withIntermediateDirectories: true)
        try "<!doctype html><title>{{title}}</title><p>Sur mesure: {{name}}</p>".write(
            toFile: site + "/themes/default/templates/tutor.mustache", atomically: true, encoding: .utf8)
        let output = site + "/public"
        #expect(try SiteBuilder.build(options(site: site, output: output)).succeeded)
        #expect(read(output + "/tutors/odile-ferrand/index.html").contains("<p>Sur mesure: Odile Ferrand</p>"))
        #expect(read(output + "/charter/index.html").contains("<main"), "other pages keep the bundled templates")
    }

    @Test func englishSiteUsesEnglishWordsAndDates() throws {
        let site = try scratchSite()
        let config = site + "/content/site.yml"
        try read(config).replacingOccurrences(of: "language: fr", with: "language: en").write(toFile: config, atomically: true, encoding: .utf8)
        let output = site + "/public"
        #expect(try SiteBuilder.build(options(site: site, output: output)).succeeded)
        // Lina's start, 2026-10-05, as each language writes it.
        #expect(CareHome.field("start", of: "tutees/lina-morel.md") == "2026-10-05")
        let tutee = read(output + "/tutees/lina-morel/index.html")
        #expect(tutee.contains("<html lang=\"en\""))
        #expect(tutee.contains("<time datetime=\"2026-10-05\">5 October 2026</time>"))
        #expect(!tutee.contains(">5 octobre 2026</time>"))
    }

    @Test func templateSyntaxErrorPointsAtTheTemplate() throws {
        let site = try scratchSite()
        try FileManager.default.createDirectory(atPath: site + "/themes/default/templates", withIntermediateDirectories: true)
        try "<p>\n{{#name}}unclosed\n".write(toFile: site + "/themes/default/templates/tutor.mustache", atomically: true, encoding: .utf8)
        let report = try SiteBuilder.build(options(site: site, output: site + "/public"))
        #expect(!report.succeeded)
        #expect(report.diagnostics.first?.location?.file == "themes/default/templates/tutor.mustache")
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }

    @Test func badFileNamesAndYAMLAreReportedWithPositions() throws {
        let site = try scratchSite()
        try "---\nname: X\n".write(toFile: site + "/content/tutors/Marie Curie.md", atomically: true, encoding: .utf8)
        try "---\nname: Y\nfunction: [oops\n---\n".write(toFile: site + "/content/tutors/broken.md", atomically: true, encoding: .utf8)
        let diagnostics = SiteChecker.check(options(site: site, output: site + "/public"))
        let lines = diagnostics.map(\.description)
        #expect(lines.contains { $0.hasPrefix("content/tutors/Marie Curie.md:1:1: error: the file name 'Marie Curie' is not a valid id") })
        #expect(lines.contains { $0.hasPrefix("content/tutors/broken.md:") && $0.contains("error: invalid YAML") })
    }
}
