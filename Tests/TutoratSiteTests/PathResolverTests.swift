import Testing
import TutoratCore
import TutoratSource
@testable import TutoratSite

/// The path's references and values, each reported at its line.
@Suite struct PathResolverTests {
    static let steps = """
        title: Accueil
        framework: soins
        phases:
          - name: Avant
            when: before
            steps:
              - {id: poste-pret, title: Poste prêt, owner: managment, due_days: -3}
              - {id: accueil, title: Accueil, owner: tutor, due_days: 0}
              - Un pas sans suivi

        """

    func diagnostics(programme: String = steps, tutee extra: String) -> [String] {
        var fixture = SiteFixture()
        fixture.programme = programme
        fixture.tutee += extra
        return fixture.resolve().diagnostics.map(\.description)
    }

    @Test func anUnknownOwnerAndAnUnknownStepGetADidYouMean() {
        #expect(diagnostics(tutee: "checklist:\n  poste-pert: 2026-09-01\n  accueil: 2026-09-01\n").map { $0.split(separator: "\n")[0] } == [
            "content/programmes/accueil.md:8:52: error: unknown step owner 'managment' (did you mean 'management'?)",
            "content/tutees/marie.md:12:3: error: step 'poste-pert' is not a step of programme 'accueil' (did you mean 'poste-pret'?)",
        ])
    }

    @Test func aChecklistValueIsADayOrSkipped() {
        let decoded = DocumentDecoder.tutee(Array("---\nname: M\nprogramme: p\ntutor: t\nstart: 2026-09-01\nchecklist:\n  accueil: hier\n  poste: skipped\n---\n".utf8),
                                            id: "m", path: "m.md")
        #expect(decoded.diagnostics.map(\.description).map { $0.split(separator: "\n")[0] } == [
            "m.md:7:12: error: step 'accueil' in 'checklist' should be the day it was done (YYYY-MM-DD) or 'skipped', found 'hier'",
        ])
        #expect(decoded.value?.checklist.map(\.state) == [.skipped])
        #expect(decoded.value?.checklistLocation == SourceLocation(file: "m.md", line: 6, column: 1))
    }

    @Test func stepIdsAreValidAndUnique() {
        let twice = "title: P\nphases:\n  - name: A\n    when: during\n    steps:\n      - {id: a, title: A}\n      - {id: a, title: B}\n      - {id: Bad Id, title: C}\n"
        let decoded = DocumentDecoder.programme(Array("---\n\(twice)---\n".utf8), id: "p", path: "p.md")
        #expect(decoded.diagnostics.map(\.code) == ["E-ID", "E-DUPLICATE"])
        #expect(decoded.diagnostics.map { $0.location?.line } == [9, 8])
    }

    @Test func theNewFieldsAreRead() throws {
        let text = """
            ---
            name: M
            programme: p
            tutor: t
            start: 2026-09-01
            status: completed
            sessions:
              - {date: 2026-09-02, mode: remote, with: [supervisor, Mme Lenoir]}
            liaison:
              - {date: 2026-10-03, kind: visit, with: "Mme Lenoir, formatrice", summary: Visite}
            end_reason: contract-ended
            end_note: Fin du CDD
            ---

            """
        let tutee = try #require(DocumentDecoder.tutee(Array(text.utf8), id: "m", path: "m.md").value)
        #expect(tutee.sessions.map(\.mode) == [.remote])
        #expect(tutee.sessions.first?.with == ["supervisor", "Mme Lenoir"])
        #expect(tutee.liaison.map(\.kind) == [.visit])
        #expect(tutee.liaison.first?.with == "Mme Lenoir, formatrice")
        #expect(tutee.endReason?.value == .contractEnded)
        #expect(tutee.endNote == "Fin du CDD")
        let tutor = try #require(DocumentDecoder.tutor(Array("---\nname: T\nqualification: DEAS\nexperience_years: 4\nminutes_per_week: 90\nexchanges: [2026-03-01, 2026-10-01]\n---\n".utf8),
                                                       id: "t", path: "t.md").value)
        #expect((tutor.qualification, tutor.experienceYears, tutor.minutesPerWeek) == ("DEAS", 4, 90))
        #expect(tutor.exchanges.map(\.iso) == ["2026-03-01", "2026-10-01"])
    }
}
