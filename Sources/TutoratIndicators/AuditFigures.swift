import TutoratCore
import TutoratSite
import TutoratSource

/// What a quality auditor counts in a programme's follow-up, as of the site's
/// `as_of`: the written trail and what was done about the difficulties raised.
public struct AuditFigures: Sendable, Equatable {
    public var sessionsHeld = 0
    public var assessments = 0
    public var evaluations = 0
    public var liaisonContacts = 0
    public var concernsRaised = 0
    public var concernsOpen = 0
    /// Concerns whose first action came within `concern_action_days` of being raised.
    public var concernsActedOnInTime = 0
    public var stepsDone = 0
    public var stepsDoneLate = 0
    public var stepsLate = 0

    public init() {}

    public init(_ programme: Programme, in site: Site, tutees indicators: [String: TuteeIndicators]) {
        let limit = site.config.rules.concernActionDays
        // What happened by `as_of` only: a page "as of" a day does not count what is planned after it.
        let asOf = site.asOf
        for tutee in site.tutees(inProgramme: programme.info.id) {
            sessionsHeld += tutee.sessions.count { $0.date.value <= asOf }
            assessments += tutee.competencies.reduce(0) { $0 + $1.assessments.count { $0.date <= asOf } }
            evaluations += tutee.evaluations.count { $0.date.value <= asOf }
            liaisonContacts += tutee.liaison.count { $0.date.value <= asOf }
            for concern in tutee.concerns where concern.date.value <= asOf {
                concernsRaised += 1
                if concern.closed.map({ $0.value > asOf }) ?? true { concernsOpen += 1 }
                let first = concern.actions.map(\.date.value).filter { $0 <= asOf }.min()
                if let first, concern.date.value.days(until: first) <= limit { concernsActedOnInTime += 1 }
            }
            let steps = indicators[tutee.info.id]?.path.flatMap(\.steps) ?? []
            stepsDone += steps.count { $0.state == .done }
            stepsDoneLate += steps.count { $0.state == .doneLate }
            stepsLate += steps.count { $0.state == .late }
        }
    }
}
