import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratIndicators

/// A programme `p` with tutor jeanne, as of 2026-11-24, a survey `fin` for tutees at the end
/// (1-to-5, 0-to-10, text) and `mi` for tutors at the middle; `tutees` by id.
private func surveySite(_ tutees: [String: String]) -> Site {
    func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
    var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
    set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
    set.programmes = [DocumentDecoder.programme(md("title: P\n"), id: "p", path: "content/programmes/p.md").value!]
    set.tutors = [DocumentDecoder.tutor(md("name: Jeanne\n"), id: "jeanne", path: "content/tutors/jeanne.md").value!]
    set.surveys = [
        DocumentDecoder.survey(Array("title: Fin\nquestions:\n  - {id: u, text: U, type: scale5}\n  - {id: r, text: R, type: nps}\n  - {id: m, text: M, type: text}\n".utf8),
                               id: "fin", path: "content/surveys/fin.yml").value!,
        DocumentDecoder.survey(Array("title: Mi\naudience: tutor\nmoment: middle\nquestions:\n  - {id: t, text: T, type: yesno}\n".utf8),
                               id: "mi", path: "content/surveys/mi.yml").value!,
    ]
    set.tutees = tutees.map { DocumentDecoder.tutee(md("name: \($0.key)\nprogramme: p\ntutor: jeanne\n" + $0.value), id: $0.key, path: "content/tutees/\($0.key).md").value! }
    return SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2000-01-01")!).site!
}

/// Ended on `end`, answering `fin` with `answers` when given.
private func ended(_ end: String, answers: String? = nil) -> String {
    "start: 2026-01-05\nend: \(end)\nstatus: completed\n"
        + (answers.map { "responses:\n  - {survey: fin, date: \(end), answers: {\($0)}}\n" } ?? "")
}

@Suite struct SurveyFiguresTests {
    @Test func dueDaysFollowTheMoment() throws {
        let site = surveySite(["a": "start: 2026-09-01\nend: 2026-12-01\nsessions:\n  - {date: 2026-09-03}\n  - {date: 2026-10-20}\n  - {date: 2026-12-20}\n"])
        let tutee = site.tutees[0]
        var survey = try #require(site.survey("fin"))
        #expect(SurveyFigures.dueDay(survey, for: tutee, asOf: site.asOf) == Day(iso: "2026-12-01"))
        survey.moment = .middle
        #expect(SurveyFigures.dueDay(survey, for: tutee, asOf: site.asOf) == Day(iso: "2026-10-16"), "91 days, halved")
        survey.moment = .daysAfterEnd(90)
        #expect(SurveyFigures.dueDay(survey, for: tutee, asOf: site.asOf) == Day(iso: "2027-03-01"))
        survey.moment = .afterSession
        #expect(SurveyFigures.dueDay(survey, for: tutee, asOf: site.asOf) == Day(iso: "2026-10-20"), "the last session held by as_of")
        survey.programmes = [Located("other", at: SourceLocation(file: "x"))]
        #expect(SurveyFigures.dueDay(survey, for: tutee, asOf: site.asOf) == nil, "a survey for another programme")
    }

    @Test func remindersListWhatIsDueUnansweredAndRecent() {
        let site = surveySite([
            "answered": ended("2026-11-01", answers: "u: 4"),
            "silent": ended("2026-11-10"),
            "old": ended("2026-06-01"),
            "later": "start: 2026-10-01\nend: 2026-12-20\n",
        ])
        let reminders = SurveyFigures.reminders(in: site)
        // `old` was due more than 90 days ago; `later` ends after as_of, but its middle (2026-11-10) has passed.
        #expect(reminders.map { "\($0.tutee)/\($0.survey)/\($0.audience.rawValue)/\($0.due.iso)" } == [
            "later/mi/tutor/2026-11-10", "silent/fin/tutee/2026-11-10",
        ])
    }

    @Test func satisfactionNPSAndResponseRateAreComputedPerPerson() {
        let site = surveySite([
            "a": ended("2026-10-01", answers: "u: 5, r: 10"),
            "b": ended("2026-10-01", answers: "u: 4, r: 9, m: Bien"),
            "c": ended("2026-10-01", answers: "u: 2, r: 3"),
            "d": ended("2026-10-01", answers: "r: 8"),
            "e": ended("2026-10-01"),
        ])
        let views = SurveyFigures.Opinions(site.tutees, in: site)
        #expect(views.satisfaction == 11.0 / 3.0)
        #expect(views.satisfactionPeople == 3)
        #expect(views.nps == 25, "2 promoters and 1 detractor among 4: 50 % - 25 %")
        #expect(views.npsPeople == 4)
        #expect((views.answered, views.due) == (4, 5))
    }

    @Test func nobodyAskedGivesNoFigure() {
        let views = SurveyFigures.Opinions(surveySite(["x": "start: 2026-11-01\n"]).tutees, in: surveySite(["x": "start: 2026-11-01\n"]))
        #expect(views.satisfaction == nil && views.nps == nil && views.due == 0)
    }
}
