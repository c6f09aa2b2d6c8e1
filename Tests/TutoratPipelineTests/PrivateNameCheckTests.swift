import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratChecks
@testable import TutoratPublish

/// A public text that names a private person is reported where the name is written.
@Suite struct PrivateNameCheckTests {
    @Test func namesAreFoundWhateverTheirCaseAccentsAndPunctuation() {
        let matcher = PrivateNameCheck.Matcher(names: ["Camille Roux", "Jean-Pierre Lefèvre", "Inès Garnier"])
        let text = "Bonjour.\nNous avons reçu CAMILLE roux, puis jean pierre LEFEVRE\net « Inès\nGarnier ». Camille seule ne compte pas, ni Roux."
        let found = matcher.find(in: text)
        #expect(found.map(\.name) == [0, 1, 2])
        #expect(found.map(\.line) == [2, 2, 3])
        #expect(found.map(\.column) == [17, 36, 6])
        #expect(matcher.find(in: "Camillé Rouxe et Camille, Roux").map(\.name) == [0], "words must match whole; punctuation between them does not matter")
    }

    @Test func linesAndColumnsCountCharactersWhateverTheBytes() {
        let matcher = PrivateNameCheck.Matcher(names: ["Camille Roux"])
        // CR LF is one line end; a letter and its combining accent are one column.
        let found = matcher.find(in: "Salut\r\ne\u{301}quipe : Camille Roux.\r\nCAMILLE\u{301} Roux\u{2028}x Camille\u{00A0}Roux")
        #expect(found.map(\.line) == [2, 3, 4])
        #expect(found.map(\.column) == [10, 1, 3])
    }

    func scratchSite() throws -> String {
        try CareHome.copy()
    }

    func options(_ site: String) -> BuildOptions {
        BuildOptions(site: site, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
    }

    @Test func aPublicPageNamingAPrivateTuteeIsAWarningAtTheName() throws {
        let site = try scratchSite()
        let tutor = site + "/content/tutors/luc-perrin.md"
        var text = try String(contentsOfFile: tutor, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        text += "Cette année : Théo Vasseur.\n"
        try text.write(toFile: tutor, atomically: true, encoding: .utf8)

        let warnings = SiteChecker.check(options(site)).filter { $0.code == "W-PRIVATE-NAME" }
        #expect(warnings.map(\.description) == [
            "content/tutors/luc-perrin.md:\(line):15: warning: this page is not private but its text names Théo Vasseur, whose page is private\n"
                + "  hint: write their initials (T. V.) instead, or make this page private (visibility: private)",
        ])

        // The same text on a private page is no one's business but its readers'.
        try text.replacingOccurrences(of: "name: Luc Perrin", with: "name: Luc Perrin\nvisibility: private")
            .write(toFile: tutor, atomically: true, encoding: .utf8)
        #expect(SiteChecker.check(options(site)).filter { $0.code == "W-PRIVATE-NAME" }.isEmpty)
    }
}
