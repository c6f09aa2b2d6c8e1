import TutoratLanguage
import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratViews

@Suite struct SearchViewTests {
    func views() -> SiteViews {
        var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: Portail\norganisation: Org\n".utf8), path: "content/site.yml").value!)
        set.charter = DocumentDecoder.charter(Array("---\ntitle: Charte\n---\nTexte\n".utf8), path: "content/charter.md").value
        let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!
        return SiteViews(site: site, strings: Strings(["search_title": "Recherche", "nav_charter": "Charte"]), generator: "tutorat test")
    }

    @Test func theSearchPageIsPublicAndEveryOtherPageLinksToIt() {
        let views = views()
        #expect(views.routes.contains(.search))
        #expect(!views.isPrivate(.search))
        #expect(Route.search.outputFile == "search/index.html")
        #expect(Route.templates.contains("search"))
        #expect(views.page(.charter).searchHref == "../search/index.html")
        #expect(views.page(.home).searchHref == "search/index.html")
        #expect(views.page(.notFound).searchHref == "search/index.html")
        #expect(views.page(.search).searchHref == nil, "the search page has its own form")
    }

    @Test func theSearchPageNamesItsScriptsAndTheListsToBrowseWithoutThem() {
        let page = views().page(.search)
        #expect(page.title == "Recherche")
        guard case .search(let search) = page.content else { Issue.record("not the search page"); return }
        #expect(search.indexHref == "../search/search-index.js")
        #expect(search.scriptHref == "../theme/search.js")
        #expect(search.rootHref == "../")
        #expect(search.lists.first == LinkView(label: "Charte", href: "../charter/index.html"))
        #expect(search.lists.map(\.href).allSatisfy { !$0.contains("tutees") && !$0.contains("dashboard") })
    }
}
