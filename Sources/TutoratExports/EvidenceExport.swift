import TutoratCore
import TutoratIndicators
import TutoratSite
import TutoratSource
import TutoratViews

/// The follow-up trail of a programme as CSV (RFC 4180), one row per session,
/// assessment, evaluation, liaison contact, settled step, concern, action on
/// a concern and end, for a training-quality audit. Special-category data (a
/// health end reason, a health or personal concern's category and texts) is
/// never written: the row says only that something is not given here. It names tutees,
/// so it is written under the private dashboard.
public enum EvidenceExport {
    public static func programme(_ programme: Programme, views: SiteViews) -> [UInt8] {
        let strings = views.strings, labels = views.labels
        var out = CSVWriter()
        let members = views.site.tutees(inProgramme: programme.info.id)
        out.bytes.reserveCapacity(256 + members.count * 4096)
        out.row([
            strings["csv_tutee"], strings["csv_tutor"], strings["csv_record"], strings["csv_date"], strings["csv_minutes"],
            strings["csv_kind"], strings["csv_competency"], strings["csv_level"], strings["csv_by"], strings["csv_text"],
            strings["csv_mode"], strings["csv_with"],
        ])
        let sessionRecord = strings["csv_session"], assessmentRecord = strings["csv_assessment"], evaluationRecord = strings["csv_evaluation"]
        let liaisonRecord = strings["csv_liaison"], stepRecord = strings["csv_step"], endRecord = strings["csv_end"]
        let concernRecord = strings["csv_concern"], actionRecord = strings["csv_concern_action"], closedRecord = strings["csv_concern_closed"]
        let withheld = strings["end_reason_withheld"]
        for tutee in members {
            let tutor = views.site.tutor(tutee.tutor.value)?.name ?? tutee.tutor.value
            // The two first columns are the same on every row of the tutee.
            var person = CSVWriter()
            person.field(tutee.name)
            person.comma()
            person.field(tutor)
            person.comma()
            let prefix = person.bytes
            for session in tutee.sessions.sorted(by: { $0.date.value < $1.date.value }) {
                out.bytes.append(contentsOf: prefix)
                out.field(sessionRecord); out.comma()
                out.day(session.date.value); out.comma()
                if let minutes = session.minutes { ByteText.appendDecimal(minutes, to: &out.bytes) }
                out.comma()
                out.field(labels.session[session.kind]!)
                out.bytes.append(contentsOf: ",,,,".utf8)
                out.field(session.summary ?? ""); out.comma()
                out.field(strings.label("mode", session.mode.rawValue)); out.comma()
                out.field(session.with.map(views.participant).joined(separator: ", "))
                out.endRow()
            }
            for record in tutee.competencies {
                for assessment in record.assessments.sorted(by: { $0.date < $1.date }) {
                    out.bytes.append(contentsOf: prefix)
                    out.field(assessmentRecord); out.comma()
                    out.day(assessment.date)
                    out.bytes.append(contentsOf: ",,,".utf8)
                    out.field(record.id.value); out.comma()
                    ByteText.appendDecimal(assessment.level, to: &out.bytes); out.comma()
                    out.field(labels.assessor[assessment.by]!); out.comma()
                    out.field(assessment.note ?? "")
                    out.bytes.append(contentsOf: ",,".utf8)
                    out.endRow()
                }
            }
            for evaluation in tutee.evaluations.sorted(by: { $0.date.value < $1.date.value }) {
                let text = [evaluation.summary, evaluation.outcome].compactMap { $0 }.joined(separator: " — ")
                out.bytes.append(contentsOf: prefix)
                out.field(evaluationRecord); out.comma()
                out.day(evaluation.date.value)
                out.bytes.append(contentsOf: ",,".utf8)
                out.field(labels.evaluation[evaluation.kind]!)
                out.bytes.append(contentsOf: ",,,,".utf8)
                out.field(text)
                out.bytes.append(contentsOf: ",,".utf8)
                out.endRow()
            }
            for contact in tutee.liaison.sorted(by: { $0.date.value < $1.date.value }) {
                out.bytes.append(contentsOf: prefix)
                out.field(liaisonRecord); out.comma()
                out.day(contact.date.value)
                out.bytes.append(contentsOf: ",,".utf8)
                out.field(strings.label("liaison", contact.kind.rawValue))
                out.bytes.append(contentsOf: ",,,,".utf8)
                out.field(contact.summary ?? "")
                out.bytes.append(contentsOf: ",,".utf8)
                out.field(contact.with ?? "")
                out.endRow()
            }
            for progress in views.indicators.tutees[tutee.info.id]?.path.flatMap(\.steps) ?? [] where progress.state.isSettled {
                out.bytes.append(contentsOf: prefix)
                out.field(stepRecord); out.comma()
                if let day = progress.doneOn { out.day(day) }
                out.bytes.append(contentsOf: ",,".utf8)
                out.field(strings.label("step_state", progress.state.rawValue))
                out.bytes.append(contentsOf: ",,,".utf8)
                out.field(views.ownerLabel(progress.step.owner?.value) ?? ""); out.comma()
                out.field(progress.step.title)
                out.bytes.append(contentsOf: ",,".utf8)
                out.endRow()
            }
            for concern in tutee.concerns.sorted(by: { $0.date.value < $1.date.value }) {
                let hidden = concern.category.isSpecialCategory
                // record, date, kind (the category), by, text: the other columns stay empty.
                func row(_ record: String, _ day: Day, kind: String, by: String?, text: String?) {
                    out.bytes.append(contentsOf: prefix)
                    out.field(record); out.comma()
                    out.day(day)
                    out.bytes.append(contentsOf: ",,".utf8)
                    out.field(kind)
                    out.bytes.append(contentsOf: ",,,".utf8)
                    out.field(by.map(views.participant) ?? ""); out.comma()
                    out.field(hidden ? "" : text ?? "")
                    out.bytes.append(contentsOf: ",,".utf8)
                    out.endRow()
                }
                let kind = hidden ? withheld : strings.label("concern", concern.category.rawValue)
                row(concernRecord, concern.date.value, kind: kind, by: concern.raisedBy, text: concern.summary)
                for action in concern.actions.sorted(by: { $0.date.value < $1.date.value }) {
                    row(actionRecord, action.date.value, kind: kind, by: action.by, text: action.action)
                }
                if let closed = concern.closed { row(closedRecord, closed.value, kind: kind, by: nil, text: nil) }
            }
            if let reason = tutee.endReason?.value {
                out.bytes.append(contentsOf: prefix)
                out.field(endRecord); out.comma()
                if let end = tutee.end { out.day(end.value) }
                out.bytes.append(contentsOf: ",,".utf8)
                out.field(reason.isSpecialCategory ? strings["end_reason_withheld"] : strings.label("end_reason", reason.rawValue))
                out.bytes.append(contentsOf: ",,,,".utf8)
                out.field(reason.isSpecialCategory ? "" : tutee.endNote ?? "")
                out.bytes.append(contentsOf: ",,".utf8)
                out.endRow()
            }
        }
        return out.bytes
    }

    /// Rows written as bytes; each field as `field` writes it.
    struct CSVWriter {
        var bytes: [UInt8] = []

        mutating func comma() { bytes.append(UInt8(ascii: ",")) }

        mutating func endRow() {
            bytes.append(0x0D)
            bytes.append(0x0A)
        }

        mutating func row(_ fields: [String]) {
            for (position, text) in fields.enumerated() {
                if position > 0 { comma() }
                field(text)
            }
            endRow()
        }

        mutating func day(_ day: Day) {
            bytes.append(contentsOf: day.iso.utf8)
        }

        /// The bytes of `EvidenceExport.field(text)`, without building it.
        mutating func field(_ text: String) {
            ByteText.withUTF8(text) { utf8 in
                guard let first = utf8.first else { return }
                let isQuote = { (byte: UInt8) in byte == 0x22 }
                // Most fields start with a letter or a digit: only the others need the scalar rule.
                let plainStart = first < 0x80 && first > 0x20 && first != 0x3D && first != 0x2B && first != 0x2D && first != 0x40
                let disarm = !plainStart && EvidenceExport.startsLikeFormula(text)
                var needsQuotes = false
                for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                    needsQuotes = true
                    break
                }
                if needsQuotes { bytes.append(0x22) }
                if disarm { bytes.append(UInt8(ascii: "'")) }
                if needsQuotes {
                    for byte in utf8 {
                        bytes.append(byte)
                        if isQuote(byte) { bytes.append(0x22) }
                    }
                    bytes.append(0x22)
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
        }
    }

    /// A field is quoted when it holds a comma, a quote or a line break; quotes
    /// are doubled. A field that `startsLikeFormula` gets a quote mark first, so
    /// a spreadsheet never runs it. (The rules over scalars: `CSVWriter.field`
    /// writes the same bytes faster.)
    ///
    /// Scalars, not Characters: a CSV reader splits at every comma, also one
    /// that an accent follows (`,\u{301}` is one Character, but two scalars),
    /// and ends a quoted field at every lone quote.
    static func field(_ text: String) -> String {
        var value = text
        if startsLikeFormula(text) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// The characters that make a spreadsheet read a cell as a formula: `=`,
    /// `+`, `-`, `@` and their full-width forms (OWASP's CSV injection list).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// True for a field a spreadsheet could take for a formula: one that starts
    /// (scalar by scalar, whatever follows it) with a formula character, a tab,
    /// a carriage return or a space, or with any other white space followed by
    /// a formula character. A whole number (`-3`) stays a number.
    static func startsLikeFormula(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, Int(text) == nil else { return false }
        if formulaStarts.contains(first) || first == "\t" || first == "\r" || first == " " { return true }
        guard first.properties.isWhitespace else { return false }
        return scalars.first { !$0.properties.isWhitespace }.map { formulaStarts.contains($0) } ?? false
    }
}
