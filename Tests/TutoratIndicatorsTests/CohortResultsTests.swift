import Testing
import TutoratCore
import TutoratSite
@testable import TutoratIndicators

@Suite struct CohortResultsTests {
    @Test func aHealthReasonIsCountedAsOtherInPublishedResults() {
        let ended = "tutor: jeanne\nstart: 2026-01-05\nend: 2026-06-01\nstatus: interrupted\n"
        let site = site(tutees: ["a": "name: A\n" + ended + "end_reason: health\n",
                                 "b": "name: B\n" + ended + "end_reason: other\n",
                                 "c": "name: C\n" + ended + "end_reason: resigned\n"])
        let cohorts = CohortResults.cohorts(of: site)
        #expect(cohorts.map(\.year) == [2026])
        #expect(cohorts.first?.endReasons == [.other: 2, .resigned: 1])
        #expect(cohorts.first?.interrupted == 3)
    }
}
