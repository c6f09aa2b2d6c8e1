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
        #expect(tutee.competencies.first.map { $0.levelLocation(of: $0.assessments[0]).line } == 12)
        #expect(tutee.sessions.first?.minutes == 45)
        #expect(tutee.info.body == "Journal\n")
        #expect(tutee.info.bodyLine == 16)
    }

    @Test func aProgressFilesRecordTextsShareOneBuffer() throws {
        let decoded = tutee(minimal + """
            objectives:
              - {title: "Préparer le poste 🧰", status: todo}
              - {title: Accueillir un patient}
            competencies:
              - id: hygiene
                assessments:
                  - {date: 2026-09-08, level: 1, note: "Gestes sûrs, à revoir"}
                  - {date: 2026-09-20, level: 2}
            sessions:
              - {date: 2026-09-02, summary: Visite du service}
            evaluations:
              - {date: 2026-10-01, kind: formative, summary: Bilan, outcome: "Objectifs tenus"}
            liaison:
              - {date: 2026-10-02, kind: visit, summary: Appel au CFA}

            """)
        #expect(decoded.diagnostics.isEmpty)
        var tutee = try #require(decoded.value)
        #expect(tutee.objectives.map(\.title) == ["Préparer le poste 🧰", "Accueillir un patient"])
        #expect(tutee.competencies[0].assessments.map(\.note) == ["Gestes sûrs, à revoir", nil])
        #expect(tutee.sessions[0].summary == "Visite du service")
        #expect(tutee.evaluations[0].summary == "Bilan" && tutee.evaluations[0].outcome == "Objectifs tenus")
        #expect(tutee.liaison[0].summary == "Appel au CFA")
        let buffers = Set([tutee.objectives[0].storedTitle, tutee.objectives[1].storedTitle, tutee.competencies[0].assessments[0].$note!,
                           tutee.sessions[0].$summary!, tutee.evaluations[0].$summary!, tutee.evaluations[0].$outcome!,
                           tutee.liaison[0].$summary!].map(\.bufferIdentity))
        #expect(buffers.count == 1, "seven texts, one allocation")
        tutee.objectives[1].title = "Accueillir seul un patient"
        tutee.sessions[0].summary = ""
        #expect(tutee.objectives.map(\.title) == ["Préparer le poste 🧰", "Accueillir seul un patient"])
        #expect(tutee.sessions[0].summary == "")
    }

    @Test func anAssessmentKeepsWhereItsLevelIsInLittleRoom() throws {
        let decoded = tutee(minimal + "competencies:\n  - id: hygiene\n    assessments:\n      - date: 2026-09-08\n        level: 3\n")
        let record = try #require(decoded.value?.competencies.first)
        let assessment = try #require(record.assessments.first)
        #expect(assessment.level == 3)
        #expect(record.levelLocation(of: assessment) == SourceLocation(file: path, line: 10, column: 16))
        #expect(record.dateLocation(of: assessment) == SourceLocation(file: path, line: 9, column: 15))
        // A national site holds millions: their places without the file's path (72 bytes with it).
        #expect(MemoryLayout<Assessment>.stride <= 48)
    }

    @Test func aLevelNoScaleCouldHoldIsRefusedWhereItIsWritten() {
        let decoded = tutee(minimal + "competencies:\n  - id: hygiene\n    assessments:\n      - {date: 2026-09-08, level: 99999999999}\n")
        #expect(decoded.diagnostics.map(\.code) == ["E-RANGE"])
        #expect(decoded.diagnostics.first?.location == SourceLocation(file: path, line: 9, column: 35))
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

@Suite struct RuleSettingsAndBodyTests {
    @Test func rulesCanBeSwitchedOffOrRaised() throws {
        let yaml = "title: T\norganisation: O\nrules:\n  TUT004: off\n  TUT006: error\n  TUT002: warning\n  first_session_days: 7\n"
        let decoded = DocumentDecoder.siteConfig(Array(yaml.utf8), path: "content/site.yml")
        let rules = try #require(decoded.value).rules
        #expect(rules.settings == [.untrainedTutor: .off, .meetingGap: .error, .tutorOverCapacity: .warning])
        #expect(rules.firstSessionDays == 7)
        #expect(decoded.diagnostics.isEmpty)
    }

    @Test func unknownRuleSettingIsAnError() {
        let decoded = DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nrules:\n  TUT004: maybe\n".utf8), path: "content/site.yml")
        #expect(decoded.diagnostics.map(\.description) == [
            "content/site.yml:4:11: error: 'TUT004' cannot be 'maybe'\n  hint: expected one of: off, warning, error",
        ])
    }

    @Test func bodyLinksArePositionedInTheFile() throws {
        let text = "---\ntitle: P\n---\nIntro\n\nVoir [la charte](/charter/) et ![plan](/assets/plan.png).\n"
        let page = try #require(DocumentDecoder.page(Array(text.utf8), id: "p", path: "content/pages/p.md").value)
        #expect(page.info.links == [
            BodyLink(destination: "/charter/", isImage: false, location: SourceLocation(file: "content/pages/p.md", line: 6, column: 6)),
            BodyLink(destination: "/assets/plan.png", isImage: true, location: SourceLocation(file: "content/pages/p.md", line: 6, column: 32)),
        ])
    }

    @Test func unclosedFenceIsAWarningAtItsFileLine() {
        let decoded = DocumentDecoder.page(Array("---\ntitle: P\n---\nTexte\n\n```\ncode\n".utf8), id: "p", path: "content/pages/p.md")
        #expect(decoded.diagnostics.map(\.code) == ["W-FENCE"])
        #expect(decoded.diagnostics.first?.location?.line == 6)
    }

    @Test func plainBodiesAreNotParsedForLinks() {
        #expect(!BodyScanner.mayHoldLinksOrFences("Du texte, des `codes` et ~ tildes ~~."))
        #expect(BodyScanner.mayHoldLinksOrFences("un [lien](x)"))
        #expect(BodyScanner.mayHoldLinksOrFences("~~~\ncode"))
    }

    @Test func everyMissingRequiredFieldIsReportedEvenWithOtherErrors() {
        let decoded = DocumentDecoder.tutee(Array("---\nstart: 2026-02-30\nsessions:\n  - {minutes: x}\n---\n".utf8), id: "t", path: "t.md")
        #expect(decoded.diagnostics.map(\.message) == [
            "missing required field 'name'", "missing required field 'programme'", "missing required field 'tutor'",
            "'start' should be a date written YYYY-MM-DD, found '2026-02-30'",
            "missing required field 'date'", "'minutes' should be a whole number, found 'x'",
        ])
    }
}
