@testable import TutoratCharts
import TutoratLanguage
import Foundation
import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratExports
@testable import TutoratViews
import TutoratIndicators

/// A small site in memory for the export and follow-up view tests.
func followUpViews(tuteeYAML: String = "", tutorYAML: String = "trained: 2020-01-01\nexchanges: [2026-06-01]\n", privateTutee: Bool = true,
                   tuteeID: String = "marie", tuteeName: String = "Marie-Anne Dupont", programmeYAML: String = "", extraSession: String = "") -> SiteViews {
    func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
    var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: Portail\norganisation: Org\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
    set.charter = DocumentDecoder.charter(md("title: Charte\n"), path: "content/charter.md").value
    set.programmes = [DocumentDecoder.programme(md("title: Accueil\nframework: soins\n" + programmeYAML), id: "accueil", path: "content/programmes/accueil.md").value!]
    set.frameworks = [DocumentDecoder.framework(Array("title: Soins\nscale:\n  - {level: 0, label: Non abordé}\n  - {level: 4, label: Maîtrisé}\ncompetencies:\n  - {id: hygiene, title: Hygiène, group: Soins, target: 4}\n".utf8),
                                                id: "soins", path: "content/frameworks/soins.yml").value!]
    set.tutors = [DocumentDecoder.tutor(md("name: Jeanne Martin\n" + tutorYAML), id: "jeanne-martin", path: "content/tutors/jeanne-martin.md").value!]
    set.tutees = [DocumentDecoder.tutee(md("""
        name: \(tuteeName)
        programme: accueil
        tutor: jeanne-martin
        start: 2026-09-01
        private: \(privateTutee)
        sessions:
          - {date: 2026-09-02, minutes: 45, kind: welcome, summary: "Visite, accueil; remise du livret"}
          - {date: 2026-09-02, minutes: 30, summary: "=HYPERLINK(\\"x\\")"}
          - {date: 2026-10-01, minutes: 60}\(extraSession)
        objectives:
          - {title: "Une très longue description d’objectif qui dépasse largement soixante-quinze octets", due: 2026-12-01}
        competencies:
          - id: hygiene
            assessments:
              - {date: 2026-09-08, level: 0}
              - {date: 2026-10-08, level: 4, note: "Dit \\"oui\\", puis non"}

        """ + tuteeYAML), id: tuteeID, path: "content/tutees/\(tuteeID).md").value!]
    let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!
    return SiteViews(site: site, strings: Strings([
        "alert_TUT006": "{0} : pas de séance depuis {1} jours (rythme : {2} jours)", "percent": "{0} %",
        "csv_session": "séance", "session_welcome": "Accueil",
    ]), generator: "tutorat test")
}

@Suite struct CalendarExportTests {
    @Test func linesAreFoldedAt75OctetsWithCRLF() throws {
        let views = followUpViews()
        let text = views.render(.tuteeCalendar("marie"))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") }, "the long objective title is folded")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feed")
    }

    @Test func textIsEscapedAndUIDsAreStableAndUnique() {
        let views = followUpViews()
        let text = views.render(.tuteeCalendar("marie"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("DESCRIPTION:45 min\\nVisite\\, accueil\\; remise du livret"))
        let uids = unfolded.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(uids == ["UID:session-marie-2026-09-02@tutorat", "UID:session-marie-2026-09-02-2@tutorat",
                         "UID:session-marie-2026-10-01@tutorat", "UID:objective-marie-2026-12-01@tutorat"])
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20260902\r\nDTEND;VALUE=DATE:20260903"))
        #expect(unfolded.contains("DTSTAMP:20261124T000000Z"))
        #expect(text == followUpViews().render(.tuteeCalendar("marie")), "the same input gives the same file")
    }

    @Test func tutorCalendarBesideAPublicPageUsesInitials() {
        let text = followUpViews().render(.tutorCalendar("jeanne-martin"))
        #expect(text.contains("M.-A. D."))
        #expect(!text.contains("Marie-Anne"))
        // Nor what the private progress file says: the tutor's page is public.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(!unfolded.contains("remise du livret") && !unfolded.contains("Une très longue"))
        #expect(unfolded.contains("SUMMARY:Accueil · M.-A. D."), "the event itself stays, by initials")
        let publicTutee = followUpViews(privateTutee: false).render(.tutorCalendar("jeanne-martin")).replacingOccurrences(of: "\r\n ", with: "")
        #expect(publicTutee.contains("remise du livret") && publicTutee.contains("Une très longue"))
        #expect(followUpViews(privateTutee: false).render(.tutorCalendar("jeanne-martin")).contains("Marie-Anne Dupont"))
    }

    static func unfoldedLines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
    }

    /// A private tutee's events on a public tutor's calendar: UIDs that do not
    /// depend on who the tutee is (so no list of names gives them back), and
    /// nothing but the kind, the date and the initials.
    @Test func publicTutorCalendarUIDsAndDetailsNameNoPrivateTutee() {
        let views = followUpViews(tuteeYAML: "evaluations:\n  - {date: 2026-10-15, summary: Bilan, outcome: Atteint}\n")
        let text = views.render(.tutorCalendar("jeanne-martin"))
        let lines = Self.unfoldedLines(text)
        let uids = lines.filter { $0.hasPrefix("UID:") }
        #expect(uids.count == 5, "three sessions, an evaluation and an objective")
        #expect(Set(uids).count == uids.count, "UIDs are unique, two sessions on one day included")
        // The same events of another private tutee (another id, another name) get the very same UIDs.
        let other = followUpViews(tuteeYAML: "evaluations:\n  - {date: 2026-10-15, summary: Bilan, outcome: Atteint}\n",
                                  tuteeID: "marc-andre-durand", tuteeName: "Marc-André Durand")
        #expect(Self.unfoldedLines(other.render(.tutorCalendar("jeanne-martin"))).filter { $0.hasPrefix("UID:") } == uids)
        #expect(!uids.contains { $0.contains("marie") })
        // Kind, date and initials only: no duration, no objective status, no summary.
        #expect(!lines.contains { $0.hasPrefix("DESCRIPTION") }, "\(lines.filter { $0.hasPrefix("DESCRIPTION") })")
        let summaries = lines.filter { $0.hasPrefix("SUMMARY:") }
        #expect(!summaries.isEmpty && summaries.allSatisfy { $0.hasSuffix(" · M.-A. D.") }, "\(summaries)")
        #expect(text == followUpViews(tuteeYAML: "evaluations:\n  - {date: 2026-10-15, summary: Bilan, outcome: Atteint}\n")
                    .render(.tutorCalendar("jeanne-martin")), "the same input gives the same file")
        // The tutee's own calendar, and the tutor's when the tutee is public, keep their details and the tutee's UIDs.
        let own = Self.unfoldedLines(views.render(.tuteeCalendar("marie")))
        #expect(own.contains("DESCRIPTION:45 min\\nVisite\\, accueil\\; remise du livret"))
        let publicTutee = followUpViews(tuteeYAML: "evaluations:\n  - {date: 2026-10-15, summary: Bilan, outcome: Atteint}\n", privateTutee: false)
        #expect(Self.unfoldedLines(publicTutee.render(.tutorCalendar("jeanne-martin"))).filter { $0.hasPrefix("UID:") }.sorted()
                    == own.filter { $0.hasPrefix("UID:") }.sorted(), "a public tutee's events are the same events in both calendars")
    }
}

@Suite struct EvidenceExportTests {
    @Test func fieldsAreQuotedAndFormulasDisarmed() {
        #expect(EvidenceExport.field("simple") == "simple")
        #expect(EvidenceExport.field("a, b") == "\"a, b\"")
        #expect(EvidenceExport.field("dit \"oui\"") == "\"dit \"\"oui\"\"\"")
        #expect(EvidenceExport.field("ligne\nsuivante") == "\"ligne\nsuivante\"")
        #expect(EvidenceExport.field("=1+1") == "'=1+1")
        #expect(EvidenceExport.field("-3") == "-3", "a negative number stays a number")
    }

    /// OWASP's list: a formula character, also full-width, a tab, a carriage
    /// return or a space at the start, or white space before a formula character.
    static let formulaLike = [
        "=1+1", "+A1", "-A1", "@SUM(A1)", "\t=1+1", "\tA1", "\r=1+1", "\rA1", " =1+1", " A1", "\u{FF1D}1+1", "\u{FF0B}1", "\u{FF0D}1", "\u{FF20}SUM(A1)",
        "\n=1+1", "\u{A0}+1", "\u{3000}\u{FF1D}1+1", "\r\n@A1", "=\u{301}1", "-1.5",
    ]

    @Test func everyFormulaStartIsDisarmedByBothWriters() {
        #expect(!Self.formulaLike.isEmpty)
        for text in Self.formulaLike {
            let field = EvidenceExport.field(text)
            #expect(field.hasPrefix("'") || field.hasPrefix("\"'"), "\(Array(text.unicodeScalars)) → \(field)")
            var writer = EvidenceExport.CSVWriter()
            writer.field(text)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == field, "\(Array(text.unicodeScalars))")
        }
        for text in ["-3", "+1", "3", "Visite", "A=1", "\u{A0}Visite", "\nVisite", "é=1"] {
            #expect(!EvidenceExport.field(text).hasPrefix("'") && !EvidenceExport.field(text).hasPrefix("\"'"), "\(Array(text.unicodeScalars)) is left alone")
        }
    }

    @Test func oneRowPerSessionAssessmentAndEvaluation() {
        let csv = followUpViews().render(.evidence("accueil"))
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 1 + 3 + 2)
        #expect(rows[1] == "Marie-Anne Dupont,Jeanne Martin,séance,2026-09-02,45,Accueil,,,,\"Visite, accueil; remise du livret\",onsite,")
        #expect(rows[2].hasSuffix(",\"'=HYPERLINK(\"\"x\"\")\",onsite,"))
        #expect(Export.evidence("accueil").path == "dashboard/audit/accueil/trail.csv", "it names tutees, so it lives under the private dashboard")
    }
}

/// The path in the exports: steps in the calendars of those who own them, how
/// meetings took place, liaison contacts, settled steps and the end in the trail.
@Suite struct PathExportTests {
    static let programme = """
        phases:
          - name: Avant
            when: before
            steps:
              - {id: poste, title: Poste prêt, owner: management, due_days: -2}
              - {id: bilan, title: Bilan à trois, owner: tutor, due_days: 100}
              - {id: carnet, title: Relire son carnet, owner: tutee, due_days: 110}

        """

    func views(_ tutee: String = "", session: String = "") -> SiteViews {
        followUpViews(tuteeYAML: "checklist:\n  poste: 2026-08-30\n" + tutee, programmeYAML: Self.programme, extraSession: session)
    }

    @Test func openStepsGoToTheCalendarOfTheirOwnerWithAStableUID() {
        let views = views()
        let tutor = views.render(.tutorCalendar("jeanne-martin")), tutee = views.render(.tuteeCalendar("marie"))
        // The tutor's page is public and the tutee private: the event names nobody.
        #expect(tutor.contains("UID:step-bilan-2026-12-10-1@jeanne-martin.tutor.tutorat"), "the tutor's step, due 100 days after 2026-09-01")
        #expect(!tutor.contains("Bilan à trois"))
        #expect(!tutor.contains("step-carnet"))
        #expect(tutee.contains("UID:step-carnet-marie-2026-12-20@tutorat"))
        #expect(!tutee.contains("step-bilan"))
        #expect(!tutor.contains("step-poste") && !tutee.contains("step-poste"), "a step done is not in any calendar")
        #expect(views.render(.tutorCalendar("jeanne-martin")) == tutor)
    }

    @Test func sessionsSayHowAndWithWhomWhenItIsNotTheUsualMeeting() {
        let remote = views(session: "\n  - {date: 2026-10-20, minutes: 30, mode: remote, with: [supervisor, Mme Lenoir]}")
        let text = remote.render(.tuteeCalendar("marie"))
        #expect(text.contains("DESCRIPTION:30 min\\nremote\\, supervisor\\, Mme Lenoir"))
        let csv = remote.render(.evidence("accueil"))
        #expect(csv.contains(",remote,\"supervisor, Mme Lenoir\"\r\n"))
    }

    @Test func theTrailHasLiaisonSettledStepsAndTheEndButNoHealthReason() {
        let ended = "end: 2026-11-20\nstatus: interrupted\nend_reason: health\nend_note: Arrêt long\n"
            + "liaison:\n  - {date: 2026-10-03, kind: visit, with: \"Mme Lenoir, formatrice\", summary: Point à mi-parcours}\n"
        let csv = views(ended).render(.evidence("accueil"))
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.allSatisfy { $0.components(separatedBy: ",").count >= 12 })
        #expect(rows.contains("Marie-Anne Dupont,Jeanne Martin,csv_liaison,2026-10-03,,visit,,,,Point à mi-parcours,,\"Mme Lenoir, formatrice\""))
        #expect(rows.contains("Marie-Anne Dupont,Jeanne Martin,csv_step,2026-08-30,,done,,,management,Poste prêt,,"))
        #expect(rows.contains("Marie-Anne Dupont,Jeanne Martin,csv_end,2026-11-20,,end_reason_withheld,,,,,,"))
        #expect(!csv.contains("health") && !csv.contains("Arrêt long"), "special-category data stays out of exports")
        let calendar = views(ended).render(.tutorCalendar("jeanne-martin"))
        #expect(!calendar.contains("step-bilan"), "an interrupted tutoring's steps are not due any more")
    }
}

/// The path on the pages.
@Suite struct PathViewTests {
    func tuteePage(_ views: SiteViews) -> TuteeView? {
        guard case .tutee(let tutee) = views.page(.tutee("marie")).content else { return nil }
        return tutee
    }

    @Test func theTuteePageShowsEachStepWithItsStateAndMark() throws {
        let views = followUpViews(tuteeYAML: "checklist:\n  poste: 2026-08-30\n", programmeYAML: PathExportTests.programme)
        let page = try #require(tuteePage(views))
        #expect(page.path.map(\.name) == ["Avant"])
        // As of 2026-11-24, bilan (due 12-10) and carnet (12-20) are more than 14 days away.
        #expect(page.path[0].steps.map(\.state) == ["done", "open", "open"])
        #expect(page.path[0].steps.map(\.symbol) == ["✓", "○", "○"])
        #expect(page.path[0].steps[0].doneOn?.iso == "2026-08-30")
        #expect((page.stepsSettled, page.stepsTotal, page.stepsLate) == (1, 3, 0))
        #expect(page.pathLegend.map(\.state) == StepState.allCases.map(\.rawValue))
        #expect(Set(page.pathLegend.map(\.symbol)).count == StepState.allCases.count, "each state has its own mark")
    }

    @Test func aHealthReasonShowsOnlyOnThePrivatePage() throws {
        let ended = "end: 2026-11-20\nstatus: interrupted\nend_reason: health\n"
        #expect(try #require(tuteePage(followUpViews(tuteeYAML: ended))).endReason == "health")
        let ended2 = ended + "end_note: Arrêt long\n"
        let open = try #require(tuteePage(followUpViews(tuteeYAML: ended2, privateTutee: false)))
        #expect(open.endReason == nil && open.endNote == nil, "nor the note that comes with it")
        #expect(try #require(tuteePage(followUpViews(tuteeYAML: ended2))).endNote == "Arrêt long")
        let hired = "end: 2026-11-20\nstatus: completed\nend_reason: hired\n"
        #expect(try #require(tuteePage(followUpViews(tuteeYAML: hired, privateTutee: false))).endReason == "hired")
    }

    @Test func aHealthConcernsTextStaysOnThePrivatePage() throws {
        let concern = "concerns:\n  - date: 2026-11-02\n    category: health\n    summary: Fatigue\n    actions:\n      - {date: 2026-11-03, by: tutor, action: Rendez-vous}\n"
            + "  - date: 2026-11-05\n    category: organisational\n    summary: Planning\n"
        let own = try #require(tuteePage(followUpViews(tuteeYAML: concern)))
        #expect(own.concerns.map(\.withheld) == [false, false])
        #expect(own.concerns[0].events.compactMap(\.text) == ["Fatigue", "Rendez-vous"])
        let open = try #require(tuteePage(followUpViews(tuteeYAML: concern, privateTutee: false)))
        #expect(open.concerns.map(\.withheld) == [true, false])
        #expect(open.concerns[0].events.compactMap(\.text) == [])
        #expect(open.concerns[0].events.map(\.kind) == ["raised", "action"])
        let views = followUpViews(tuteeYAML: concern)
        guard case .dashboard(let dashboard) = views.page(.dashboard).content else { Issue.record("wrong page"); return }
        #expect(dashboard.openConcerns.map(\.summary) == [nil, "Planning"], "a list shows no special-category text, oldest first")
        #expect(dashboard.openConcerns.map(\.ageDays) == [22, 19])
        let csv = views.render(.evidence("accueil"))
        #expect(!csv.contains("Fatigue") && !csv.contains("Rendez-vous") && !csv.contains("health"))
        #expect(csv.contains("csv_concern,2026-11-05,,organisational,,,,Planning,,"))
    }

    @Test func endReasonsUnderThreeAreNotCounted() throws {
        let views = followUpViews(tuteeYAML: "end: 2026-11-20\nstatus: interrupted\nend_reason: resigned\n")
        guard case .programme(let programme) = views.page(.programme("accueil")).content else { Issue.record("wrong page"); return }
        #expect(programme.endReasons.map(\.value) == ["fewer_than_3"])
        #expect(programme.endReasons.map(\.label) == ["resigned"])
    }

    @Test func sessionsCarryTheirModeOnThePageAndTheTimeline() throws {
        let views = followUpViews(extraSession: "\n  - {date: 2026-10-20, minutes: 30, mode: async}")
        let page = try #require(tuteePage(views))
        #expect(page.sessions.map(\.mode) == ["onsite", "onsite", "onsite", "async"])
        let chart = try #require(page.timelineChart)
        #expect(chart.sessions.map(\.mode) == ["onsite", "onsite", "onsite", "async"])
        #expect(chart.modes.map(\.mode) == ["onsite", "async"], "the legend names the modes shown, in a fixed order")
        guard case .programme(let programme) = views.page(.programme("accueil")).content else { Issue.record("wrong page"); return }
        #expect(programme.modes.map(\.value) == ["75 %", "0 %", "25 %"])
    }
}

@Suite struct SiteDataExportTests {
    @Test func publicDataOnlyAsValidJSON() throws {
        let json = followUpViews().render(.siteData)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((parsed["programmes"] as? [[String: Any]])?.first?["id"] as? String == "accueil")
        #expect(!json.contains("Marie"), "no tutee's name")
        #expect(json.contains("\"active\": 1"))
    }
}

@Suite struct FollowUpViewTests {
    @Test func alertsOnAPublicTutorPageNameNoPrivateTutee() {
        // Last session on 1 October: 54 days without one by 24 November.
        let views = followUpViews()
        guard case .tutor(let tutor) = views.page(.tutor("jeanne-martin")).content else { Issue.record("wrong page"); return }
        #expect(tutor.alerts.map(\.text) == ["M.-A. D. : pas de séance depuis 54 jours (rythme : 14 jours)"])
        #expect(tutor.alerts.first?.href == nil)
        guard case .dashboard(let dashboard) = views.page(.dashboard).content else { Issue.record("wrong page"); return }
        #expect(dashboard.alerts.map(\.text) == ["Marie-Anne Dupont : pas de séance depuis 54 jours (rythme : 14 jours)"])
        #expect(dashboard.alerts.first?.href == "../tutees/marie/index.html")
    }

    @Test func tuteePageCarriesIndicatorsAndCharts() throws {
        guard case .tutee(let tutee) = followUpViews().page(.tutee("marie")).content else { Issue.record("wrong page"); return }
        #expect(tutee.progress == "100 %")
        #expect(tutee.sessionCount == 3)
        #expect(tutee.totalTime == "2 h 15")
        #expect(tutee.daysSinceLastSession == 54)
        #expect(tutee.longestGap == 54)
        #expect(tutee.months.map(\.sessions) == [2, 1, 0])
        #expect(tutee.calendarHref == "../../tutees/marie/calendar.ics")
        let profile = try #require(tutee.profileChart)
        #expect(profile.rows.map(\.isGroup) == [true, false])
        #expect(profile.rows[1].barWidth == "520.0", "level 4 on a 0-4 scale fills the plot")
        #expect(profile.rows[1].targetX == "528.0")
        let progression = try #require(tutee.progressionChart)
        #expect(progression.points.map(\.percent) == [0, 100])
        let timeline = try #require(tutee.timelineChart)
        #expect(timeline.sessions.count == 3)
        #expect(timeline.gaps.map(\.days) == [29, 54], "2 September to 1 October, then 1 October to as_of")
    }

    @Test func programmeMatrixHidesPrivateNames() throws {
        guard case .programme(let programme) = followUpViews().page(.programme("accueil")).content else { Issue.record("wrong page"); return }
        let matrix = try #require(programme.matrix)
        #expect(matrix.columns.map(\.id) == ["hygiene"])
        #expect(matrix.rows.map(\.tutee) == ["M.-A. D."])
        #expect(matrix.rows.first?.href == nil)
        #expect(matrix.rows.first?.cells.first?.level == 4)
        #expect(matrix.rows.first?.cells.first?.shade == 4)
        #expect(matrix.rows.first?.cells.first?.reached == true)
    }

    @Test func svgNumbersHaveOneDecimal() {
        #expect(svgNumber(12) == "12.0")
        #expect(svgNumber(3.14159) == "3.1")
        #expect(svgNumber(-0.25) == "-0.3")
        #expect(svgNumber(0.04) == "0.0")
    }
}
