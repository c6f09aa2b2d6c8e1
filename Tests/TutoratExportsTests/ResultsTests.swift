import TutoratLanguage
import Foundation
import Testing
import TutoratCore
import TutoratExports
import TutoratIndicators
import TutoratSite
import TutoratSource
import TutoratViews

/// A site whose programme `accueil` has, for 2026, `completed` tutorings
/// completed (for a hire), `interrupted` interrupted (resignation) and one
/// still active; and one tutee planned for 2027, who is not followed yet.
private func cohortViews(completed: Int, interrupted: Int, answering: Int = 0) -> SiteViews {
    func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
    var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
    set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
    set.programmes = [DocumentDecoder.programme(md("title: Accueil\n"), id: "accueil", path: "content/programmes/accueil.md").value!]
    set.tutors = [DocumentDecoder.tutor(md("name: Jeanne Martin\n"), id: "jeanne", path: "content/tutors/jeanne.md").value!]
    set.surveys = [DocumentDecoder.survey(Array("title: Fin\nquestions:\n  - {id: u, text: U, type: scale5}\n  - {id: r, text: R, type: nps}\n".utf8),
                                          id: "fin", path: "content/surveys/fin.yml").value!]
    var tutees = (0..<completed).map { index in
        "status: completed\nend: 2026-10-01\nend_reason: hired\n"
            + (index < answering ? "responses:\n  - {survey: fin, date: 2026-10-02, answers: {u: \(3 + index % 3), r: 9}}\n" : "")
    }
    tutees += (0..<interrupted).map { _ in "status: interrupted\nend: 2026-10-01\nend_reason: resigned\n" }
    tutees += ["status: active\n"]
    let planned = "name: Zoé Planifiée\nprogramme: accueil\ntutor: jeanne\nstart: 2027-01-04\nstatus: planned\n"
    set.tutees = tutees.enumerated().map { index, rest in
        DocumentDecoder.tutee(md("name: Personne \(index)\nprogramme: accueil\ntutor: jeanne\nstart: 2026-09-01\n" + rest),
                              id: "t\(index)", path: "content/tutees/t\(index).md").value!
    } + [DocumentDecoder.tutee(md(planned), id: "zoe", path: "content/tutees/zoe.md").value!]
    let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!
    let strings = Strings(["fewer_than_3": "fewer than 3", "results_rate": "{0} of {1}", "results_reason": "{0}: {1}", "percent": "{0} %", "decimal_mark": ",",
                                "results_satisfaction": "{0} / 5 from {1}", "results_nps": "{0} from {1}"])
    return SiteViews(site: site, strings: strings, generator: "tutorat test")
}

@Suite struct ResultsTests {
    func resultsPage(_ views: SiteViews) throws -> ResultsView {
        guard case .results(let results) = views.page(.results).content else { throw Failure.wrongPage }
        return results
    }

    enum Failure: Error { case wrongPage }

    @Test func cohortsCountByProgrammeAndYearOfStart() throws {
        let cohorts = cohortViews(completed: 3, interrupted: 1).indicators.results
        #expect(cohorts.map(\.programme) == ["accueil"])
        #expect(cohorts.map(\.year) == [2026], "the planned tutee of 2027 is not followed yet")
        #expect(cohorts.map(\.followed) == [5])
        #expect(cohorts.map(\.ended) == [4])
        #expect(cohorts.first?.endReasons == [.hired: 3, .resigned: 1])
    }

    @Test(arguments: [(0, 0), (1, 0), (1, 1), (2, 0)])
    func endingsOfFewerThanThreePeopleAreNeverNumbers(completed: Int, interrupted: Int) throws {
        let views = cohortViews(completed: completed, interrupted: interrupted)
        let row = try #require(try resultsPage(views).programmes.first?.rows.first)
        #expect(row.ended == "fewer than 3")
        #expect(row.completion == "fewer than 3")
        #expect(row.interruption == "fewer than 3")
        let bar = try #require(try resultsPage(views).programmes.first?.chart?.bars.first)
        #expect(bar.width == nil, "no bar for a withheld rate")
        #expect(bar.value == "fewer than 3")
        #expect(row.endReasons == "–", "a reason among fewer than 3 endings says who left and why")
        let json = views.render(.siteData)
        #expect(json.contains("\"completion\": \"fewer than 3\""))
        #expect(json.contains("\"end_reasons\": \"fewer than 3\""))
        #expect(!json.contains("\"percent\""))
    }

    @Test func threeEndingsGiveRatesWithTheirBase() throws {
        let views = cohortViews(completed: 2, interrupted: 1)
        let row = try #require(try resultsPage(views).programmes.first?.rows.first)
        #expect(row.followed == "4")
        #expect(row.ended == "3")
        #expect(row.completion == "67 % of 3")
        #expect(row.interruption == "33 % of 3")
        let chart = try #require(try resultsPage(views).programmes.first?.chart)
        #expect(chart.bars.map(\.width) == ["320.0"], "two thirds of the 480 units of a full bar")
        #expect(chart.bars.map(\.value) == ["67 % of 3"])
        // Each reason's own count is under 3 but the base is not: the reason is named, its count withheld.
        #expect(row.endReasons == "hired: fewer than 3, resigned: fewer than 3")
        let json = views.render(.siteData)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cohort = try #require((parsed["results"] as? [[String: Any]])?.first)
        #expect(cohort["followed"] as? Int == 4)
        #expect((cohort["completion"] as? [String: Int]) == ["percent": 67, "people": 3])
        #expect((cohort["end_reasons"] as? [String: String]) == ["hired": "fewer than 3", "resigned": "fewer than 3"])
    }

    @Test func aCohortOfOneIsListedWithoutItsFigures() throws {
        let row = try #require(try resultsPage(cohortViews(completed: 0, interrupted: 0)).programmes.first?.rows.first)
        #expect(row.year == 2026)
        #expect(row.followed == "fewer than 3")
    }

    @Test(arguments: [0, 1, 2, 3])
    func surveyFiguresOfFewerThanThreePeopleAreNeverNumbers(answering: Int) throws {
        let views = cohortViews(completed: 3, interrupted: 0, answering: answering)
        let row = try #require(try resultsPage(views).programmes.first?.rows.first)
        let json = views.render(.siteData)
        #expect(row.responseRate == ["0 % of 3", "33 % of 3", "67 % of 3", "100 % of 3"][answering], "the base is the 3 tutees asked, whoever answered")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cohort = try #require((parsed["results"] as? [[String: Any]])?.first)
        switch answering {
        case 0:
            #expect(row.satisfaction == "–" && row.nps == "–", "nobody answered: no figure")
            #expect(cohort["satisfaction"] is NSNull)
        case 3:
            #expect(row.satisfaction == "4,0 / 5 from 3", "(3 + 4 + 5) / 3")
            #expect(row.nps == "+100 from 3")
            #expect((cohort["satisfaction"] as? [String: Double]) == ["mean": 4.0, "people": 3])
            #expect((cohort["nps"] as? [String: Int]) == ["score": 100, "people": 3])
        default:
            #expect(row.satisfaction == "fewer than 3")
            #expect(row.nps == "fewer than 3")
            #expect(cohort["satisfaction"] as? String == "fewer than 3")
            #expect(cohort["nps"] as? String == "fewer than 3")
        }
    }
}
