import Testing
import TutoratCore
import TutoratSource
@testable import TutoratSite

/// Surveys and the responses in progress files, each problem at its line and column.
@Suite struct SurveyResolverTests {
    static let survey = """
        title: Fin de parcours
        moment: {days-after-end: 30}
        questions:
          - {id: utilite, text: Utile ?, type: scale5}
          - {id: recommande, text: Recommanderiez-vous ?, type: nps}
          - {id: refaire, text: À refaire ?, type: yesno}
          - {id: mot, text: Un mot ?, type: text}

        """

    func diagnostics(_ responses: String) -> [String] {
        var fixture = SiteFixture()
        fixture.surveys = ["fin": Self.survey]
        fixture.tutee += responses
        return fixture.resolve().diagnostics.map { $0.description.split(separator: "\n")[0].description }
    }

    @Test func aSurveyFileIsDecodedWithItsMoment() throws {
        let decoded = DocumentDecoder.survey(Array(Self.survey.utf8), id: "fin", path: "s.yml")
        #expect(decoded.diagnostics.isEmpty)
        let survey = try #require(decoded.value)
        #expect(survey.moment == .daysAfterEnd(30))
        #expect(survey.audience == .tutee)
        #expect(survey.questions.map(\.type) == [.scale5, .nps, .yesno, .text])
    }

    @Test func surveyFileProblemsAreAtTheirLine() {
        let text = "title: T\nmoment: later\nquestions:\n  - {id: a, text: A, type: stars}\n  - {id: b, text: B, type: nps}\n  - {id: b, text: C, type: nps}\n  - {id: \"Votre avis: \", text: D, type: text}\n"
        #expect(DocumentDecoder.survey(Array(text.utf8), id: "t", path: "s.yml").diagnostics.sorted().map { $0.description.split(separator: "\n")[0] } == [
            "s.yml:2:9: error: 'moment' should be end, middle, after-session or {days-after-end: N}, found 'later'",
            "s.yml:4:28: error: 'type' cannot be 'stars'",
            "s.yml:6:10: error: question id 'b' is used twice in this survey",
            "s.yml:7:10: error: question id 'Votre avis: ' is not a valid id",
        ])
    }

    @Test func aValidResponseResolves() {
        #expect(diagnostics("responses:\n  - {survey: fin, date: 2026-11-20, answers: {utilite: 4, recommande: 10, refaire: yes, mot: \"Merci\"}}\n") == [])
    }

    @Test func eachAnswerIsCheckedAgainstItsQuestion() {
        // Line 12 is the response (the front matter starts at line 2); columns count from 1.
        #expect(diagnostics("responses:\n  - {survey: fin, date: 2026-11-20, answers: {utilite: 6, recommande: -1, refaire: peut-être, utilte: 3}}\n") == [
            "content/tutees/marie.md:12:56: error: the answer to 'utilite' should be a whole number from 1 to 5 (scale5), found '6'",
            "content/tutees/marie.md:12:71: error: the answer to 'recommande' should be a whole number from 0 to 10 (nps), found '-1'",
            "content/tutees/marie.md:12:84: error: the answer to 'refaire' should be yes or no (yesno), found 'peut-être'",
            "content/tutees/marie.md:12:95: error: survey 'fin' has no question 'utilte' (did you mean 'utilite'?)",
        ])
    }

    @Test func anUnknownSurveyGetsADidYouMean() {
        #expect(diagnostics("responses:\n  - {survey: fni, date: 2026-11-20, answers: {utilite: 4}}\n") == [
            "content/tutees/marie.md:12:14: error: unknown survey 'fni' (did you mean 'fin'?)",
        ])
    }

    @Test func answersAreAMappingAndAResponseIsGivenOnce() {
        let decoded = DocumentDecoder.tutee(Array("---\nname: M\nprogramme: p\ntutor: t\nstart: 2026-09-01\nresponses:\n  - {survey: fin, date: 2026-11-20, answers: [4, 9]}\n---\n".utf8),
                                            id: "m", path: "m.md")
        #expect(decoded.diagnostics.map { $0.description.split(separator: "\n")[0] } == [
            "m.md:7:46: error: 'answers' should be a mapping of question ids to answers, found a list",
        ])
        #expect(diagnostics("responses:\n  - {survey: fin, date: 2026-11-20, answers: {utilite: 4}}\n  - {survey: fin, date: 2026-11-21, answers: {utilite: 4}}\n") == [
            "content/tutees/marie.md:13:14: warning: survey 'fin' is answered twice by tutee",
        ])
    }
}
