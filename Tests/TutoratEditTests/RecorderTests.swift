import Foundation
import Testing
import TutoratCore
import TutoratTestSupport
@testable import TutoratEdit

/// The recorder on disk: an invalid post, a stale hash or a file outside
/// `content/tutees/` leaves every byte as it was; a valid one writes the insertion.
@Suite struct RecorderTests {
    static let invalid: [(EditForm, [String: String])] = [
        (.session, ["date": "2026-02-30"]), (.session, ["date": "hier"]), (.session, ["date": "2026-09-02", "minutes": "-5"]),
        (.session, ["date": "2026-09-02", "kind": "party"]), (.session, ["date": "2026-09-02", "mode": "telepathy"]),
        (.journal, ["date": "2026-09-02", "text": "  \n "]), (.assessment, ["date": "2026-09-02", "competency": "hygiene", "level": "x"]),
        (.assessment, ["date": "2026-09-02", "competency": "../x", "level": "1"]), (.concern, ["date": "2026-09-02", "category": "gossip"]),
        (.action, ["date": "2026-09-02", "concern": "99"]), (.checklist, ["date": "2026-09-02", "step": ""]),
    ]

    @Test func invalidPostsLeaveTheFileByteIdentical() throws {
        let site = CareHome.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        try FileManager.default.createDirectory(atPath: site + "/content/tutees", withIntermediateDirectories: true)
        let path = site + "/content/tutees/marie.md"
        for seed in UInt64(0)..<60 {
            var generator = ProgressFileGenerator(random: SeededRandom(state: seed))
            let old = Array((seed % 2 == 0 ? generator.file().text : generator.pathFile()).utf8)
            try Data(old).write(to: URL(fileURLWithPath: path))
            let (form, fields) = generator.pick(Self.invalid)
            var posted = fields
            posted["hash"] = Recorder.hash(old)
            let outcome = Recorder.record(site: site, id: "marie", form: form, fields: posted)
            guard case .invalid(let errors) = outcome else {
                Issue.record("seed \(seed): \(form) \(fields) was \(outcome)")
                continue
            }
            #expect(!errors.isEmpty)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == old, "seed \(seed): \(form) \(fields)")

            // The same file with a valid session: written, and only by insertion.
            let valid = ["date": "2026-09-02", "minutes": "30", "summary": "Point", "hash": Recorder.hash(old)]
            #expect(Recorder.record(site: site, id: "marie", form: .session, fields: ["date": "2026-09-02", "hash": "stale"]) == .stale)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == old)
            #expect(Recorder.record(site: site, id: "marie", form: .session, fields: valid) == .written)
            #expect(isOneInsertion(old, Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
        }
    }

    @Test func aFileReadableByItsOwnerOnlyStaysSo() throws {
        let site = CareHome.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        try FileManager.default.createDirectory(atPath: site + "/content/tutees", withIntermediateDirectories: true)
        let path = site + "/content/tutees/marie.md"
        let text = "---\nname: M\nprogramme: p\ntutor: t\nstart: 2026-09-01\n---\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(Recorder.record(site: site, id: "marie", form: .session, fields: ["date": "2026-09-02", "hash": Recorder.hash(Array(text.utf8))]) == .written)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site + "/content/tutees") == ["marie.md"], "no temporary file left")
    }

    @Test func onlyProgressFilesUnderContentTuteesAreWritten() throws {
        let site = CareHome.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        try FileManager.default.createDirectory(atPath: site + "/content/tutees", withIntermediateDirectories: true)
        let outside = "---\nname: M\nprogramme: p\ntutor: t\nstart: 2026-09-01\n---\n"
        try outside.write(toFile: site + "/elsewhere.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site + "/content/tutees/link.md", withDestinationPath: site + "/elsewhere.md")
        let fields = ["date": "2026-09-02", "hash": Recorder.hash(Array(outside.utf8))]
        for id in ["link", "../elsewhere", "missing"] {
            guard case .forbidden = Recorder.record(site: site, id: id, form: .session, fields: fields) else {
                Issue.record("\(id) was not refused")
                continue
            }
        }
        #expect(try String(contentsOfFile: site + "/elsewhere.md", encoding: .utf8) == outside)
    }

    /// The framework is found under either name the loader reads; without it an assessment is refused, not guessed.
    @Test func anAssessmentNeedsTheFrameworkWhateverItsExtension() throws {
        let site = try CareHome.copy()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let frameworks = site + "/content/frameworks/"
        try FileManager.default.moveItem(atPath: frameworks + "socle-commun.yml", toPath: frameworks + "socle-commun.yaml")
        let path = site + "/content/tutees/nathan-lopez.md"
        let bytes = try Disk.read(path)
        let context = EditContext(site: site, id: "nathan-lopez", bytes: bytes, strings: [:])
        let competency = try #require(context.competencies.first?.id)
        let level = try #require(context.scale.last?.level)
        let post = ["date": "2027-03-01", "competency": " \(competency) ", "level": "\(level)", "hash": Recorder.hash(bytes)]
        try FileManager.default.removeItem(atPath: frameworks + "socle-commun.yaml")
        guard case .invalid(let errors) = Recorder.record(site: site, id: "nathan-lopez", form: .assessment, fields: post) else {
            Issue.record("an assessment without its framework was written")
            return
        }
        #expect(errors.first?.contains("framework cannot be read") == true)
        #expect(try Disk.read(path) == bytes)
        try FileManager.default.copyItem(atPath: CareHome.content + "/frameworks/socle-commun.yml", toPath: frameworks + "socle-commun.yaml")
        #expect(Recorder.record(site: site, id: "nathan-lopez", form: .assessment, fields: post) == .written, "the competency is read trimmed")
    }
}
