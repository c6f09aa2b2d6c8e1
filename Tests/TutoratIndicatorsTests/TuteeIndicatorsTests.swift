import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratIndicators

/// One tutee in a site with a framework whose scale runs from 1 to 4 (not 0),
/// as of 2026-11-24, with the programme's rhythm of 14 days.
func indicators(_ yaml: String, asOf: String = "2026-11-24") -> TuteeIndicators {
    func md(_ text: String) -> [UInt8] { Array("---\n\(text)---\n".utf8) }
    var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: \(asOf)\n".utf8), path: "content/site.yml").value!)
    set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
    set.programmes = [DocumentDecoder.programme(md("title: P\nframework: f\nmeeting_rhythm_days: 14\n"), id: "p", path: "content/programmes/p.md").value!]
    set.frameworks = [DocumentDecoder.framework(Array("""
        title: F
        scale:
          - {level: 1, label: Découverte}
          - {level: 2, label: En cours}
          - {level: 3, label: Acquis}
          - {level: 4, label: Maîtrisé}
        competencies:
          - {id: a, title: A, group: G1, target: 4}
          - {id: b, title: B, group: G1, target: 2}
          - {id: c, title: C, group: G2}

        """.utf8), id: "f", path: "content/frameworks/f.yml").value!]
    set.tutors = [DocumentDecoder.tutor(md("name: J\ntrained: 2020-01-01\n"), id: "j", path: "content/tutors/j.md").value!]
    set.tutees = [DocumentDecoder.tutee(md("name: M\nprogramme: p\ntutor: j\n" + yaml), id: "m", path: "content/tutees/m.md").value!]
    let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: asOf)!).site!
    return SiteIndicators(site).tutees["m"]!
}

@Suite struct TuteeIndicatorsTests {
    @Test func noSessionAtAll() {
        let numbers = indicators("start: 2026-11-01\nend: 2026-12-31\n")
        #expect(numbers.meetingsHeld == 0)
        #expect(numbers.daysSinceLastSession == nil)
        #expect(numbers.longestGap == 23, "from the start to as_of")
        #expect(numbers.daysElapsed == 23)
        #expect(numbers.daysRemaining == 37)
        #expect(numbers.meetingsExpected == 2, "23 days at one meeting every 14 days: the first, and one more")
        #expect(numbers.months.map(\.month.iso) == ["2026-11-01"])
        #expect(numbers.alerts.map(\.rule) == [.noFirstSession])
    }

    @Test func oneSession() {
        let numbers = indicators("start: 2026-11-01\nsessions:\n  - {date: 2026-11-03, minutes: 50}\n")
        #expect(numbers.meetingsHeld == 1)
        #expect(numbers.totalMinutes == 50)
        #expect(numbers.daysSinceLastSession == 21)
        #expect(numbers.longestGap == 21)
        #expect(numbers.alerts.map(\.rule) == [.meetingGap])
    }

    @Test func sessionsPerMonthAndGaps() {
        let numbers = indicators("""
            start: 2026-09-01
            sessions:
              - {date: 2026-09-02, minutes: 60}
              - {date: 2026-09-20, minutes: 30}
              - {date: 2026-10-25, minutes: 45}
              - {date: 2026-11-20}
              - {date: 2026-12-01, minutes: 99}

            """)
        #expect(numbers.months.map(\.sessions) == [2, 1, 1])
        #expect(numbers.months.map(\.minutes) == [90, 45, 0])
        #expect(numbers.totalMinutes == 135, "a session after as_of is not counted")
        #expect(numbers.longestGap == 35, "20 September to 25 October")
        #expect(numbers.daysSinceLastSession == 4)
        #expect(numbers.meetingsExpected == 84 / 14 + 1)
    }

    @Test func assessmentsOutOfOrderAndSelfAssessmentGap() throws {
        let numbers = indicators("""
            start: 2026-09-01
            competencies:
              - id: a
                assessments:
                  - {date: 2026-10-10, level: 3, by: tutor}
                  - {date: 2026-09-10, level: 1, by: tutor}
                  - {date: 2026-10-12, level: 4, by: tutee}
              - id: b
                assessments:
                  - {date: 2026-09-10, level: 2, by: supervisor}
              - id: c
                assessments:
                  - {date: 2026-09-10, level: 4}

            """)
        let a = try #require(numbers.competencies.first)
        #expect(a.level == 3, "the latest by date, not by position in the file")
        #expect(a.selfLevel == 4)
        #expect(a.selfGap == 1)
        #expect(a.history.map(\.date.iso) == ["2026-09-10", "2026-10-10", "2026-10-12"])
        #expect(numbers.competenciesWithTarget == 2)
        #expect(numbers.competenciesReached == 1)
        #expect(numbers.shareReached == 0.5)
        // On 10 September: a at 1/4 and b at 2/2, so (0.25 + 1) / 2; on 10 October: (0.75 + 1) / 2.
        #expect(numbers.progress == [ProgressPoint(date: Day(iso: "2026-09-10")!, share: 0.625),
                                     ProgressPoint(date: Day(iso: "2026-10-10")!, share: 0.875)])
    }

    @Test func droppedObjectivesDoNotCount() {
        let numbers = indicators("""
            start: 2026-09-01
            objectives:
              - {title: A, due: 2026-10-01, status: done}
              - {title: B, due: 2026-10-01, status: dropped}
              - {title: C, due: 2026-10-01, status: doing}
              - {title: D, due: 2026-12-01}

            """)
        #expect(numbers.objectivesDone == 1)
        #expect(numbers.objectivesTotal == 3)
        #expect(numbers.objectivesOverdue == 1)
    }

    @Test func tuteeNotStartedYet() {
        let numbers = indicators("start: 2027-01-04\nend: 2027-03-01\nstatus: planned\n")
        #expect(numbers.daysElapsed == 0)
        #expect(numbers.meetingsExpected == 0)
        #expect(numbers.longestGap == nil)
        #expect(numbers.months.isEmpty)
        #expect(numbers.daysRemaining == 97)
        #expect(numbers.alerts.isEmpty)
    }

    @Test func asOfBeforeTheStartOfAnActiveTutee() {
        let numbers = indicators("start: 2026-12-01\nsessions:\n  - {date: 2026-12-02}\n", asOf: "2026-11-24")
        #expect(numbers.meetingsHeld == 0)
        #expect(numbers.daysElapsed == 0)
        #expect(numbers.alerts.isEmpty)
    }
}

@Suite struct TutorAndProgrammeIndicatorsTests {
    @Test func loadAndCompletion() {
        func md(_ text: String) -> [UInt8] { Array("---\n\(text)---\n".utf8) }
        var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
        set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
        set.programmes = [DocumentDecoder.programme(md("title: P\n"), id: "p", path: "content/programmes/p.md").value!]
        set.tutors = [DocumentDecoder.tutor(md("name: J\ntrained: 2020-01-01\ncapacity: 1\nexchanges: [2026-06-01]\n"), id: "j", path: "content/tutors/j.md").value!]
        let tutees = [
            ("a", "status: active\nsessions:\n  - {date: 2026-11-02, minutes: 30}\n  - {date: 2026-11-20, minutes: 45}\n"),
            ("b", "status: active\nsessions:\n  - {date: 2026-11-03, minutes: 60}\n  - {date: 2026-11-21}\n"),
            ("c", "status: completed\nend_reason: completed\n"), ("d", "status: completed\nend_reason: hired\n"),
            ("e", "status: interrupted\nend_reason: resigned\n"),
        ]
        set.tutees = tutees.map {
            DocumentDecoder.tutee(md("name: \($0.0)\nprogramme: p\ntutor: j\nstart: 2026-11-01\n" + $0.1), id: $0.0, path: "content/tutees/\($0.0).md").value!
        }
        let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!
        let numbers = SiteIndicators(site)
        let tutor = numbers.tutors["j"]!
        #expect((tutor.activeTutees, tutor.capacity, tutor.sessionsHeld, tutor.minutesGiven) == (2, 1, 4, 135))
        #expect(tutor.overCapacity)
        #expect(numbers.alerts(ofTutor: "j").map(\.rule) == [.tutorOverCapacity])
        let programme = numbers.programmes["p"]!
        #expect(programme.byStatus == [.active: 2, .completed: 2, .interrupted: 1])
        #expect(programme.completionRate == 2.0 / 3.0)
        #expect(programme.averageProgress == nil, "no framework, so no targets")
        #expect(programme.needingAttention == [], "the capacity alert is about the tutor, not a duo")
    }
}

@Suite struct AlertRunsTests {
    static func alert(_ message: String, tutee: String?) -> Alert {
        Alert(rule: .meetingGap, severity: .warning, message: message, location: SourceLocation(file: "f", line: 1, column: 1),
              hint: nil, tutee: tutee, tutor: tutee == nil ? "t" : nil)
    }

    @Test func eachTuteesAlertsAreASliceOfTheSitesList() {
        let alerts = [Self.alert("a1", tutee: "a"), Self.alert("a2", tutee: "a"), Self.alert("b1", tutee: "b"), Self.alert("t", tutee: nil)]
        let runs = SiteIndicators.runs(of: alerts)
        #expect(runs.keys.sorted() == ["a", "b"])
        #expect(runs["a"]?.map(\.message) == ["a1", "a2"])
        #expect(runs["b"]?.map(\.message) == ["b1"])
        #expect(runs["a"]?.startIndex == 0 && runs["b"]?.startIndex == 2, "slices of the list, not copies")
    }

    @Test func aTuteeInTwoRunsKeepsBothInOrder() {
        let alerts = [Self.alert("a1", tutee: "a"), Self.alert("b1", tutee: "b"), Self.alert("a2", tutee: "a")]
        #expect(SiteIndicators.runs(of: alerts)["a"]?.map(\.message) == ["a1", "a2"])
    }
}

@Suite struct AlertDetailsTests {
    @Test(arguments: [[], ["14"], ["14", "2026-09-01"], ["Accueil", "2026-11-01", "2026-11-03"]])
    func anAlertGivesBackItsDetailsInOrder(_ details: [String]) {
        let alert = Alert(rule: .meetingGap, severity: .warning, message: "m", location: SourceLocation(file: "f", line: 1, column: 1),
                          details: details)
        #expect(alert.details == details)
    }
}
