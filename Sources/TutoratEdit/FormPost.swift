import TutoratCore
import TutoratSource

/// A posted form's fields (`application/x-www-form-urlencoded`), percent-decoded.
public enum FormBody {
    public static func parse(_ bytes: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in bytes.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                      let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(validating: out, as: UTF8.self)
    }
}

/// A posted form read into an entry, or the reasons it cannot be one.
enum PostedEntry {
    case session(SessionEntry)
    case journal(JournalEntry)
    case assessment(AssessmentEntry)
    case checklist(ChecklistEntry)
    case concern(ConcernEntry)
    case action(ActionEntry)
    case exchange(Day)

    static func read(form: EditForm, _ fields: [String: String]) -> Result<PostedEntry, EditRefusal> {
        func text(_ name: String) -> String? {
            let value = (fields[name] ?? "").trimmingWhitespace()
            return value.isEmpty ? nil : value
        }
        /// A one-line text: line breaks become spaces.
        func line(_ name: String) -> String? { text(name)?.split(whereSeparator: \.isNewline).joined(separator: " ") }
        guard let dateText = text("date"), let date = Day(iso: dateText) else {
            return .failure(EditRefusal("'date' should be a date written YYYY-MM-DD, found '\(fields["date"] ?? "")'"))
        }
        switch form {
        case .exchange:
            return .success(.exchange(date))
        case .assessment:
            guard let competency = text("competency"), Identifier.isValid(competency) else {
                return .failure(EditRefusal("choose the competency assessed"))
            }
            guard let value = text("level"), let level = Int(value), level >= 0 else { return .failure(EditRefusal("'level' should be a level of the scale")) }
            guard let by = Assessor(rawValue: text("by") ?? Assessor.tutor.rawValue) else { return .failure(EditRefusal("'by' should be one of \(Assessor.allowed)")) }
            return .success(.assessment(AssessmentEntry(competency: competency, date: date, level: level, by: by, note: line("note"))))
        case .checklist:
            guard let step = text("step"), Identifier.isValid(step) else { return .failure(EditRefusal("choose the step")) }
            return .success(.checklist(ChecklistEntry(step: step, done: text("skipped") == nil ? date : nil)))
        case .concern:
            guard let category = ConcernCategory(rawValue: text("category") ?? "") else {
                return .failure(EditRefusal("'category' should be one of \(ConcernCategory.allowed)"))
            }
            return .success(.concern(ConcernEntry(date: date, raisedBy: line("raised_by"), category: category, summary: line("summary"))))
        case .action:
            guard let value = text("concern"), let index = Int(value), index >= 0 else { return .failure(EditRefusal("choose the concern")) }
            return .success(.action(ActionEntry(concern: index, date: date, by: line("by"), action: line("action"))))
        case .journal:
            guard let body = text("text") else { return .failure(EditRefusal("the journal entry is empty")) }
            return .success(.journal(JournalEntry(date: date, text: body)))
        case .session:
            var minutes: Int?
            if let value = text("minutes") {
                guard let number = Int(value), number >= 0 else {
                    return .failure(EditRefusal("'minutes' should be a whole number of minutes, found '\(value)'"))
                }
                minutes = number
            }
            let kind = SessionKind(rawValue: text("kind") ?? SessionKind.meeting.rawValue)
            guard let kind else { return .failure(EditRefusal("'kind' should be one of \(SessionKind.allowed)")) }
            var mode: SessionMode?
            if let value = text("mode") {
                guard let chosen = SessionMode(rawValue: value) else { return .failure(EditRefusal("'mode' should be one of \(SessionMode.allowed)")) }
                mode = chosen == .onsite ? nil : chosen
            }
            let with = (fields["with"] ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            let summary = line("summary")
            return .success(.session(SessionEntry(date: date, minutes: minutes, kind: kind, mode: mode, with: with, summary: summary)))
        }
    }
}
