import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratPublish

/// `check` on whole sites: every planted mistake found at its line and column.
@Suite struct CheckTests {
    static let fixtures = SiteBuilderTests.repository + "/Tests/Fixtures/sites"

    func options(_ site: String, output: String? = nil) -> BuildOptions {
        BuildOptions(site: site, output: output, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
    }

    /// The bundled example, which `make site` builds: no error, no warning.
    @Test func bundledSiteHasNothingToReport() {
        #expect(SiteChecker.check(options(SiteBuilderTests.repository)).map(\.description) == [])
    }

    @Test func theFixtureHasNothingToReport() {
        #expect(SiteChecker.check(options(CareHome.site)).map(\.description) == [])
    }

    @Test func everyPlantedMistakeIsReportedAtItsPlace() throws {
        let site = Self.fixtures + "/thirty-mistakes"
        let expected = try String(contentsOfFile: site + "/expected.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        let reported = SiteChecker.check(options(site)).map { $0.description.split(separator: "\n")[0] }.map(String.init)
        #expect(reported == expected)
        #expect(Set(reported.map { $0.split(separator: ":")[0] }).count >= 15, "mistakes spread over many files")
        #expect(reported.count >= 30)
    }

    @Test func theSiteWithMistakesBuildsNothing() throws {
        let output = SiteBuilderTests.temporaryFolder() + "/public"
        let report = try SiteBuilder.build(options(Self.fixtures + "/thirty-mistakes", output: output))
        #expect(!report.succeeded)
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
