import TutoratCore
import TutoratSite
import TutoratSource
import TutoratViews

/// The tutors as an auditor asks about them (RFC 4180): qualification,
/// experience, training, the weekly time allotted against the time given,
/// the exchanges of practice attended by `as_of`, and whom they accompany. In the
/// private audit pack: it names tutees' programmes and counts.
public enum AuditTutorsExport {
    public static func csv(_ views: SiteViews) -> [UInt8] {
        let strings = views.strings, site = views.site
        var out = EvidenceExport.CSVWriter()
        out.row(["csv_tutor", "csv_function", "csv_team", "csv_qualification", "csv_experience_years", "csv_trained",
                 "csv_minutes_allotted", "csv_minutes_given", "csv_exchanges", "csv_last_exchange", "csv_active_tutees", "csv_programmes"].map { strings[$0] })
        for tutor in site.tutors {
            let numbers = views.indicators.tutors[tutor.info.id]
            let tutees = site.tutees(ofTutor: tutor.info.id)
            let attended = tutor.exchanges.filter { $0 <= site.asOf }
            let programmes = Set(tutees.map(\.programme.value)).sorted().map { site.programme($0)?.title ?? $0 }
            out.row([
                tutor.name, tutor.function ?? "", tutor.team ?? "", tutor.qualification ?? "", tutor.experienceYears.map(String.init) ?? "",
                tutor.trained?.iso ?? "", tutor.minutesPerWeek.map(String.init) ?? "", numbers?.minutesPerWeekGiven.map(String.init) ?? "",
                String(attended.count), attended.max()?.iso ?? "", String(numbers?.activeTutees ?? 0),
                programmes.joined(separator: ", "),
            ])
        }
        return out.bytes
    }
}
