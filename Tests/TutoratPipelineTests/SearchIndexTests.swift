import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratPublish
import TutoratViews

/// The search index holds public pages only, and never a tutee's name.
@Suite(.serialized) struct SearchIndexTests {
    static let site = CareHome.site

    func options(site: String = SearchIndexTests.site, output: String = "/nonexistent") -> BuildOptions {
        BuildOptions(site: site, output: output, force: false, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
    }

    func views(site: String = SearchIndexTests.site) throws -> SiteViews {
        let (views, _, diagnostics) = SiteBuilder.prepare(options(site: site))
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(views)
    }

    /// The `name:` of every file in content/tutees/ of a site.
    func tuteeNames(site: String) -> [String] {
        let folder = site + "/content/tutees"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        return files.compactMap { file in
            let text = (try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").first { $0.hasPrefix("name:") }
                .map { $0.dropFirst("name:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
        }
    }

    func everything(_ entries: [SearchIndex.Entry]) -> String {
        entries.map { [$0.title, $0.url, $0.kind, $0.excerpt, $0.text].joined(separator: "\n") }.joined(separator: "\n")
    }

    /// Every page of the fixture that is not private: the charter, and one page
    /// per programme, role sheet, framework, tutor and free page (all public there).
    static var publicPages: [String] {
        ["charter/index.html"] + ["programmes", "roles", "frameworks", "tutors"].flatMap { folder in
            CareHome.ids(folder).map { "\(folder)/\($0)/index.html" }
        } + CareHome.ids("pages").map { "\($0)/index.html" }
    }

    @Test func indexesTheFixturesPublicPagesOnly() throws {
        let views = try views()
        let entries = SearchIndex.entries(views)
        let urls = Set(entries.map(\.url))
        #expect(Self.publicPages.count > 10)
        #expect(urls == Set(Self.publicPages))
        #expect(entries.count == Self.publicPages.count)
        for route in views.routes {
            let url = route.path + "index.html"
            if views.isPrivate(route) { #expect(!urls.contains(url), "the private page \(url) is in the search index") }
        }
        #expect(!urls.contains { $0.hasPrefix("tutees/") || $0.hasPrefix("dashboard/") || $0.hasPrefix("search/") })
        #expect(entries.allSatisfy { !$0.title.isEmpty && !$0.kind.isEmpty && !$0.text.isEmpty })
    }

    @Test func namesNoTuteeOfTheFixture() throws {
        let names = tuteeNames(site: Self.site)
        #expect(names.count == CareHome.ids("tutees").count)
        #expect(names.contains("Théo Vasseur"))
        let text = everything(SearchIndex.entries(try views()))
        for name in names {
            #expect(!text.contains(name), "the search index names \(name)")
            #expect(!text.contains(SearchIndex.fold(name)), "the search index names \(name) (folded)")
        }
    }

    @Test func leavesOutPrivatePagesAndTuteeNamesWrittenInPublicText() throws {
        let site = try CareHome.copy()
        let tutor = site + "/content/tutors/agnes-colin.md"
        let text = try String(contentsOfFile: tutor, encoding: .utf8)
        try (text + "\nAgnès accompagne aussi Théo Vasseur et Lina Morel, qui a rejoint l’équipe.\n")
            .write(toFile: tutor, atomically: true, encoding: .utf8)
        let page = site + "/content/pages/contacts.md"
        let contacts = try String(contentsOfFile: page, encoding: .utf8)
        #expect(contacts.hasPrefix("---\n"))
        try ("---\nprivate: true\n" + contacts.dropFirst(4)).write(toFile: page, atomically: true, encoding: .utf8)

        let entries = SearchIndex.entries(try views(site: site))
        #expect(!entries.contains { $0.url == "contacts/index.html" }, "a private free page is in the index")
        let agnes = try #require(entries.first { $0.url == "tutors/agnes-colin/index.html" })
        #expect(agnes.text.contains("qui a rejoint l equipe"))
        for name in ["Théo Vasseur", "Lina Morel"] {
            #expect(!everything(entries).contains(name))
            #expect(!agnes.text.contains(SearchIndex.fold(name)))
        }
    }

    @Test func withABaseURLAddressesArePrettyAndFromTheRoot() throws {
        let site = try CareHome.copy()
        let config = site + "/content/site.yml"
        try (try String(contentsOfFile: config, encoding: .utf8) + "\nbase_url: https://intranet.example/tutorat/\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let views = try views(site: site)
        #expect(SearchIndex.entries(views).map(\.url).prefix(2) == ["charter/", "programmes/\(CareHome.ids("programmes")[0])/"])
        guard case .search(let search) = views.page(.search).content else { Issue.record("not the search page"); return }
        #expect(search.rootHref == "https://intranet.example/tutorat/")
        #expect(search.indexHref == "https://intranet.example/tutorat/search/search-index.js")
    }

    @Test func foldsAccentsCaseLigaturesAndPunctuation() {
        #expect(SearchIndex.fold("L’Équipe soignante") == "l equipe soignante")
        #expect(SearchIndex.fold("  Cœur, ÂME et  être — 2026 ! ") == "coeur ame et etre 2026")
        #expect(SearchIndex.fold("aide-soignant(e)") == "aide soignant e")
        #expect(SearchIndex.fold("Inès") == "ines")
    }

    @Test func theScriptSetsAGlobalAndIsTheSameOnEveryBuild() throws {
        let views = try views()
        let script = SearchIndex.javascript(views)
        #expect(script.contains("window.TUTORAT_SEARCH_INDEX = [{"))
        #expect(script.hasSuffix("];\n"))
        #expect(script == SearchIndex.javascript(try self.views()))
        // "L’équipe & ses repères" in the fixture is written \u0026: no markup character in the data.
        #expect(CareHome.text("pages/mode-emploi.md").contains("L’équipe & ses repères"))
        let data = script.split(separator: "\n").dropFirst().joined()
        #expect(!data.contains("<") && !data.contains(">") && !data.contains("&"))
    }

    @Test func theBuildWritesTheSearchPageAndItsIndex() throws {
        let output = SiteBuilderTests.temporaryFolder() + "/public"
        let report = try SiteBuilder.build(options(output: output))
        #expect(report.succeeded)
        let page = (try? String(contentsOfFile: output + "/search/index.html", encoding: .utf8)) ?? ""
        #expect(page.contains("<script src=\"../search/search-index.js\"></script>"))
        #expect(page.contains("<script src=\"../theme/search.js\"></script>"))
        #expect(page.contains("<noscript>"))
        #expect(FileManager.default.fileExists(atPath: output + "/search/search-index.js"))
        #expect(FileManager.default.fileExists(atPath: output + "/theme/search.js"))
        // Every other page has the header's search form, and loads no script.
        let charter = (try? String(contentsOfFile: output + "/charter/index.html", encoding: .utf8)) ?? ""
        #expect(charter.contains("<form class=\"site-search\" role=\"search\" action=\"../search/index.html\">"))
        #expect(!charter.contains("<script"))
    }
}
