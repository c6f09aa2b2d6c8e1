/// The domain rules of a tutoring scheme that `check` enforces, each with a
/// stable code. A site switches one off, or changes its severity, under
/// `rules:` in site.yml (`TUT004: off`, `TUT006: error`).
public enum RuleCode: String, ContentEnum, Comparable {
    /// The tutor is the tutee's hierarchical superior.
    case supervisorIsTutor = "TUT001"
    /// A tutor has more active tutees than their capacity.
    case tutorOverCapacity = "TUT002"
    /// The substitute tutor is the tutor.
    case substituteIsTutor = "TUT003"
    /// A tutor has no training date.
    case untrainedTutor = "TUT004"
    /// An active tutee had no session in the first days after the start.
    case noFirstSession = "TUT005"
    /// An active tutee has had no session for longer than the meeting rhythm.
    case meetingGap = "TUT006"
    /// An objective is past its due date and not done.
    case objectiveOverdue = "TUT007"
    /// A tutee is past their end date and still marked active.
    case pastEndStillActive = "TUT008"

    public static func < (a: RuleCode, b: RuleCode) -> Bool { a.rawValue < b.rawValue }
}

/// What a site says about one rule.
public enum RuleSetting: String, ContentEnum {
    case off, warning, error
}
