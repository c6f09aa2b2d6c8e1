import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratChecks
@testable import TutoratLive
@testable import TutoratLoad
@testable import TutoratPublish
@testable import TutoratScaffold
import TutoratViews

/// The search index holds public pages only, and never a tutee's name.
@Suite(.serialized) struct SearchIndexTests {
    static let repository = SiteBuilderTests.repository

    func options(site: String = SearchIndexTests.repository, output: String = "/nonexistent") -> BuildOptions {
        BuildOptions(site: site, output: output, force: false, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
    }

    func views(site: String = SearchIndexTests.repository) throws -> SiteViews {
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

    @Test func indexesTheBundledPublicPagesOnly() throws {
        let views = try views()
        let entries = SearchIndex.entries(views)
        let urls = Set(entries.map(\.url))
        // charter, 3 programmes, 5 role sheets, 2 frameworks, 4 tutors, 2 free pages
        #expect(entries.count == 17)
        #expect(urls.contains("charter/index.html"))
        #expect(urls.contains("roles/tuteur/index.html"))
        #expect(urls.contains("a-propos/index.html"))
        for route in views.routes {
            let url = route.path + "index.html"
            if views.isPrivate(route) { #expect(!urls.contains(url), "the private page \(url) is in the search index") }
        }
        #expect(!urls.contains { $0.hasPrefix("tutees/") || $0.hasPrefix("dashboard/") || $0.hasPrefix("search/") })
        #expect(entries.allSatisfy { !$0.title.isEmpty && !$0.kind.isEmpty && !$0.text.isEmpty })
    }

    @Test func namesNoTuteeOfTheBundledContent() throws {
        let names = tuteeNames(site: Self.repository)
        #expect(names.count == 10)
        #expect(names.contains("Inès Garnier"))
        let text = everything(SearchIndex.entries(try views()))
        for name in names {
            #expect(!text.contains(name), "the search index names \(name)")
            #expect(!text.contains(SearchIndex.fold(name)), "the search index names \(name) (folded)")
        }
    }

    @Test func leavesOutPrivatePagesAndTuteeNamesWrittenInPublicText() throws {
        let site = SiteBuilderTests.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.repository + "/content", toPath: site + "/content")
        let tutor = site + "/content/tutors/paul-leroy.md"
        let text = try String(contentsOfFile: tutor, encoding: .utf8)
        try (text + "\nPaul accompagne aussi Inès Garnier et Camille Roux, qui a rejoint l’équipe.\n")
            .write(toFile: tutor, atomically: true, encoding: .utf8)
        let page = site + "/content/pages/contacts.md"
        let contacts = try String(contentsOfFile: page, encoding: .utf8)
        #expect(contacts.hasPrefix("---\n"))
        try ("---\nprivate: true\n" + contacts.dropFirst(4)).write(toFile: page, atomically: true, encoding: .utf8)

        let entries = SearchIndex.entries(try views(site: site))
        #expect(!entries.contains { $0.url == "contacts/index.html" }, "a private free page is in the index")
        let paul = try #require(entries.first { $0.url == "tutors/paul-leroy/index.html" })
        #expect(paul.text.contains("qui a rejoint l equipe"))
        for name in ["Inès Garnier", "Camille Roux"] {
            #expect(!everything(entries).contains(name))
            #expect(!paul.text.contains(SearchIndex.fold(name)))
        }
    }

    @Test func withABaseURLAddressesArePrettyAndFromTheRoot() throws {
        let site = SiteBuilderTests.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.repository + "/content", toPath: site + "/content")
        let config = site + "/content/site.yml"
        try (try String(contentsOfFile: config, encoding: .utf8) + "\nbase_url: https://intranet.example/tutorat/\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let views = try views(site: site)
        #expect(SearchIndex.entries(views).map(\.url).prefix(2) == ["charter/", "programmes/accueil-nouveaux-salaries/"])
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
        // "L’équipe & ses tuteurs" in the content is written \u0026: no markup character in the data.
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
