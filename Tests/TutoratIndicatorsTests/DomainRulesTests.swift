import Foundation
import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratIndicators

/// A one-programme site built in memory; each test writes the tutee and tutor it needs.
func site(tutees: [String: String], tutors: [String: String] = ["jeanne": "name: Jeanne Martin\ntrained: 2020-01-01\nexchanges: [2026-06-01]\n",
                                                                  "paul": "name: Paul Leroy\ntrained: 2020-01-01\nexchanges: [2026-06-01]\n"],
          rules: String = "", rhythm: String = "") -> Site {
    func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
    let config = DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\nrules:\n  max_tutees_per_tutor: 2\n\(rules)".utf8),
                                            path: "content/site.yml")
    var set = ContentSet(config: config.value!)
    set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
    set.programmes = [DocumentDecoder.programme(md("title: P\n\(rhythm)"), id: "p", path: "content/programmes/p.md").value!]
    set.tutors = tutors.map { DocumentDecoder.tutor(md($0.value), id: $0.key, path: "content/tutors/\($0.key).md").value! }
    set.tutees = tutees.map { DocumentDecoder.tutee(md("programme: p\n" + $0.value), id: $0.key, path: "content/tutees/\($0.key).md").value! }
    let resolved = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2000-01-01")!)
    return resolved.site!
}

let activeSince = "name: Marie Dupont\ntutor: jeanne\nstart: 2026-11-01\nstatus: active\n"

@Suite struct DomainRulesTests {
    func codes(_ site: Site) -> [String] { DomainRules.alerts(for: site).map(\.rule.rawValue).sorted() }

    @Test func cleanSiteHasNoAlert() {
        let clean = site(tutees: ["marie": activeSince + "sessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\n"])
        #expect(codes(clean) == [])
    }

    @Test func tutorAsSupervisorByIdOrName() {
        let byID = site(tutees: ["marie": activeSince + "supervisor: jeanne\nsessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\n"])
        let alerts = DomainRules.alerts(for: byID)
        #expect(alerts.map(\.rule) == [.supervisorIsTutor])
        #expect(alerts.first?.severity == .error)
        #expect(alerts.first?.location == SourceLocation(file: "content/tutees/marie.md", line: 7, column: 13))
        let byName = site(tutees: ["marie": activeSince + "supervisor: jeanne MARTIN\nsessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\n"])
        #expect(codes(byName) == ["TUT001"])
        let other = site(tutees: ["marie": activeSince + "supervisor: Cheffe de service\nsessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\n"])
        #expect(codes(other) == [])
    }

    @Test func substituteIsTheTutor() {
        let alerts = DomainRules.alerts(for: site(tutees: ["marie": activeSince + "substitute: jeanne\nsessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\n"]))
        #expect(alerts.map(\.rule) == [.substituteIsTutor])
        #expect(alerts.first?.severity == .error)
    }

    @Test func capacityCountsActiveTuteesOnly() {
        let recent = "sessions:\n  - {date: 2026-11-16}\n  - {date: 2026-11-20}\n"
        var tutees: [String: String] = [:]
        for id in ["a", "b", "c"] { tutees[id] = "name: \(id)\ntutor: jeanne\nstart: 2026-11-15\n" + recent }
        let over = DomainRules.alerts(for: site(tutees: tutees))
        #expect(over.map(\.rule) == [.tutorOverCapacity])
        #expect(over.first?.message == "Jeanne Martin accompanies 3 active tutees, more than their capacity of 2 (a, b, c)")
        tutees["c"]! += "status: completed\nend_reason: hired\n"
        #expect(codes(site(tutees: tutees)) == [])
        // A tutor's own capacity overrides the site's rule.
        tutees["c"] = "name: c\ntutor: jeanne\nstart: 2026-11-15\n" + recent
        #expect(codes(site(tutees: tutees, tutors: ["jeanne": "name: J\ntrained: 2020-01-01\ncapacity: 3\nexchanges: [2026-06-01]\n"])) == [])
    }

    @Test func untrainedTutor() {
        let alerts = DomainRules.alerts(for: site(tutees: [:], tutors: ["jeanne": "name: Jeanne\n"]))
        #expect(alerts.map(\.rule) == [.untrainedTutor])
        #expect(alerts.first?.location == SourceLocation(file: "content/tutors/jeanne.md", line: 1, column: 1))
    }

    @Test func firstSessionWithinTenDays() {
        // Started on 1 November, as of 24 November: a first session on the 12th is too late, on the 11th in time.
        #expect(codes(site(tutees: ["marie": activeSince + "sessions:\n  - {date: 2026-11-12}\n"])) == ["TUT005"])
        #expect(codes(site(tutees: ["marie": activeSince + "sessions:\n  - {date: 2026-11-11}\n  - {date: 2026-11-20}\n"])) == [])
        #expect(codes(site(tutees: ["marie": activeSince])) == ["TUT005"])
        // Not yet due: started eight days ago.
        #expect(codes(site(tutees: ["marie": "name: M\ntutor: jeanne\nstart: 2026-11-16\n"])) == [])
        // The number of days is a setting.
        #expect(codes(site(tutees: ["marie": activeSince + "sessions:\n  - {date: 2026-11-12}\n"], rules: "  first_session_days: 15\n")) == [])
    }

    @Test func meetingGapUsesTheProgrammeRhythmBeforeTheSiteRule() {
        let tutee = activeSince + "sessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-09}\n"
        // 15 days since the 9th: over the default 14.
        let alerts = DomainRules.alerts(for: site(tutees: ["marie": tutee]))
        #expect(alerts.map(\.rule) == [.meetingGap])
        #expect(alerts.first?.message == "no session with Marie Dupont for 15 days (the rhythm is every 14 days at most)")
        #expect(alerts.first?.location.line == 9)
        #expect(codes(site(tutees: ["marie": tutee], rules: "  meeting_gap_days: 21\n")) == [])
        #expect(codes(site(tutees: ["marie": tutee], rules: "  meeting_gap_days: 21\n", rhythm: "meeting_rhythm_days: 7\n")) == ["TUT006"])
        // A session planned after as_of does not count as held.
        #expect(codes(site(tutees: ["marie": tutee + "  - {date: 2026-11-30}\n"])) == ["TUT006"])
    }

    @Test func overdueObjectivesOfActiveTutees() {
        let tutee = activeSince + "sessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\nobjectives:\n  - {title: A, due: 2026-11-20, status: doing}\n"
            + "  - {title: B, due: 2026-11-20, status: done}\n  - {title: C, due: 2026-11-20, status: dropped}\n  - {title: D, due: 2026-11-30}\n"
        let alerts = DomainRules.alerts(for: site(tutees: ["marie": tutee]))
        #expect(alerts.map(\.message) == ["the objective 'A' was due on 2026-11-20 and is not done"])
        #expect(alerts.first?.location.line == 11)
    }

    @Test func pastEndStillActive() {
        let tutee = "name: M\ntutor: jeanne\nstart: 2026-09-01\nend: 2026-11-20\nsessions:\n  - {date: 2026-09-02}\n  - {date: 2026-11-19}\n"
        #expect(codes(site(tutees: ["marie": tutee])) == ["TUT008"])
        #expect(codes(site(tutees: ["marie": tutee + "status: completed\nend_reason: diploma\n"])) == [])
    }

    @Test func rulesCanBeSwitchedOffOrMadeErrors() {
        let untrained = ["jeanne": "name: Jeanne\n"]
        #expect(codes(site(tutees: [:], tutors: untrained, rules: "  TUT004: off\n")) == [])
        #expect(codes(site(tutees: [:], tutors: untrained, rules: "  TUT004: false\n")) == [])
        let raised = DomainRules.alerts(for: site(tutees: [:], tutors: untrained, rules: "  TUT004: error\n"))
        #expect(raised.map(\.severity) == [.error])
    }

    /// The tutor's page lists their own alerts and their duos', looked up in
    /// the site's list rather than copied per tutor: another tutor's stay out.
    @Test func aTutorsAlertsAreTheirOwnAndTheirDuos() {
        let quiet = "sessions:\n  - {date: 2026-11-02}\n  - {date: 2026-11-20}\n"
        let both = site(tutees: ["marie": "name: Marie\ntutor: jeanne\nstart: 2026-11-01\nstatus: active\n",
                                 "luc": "name: Luc\ntutor: paul\nstart: 2026-11-01\nstatus: active\n" + quiet],
                        tutors: ["jeanne": "name: Jeanne Martin\n", "paul": "name: Paul Leroy\ntrained: 2020-01-01\nexchanges: [2026-06-01]\n"])
        let figures = SiteIndicators(both)
        let jeanne = figures.alerts(ofTutor: "jeanne")
        #expect(Set(jeanne.map(\.rule)) == [.untrainedTutor, .noFirstSession, .noPracticeExchange])
        #expect(jeanne.map(\.location) == figures.alerts.filter { $0.tutor == "jeanne" }.map(\.location))
        #expect(jeanne.contains { $0.tutee == "marie" } && jeanne.contains { $0.tutee == nil })
        #expect(figures.alerts(ofTutor: "paul").isEmpty)
        #expect(figures.alerts(ofTutor: "nobody").isEmpty)
    }

    /// The guide's table of rules says for each code its default severity and
    /// the reason the code gives (`--help` and alerts): the two never drift apart.
    @Test func everyRuleIsDocumentedWithItsSeverityAndReason() throws {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        let guide = try String(contentsOfFile: path.joined(separator: "/") + "/" + Self.rulesGuide, encoding: .utf8)
        let rows = guide.split(separator: "\n").filter { $0.hasPrefix("| TUT") }
        #expect(rows.count == RuleCode.allCases.count)
        for rule in RuleCode.allCases {
            let row = rows.first { $0.hasPrefix("| \(rule.rawValue) |") }
            #expect(row?.hasPrefix("| \(rule.rawValue) | \(rule.defaultSeverity.rawValue) |") == true, "\(rule.rawValue)")
            #expect(row?.hasSuffix("| \(rule.reason) |") == true, "\(rule.rawValue): the guide gives another reason")
        }
        #expect(Set(RuleCode.allCases.map(\.reason)).count == RuleCode.allCases.count)
    }

    static let rulesGuide = "docs/domain-rules.md"
}
