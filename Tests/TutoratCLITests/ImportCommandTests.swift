import Foundation
import Testing

/// `tutorat import tutees|tutors FILE.csv`, as a coordinator runs it on a new site (programme onboarding, tutors jane-martin and paul-lee).
@Suite(.serialized) struct ImportCommandTests {
    let cli = ServeInitNewTests()

    func newSite() throws -> String { try KeysCommandTests().newSite() }

    func sheet(_ site: String, _ text: String) throws -> String {
        let path = site + "/../arrivals.csv"
        try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array(text.utf8)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func tutees(_ site: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site + "/content/tutees")) ?? []).sorted()
    }

    @Test func aDryRunListsAndWritesNothingThenTheImportWritesAndCheckPasses() throws {
        let site = try newSite()
        let before = tutees(site)
        #expect(!before.isEmpty)
        let csv = try sheet(site, "Name;Programme;Tutor;Start;Status\r\nÉlodie Bénard;onboarding;jane-martin;2026-12-07;planned\r\n")
        let dry = try cli.run(["import", "tutees", csv, "--site", site, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would write content/tutees/elodie-benard.md"))
        #expect(tutees(site) == before)
        let real = try cli.run(["import", "tutees", csv, "--site", site])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(tutees(site) == (before + ["elodie-benard.md"]).sorted())
        #expect(try cli.run(["check", "--site", site]).status == 0)
        // The same sheet again: the person is there, nothing is written twice.
        let again = try cli.run(["import", "tutees", csv, "--site", site])
        #expect(again.stdout.contains("already in the site as content/tutees/elodie-benard.md"))
        #expect(tutees(site) == (before + ["elodie-benard.md"]).sorted())
    }

    @Test func aBadRowWritesNothingAndIsSaidAtItsLineAndColumn() throws {
        let site = try newSite()
        let before = tutees(site)
        let csv = try sheet(site, "name,programme,tutor,start\nA B,onboarding,jane-martin,2026-12-07\nC D,onboarding,jane-martn,2026-12-07\n")
        let result = try cli.run(["import", "tutees", csv, "--site", site])
        #expect(result.status == 1)
        #expect(result.stderr.contains("arrivals.csv:3:3: error: unknown tutor 'jane-martn' (did you mean 'jane-martin'?)"), "\(result.stderr)")
        #expect(result.stdout.contains("Nothing written"))
        #expect(tutees(site) == before)
    }
}
