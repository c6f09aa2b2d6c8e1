import TutoratCore

/// What a concern is about. Health and personal situation are special-category
/// data: their text is shown on the tutee's own private page and nowhere else.
public enum ConcernCategory: String, ContentEnum {
    case pedagogical, organisational, relationship, health, personal, other

    public var isSpecialCategory: Bool { self == .health || self == .personal }
}

/// Something done about a concern.
public struct ConcernAction: Sendable {
    public var date: Located<Day>
    /// A role kind or a name.
    public var by: String?
    public var action: String?
}

/// A weak signal someone raised about a tutoring, and what was done about it.
public struct Concern: Sendable {
    public var date: Located<Day>
    /// A role kind or a name.
    public var raisedBy: String?
    public var category: ConcernCategory
    public var summary: String?
    public var actions: [ConcernAction] = []
    /// Absent while the concern is open.
    public var closed: Located<Day>?

    public var isOpen: Bool { closed == nil }
}
