import Foundation
import Testing
import TutoratCore
import TutoratSource
@testable import TutoratSite

/// A small site described in code: each test changes one file and reads the diagnostics.
struct SiteFixture {
    var tutee = """
        name: Marie Dupont
        programme: accueil
        tutor: jeanne-martin
        substitute: paul-leroy
        start: 2026-09-01
        competencies:
          - id: hygiene
            assessments:
              - {date: 2026-09-08, level: 1}

        """
    var programme = "title: Accueil\nframework: soins\n"
    var framework = "title: Soins\nscale:\n  - {level: 0, label: Non abordé}\n  - {level: 1, label: Découverte}\n  - {level: 2, label: Acquis}\ncompetencies:\n  - {id: hygiene, title: Hygiène, target: 2}\n  - {id: ecoute, title: Écoute, target: 1}\n"
    var withCharter = true
    /// Survey files by id.
    var surveys: [String: String] = [:]

    func content() -> ContentSet {
        var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\n".utf8), path: "content/site.yml").value!)
        if withCharter { set.charter = DocumentDecoder.charter(Array("---\ntitle: Charte\n---\nTexte".utf8), path: "content/charter.md").value }
        set.programmes = [DocumentDecoder.programme(md(programme), id: "accueil", path: "content/programmes/accueil.md").value!]
        set.frameworks = [DocumentDecoder.framework(Array(framework.utf8), id: "soins", path: "content/frameworks/soins.yml").value!]
        set.tutors = ["jeanne-martin", "paul-leroy"].map {
            DocumentDecoder.tutor(md("name: \($0)\n"), id: $0, path: "content/tutors/\($0).md").value!
        }
        set.tutees = [DocumentDecoder.tutee(md(tutee), id: "marie", path: "content/tutees/marie.md").value!]
        set.surveys = surveys.map { DocumentDecoder.survey(Array($0.value.utf8), id: $0.key, path: "content/surveys/\($0.key).yml").value! }
        return set
    }

    func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\nBody\n".utf8) }

    func resolve() -> (site: Site?, diagnostics: [Diagnostic]) {
        SiteResolver.resolve(content(), fallbackAsOf: Day(iso: "2026-11-24")!)
    }
}

@Suite struct SiteResolverTests {
    @Test func validSiteResolvesWithIndexes() throws {
        let (site, diagnostics) = SiteFixture().resolve()
        #expect(diagnostics.isEmpty)
        let resolved = try #require(site)
        #expect(resolved.tutees(ofTutor: "jeanne-martin").map(\.info.id) == ["marie"])
        #expect(resolved.tutees(substitutedBy: "paul-leroy").map(\.info.id) == ["marie"])
        #expect(resolved.tutees(inProgramme: "accueil").count == 1)
        #expect(resolved.framework(of: resolved.programmes[0])?.title == "Soins")
        #expect(resolved.asOf.iso == "2026-11-24")
    }

    @Test func unknownTutorPointsAtTheValueWithADidYouMean() {
        var fixture = SiteFixture()
        fixture.tutee = fixture.tutee.replacingOccurrences(of: "tutor: jeanne-martin", with: "tutor: jeanne-martn")
        let diagnostics = fixture.resolve().diagnostics
        #expect(diagnostics.map(\.description) == [
            "content/tutees/marie.md:4:8: error: unknown tutor 'jeanne-martn' (did you mean 'jeanne-martin'?)",
        ])
    }

    @Test func unknownIdWithNothingCloseListsTheKnownOnes() {
        var fixture = SiteFixture()
        fixture.tutee = fixture.tutee.replacingOccurrences(of: "programme: accueil", with: "programme: zzz")
        let diagnostic = fixture.resolve().diagnostics.first
        #expect(diagnostic?.message == "unknown programme 'zzz'")
        #expect(diagnostic?.hint == "known programmes: accueil")
    }

    @Test func unknownFrameworkOfAProgramme() {
        var fixture = SiteFixture()
        fixture.programme = "title: Accueil\nframework: soin\n"
        let diagnostics = fixture.resolve().diagnostics
        #expect(diagnostics.first?.message == "unknown framework 'soin' (did you mean 'soins'?)")
        #expect(diagnostics.first?.location == SourceLocation(file: "content/programmes/accueil.md", line: 3, column: 12))
    }

    @Test func competencyOutsideTheFrameworkAndLevelOutsideTheScale() {
        var fixture = SiteFixture()
        fixture.tutee = fixture.tutee.replacingOccurrences(of: "- id: hygiene", with: "- id: hygene")
            .replacingOccurrences(of: "level: 1}", with: "level: 7}")
        let messages = fixture.resolve().diagnostics.map(\.message)
        #expect(messages == [
            "competency 'hygene' is not in framework 'soins' (did you mean 'hygiene'?)",
            "level 7 is not on the scale of 'soins' (0..2)",
        ])
    }

    @Test func missingCharterIsAnError() {
        var fixture = SiteFixture()
        fixture.withCharter = false
        let (site, diagnostics) = fixture.resolve()
        #expect(site == nil)
        #expect(diagnostics.first?.location?.file == "content/charter.md")
    }

    @Test func endBeforeStart() {
        var fixture = SiteFixture()
        fixture.tutee += "end: 2026-08-01\n"
        #expect(fixture.resolve().diagnostics.map(\.message) == ["the end 2026-08-01 comes before the start 2026-09-01"])
    }

    @Test func frameworkTargetMustBeOnTheScaleAndIdsUnique() {
        var fixture = SiteFixture()
        fixture.framework += "  - {id: ecoute, title: Doublon, target: 9}\n"
        let messages = fixture.resolve().diagnostics.map(\.message)
        #expect(messages.contains("competency 'ecoute' is defined twice"))
        #expect(messages.contains("target 9 of 'ecoute' is not a level of the scale"))
    }

    @Test func freePageCannotTakeAGeneratedPath() {
        var set = SiteFixture().content()
        set.pages = [DocumentDecoder.page(Array("---\ntitle: X\n---\n".utf8), id: "tutors", path: "content/pages/tutors.md").value!]
        let diagnostics = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).diagnostics
        #expect(diagnostics.map(\.code) == ["E-ID"])
    }
}

@Suite struct DateOrderTests {
    @Test func sessionsOutsideTheTutoringOrAfterAsOfAreWarned() {
        var fixture = SiteFixture()
        fixture.tutee += "end: 2026-10-31\nsessions:\n  - {date: 2026-08-30}\n  - {date: 2026-11-05}\n  - {date: 2026-10-01}\n"
        let messages = fixture.resolve().diagnostics.map(\.message)
        #expect(messages == ["a session on 2026-08-30 is before the start (2026-09-01)", "a session on 2026-11-05 is after the end (2026-10-31)"])
    }

    @Test func futureAssessmentIsWarned() {
        var fixture = SiteFixture()
        fixture.tutee = fixture.tutee.replacingOccurrences(of: "2026-09-08", with: "2026-12-08")
        let diagnostics = fixture.resolve().diagnostics
        #expect(diagnostics.map(\.message) == ["an assessment on 2026-12-08 is after 2026-11-24, the day the site is built for"])
        #expect(diagnostics.first?.location?.line == 10)
    }

    @Test func competencyListedTwice() {
        var fixture = SiteFixture()
        fixture.tutee += "  - id: hygiene\n    assessments: []\n"
        // The appended entry lands after 'competencies:' only if it is the last key.
        let diagnostics = fixture.resolve().diagnostics
        #expect(diagnostics.map(\.message) == ["competency 'hygiene' is listed twice"])
    }
}

/// Tutees past their retention date are left out of the resolved site, with a warning at their file.
@Suite struct RetentionTests {
    @Test func aTuteePastRetentionIsLeftOutWithAWarningAtTheDate() throws {
        var fixture = SiteFixture()
        fixture.tutee += "end: 2026-10-01\nretain_until: 2026-11-20\n"
        let (site, diagnostics) = fixture.resolve()
        let resolved = try #require(site)
        #expect(resolved.tutees.isEmpty)
        #expect(resolved.retired == ["marie"])
        #expect(resolved.tutees(ofTutor: "jeanne-martin").isEmpty && resolved.tutees(inProgramme: "accueil").isEmpty)
        let warning = try #require(diagnostics.first { $0.code == "W-RETENTION" })
        #expect(warning.severity == .warning)
        #expect(warning.location == SourceLocation(file: "content/tutees/marie.md", line: 12, column: 15))
        #expect(warning.message.contains("2026-11-20") && warning.message.contains("left out of the site"))
        #expect(warning.hint?.contains("archive the file") == true)
    }

    @Test func theDefaultPeriodCountsFromTheEnd() throws {
        var fixture = SiteFixture()
        // 2024-10-31 + 24 months = 2026-10-31, before as_of 2026-11-24.
        fixture.tutee = fixture.tutee.replacingOccurrences(of: "start: 2026-09-01", with: "start: 2024-09-01\nend: 2024-10-31")
        var content = fixture.content()
        content.config.retentionMonths = 24
        let (site, diagnostics) = SiteResolver.resolve(content, fallbackAsOf: Day(iso: "2026-11-24")!)
        #expect(site?.tutees.isEmpty == true)
        let warning = try #require(diagnostics.first { $0.code == "W-RETENTION" })
        #expect(warning.location?.line == 7, "at the end date, which the default is counted from")
        #expect(warning.message.contains("the end 2024-10-31 plus 24 months"))
        // Its references are not checked: an archived file may name a tutor who has left.
        #expect(!diagnostics.contains { $0.code == "E-REF" || $0.code == "W-DATE" })
        content.config.retentionMonths = 36
        #expect(SiteResolver.resolve(content, fallbackAsOf: Day(iso: "2026-11-24")!).site?.tutees.count == 1)
    }
}
