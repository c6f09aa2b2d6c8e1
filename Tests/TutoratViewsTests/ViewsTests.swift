import TutoratLanguage
import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratViews

@Suite struct DateTextTests {
    @Test func writesDatesInTheSiteLanguage() {
        let day = Day(iso: "2026-10-15")!
        #expect(DateText(day, language: .fr).text == "15 octobre 2026")
        #expect(DateText(day, language: .en).text == "15 October 2026")
        #expect(DateText(day, language: .fr).iso == "2026-10-15")
    }

    @Test func firstOfTheMonthInFrench() {
        #expect(DateText.long(Day(iso: "2026-08-01")!, language: .fr) == "1er août 2026")
        #expect(DateText.long(Day(iso: "2026-08-01")!, language: .en) == "1 August 2026")
    }
}

@Suite struct LinkerTests {
    @Test func relativeLinksNameIndexFilesSoTheSiteOpensFromDisk() {
        let link = Linker(baseURL: nil, from: "tutees/marie/")
        #expect(link.href(.charter) == "../../charter/index.html")
        #expect(link.href(.home) == "../../index.html")
        #expect(link.href("theme/site.css") == "../../theme/site.css")
        #expect(Linker(baseURL: nil, from: "").href(.tutee("marie")) == "tutees/marie/index.html")
        #expect(Linker(baseURL: nil, from: "404.html").href(.charter) == "charter/index.html")
    }

    @Test func baseURLGivesAbsolutePrettyURLs() {
        let link = Linker(baseURL: "https://intranet.example/tutorat", from: "roles/tuteur/")
        #expect(link.href(.charter) == "https://intranet.example/tutorat/charter/")
        #expect(link.href(.home) == "https://intranet.example/tutorat/")
    }

    @Test func rewritesSiteAbsoluteMarkdownLinksOnly() {
        let link = Linker(baseURL: nil, from: "roles/tuteur/")
        #expect(link.rewrite("/charter/#principes") == "../../charter/index.html#principes")
        #expect(link.rewrite("/assets/documents/grille.txt") == "../../assets/documents/grille.txt")
        #expect(link.rewrite("/") == "../../index.html")
        #expect(link.rewrite("https://example.org/x") == "https://example.org/x")
        #expect(link.rewrite("//cdn.example/x") == "//cdn.example/x")
        #expect(link.rewrite("#section") == "#section")
        #expect(link.rewrite("mailto:a@example.org") == "mailto:a@example.org")
    }
}

@Suite struct StringsTests {
    @Test func labelsFallBackToTheValue() {
        let strings = Strings(["status_active": "En cours", "greeting": "Bonjour {0}, {1}"])
        #expect(strings.label("status", "active") == "En cours")
        #expect(strings.label("status", "planned") == "planned")
        #expect(strings.format("greeting", "Marie", "bienvenue") == "Bonjour Marie, bienvenue")
    }
}

@Suite struct SiteViewsTests {
    func views(tuteePrivate: Bool = true) -> SiteViews {
        func md(_ yaml: String, _ body: String = "Texte\n") -> [UInt8] { Array("---\n\(yaml)---\n\(body)".utf8) }
        var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: Portail\norganisation: Org\n".utf8), path: "content/site.yml").value!)
        set.charter = DocumentDecoder.charter(md("title: Charte\n", "## Principes\n\nLe tuteur accompagne.\n\n## Engagements\n\n## Suivi\n\nVoir [le rôle](/roles/tuteur/).\n"),
                                              path: "content/charter.md").value
        set.programmes = [DocumentDecoder.programme(md("title: Accueil\nframework: soins\n"), id: "accueil", path: "content/programmes/accueil.md").value!]
        set.frameworks = [DocumentDecoder.framework(Array("title: Soins\nscale:\n  - {level: 0, label: Non abordé}\n  - {level: 4, label: Maîtrisé}\ncompetencies:\n  - {id: hygiene, title: Hygiène, target: 4}\n".utf8),
                                                    id: "soins", path: "content/frameworks/soins.yml").value!]
        set.tutors = [DocumentDecoder.tutor(md("name: Jeanne Martin\n"), id: "jeanne-martin", path: "content/tutors/jeanne-martin.md").value!]
        set.tutees = [DocumentDecoder.tutee(md("""
            name: Marie-Anne Dupont
            programme: accueil
            tutor: jeanne-martin
            start: 2026-09-01
            private: \(tuteePrivate)
            objectives:
              - {title: A, due: 2026-10-01, status: doing}
              - {title: B, due: 2026-12-01, status: todo}
              - {title: C, status: done}
            competencies:
              - id: hygiene
                assessments:
                  - {date: 2026-09-08, level: 0, by: tutor}
                  - {date: 2026-10-08, level: 4, by: tutor}
                  - {date: 2026-10-09, level: 0, by: tutee}
            sessions:
              - {date: 2026-09-02, minutes: 45}
              - {date: 2026-09-09, minutes: 80}

            """), id: "marie", path: "content/tutees/marie.md").value!]
        let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!
        return SiteViews(site: site, strings: Strings(["status_active": "En cours"]), generator: "tutorat test")
    }

    @Test func privateTuteesAppearAsInitialsWithoutLinkOnPublicPages() throws {
        let page = views().page(.tutor("jeanne-martin"))
        guard case .tutor(let tutor) = page.content else { Issue.record("not a tutor page"); return }
        #expect(!page.noindex)
        #expect(tutor.duos.map(\.tutee) == ["M.-A. D."])
        #expect(tutor.duos.first?.tuteeHref == nil)
        #expect(tutor.duos.first?.statusLabel == "En cours")
    }

    @Test func publicTuteesAreNamedAndLinked() {
        guard case .programme(let programme) = views(tuteePrivate: false).page(.programme("accueil")).content else { Issue.record("wrong page"); return }
        #expect(programme.duos.first?.tutee == "Marie-Anne Dupont")
        #expect(programme.duos.first?.tuteeHref == "../../tutees/marie/index.html")
    }

    @Test func privatePagesAreNoindexAndOutOfTheRoutesThatIndex() {
        let views = views()
        #expect(views.page(.tutee("marie")).noindex)
        #expect(views.isPrivate(.tutees))
        #expect(!views.isPrivate(.charter))
    }

    @Test func progressUsesTheLatestAssessmentNotBySelf() throws {
        guard case .tutee(let tutee) = views().page(.tutee("marie")).content else { Issue.record("wrong page"); return }
        let hygiene = try #require(tutee.competencies.first)
        #expect(hygiene.level == 4, "the tutee's own later self-assessment does not replace the tutor's")
        #expect(hygiene.levelLabel == "Maîtrisé")
        #expect(hygiene.reached)
        #expect(hygiene.levelPercent == 100)
        #expect(hygiene.assessments.count == 3)
        #expect(tutee.objectives.map(\.overdue) == [true, false, false])
        #expect((tutee.objectivesDone, tutee.objectivesTotal) == (1, 3))
        #expect(tutee.totalTime == "2 h 05")
        #expect(tutee.lastSession?.iso == "2026-09-09")
    }

    @Test func bodiesGetHeadingIdsTocAndRewrittenLinks() {
        guard case .charter(let charter) = views().page(.charter).content else { Issue.record("wrong page"); return }
        #expect(charter.body.toc.map(\.id) == ["principes", "engagements", "suivi"])
        #expect(charter.body.hasToc)
        #expect(charter.body.html.contains("href=\"../roles/tuteur/index.html\""))
    }

    @Test func menuMarksTheCurrentSectionAndBreadcrumbsLeadHome() {
        let page = views().page(.tutee("marie"))
        #expect(page.menu.filter(\.current).map(\.href) == ["../../tutees/index.html"])
        #expect(page.breadcrumbs.map(\.href) == ["../../index.html", "../../tutees/index.html"])
        #expect(page.documentTitle == "Marie-Anne Dupont · Portail")
    }

    @Test func initials() {
        #expect(SiteViews.initials(of: "Jean Dupont") == "J. D.")
        #expect(SiteViews.initials(of: "Marie-Anne de la Tour") == "M.-A. d. l. T.")
    }
}
