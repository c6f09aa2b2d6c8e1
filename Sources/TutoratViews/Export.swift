/// A machine-readable file written beside the pages. Private data goes only
/// into files as private as the page they belong to: a tutee's calendar sits
/// beside their private page, the evidence of a programme (which names tutees)
/// under the private dashboard.
public enum Export: Hashable, Sendable {
    case tuteeCalendar(String)
    case tutorCalendar(String)
    case evidence(String)
    case siteData

    public var path: String {
        switch self {
        case .tuteeCalendar(let id): return "tutees/\(id)/calendar.ics"
        case .tutorCalendar(let id): return "tutors/\(id)/calendar.ics"
        case .evidence(let id): return "dashboard/evidence/\(id).csv"
        case .siteData: return "site.json"
        }
    }
}

extension SiteViews {
    /// Every export of the site, in a stable order.
    public var exports: [Export] {
        var exports: [Export] = [.siteData]
        exports += site.tutees.map { .tuteeCalendar($0.info.id) }
        exports += site.tutors.map { .tutorCalendar($0.info.id) }
        exports += site.programmes.map { .evidence($0.info.id) }
        return exports
    }
}
