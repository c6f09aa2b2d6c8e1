import Testing
import TutoratCore
import TutoratSite
import TutoratSource
import TutoratTestSupport
import Foundation
@testable import TutoratImport

@Suite struct ResponseImportTests {
    static let marie = "---\nname: Marie\nprogramme: p\ntutor: t\nstart: 2026-09-01\n---\nJournal\n"

    func plan(_ csv: String) -> ResponseImport.Plan {
        func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
        var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
        set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
        set.programmes = [DocumentDecoder.programme(md("title: P\n"), id: "p", path: "content/programmes/p.md").value!]
        set.tutors = [DocumentDecoder.tutor(md("name: T\n"), id: "t", path: "content/tutors/t.md").value!]
        set.tutees = [DocumentDecoder.tutee(Array(Self.marie.utf8), id: "marie", path: "content/tutees/marie.md").value!]
        set.surveys = [DocumentDecoder.survey(Array("title: Fin\nquestions:\n  - {id: u, text: U, type: scale5}\n  - {id: c, text: C, type: text}\n".utf8),
                                              id: "fin", path: "content/surveys/fin.yml").value!]
        let site = SiteResolver.resolve(set, fallbackAsOf: Day(iso: "2026-11-24")!).site!
        return ResponseImport.plan(CSVTable.parse(Array(csv.utf8), path: "forms.csv").table!, survey: site.survey("fin")!,
                                   csvPath: "forms.csv", site: site) { $0 == "content/tutees/marie.md" ? Array(Self.marie.utf8) : nil }
    }

    @Test func rowsBecomeLinesOfTheirTuteesFile() throws {
        let made = plan("tutee;date;u;c\nmarie;2026-11-20;4;\"Oui, merci: très utile\"\nmarie;2026-11-21;5;\n")
        #expect(made.diagnostics.isEmpty, "\(made.diagnostics)")
        #expect(made.added == 2)
        let file = try #require(made.files.first)
        #expect(file.path == "content/tutees/marie.md")
        #expect(String(decoding: file.after, as: UTF8.self) == Self.marie.replacingOccurrences(of: "start: 2026-09-01\n", with: """
            start: 2026-09-01
            responses:
              - {survey: fin, date: 2026-11-20, answers: {u: 4, c: "Oui, merci: très utile"}}
              - {survey: fin, date: 2026-11-21, answers: {u: 5}}

            """))
    }

    /// A free-text answer is text whatever it looks like: brackets, a colon, a number.
    @Test func aTextAnswerStaysText() throws {
        let made = plan("tutee;date;u;c\nmarie;2026-11-20;4;[sic] très bien\nmarie;2026-11-21;5;12\n")
        #expect(made.diagnostics.isEmpty, "\(made.diagnostics)")
        let file = try #require(made.files.first)
        let responses = try #require(DocumentDecoder.tutee(file.after, id: "marie", path: file.path).value?.responses)
        #expect(responses.map { $0.answers.map(\.value) } == [["4", "[sic] très bien"], ["5", "12"]])
    }

    @Test func badRowsAreSaidAtTheirCell() {
        let made = plan("tutee,date,u,remarques\nmarie,2026-11-20,4,\n")
        #expect(made.diagnostics.map { "\($0.location!) \($0.message)" } == [
            "forms.csv:1:4 column 'remarques' is not a question of survey 'fin'",
        ], "a column that is no question stops the import before any row")
        let rows = plan("tutee,date,u\nmari,2026-11-20,4\nmarie,hier,4\nmarie,2026-11-20,9\n")
        #expect(rows.diagnostics.map { "\($0.location!) \($0.message)" } == [
            "forms.csv:2:1 unknown tutee 'mari' (did you mean 'marie'?)",
            "forms.csv:3:2 'hier' is not a date written YYYY-MM-DD",
            "forms.csv:4:3 the answer to 'u' should be scale5, found '9'",
        ])
        #expect(rows.added == 0)
    }

    /// On disk: a dry run writes nothing; a run adds the line, keeps the file's
    /// permissions and leaves no temporary file; a tutee the sheet does not name is untouched.
    @Test func aRunWritesEachFileWholeAndADryRunNothing() throws {
        let site = try CareHome.copy()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let tutee = try #require(CareHome.editableTutee).id
        let path = site + "/content/tutees/\(tutee).md"
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let before = try Disk.read(path)
        let others = try FileManager.default.contentsOfDirectory(atPath: site + "/content/tutees").sorted()
        let untouched = try others.filter { $0 != "\(tutee).md" }.map { try Disk.read(site + "/content/tutees/" + $0) }
        let csv = site + "/forms.csv"
        try "tutee;date;utilite;commentaire\n\(tutee);2027-03-01;4;Merci pour tout\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let today = Day(iso: "2027-03-10")!

        let dry = try ResponseImport.run(csv: csv, survey: "fin-de-parcours", site: site, today: today, dryRun: true)
        #expect(dry.added == 1 && !dry.diagnostics.hasErrors, "\(dry.diagnostics)")
        #expect(try Disk.read(path) == before)

        let made = try ResponseImport.run(csv: csv, survey: "fin-de-parcours", site: site, today: today, dryRun: false)
        #expect(made.added == 1)
        let after = try Disk.read(path)
        #expect(String(decoding: after, as: UTF8.self).contains("{survey: fin-de-parcours, date: 2027-03-01, answers: {utilite: 4, commentaire: Merci pour tout}}"))
        #expect(after.count > before.count)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site + "/content/tutees").sorted() == others, "no temporary file left")
        #expect(try others.filter { $0 != "\(tutee).md" }.map { try Disk.read(site + "/content/tutees/" + $0) } == untouched)

        // The same export imported again (a form tool exports every answer so far): nothing added, the row said skipped.
        let again = try ResponseImport.run(csv: csv, survey: "fin-de-parcours", site: site, today: today, dryRun: false)
        #expect(again.added == 0 && again.files.isEmpty)
        #expect(again.alreadyThere.map(\.line) == [2])
        #expect(try Disk.read(path) == after)
    }
}
