import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratIndicators

/// The programme of these tests: three tracked steps and a plain one, as of 2026-11-24.
let pathProgramme = """
partners: [CFA]
phases:
  - name: Before
    when: before
    steps:
      - {id: desk, title: Desk ready, owner: management, due_days: -2}
      - Plain text step
  - name: During
    when: during
    steps:
      - {id: welcome, title: Welcome tour, owner: tutor, due_days: 0}
      - {id: review, title: Review at three, owner: tutor, due_days: 20}
  - name: After
    when: after
    steps:
      - {id: final, title: Final review, owner: tutee, due_days: 0, from: end}

"""

/// Started 2026-11-01: `desk` was due 10-30, `welcome` 11-01, `review` 11-21, `final` at the end.
let pathTutee = "name: Marie Dupont\ntutor: jeanne\nstart: 2026-11-01\nend: 2027-03-01\nstatus: active\n"
    + "sessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\nliaison:\n  - {date: 2026-11-10, kind: call}\n"

@Suite struct PathRulesTests {
    func alerts(_ tutee: String, rules: String = "") -> [Alert] {
        DomainRules.alerts(for: site(tutees: ["marie": tutee], rules: rules, rhythm: pathProgramme))
    }

    @Test func eachStepGetsItsState() {
        let done = site(tutees: ["marie": pathTutee + "checklist:\n  desk: 2026-10-29\n  welcome: 2026-11-03\n"], rhythm: pathProgramme)
        let phases = PathProgress.phases(of: done.tutees[0], programme: done.programmes[0], asOf: done.asOf)
        // The plain step is shown on the programme page but not tracked.
        #expect(phases.map { $0.steps.map(\.step.id!) } == [["desk"], ["welcome", "review"], ["final"]])
        #expect(phases.flatMap(\.steps).map(\.state) == [.done, .doneLate, .late, .open])
        #expect(phases[1].steps[1].due == Day(iso: "2026-11-21"))
        #expect(phases[2].steps[0].due == Day(iso: "2027-03-01"))
    }

    @Test func dueSoonAndSkipped() {
        let tutee = "name: M\ntutor: jeanne\nstart: 2026-11-20\nend: 2026-12-01\nstatus: active\nsessions:\n  - {date: 2026-11-20}\n"
            + "checklist:\n  desk: skipped\n  welcome: 2026-11-20\n"
        let site = site(tutees: ["marie": tutee], rhythm: pathProgramme)
        let states = PathProgress.phases(of: site.tutees[0], programme: site.programmes[0], asOf: site.asOf).flatMap(\.steps).map(\.state)
        // As of 2026-11-24: review (due 12-10) is 16 days away, final (due 12-01) 7.
        #expect(states == [.skipped, .done, .open, .dueSoon])
    }

    @Test func stepDoneLateIsReportedAtItsChecklistLine() {
        let found = alerts(pathTutee + "checklist:\n  desk: 2026-10-29\n  welcome: 2026-11-03\n  review: 2026-11-21\n")
        #expect(found.map(\.rule) == [.stepDoneLate])
        // Line 1 is `---`, then `programme: p`, 5 lines of people and dates, 3 of sessions, 2 of liaison, `checklist:`.
        #expect(found.first?.location == SourceLocation(file: "content/tutees/marie.md", line: 15, column: 3))
        #expect(found.first?.details == ["Welcome tour", "2026-11-01", "2026-11-03"])
    }

    @Test func stepPastDueIsReportedAtTheChecklistKeyOrLineOne() {
        let found = alerts(pathTutee + "checklist:\n  desk: 2026-10-29\n  welcome: 2026-11-01\n")
        #expect(found.map(\.rule) == [.stepOverdue])
        #expect(found.first?.message == "the step 'Review at three' was due on 2026-11-21 and is not done")
        #expect(found.first?.location.line == 13)
        let none = alerts(pathTutee)
        #expect(none.map(\.rule) == [.stepOverdue, .stepOverdue, .stepOverdue])
        #expect(Set(none.map(\.location.line)) == [1])
    }

    @Test func anInterruptedTutoringLeavesItsStepsOpen() {
        let interrupted = pathTutee.replacingOccurrences(of: "status: active", with: "status: interrupted\nend_reason: resigned")
        #expect(alerts(interrupted).map(\.rule) == [])
    }

    @Test func rulesCanBeSwitchedOff() {
        #expect(alerts(pathTutee, rules: "  TUT010: off\n").map(\.rule) == [])
    }

    @Test func liaisonGapCountsFromTheLastContactOrTheStart() {
        let done = "checklist:\n  desk: 2026-10-29\n  welcome: 2026-11-01\n  review: 2026-11-20\n"
        let quiet = pathTutee.replacingOccurrences(of: "2026-11-10, kind: call", with: "2026-08-01, kind: call")
            .replacingOccurrences(of: "start: 2026-11-01", with: "start: 2026-07-01")
        let found = alerts(quiet + done, rules: "  first_session_days: 200\n  meeting_gap_days: 100\n")
        #expect(found.filter { $0.rule == .noLiaison }.map(\.details) == [["115", "90"]])
        #expect(alerts(quiet + done, rules: "  first_session_days: 200\n  meeting_gap_days: 100\n  liaison_gap_days: 120\n")
            .filter { $0.rule == .noLiaison }.isEmpty)
        #expect(alerts(pathTutee + done).isEmpty)
    }

    @Test func anEndedTutoringSaysWhy() {
        let ended = "name: M\ntutor: jeanne\nstart: 2026-01-05\nend: 2026-06-30\nstatus: completed\nchecklist:\n  desk: skipped\n  welcome: 2026-01-05\n  review: 2026-01-20\n  final: 2026-06-30\n"
        let found = alerts(ended)
        #expect(found.map(\.rule) == [.endWithoutReason])
        #expect(found.first?.location == SourceLocation(file: "content/tutees/marie.md", line: 7, column: 1))
        #expect(alerts(ended + "end_reason: hired\n").isEmpty)
    }

    @Test func tutorRequirementsAreCheckedAtTheTuteesTutorLine() {
        let done = "checklist:\n  desk: 2026-10-29\n  welcome: 2026-11-01\n  review: 2026-11-20\n"
        let strict = site(tutees: ["marie": pathTutee + done],
                          tutors: ["jeanne": "name: Jeanne Martin\nexperience_years: 1\nexchanges: [2026-06-01]\n"],
                          rules: "  TUT004: off\n", rhythm: pathProgramme + "tutor_requirements: {experience_years: 2, trained: true}\n")
        let found = DomainRules.alerts(for: strict)
        #expect(found.map(\.rule) == [.tutorRequirementMissed])
        #expect(found.first?.message.hasSuffix("2 years of experience (has 1), the tutor training") == true)
        #expect(found.first?.location == SourceLocation(file: "content/tutees/marie.md", line: 4, column: 8))
    }

    @Test func aTutorWithTuteesMeetsPeersOnceAYear() {
        let done = "checklist:\n  desk: 2026-10-29\n  welcome: 2026-11-01\n  review: 2026-11-20\n"
        func tutor(_ exchanges: String) -> Site {
            site(tutees: ["marie": pathTutee + done], tutors: ["jeanne": "name: Jeanne Martin\ntrained: 2020-01-01\n\(exchanges)"],
                 rhythm: pathProgramme)
        }
        #expect(DomainRules.alerts(for: tutor("exchanges: [2025-11-20]\n")).map(\.rule) == [.noPracticeExchange])
        #expect(DomainRules.alerts(for: tutor("")).map(\.rule) == [.noPracticeExchange])
        #expect(DomainRules.alerts(for: tutor("exchanges: [2025-11-30]\n")).isEmpty)
    }

    @Test func aConcernWaitsAtMostConcernActionDaysForAnAction() {
        let done = "checklist:\n  desk: 2026-10-29\n  welcome: 2026-11-01\n  review: 2026-11-20\n"
        let concern = "concerns:\n  - date: 2026-11-10\n    category: health\n    summary: Fatigue\n"
        let found = alerts(pathTutee + done + concern)
        #expect(found.map(\.rule) == [.concernWithoutAction])
        #expect(found.first?.location.line == 18, "the line of the concern's date")
        #expect(found.first?.details == ["2026-11-10", "14"])
        #expect(found.first.map { !$0.message.contains("health") && !$0.message.contains("Fatigue") } == true, "no category, no text")
        #expect(alerts(pathTutee + done + concern, rules: "  concern_action_days: 14\n").isEmpty)
        #expect(alerts(pathTutee + done + concern + "    actions:\n      - {date: 2026-11-12, by: tutor}\n").isEmpty)
        #expect(alerts(pathTutee + done + concern + "    closed: 2026-11-11\n").isEmpty)
    }
}
