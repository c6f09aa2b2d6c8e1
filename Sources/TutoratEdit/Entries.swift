import TutoratCore
import TutoratSource
import TutoratYAML

/// A session as a tutor records it from the form: the fields of a `sessions` entry.
public struct SessionEntry: Sendable, Equatable {
    public var date: Day
    public var minutes: Int?
    public var kind: SessionKind
    public var mode: SessionMode?
    public var with: [String]
    public var summary: String?

    public init(date: Day, minutes: Int? = nil, kind: SessionKind = .meeting, mode: SessionMode? = nil, with: [String] = [],
                summary: String? = nil) {
        (self.date, self.minutes, self.kind, self.mode, self.with, self.summary) = (date, minutes, kind, mode, with, summary)
    }

    /// The entry's pairs in the order the contract writes them, values already written as YAML.
    var pairs: [(String, String)] {
        var pairs = [("date", date.iso)]
        if let minutes { pairs.append(("minutes", String(minutes))) }
        pairs.append(("kind", kind.rawValue))
        if let mode { pairs.append(("mode", mode.rawValue)) }
        if !with.isEmpty { pairs.append(("with", "[" + with.map { YAMLText.scalar($0) }.joined(separator: ", ") + "]")) }
        if let summary { pairs.append(("summary", YAMLText.scalar(summary))) }
        return pairs
    }
}

/// A journal entry: a dated heading and free Markdown appended to the body.
public struct JournalEntry: Sendable, Equatable {
    public var date: Day
    public var text: String

    public init(date: Day, text: String) { (self.date, self.text) = (date, text) }
}

/// An assessment of one competency of the programme's framework.
public struct AssessmentEntry: Sendable, Equatable {
    public var competency: String
    public var date: Day
    public var level: Int
    public var by: Assessor
    public var note: String?

    public init(competency: String, date: Day, level: Int, by: Assessor = .tutor, note: String? = nil) {
        (self.competency, self.date, self.level, self.by, self.note) = (competency, date, level, by, note)
    }

    var pairs: [(String, String)] {
        [("date", date.iso), ("level", String(level)), ("by", by.rawValue)] + (note.map { [("note", YAMLText.scalar($0))] } ?? [])
    }
}

/// A step of the programme's checklist done on a day, or skipped.
public struct ChecklistEntry: Sendable, Equatable {
    public var step: String
    /// nil: skipped.
    public var done: Day?

    public init(step: String, done: Day?) {
        (self.step, self.done) = (step, done)
    }

    var value: String { done?.iso ?? "skipped" }
}

/// A weak signal raised about the tutoring.
public struct ConcernEntry: Sendable, Equatable {
    public var date: Day
    public var raisedBy: String?
    public var category: ConcernCategory
    public var summary: String?

    public init(date: Day, raisedBy: String? = nil, category: ConcernCategory = .other, summary: String? = nil) {
        (self.date, self.raisedBy, self.category, self.summary) = (date, raisedBy, category, summary)
    }

    var pairs: [(String, String)] {
        var pairs = [("date", date.iso)]
        if let raisedBy { pairs.append(("raised_by", YAMLText.scalar(raisedBy))) }
        pairs.append(("category", category.rawValue))
        if let summary { pairs.append(("summary", YAMLText.scalar(summary))) }
        return pairs
    }
}

/// What was done about a concern.
public struct ActionEntry: Sendable, Equatable {
    /// The concern's place in the file's `concerns` (0-based).
    public var concern: Int
    public var date: Day
    public var by: String?
    public var action: String?

    public init(concern: Int, date: Day, by: String? = nil, action: String? = nil) {
        (self.concern, self.date, self.by, self.action) = (concern, date, by, action)
    }

    var pairs: [(String, String)] {
        [("date", date.iso)] + (by.map { [("by", YAMLText.scalar($0))] } ?? []) + (action.map { [("action", YAMLText.scalar($0))] } ?? [])
    }
}
