import Foundation
import TutoratCore

/// The fixture site the end-to-end tests build, `Tests/Fixtures/sites/care-home/`:
/// a complete site with every kind of file, owned by the tests, so that editing
/// the bundled example (`content/`) changes no test. Figures the tests expect
/// are read from the fixture's files where they can be.
enum CareHome {
    static let site = SiteBuilderTests.repository + "/Tests/Fixtures/sites/care-home"
    static let content = site + "/content"

    /// The ids of the files in one folder of the fixture's content (`tutees`, `tutors`…), sorted.
    static func ids(_ folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: content + "/" + folder)) ?? []
        return files.filter { $0.hasSuffix(".md") || $0.hasSuffix(".yml") }.map { String($0.split(separator: ".")[0]) }.sorted()
    }

    /// The text of one file of the fixture (path under `content/`).
    static func text(_ relative: String) -> String {
        (try? String(contentsOfFile: content + "/" + relative, encoding: .utf8)) ?? ""
    }

    /// The value of a top-level `field:` of a file's front matter, as written.
    static func field(_ field: String, of relative: String) -> String? {
        text(relative).split(separator: "\n").first { $0.hasPrefix(field + ": ") }
            .map { String($0.dropFirst(field.count + 2)).trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
    }

    /// The fixture's `as_of` day.
    static var asOf: Day { Day(iso: field("as_of", of: "site.yml")!)! }

    /// A copy of the fixture in a new temporary folder, for a test that edits it.
    static func copy() throws -> String {
        let site = SiteBuilderTests.temporaryFolder()
        try FileManager.default.copyItem(atPath: content, toPath: site + "/content")
        return site
    }
}
