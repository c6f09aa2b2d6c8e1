import Testing
import TutoratCore
import TutoratExports
import TutoratIndicators
import TutoratLanguage
import TutoratSite
import TutoratSource
import TutoratViews

/// One programme, one tutor and one tutee, as of 2026-11-24: two sessions held
/// and one to come, an assessment, a review, a call with the training body
/// (and one of each after `as_of`, with a concern),
/// a concern acted on in 3 days and closed, a health concern acted on after
/// 10 days and still open; the tutor attended one exchange and has one planned.
private func auditViews() -> SiteViews {
    func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
    var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
    set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
    set.programmes = [DocumentDecoder.programme(md("title: Accueil\nframework: soins\n"), id: "accueil", path: "content/programmes/accueil.md").value!]
    set.frameworks = [DocumentDecoder.framework(Array("title: Soins\nscale:\n  - {level: 0, label: Non}\n  - {level: 4, label: Oui}\ncompetencies:\n  - {id: hygiene, title: Hygiène}\n".utf8),
                                                id: "soins", path: "content/frameworks/soins.yml").value!]
    set.tutors = [DocumentDecoder.tutor(md("name: Jeanne Martin\nqualification: Diplôme, avec virgule\nexperience_years: 12\nminutes_per_week: 60\nexchanges: [2026-06-01, 2027-01-10]\n"),
                                        id: "jeanne", path: "content/tutors/jeanne.md").value!]
    set.tutees = [DocumentDecoder.tutee(md("""
        name: Marie Dupont
        programme: accueil
        tutor: jeanne
        start: 2026-09-01
        sessions:
          - {date: 2026-09-02, minutes: 45}
          - {date: 2026-10-02, minutes: 45}
          - {date: 2026-12-02, minutes: 45}
        competencies:
          - id: hygiene
            assessments:
              - {date: 2026-09-08, level: 0, by: tutor}
              - {date: 2026-12-08, level: 4, by: tutor}
        evaluations:
          - {date: 2026-10-15, kind: midpoint}
          - {date: 2026-12-15, kind: final}
        liaison:
          - {date: 2026-10-03, kind: call}
          - {date: 2026-12-03, kind: visit}
        concerns:
          - date: 2026-10-01
            raised_by: tutor
            category: organisational
            summary: Horaires
            actions:
              - {date: 2026-10-04, by: management, action: Planning revu}
            closed: 2026-10-20
          - date: 2026-11-01
            raised_by: tutee
            category: health
            summary: Fatigue
            actions:
              - {date: 2026-11-11, by: tutor, action: Échange}
          - date: 2026-12-01
            category: organisational
            summary: Vestiaire

        """), id: "marie", path: "content/tutees/marie.md").value!]
    let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!
    return SiteViews(site: site, strings: Strings(["audit_concerns_in_time": "acted on within {0} days"]), generator: "tutorat test")
}

@Suite struct AuditTests {
    @Test func figuresCountTheTrailAsOfTheSiteDate() throws {
        let views = auditViews()
        let figures = AuditFigures(views.site.programmes[0], in: views.site, tutees: views.indicators.tutees)
        #expect(figures.sessionsHeld == 2, "the session of December is still to come; so are the other December entries")
        #expect(figures.assessments == 1)
        #expect(figures.evaluations == 1)
        #expect(figures.liaisonContacts == 1)
        #expect(figures.concernsRaised == 2)
        #expect(figures.concernsOpen == 1)
        #expect(figures.concernsActedOnInTime == 1, "10 days is over the default 7")
    }

    @Test func thePackIsPrivateAndAnswersEachQuestion() throws {
        let views = auditViews()
        #expect(views.routes.contains(.audit))
        #expect(views.isPrivate(.audit))
        #expect(Route.audit.outputFile == "dashboard/audit/index.html")
        guard case .audit(let audit) = views.page(.audit).content else { Issue.record("not the audit page"); return }
        #expect(audit.questions.count == 7)
        #expect(audit.questions.allSatisfy { !$0.answers.isEmpty }, "every question points at a file or a page")
        let trail = try #require(audit.programmes.first?.trailHref)
        #expect(trail.hasSuffix("accueil/trail.csv"))
        #expect(audit.questions.flatMap(\.answers).contains { $0.href == trail })
        #expect(audit.programmes.first?.figures.map(\.label).contains("acted on within 7 days") == true)
        // The CSV files are the pack's own: private exports, sealed with the pack when encrypting.
        #expect(views.exports.contains(.auditTutors))
        #expect(Export.auditTutors.path == "dashboard/audit/tutors.csv")
        #expect(Export.evidence("accueil").path == "dashboard/audit/accueil/trail.csv")
    }

    @Test func tutorsFileSaysQualificationTimeAndExchangesAttended() throws {
        let views = auditViews()
        let rows = views.render(.auditTutors).split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(rows.count == 2)
        // Name, function, team, qualification, experience, trained, allotted, given, exchanges attended by as_of, last one, tutees now, programmes.
        #expect(rows[1].hasPrefix("Jeanne Martin,,,\"Diplôme, avec virgule\",12,,60,"))
        #expect(rows[1].hasSuffix(",1,2026-06-01,1,Accueil"), "the exchange of January 2027 is not attended yet")
    }

    @Test func theHealthConcernKeepsItsTextOutOfThePack() throws {
        let views = auditViews()
        let trail = views.render(.evidence("accueil"))
        #expect(trail.contains("Horaires"))
        #expect(!trail.contains("Fatigue"))
        #expect(!trail.contains("Échange"))
    }
}

@Suite struct SurveyPageTests {
    @Test func eachTypeOfQuestionGetsItsChoices() throws {
        func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
        var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
        set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
        set.surveys = [DocumentDecoder.survey(Array("""
            title: Fin
            audience: tutor
            questions:
              - {id: u, text: Utile ?, type: scale5}
              - {id: r, text: Recommanderiez-vous ?, type: nps}
              - {id: y, text: À refaire ?, type: yesno}
              - {id: m, text: Un mot ?, type: text}

            """.utf8), id: "fin", path: "content/surveys/fin.yml").value!]
        let views = SiteViews(site: SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!,
                              strings: Strings(["answer_yes": "Oui", "answer_no": "Non"]), generator: "tutorat test")
        #expect(views.routes.contains(.survey("fin")))
        #expect(!views.isPrivate(.survey("fin")), "a blank form holds nothing personal")
        guard case .survey(let survey) = views.page(.survey("fin")).content else { Issue.record("not a survey page"); return }
        #expect(survey.questions.map(\.choices.count) == [5, 11, 2, 0])
        #expect(survey.questions[2].choices.map(\.label) == ["Oui", "Non"])
        #expect(survey.questions.map(\.isText) == [false, false, false, true])
        #expect(survey.respondents.filter(\.selected).map(\.value) == ["tutor"], "the survey's audience answers by default")
        #expect(survey.today == "2026-11-24")
    }
}
