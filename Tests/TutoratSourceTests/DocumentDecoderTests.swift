import Testing
import TutoratCore
@testable import TutoratSource

@Suite struct DocumentDecoderTests {
    let path = "content/tutees/marie.md"

    func tutee(_ yaml: String, body: String = "Journal\n") -> Decoded<Tutee> {
        DocumentDecoder.tutee(Array("---\n\(yaml)---\n\(body)".utf8), id: "marie", path: path)
    }

    let minimal = "name: Marie Dupont\nprogramme: accueil\ntutor: jeanne-martin\nstart: 2026-09-01\n"

    @Test func decodesATuteeWithPositionsShiftedByTheFence() throws {
        let decoded = tutee(minimal + """
            status: completed
            objectives:
              - {title: Toilette, due: 2026-10-15, status: done}
            competencies:
              - id: hygiene
                assessments:
                  - {date: 2026-09-08, level: 1, by: tutee, note: Premiers gestes}
            sessions:
              - {date: 2026-09-02, minutes: 45, kind: welcome, summary: Visite}

            """)
        #expect(decoded.diagnostics.isEmpty)
        let tutee = try #require(decoded.value)
        #expect(tutee.name == "Marie Dupont")
        // "tutor:" is on YAML line 3, so file line 4 (after the opening ---); the value starts at column 8.
        #expect(tutee.tutor.location == SourceLocation(file: path, line: 4, column: 8))
        #expect(tutee.status == .completed)
        #expect(tutee.info.isPrivate, "tutees are private unless they say otherwise")
        #expect(tutee.objectives.first?.due == Day(iso: "2026-10-15"))
        #expect(tutee.competencies.first?.assessments.first?.by == .tutee)
        #expect(tutee.competencies.first?.assessments.first?.level.location.line == 12)
        #expect(tutee.sessions.first?.minutes == 45)
        #expect(tutee.info.body == "Journal\n")
        #expect(tutee.info.bodyLine == 16)
    }

    @Test func missingRequiredFieldsAreReportedEachOnce() {
        let decoded = tutee("name: Marie\nstart: 2026-09-01\n")
        #expect(decoded.value == nil)
        let messages = decoded.diagnostics.map(\.message)
        #expect(messages == ["missing required field 'programme'", "missing required field 'tutor'"])
        #expect(decoded.diagnostics.allSatisfy { $0.location?.line == 2 })
    }

    @Test func badDateNamesTheFieldAndPointsAtTheValue() {
        let decoded = tutee("name: Marie\nprogramme: p\ntutor: t\nstart: 2026-02-30\n")
        #expect(decoded.value == nil)
        let diagnostic = decoded.diagnostics.first
        #expect(diagnostic?.code == "E-DATE")
        #expect(diagnostic?.message == "'start' should be a date written YYYY-MM-DD, found '2026-02-30'")
        #expect(diagnostic?.location == SourceLocation(file: path, line: 5, column: 8))
    }

    @Test func unknownEnumValueListsTheAllowedOnesAndGuesses() {
        let decoded = tutee(minimal + "status: activ\n")
        let diagnostic = decoded.diagnostics.first
        #expect(diagnostic?.message == "'status' cannot be 'activ' (did you mean 'active'?)")
        #expect(diagnostic?.hint == "expected one of: planned, active, completed, interrupted")
    }

    @Test func wrongTypeForALevel() {
        let decoded = tutee(minimal + "competencies:\n  - id: hygiene\n    assessments:\n      - {date: 2026-09-08, level: high}\n")
        #expect(decoded.diagnostics.map(\.message) == ["'level' should be a whole number, found 'high'"])
        #expect(decoded.diagnostics.first?.location?.line == 9)
    }

    @Test func unknownFieldsAreKeptAndLikelyTyposWarned() throws {
        let decoded = tutee(minimal + "tutorr: x\nbadge: gold\n")
        let tutee = try #require(decoded.value)
        #expect(tutee.info.extra["badge"] == .text("gold"))
        #expect(tutee.info.extra["tutorr"] == .text("x"))
        #expect(decoded.diagnostics.map(\.message) == ["unknown field 'tutorr' (did you mean 'tutor'?)"])
        #expect(decoded.diagnostics.first?.severity == .warning)
    }

    @Test func yamlSyntaxErrorIsReportedAtItsLineInTheFile() {
        let decoded = tutee("name: Marie\nprogramme: [unclosed\ntutor: t\n")
        #expect(decoded.value == nil)
        #expect(decoded.diagnostics.first?.code == "E-YAML")
        #expect((decoded.diagnostics.first?.location?.line ?? 0) >= 3)
    }

    @Test func siteConfigDefaultsAndRules() throws {
        let decoded = DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nlanguage: en\nrules:\n  meeting_gap_days: 21\n".utf8),
                                                 path: "content/site.yml")
        let config = try #require(decoded.value)
        #expect(config.language == .en)
        #expect(config.theme == "default")
        #expect(config.rules.meetingGapDays == 21)
        #expect(config.rules.maxTuteesPerTutor == 2)
        #expect(config.unsafeHTML == false)
    }

    @Test func frameworkScaleAndCompetencies() throws {
        let yaml = "title: F\nscale:\n  - {level: 0, label: Non abordé}\n  - {level: 1, label: Acquis}\ncompetencies:\n  - {id: hygiene, title: Hygiène, group: Soins, target: 1}\n"
        let decoded = DocumentDecoder.framework(Array(yaml.utf8), id: "f", path: "content/frameworks/f.yml")
        let framework = try #require(decoded.value)
        #expect(framework.scale == [ScaleLevel(level: 0, label: "Non abordé"), ScaleLevel(level: 1, label: "Acquis")])
        #expect(framework.competencies.first?.target == 1)
        #expect(framework.competencies.first?.location == SourceLocation(file: "content/frameworks/f.yml", line: 6, column: 10))
    }

    @Test func pagePrivacyCanBeSet() throws {
        let decoded = DocumentDecoder.page(Array("---\ntitle: Notes\nprivate: true\n---\nx".utf8), id: "notes", path: "content/pages/notes.md")
        #expect(try #require(decoded.value).info.isPrivate)
    }
}
