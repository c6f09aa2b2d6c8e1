import Foundation
import Testing
import TutoratCore
import TutoratSource
@testable import TutoratBuild
@testable import TutoratPublish
@testable import TutoratScaffold

/// `tutorat init` and `tutorat new`: what they write builds and passes `check`.
@Suite struct ScaffoldTests {
    static let today = Day(iso: "2026-11-25")!

    func options(_ site: String, output: String? = nil) -> BuildOptions {
        BuildOptions(site: site, output: output, fallbackAsOf: Self.today, generator: "tutorat test")
    }

    @Test(arguments: ["fr", "en"]) func initWritesASiteThatBuildsWithoutAnyProblem(language: String) throws {
        let site = SiteBuilderTests.temporaryFolder() + "/site"
        defer { try? FileManager.default.removeItem(atPath: (site as NSString).deletingLastPathComponent) }
        let files = try SiteInit.create(at: site, language: language, today: Self.today)
        #expect(files.contains(".gitignore"))
        #expect(files.contains("README.md"))
        #expect(try String(contentsOfFile: site + "/.gitignore", encoding: .utf8).contains("public/"))
        #expect(try String(contentsOfFile: site + "/.gitignore", encoding: .utf8).contains("/tutorat-keys.yml\n"), "the keys file stays out of git")
        #expect(SiteChecker.check(options(site)).map(\.description) == [], "no error and no warning on the day it is written")
        let report = try SiteBuilder.build(options(site))
        #expect(report.succeeded)
        #expect(report.pages > 15)
        let home = try String(contentsOfFile: site + "/public/index.html", encoding: .utf8)
        #expect(home.contains("<html lang=\"\(language)\""))
        // Dates follow the day it was written: no as_of to go stale.
        #expect(!(try String(contentsOfFile: site + "/content/site.yml", encoding: .utf8)).contains("as_of:"))
        let tutees = try FileManager.default.contentsOfDirectory(atPath: site + "/content/tutees")
        #expect(tutees.count == 2)
    }

    @Test func initRefusesAFolderThatIsNotEmpty() throws {
        let folder = SiteBuilderTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "notes".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: ScaffoldFailure.self) { try SiteInit.create(at: folder, language: "fr", today: Self.today) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
        #expect(throws: ScaffoldFailure.self) { try SiteInit.create(at: folder + "/notes.txt", language: "fr", today: Self.today) }
        #expect(throws: ScaffoldFailure.self) { try SiteInit.create(at: folder + "/x", language: "de", today: Self.today) }
    }

    @Test(arguments: ["fr", "en"]) func newFilesPassCheckAndAreDatedToday(language: String) throws {
        let site = SiteBuilderTests.temporaryFolder() + "/site"
        defer { try? FileManager.default.removeItem(atPath: (site as NSString).deletingLastPathComponent) }
        try SiteInit.create(at: site, language: language, today: Self.today)
        for kind in NewFile.Kind.allCases {
            let path = try NewFile.create(kind, id: "nouveau-\(kind.rawValue)", site: site, today: Self.today)
            #expect(path == "content/\(kind.rawValue)s/nouveau-\(kind.rawValue).md")
            let text = try String(contentsOfFile: site + "/" + path, encoding: .utf8)
            // Every field is there, with a comment.
            let fields = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix(" ") && $0.contains(":") }
            let comments = text.split(separator: "\n").filter { $0.hasPrefix("#") }
            #expect(comments.count >= fields.count / 2, "\(kind): comments explain the fields")
            if kind == .tutee {
                #expect(text.contains("start: 2026-11-25"))
                for field in ["name", "programme", "tutor", "substitute", "supervisor", "partner", "start", "end", "status", "visibility",
                              "objectives", "competencies", "sessions", "evaluations", "checklist", "liaison"] {
                    #expect(text.contains("\n\(field):"), "the tutee template has '\(field)'")
                }
                // The programme's tracked steps, each as a commented line with its due day.
                let programme = try #require(DocumentDecoder.programme(
                    Array(try String(contentsOfFile: site + "/content/programmes/" + NewFile.ids(in: site, .programme)[0] + ".md", encoding: .utf8).utf8),
                    id: "p", path: "p.md").value)
                let steps = programme.trackedSteps
                #expect(!steps.isEmpty)
                for step in steps {
                    let due = try #require(step.due(start: Self.today, end: Self.today.adding(days: (programme.durationWeeks ?? 12) * 7)))
                    #expect(text.contains("\n  # \(step.id!): \(due.iso)   # \(step.title)\n"), "the checklist line of '\(step.id!)'")
                }
            }
        }
        let diagnostics = SiteChecker.check(options(site))
        #expect(!diagnostics.hasErrors, "\(diagnostics.filter { $0.severity == .error })")
        // Only the new tutor's missing training date is worth a warning.
        #expect(diagnostics.map(\.code) == ["TUT004"])
        #expect(try SiteBuilder.build(options(site)).succeeded)
    }

    @Test func newRefusesBadIdsExistingFilesAndMissingReferences() throws {
        let site = SiteBuilderTests.temporaryFolder() + "/site"
        defer { try? FileManager.default.removeItem(atPath: (site as NSString).deletingLastPathComponent) }
        try SiteInit.create(at: site, language: "fr", today: Self.today)
        for bad in ["Marie", "marie_dupont", "-marie", "marie-", "marie--dupont", "", "../x", "a/b", "é"] {
            #expect(throws: ScaffoldFailure.self, "\(bad)") { try NewFile.create(.tutee, id: bad, site: site, today: Self.today) }
        }
        #expect(throws: ScaffoldFailure.self) { try NewFile.create(.tutee, id: "marie-dupont", site: site, today: Self.today) }
        #expect(throws: ScaffoldFailure.self) { try NewFile.create(.page, id: "dashboard", site: site, today: Self.today) }
        let before = try String(contentsOfFile: site + "/content/tutees/marie-dupont.md", encoding: .utf8)
        #expect(before.contains("name: Marie Dupont"), "the existing file is untouched")
        // A tutee needs a programme and a tutor to refer to.
        let empty = SiteBuilderTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        try FileManager.default.createDirectory(atPath: empty + "/content", withIntermediateDirectories: true)
        #expect(throws: ScaffoldFailure.self) { try NewFile.create(.tutee, id: "marie", site: empty, today: Self.today) }
        #expect(throws: ScaffoldFailure.self) { try NewFile.create(.tutor, id: "jeanne", site: empty + "/nowhere", today: Self.today) }
    }

    /// Every placeholder of the sample sites and file templates is filled: no `{{` reaches a written file.
    @Test(arguments: ["fr", "en"]) func noPlaceholderIsLeftInWrittenFiles(language: String) throws {
        let site = SiteBuilderTests.temporaryFolder() + "/site"
        defer { try? FileManager.default.removeItem(atPath: (site as NSString).deletingLastPathComponent) }
        var written = try SiteInit.create(at: site, language: language, today: Self.today)
        for kind in NewFile.Kind.allCases { written.append(try NewFile.create(kind, id: "autre-\(kind.rawValue)", site: site, today: Self.today)) }
        #expect(written.count > 15)
        for path in written {
            #expect(!(try String(contentsOfFile: site + "/" + path, encoding: .utf8)).contains("{{"), "\(path)")
        }
    }

    @Test func themeCopyWritesAnOverrideTheBuildUses() throws {
        let site = SiteBuilderTests.temporaryFolder() + "/site"
        defer { try? FileManager.default.removeItem(atPath: (site as NSString).deletingLastPathComponent) }
        try SiteInit.create(at: site, language: "en", today: Self.today)
        #expect(ThemeCopy.files().contains("templates/tutor.mustache"))
        #expect(try ThemeCopy.copy(["templates/tutor.mustache"], site: site) == ["themes/default/templates/tutor.mustache"])
        let copy = site + "/themes/default/templates/tutor.mustache"
        try (try String(contentsOfFile: copy, encoding: .utf8)).replacingOccurrences(of: "<h1>", with: "<h1 data-copied>")
            .write(toFile: copy, atomically: true, encoding: .utf8)
        #expect(try SiteBuilder.build(options(site)).succeeded)
        let tutor = try String(contentsOfFile: site + "/public/tutors/jane-martin/index.html", encoding: .utf8)
        #expect(tutor.contains("<h1 data-copied>"))
        // Never over the site's own file, and a mistyped name gets a suggestion; nothing is written then.
        #expect { try ThemeCopy.copy(["templates/tutor.mustache"], site: site) } throws: { "\($0)".contains("already exists") }
        #expect { try ThemeCopy.copy(["templates/tutr.mustache"], site: site) } throws: { "\($0)".contains("did you mean 'templates/tutor.mustache'") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site + "/themes/default/templates") == ["tutor.mustache"])
        // Without a name, the whole theme: every file of it.
        let other = SiteBuilderTests.temporaryFolder() + "/site"
        defer { try? FileManager.default.removeItem(atPath: (other as NSString).deletingLastPathComponent) }
        try SiteInit.create(at: other, language: "fr", today: Self.today)
        #expect(try ThemeCopy.copy([], site: other).count == ThemeCopy.files().count)
        #expect(try SiteBuilder.build(options(other)).succeeded)
    }
}
