import TutoratCore
import TutoratSite
import TutoratSource

/// The follow-up trail of a programme as CSV (RFC 4180), one row per session,
/// assessment and evaluation, for a training-quality audit. It names tutees,
/// so it is written under the private dashboard.
public enum EvidenceExport {
    public static func programme(_ programme: Programme, views: SiteViews) -> String {
        let strings = views.strings
        var rows: [[String]] = [[
            strings["csv_tutee"], strings["csv_tutor"], strings["csv_record"], strings["csv_date"], strings["csv_minutes"],
            strings["csv_kind"], strings["csv_competency"], strings["csv_level"], strings["csv_by"], strings["csv_text"],
        ]]
        for tutee in views.site.tutees(inProgramme: programme.info.id) {
            let tutor = views.site.tutor(tutee.tutor.value)?.name ?? tutee.tutor.value
            for session in tutee.sessions.sorted(by: { $0.date.value < $1.date.value }) {
                rows.append([tutee.name, tutor, strings["csv_session"], session.date.value.iso, session.minutes.map(String.init) ?? "",
                             strings.label("session", session.kind.rawValue), "", "", "", session.summary ?? ""])
            }
            for record in tutee.competencies {
                for assessment in record.assessments.sorted(by: { $0.date < $1.date }) {
                    rows.append([tutee.name, tutor, strings["csv_assessment"], assessment.date.iso, "", "", record.id.value,
                                 String(assessment.level.value), strings.label("assessor", assessment.by.rawValue), assessment.note ?? ""])
                }
            }
            for evaluation in tutee.evaluations.sorted(by: { $0.date.value < $1.date.value }) {
                let text = [evaluation.summary, evaluation.outcome].compactMap { $0 }.joined(separator: " — ")
                rows.append([tutee.name, tutor, strings["csv_evaluation"], evaluation.date.value.iso, "",
                             strings.label("evaluation", evaluation.kind.rawValue), "", "", "", text])
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field is quoted when it holds a comma, a quote or a line break; quotes
    /// are doubled. A leading `=`, `+`, `-` or `@` gets a quote mark first, so a
    /// spreadsheet never runs a field as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Int(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
