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
    /// A step of the path was done after its due day.
    case stepDoneLate = "TUT009"
    /// A step of the path is past its due day and neither done nor skipped.
    case stepOverdue = "TUT010"
    /// A tutee of a programme with partners has had no liaison with the training body for too long.
    case noLiaison = "TUT011"
    /// A tutoring completed or interrupted says not why.
    case endWithoutReason = "TUT012"
    /// A tutor does not meet the programme's tutor requirements.
    case tutorRequirementMissed = "TUT013"
    /// A tutor took part in no exchange of practice for too long.
    case noPracticeExchange = "TUT014"
    /// A concern has been open for too long with no action.
    case concernWithoutAction = "TUT015"

    public static func < (a: RuleCode, b: RuleCode) -> Bool { a.rawValue < b.rawValue }
}

/// What a site says about one rule.
public enum RuleSetting: String, ContentEnum {
    case off, warning, error
}
