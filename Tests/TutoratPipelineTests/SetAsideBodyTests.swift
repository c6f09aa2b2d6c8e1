import Foundation
import Testing
import TutoratCore
import TutoratSource
import TutoratViews
@testable import TutoratBuild
@testable import TutoratPublish

/// A document's body, read again from its file when the content reader set it aside.
func body(of info: DocumentInfo, site: String) -> String {
    guard info.setAsideBodyHash != nil else { return info.body }
    return (try? FrontMatterSplitter.split(Disk.read(site + "/" + info.path), file: info.path).body) ?? ""
}

/// Private journals are not held for the whole build (issue 19: at 100 000
/// tutees they were half a gigabyte): the reader keeps their hash, the
/// renderer reads them again for the tutee's own page.
@Suite struct SetAsideBodyTests {
    static func prepared(_ site: String) throws -> (SiteViews, LoadedTheme) {
        let (views, theme, diagnostics) = SiteBuilder.prepare(VisibilityLeakTests.options(site: site, output: "/nonexistent"))
        #expect(!diagnostics.hasErrors)
        return (try #require(views), try #require(theme))
    }

    @Test func privateJournalsAreSetAsideAndPublicOnesKept() throws {
        let site = try CareHome.copy()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let shown = try #require(CareHome.editableTutee)
        let file = site + "/content/tutees/\(shown.id).md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try #require(text.replacing(existing: "\nname: ", with: "\nvisibility: intranet\nname: ")).write(toFile: file, atomically: true, encoding: .utf8)

        let (views, _) = try Self.prepared(site)
        let tutees = views.site.tutees
        #expect(tutees.count == CareHome.ids("tutees").count)
        for tutee in tutees where tutee.info.isPrivate {
            #expect(tutee.info.body.isEmpty && tutee.info.setAsideBodyHash != nil, "\(tutee.info.id)")
            #expect(tutee.info.isSetAsideBody(body(of: tutee.info, site: site)))
        }
        let kept = try #require(views.site.tutee(shown.id))
        #expect(!kept.info.isPrivate && kept.info.setAsideBodyHash == nil)
        #expect(kept.info.body.contains(shown.proseLine), "a page others read keeps its text for the private-name check")
    }

    @Test func theRendererReadsTheJournalAgain() throws {
        let (views, theme) = try Self.prepared(CareHome.site)
        let shown = try #require(CareHome.editableTutee)
        let html = try OutputRenderer(views: views, theme: theme, root: CareHome.site).render(.page(.tutee(shown.id)))
        #expect(String(decoding: html, as: UTF8.self).contains(shown.proseLine))
    }

    @Test func aJournalChangedSinceItWasReadIsRefused() throws {
        let site = try CareHome.copy()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let (views, theme) = try Self.prepared(site)
        let shown = try #require(CareHome.editableTutee)
        let file = site + "/content/tutees/\(shown.id).md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try #require(text.replacing(existing: shown.proseLine, with: "Une autre phrase.")).write(toFile: file, atomically: true, encoding: .utf8)

        #expect { try OutputRenderer(views: views, theme: theme, root: site).render(.page(.tutee(shown.id))) } throws: { error in
            "\(error)".contains("content/tutees/\(shown.id).md changed while the site was being built")
        }
    }
}
