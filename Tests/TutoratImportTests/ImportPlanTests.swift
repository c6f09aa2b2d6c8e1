import Testing
import TutoratCore
import TutoratSite
import TutoratSource
@testable import TutoratImport

/// A site with programme `accueil`, tutor `jeanne` and tutee `marie-dupont` (Marie Dupont).
private func site() -> ContentSet {
    func md(_ yaml: String) -> [UInt8] { Array("---\n\(yaml)---\n".utf8) }
    var set = ContentSet(config: DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nas_of: 2026-11-24\n".utf8), path: "content/site.yml").value!)
    set.charter = DocumentDecoder.charter(md("title: C\n"), path: "content/charter.md").value
    set.programmes = [DocumentDecoder.programme(md("title: Accueil\n"), id: "accueil", path: "content/programmes/accueil.md").value!]
    set.tutors = [DocumentDecoder.tutor(md("name: Jeanne Martin\n"), id: "jeanne", path: "content/tutors/jeanne.md").value!]
    set.tutees = [DocumentDecoder.tutee(md("name: Marie Dupont\nprogramme: accueil\ntutor: jeanne\nstart: 2026-09-01\n"),
                                        id: "marie-dupont", path: "content/tutees/marie-dupont.md").value!]
    return set
}

private func plan(_ csv: String, ids: Set<String> = ["marie-dupont"]) -> ImportPlan {
    let table = CSVTable.parse(Array(csv.utf8), path: "arrivals.csv").table!
    return ImportPlan.make(.tutees, table: table, csvPath: "arrivals.csv", existing: site(), existingIDs: ids, today: Day(iso: "2026-11-24")!)
}

@Suite struct ImportPlanTests {
    @Test func idsComeFromNamesFoldedAndTakenOnesAreNumbered() {
        let rows = ["Élodie  Bénard-Nguyễn", "Marie-Dupont", "Jean Paul", "Léa Roux", "Léa Roux", "Œdipe O'Hara", "北京"]
        let made = plan("name;programme;tutor;start\n" + rows.map { "\($0);accueil;jeanne;2026-12-01\n" }.joined(),
                        ids: ["marie-dupont", "jean-paul", "jean-paul-2"])
        #expect(made.diagnostics.isEmpty, "\(made.diagnostics)")
        #expect(made.files.map(\.path) == ["content/tutees/elodie-benard-nguyen.md", "content/tutees/jean-paul-3.md",
                                          "content/tutees/lea-roux.md", "content/tutees/lea-roux-2.md",
                                          "content/tutees/oedipe-o-hara.md", "content/tutees/tutee-8.md"])
        #expect(made.alreadyThere.map(\.line) == [3], "Marie Dupont is in the site under the id her name gives")
    }

    /// A header is a front-matter key: one that would write YAML of its own is refused where it stands.
    @Test func aHeaderThatIsNoFieldNameIsRefusedAtItsColumn() {
        let made = plan("name;\"visibility: public\nnote\";programme;Prénom\nLéa Roux;x;accueil;Léa\n")
        #expect(made.files.isEmpty)
        #expect(made.diagnostics.map { "\($0.location!.line):\($0.location!.column)" } == ["1:2", "1:4"], "\(made.diagnostics)")
    }

    /// Rows of one name take the next free number each, without counting again from 2.
    @Test func manyRowsOfOneNameAreNumberedInTurn() {
        let made = plan("name;programme;tutor;start\n" + String(repeating: "Léa Roux;accueil;jeanne;2026-12-01\n", count: 50), ids: ["lea-roux-3"])
        let ids = made.files.map { $0.path.dropFirst("content/tutees/".count).dropLast(3) }
        #expect(ids.count == 50 && Set(ids).count == 50)
        #expect(ids.prefix(4) == ["lea-roux", "lea-roux-2", "lea-roux-4", "lea-roux-5"])
    }

    @Test func theFileReadsBackAsTheCellsWhateverTheyHold() throws {
        let names = ["Anne: \"Nanou\" # la grande", "- Yes", "yes", "  Jean \\ Paul  ", "Zoé\tÉ", "[not a list"]
        let csv = "name,programme,tutor,start\n" + names.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\",accueil,jeanne,2026-12-01" }.joined(separator: "\n")
        let made = plan(csv)
        #expect(made.files.count == names.count)
        for (file, name) in zip(made.files, names) {
            let decoded = DocumentDecoder.tutee(file.bytes, id: "x", path: file.path)
            #expect(decoded.value?.name == name.trimmingWhitespace(), "\(String(decoding: file.bytes, as: UTF8.self))")
        }
        #expect(String(decoding: made.files[0].bytes, as: UTF8.self) == "---\nname: \"Anne: \\\"Nanou\\\" # la grande\"\nprogramme: accueil\ntutor: jeanne\nstart: 2026-12-01\n---\n")
    }

    @Test func problemsAreSaidAtTheRowAndColumnOfTheSheet() {
        let made = plan("name,start,programme,tutor\nA B,2026-13-01,accueil,jeanne\nC D,2026-12-01,acceuil,jeanne\nE F,2026-12-01,accueil,\n")
        #expect(made.diagnostics.map { "\($0.location!): \($0.severity.rawValue)" } == [
            "arrivals.csv:2:2: error", "arrivals.csv:3:3: error", "arrivals.csv:4:1: error",
        ], "\(made.diagnostics)")
        #expect(made.diagnostics[1].message.contains("did you mean 'accueil'"))
        #expect(made.files.map(\.line) == [3], "rows that decode are planned; the caller writes nothing while there is an error")
    }
}
