import Foundation
import Testing
import TutoratCore
import TutoratCrypto
import TutoratTestSupport
@testable import TutoratBuild
@testable import TutoratPublish

/// Health and personal concerns are special-category data, and free answers to
/// surveys are personal: their text reaches the tutee's own private page and
/// no other output file, with or without `--keys`.
@Suite(.serialized) struct SpecialCategoryTests {
    static let marker = "MARQUEUR-SANTE-4f9c2e"

    /// A copy of the fixture where Lina (private) and Théo (made public) each
    /// have a health concern and a survey comment whose texts carry the marker.
    static func plantedSite() throws -> String {
        let site = try CareHome.copy()
        func plant(_ id: String, extra: String = "") throws {
            let path = site + "/content/tutees/\(id).md"
            // The front matter ends at the first `---` line: the concern goes just before it.
            var parts = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n---\n")
            #expect(parts.count >= 2, "\(id) has a front matter")
            parts[0] += """

                \(extra)concerns:
                  - date: 2027-03-01
                    raised_by: tutee
                    category: health
                    summary: "\(marker) résumé"
                    actions:
                      - {date: 2027-03-02, by: supervisor, action: "\(marker) action"}
                responses:
                  - {survey: fin-de-parcours, date: 2027-03-03, answers: {utilite: 4, commentaire: "\(marker) commentaire"}}
                """
            try parts.joined(separator: "\n---\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        try plant("lina-morel")
        try plant("theo-vasseur", extra: "visibility: public\n")
        return site
    }

    static func options(_ site: String, output: String, keys: String? = nil) -> BuildOptions {
        BuildOptions(site: site, output: output, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test", keys: keys)
    }

    static func filesWithMarker(_ root: String) -> [String] {
        SiteBuilderTests().files(under: root).filter {
            String(decoding: (try? Disk.read(root + "/" + $0)) ?? [], as: UTF8.self).contains(marker)
        }
    }

    @Test func theMarkerIsOnlyOnThePrivateTuteesOwnPage() throws {
        let site = try Self.plantedSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let report = try SiteBuilder.build(Self.options(site, output: site + "/public"))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(Self.filesWithMarker(site + "/public") == ["tutees/lina-morel/index.html"])
        // The public tutee's page says a health concern was raised, not what it is.
        let theo = String(decoding: try Disk.read(site + "/public/tutees/theo-vasseur/index.html"), as: UTF8.self)
        #expect(theo.contains("concern-health"))
    }

    @Test func withKeysTheMarkerIsInNoFileAndInsideLinasEnvelope() throws {
        let site = try Self.plantedSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let keys = site + "/tutorat-keys.yml"
        _ = try KeysStore.generate(site: site, keys: keys)
        let report = try SiteBuilder.build(Self.options(site, output: site + "/public", keys: keys))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(Self.filesWithMarker(site + "/public") == [])
        let file = try #require(KeysFile.parse(try Disk.read(keys), path: keys).file)
        let envelope = try EncryptionTests.envelope(site + "/public/tutees/lina-morel/index.html")
        let page = try PageCrypto.open(envelope, passphrase: try #require(file.tutees["lina-morel"]).passphrase)
        #expect(String(decoding: page, as: UTF8.self).contains(Self.marker))
    }
}
