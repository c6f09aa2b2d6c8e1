import TutoratViews

extension SiteViews {
    /// The bytes of one export of the site, as written: made as bytes, so a
    /// programme's evidence trail (tens of megabytes on a national site) is
    /// not copied into a string and back.
    public func bytes(of export: Export) -> [UInt8] {
        switch export {
        case .tuteeCalendar(let id): return CalendarExport.tutee(site.tutee(id)!, views: self)
        case .tutorCalendar(let id): return CalendarExport.tutor(site.tutor(id)!, views: self, isPrivatePage: isPrivate(.tutor(id)))
        case .evidence(let id): return EvidenceExport.programme(site.programme(id)!, views: self)
        case .auditTutors: return AuditTutorsExport.csv(self)
        case .auditSurveys: return AuditSurveysExport.csv(self)
        case .siteData: return Array(SiteDataExport.json(self).utf8)
        }
    }

    /// The text of one export of the site.
    public func render(_ export: Export) -> String { String(decoding: bytes(of: export), as: UTF8.self) }
}
