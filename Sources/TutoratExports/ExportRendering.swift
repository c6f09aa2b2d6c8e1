import TutoratViews

extension SiteViews {
    /// The text of one export of the site.
    public func render(_ export: Export) -> String {
        switch export {
        case .tuteeCalendar(let id): return CalendarExport.tutee(site.tutee(id)!, views: self)
        case .tutorCalendar(let id): return CalendarExport.tutor(site.tutor(id)!, views: self, isPrivatePage: isPrivate(.tutor(id)))
        case .evidence(let id): return EvidenceExport.programme(site.programme(id)!, views: self)
        case .auditTutors: return AuditTutorsExport.csv(self)
        case .auditSurveys: return AuditSurveysExport.csv(self)
        case .siteData: return SiteDataExport.json(self)
        }
    }
}
