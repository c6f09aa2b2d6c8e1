/// A machine-readable file written beside the pages. Private data goes only
/// into files as private as the page they belong to: a tutee's calendar sits
/// beside their private page, the audit pack (which names tutees) under the
/// private dashboard.
public enum Export: Hashable, Sendable {
    case tuteeCalendar(String)
    case tutorCalendar(String)
    /// A programme's follow-up trail, in the audit pack.
    case evidence(String)
    /// The tutors' qualification, experience and time, in the audit pack.
    case auditTutors
    /// Who was asked and who answered each survey, and each question's figure, in the audit pack.
    case auditSurveys
    case siteData

    public var path: String {
        switch self {
        case .tuteeCalendar(let id): return "tutees/\(id)/calendar.ics"
        case .tutorCalendar(let id): return "tutors/\(id)/calendar.ics"
        case .evidence(let id): return "dashboard/audit/\(id)/trail.csv"
        case .auditTutors: return "dashboard/audit/tutors.csv"
        case .auditSurveys: return "dashboard/audit/surveys.csv"
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
        exports += [.auditTutors, .auditSurveys]
        return exports
    }
}
