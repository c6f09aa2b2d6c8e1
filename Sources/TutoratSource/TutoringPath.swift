import TutoratCore

/// A task of a programme's phase. A step written as plain text has no id: it
/// is shown, never tracked. A step with an id is tracked in each progress
/// file's `checklist`, and falls due `dueDays` after the tutee's start (or end).
public struct Step: Sendable, Equatable {
    public var id: String?
    public var title: String
    /// A role kind (`tutor`, `management`...) or a role id.
    public var owner: Located<String>?
    public var dueDays: Int?
    public var from: StepAnchor = .start
    /// Where the step is written in the programme.
    public var location: SourceLocation

    /// The day the step falls due for a tutoring from `start` to `end`; nil when
    /// the step has no due day, or counts from an end that is not known.
    public func due(start: Day, end: Day?) -> Day? {
        guard let dueDays else { return nil }
        switch from {
        case .start: return start.adding(days: dueDays)
        case .end: return end?.adding(days: dueDays)
        }
    }
}

/// What a step's `due_days` count from.
public enum StepAnchor: String, ContentEnum { case start, end }

/// One line of a progress file's `checklist`: a step done on a day, or skipped.
public struct ChecklistMark: Sendable {
    public enum State: Sendable, Equatable {
        case done(Day)
        case skipped
    }

    public var step: Located<String>
    public var state: State
}

/// How a meeting took place. On site unless said otherwise.
public enum SessionMode: String, ContentEnum { case onsite, remote, async }

public enum LiaisonKind: String, ContentEnum { case visit, call, meeting, mail, other }

/// A contact with the partner training body about the tutee.
public struct Liaison: Sendable {
    public var date: Located<Day>
    public var kind: LiaisonKind
    /// Who took part on the partner's side, as written ("Mme Lenoir, trainer").
    public var with: String?
    @PackedText public var summary: String?

    public init(date: Located<Day>, kind: LiaisonKind, with: String?, summary: String?) {
        self.date = date
        self.kind = kind
        self.with = with
        self.summary = summary
    }
}

/// Why a tutoring ended. `health` is special-category data: it is shown only
/// on the tutee's own private page, and counted, never listed, elsewhere.
public enum EndReason: String, ContentEnum {
    case completed, diploma, hired, resigned, contractEnded = "contract-ended", reorientation, health, other

    public var isSpecialCategory: Bool { self == .health }
}

/// What a programme asks of the tutors of its tutees (`tutor_requirements`).
public struct TutorRequirements: Sendable, Equatable {
    public var experienceYears: Int?
    public var trained = false
    public var location: SourceLocation
}
