import TutoratCore
import TutoratTestSupport

/// The care-home fixture (`Tests/TutoratTestSupport/CareHome.swift`), under
/// the name these tests have always used.
typealias CareHome = TutoratTestSupport.CareHome

extension TutoratTestSupport.CareHome {
    /// The fixture's `as_of` day.
    static var asOf: Day { Day(iso: field("as_of", of: "site.yml")!)! }
}
