import TutoratCore
import TutoratSource

/// A domain rule broken by the site as of its `as_of` day: shown by `check`,
/// and (for the follow-up rules) on the dashboard and the tutor's page.
public struct Alert: Sendable, Equatable {
    public var rule: RuleCode
    public var severity: Diagnostic.Severity
    public var message: String
    public var location: SourceLocation
    public var hint: String?
    /// The tutee and tutor the alert is about, for linking from pages.
    public var tutee: String?
    public var tutor: String?
    /// The figures of the message without any name (days, dates, counts,
    /// an objective's title), so a page can word the alert in its language
    /// and name the tutee only where it may. No rule gives more than three:
    /// kept in the alert, since a list of its own was an allocation per alert
    /// (400 000 at 100 000 tutees).
    public var details: [String] { [firstDetail, secondDetail, thirdDetail].compactMap { $0 } }
    private var firstDetail, secondDetail, thirdDetail: String?

    public init(rule: RuleCode, severity: Diagnostic.Severity, message: String, location: SourceLocation, hint: String? = nil,
                tutee: String? = nil, tutor: String? = nil, details: [String] = []) {
        precondition(details.count <= 3, "an alert has at most three details")
        (self.rule, self.severity, self.message, self.location, self.hint, self.tutee, self.tutor) =
            (rule, severity, message, location, hint, tutee, tutor)
        (firstDetail, secondDetail, thirdDetail) = (details.first, details.dropFirst().first, details.dropFirst(2).first)
    }

    public var diagnostic: Diagnostic {
        Diagnostic(severity, rule.rawValue, message, at: location, hint: hint)
    }
}

extension RuleCode {
    /// How serious the broken rule is unless the site says otherwise.
    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .supervisorIsTutor, .substituteIsTutor: return .error
        default: return .warning
        }
    }

    /// Why the rule exists, for the guide (docs/domain-rules.md) and `--help`.
    public var reason: String {
        switch self {
        case .supervisorIsTutor:
            return "the tutor accompanies and passes on know-how; judging the tutee's work is the line manager's job, and mixing the two stops the tutee from speaking freely"
        case .tutorOverCapacity:
            return "tutoring takes time; a tutor with too many tutees cannot give each one the attention the charter promises"
        case .substituteIsTutor:
            return "the substitute stands in when the tutor is away, so it must be someone else"
        case .untrainedTutor:
            return "tutors are trained for the role, and a quality audit asks for the date as written evidence"
        case .noFirstSession:
            return "the first days decide much of the welcome; a first meeting should take place straight away"
        case .meetingGap:
            return "regular meetings are the backbone of tutoring; a long silence is a weak signal to act on"
        case .objectiveOverdue:
            return "an objective past its date should be reached, moved or dropped on purpose, not forgotten"
        case .pastEndStillActive:
            return "a tutoring that has ended should be closed with its final evaluation"
        case .stepDoneLate:
            return "the path's steps are timed for the newcomer (a workstation ready on the first day, a review before the end); one done late is worth knowing, to plan better next time"
        case .stepOverdue:
            return "a step past its day and not done is a promise of the path not kept: do it, or mark it skipped on purpose"
        case .noLiaison:
            return "in work-study the company and the training body follow the tutee together; a long silence between them leaves the tutee alone between two worlds"
        case .endWithoutReason:
            return "knowing why tutorings end (a diploma, a job, a resignation) is how the scheme learns, and a quality audit asks for it"
        case .tutorRequirementMissed:
            return "a tutor is chosen for their experience and trained for the role; the programme says what it expects of them"
        case .noPracticeExchange:
            return "tutors learn from each other; a tutor who never meets their peers is left alone with the hard cases"
        case .concernWithoutAction:
            return "a weak signal noticed and written down but not acted on is how a tutee drops out; someone should answer it within days"
        }
    }
}
