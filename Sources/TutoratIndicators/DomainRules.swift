import TutoratCore
import TutoratSite
import TutoratSource

/// The rules a tutoring scheme should respect, as pure functions of the
/// resolved site and its `as_of` day. `check` reports them and the pages show
/// them: one implementation for both.
public enum DomainRules {
    public static func alerts(for site: Site) -> [Alert] {
        // Each person's rules read only that person and the site: every core, then in the site's order.
        let byTutee = parallelMap(site.tutees, chunkSize: 64) { tutee -> [Alert] in
            var alerts = SupervisorRule.check(tutee, in: site)
            alerts += SubstituteRule.check(tutee)
            alerts += FirstSessionRule.check(tutee, in: site)
            alerts += MeetingGapRule.check(tutee, in: site)
            alerts += ObjectiveOverdueRule.check(tutee, asOf: site.asOf)
            alerts += PastEndRule.check(tutee, asOf: site.asOf)
            alerts += PathRules.check(tutee, in: site)
            alerts += LiaisonRule.check(tutee, in: site)
            alerts += EndReasonRule.check(tutee)
            alerts += TutorRequirementRule.check(tutee, in: site)
            alerts += ConcernRule.check(tutee, in: site)
            return alerts
        }
        let byTutor = parallelMap(site.tutors, chunkSize: 16) { tutor -> [Alert] in
            CapacityRule.check(tutor, in: site) + TrainingRule.check(tutor) + ExchangeRule.check(tutor, in: site)
        }
        // One list sized once: grown by doubling it held up to twice the alerts while it was copied.
        var alerts: [Alert] = []
        alerts.reserveCapacity(byTutee.reduce(0) { $0 + $1.count } + byTutor.reduce(0) { $0 + $1.count })
        let settings = site.config.rules.settings
        for var alert in (byTutee + byTutor).joined() {
            switch settings[alert.rule] {
            case .off: continue
            case .warning: alert.severity = .warning
            case .error: alert.severity = .error
            case nil: break
            }
            alerts.append(alert)
        }
        return alerts
    }

    /// The capacity that applies to a tutor: their own, else the site's rule.
    public static func capacity(of tutor: Tutor, in site: Site) -> Int {
        tutor.capacity ?? site.config.rules.maxTuteesPerTutor
    }

    /// The longest expected gap between meetings for a tutee: their programme's rhythm, else the site's rule.
    public static func meetingGap(for tutee: Tutee, in site: Site) -> Int {
        site.programme(tutee.programme.value)?.meetingRhythmDays ?? site.config.rules.meetingGapDays
    }
}

func alert(_ rule: RuleCode, _ message: String, at location: SourceLocation, hint: String? = nil,
           tutee: String? = nil, tutor: String? = nil, details: [String] = []) -> Alert {
    Alert(rule: rule, severity: rule.defaultSeverity, message: message, location: location, hint: hint, tutee: tutee, tutor: tutor,
          details: details)
}

/// TUT001: the tutor is not the tutee's hierarchical superior.
enum SupervisorRule {
    static func check(_ tutee: Tutee, in site: Site) -> [Alert] {
        guard let supervisor = tutee.supervisor else { return [] }
        let tutorName = site.tutor(tutee.tutor.value)?.name
        let named = supervisor.value == tutee.tutor.value
            || tutorName.map { $0.lowercased() == supervisor.value.lowercased() } == true
        guard named else { return [] }
        return [alert(.supervisorIsTutor, "the tutor '\(tutee.tutor.value)' is also \(tutee.name)'s hierarchical superior",
                      at: supervisor.location, hint: "choose a tutor outside the tutee's line management",
                      tutee: tutee.info.id, tutor: tutee.tutor.value)]
    }
}

/// TUT003: the substitute is someone other than the tutor.
enum SubstituteRule {
    static func check(_ tutee: Tutee) -> [Alert] {
        guard let substitute = tutee.substitute, substitute.value == tutee.tutor.value else { return [] }
        return [alert(.substituteIsTutor, "the substitute '\(substitute.value)' is the tutor", at: substitute.location,
                      hint: "name another tutor, or remove 'substitute'", tutee: tutee.info.id, tutor: tutee.tutor.value)]
    }
}

/// TUT005: an active tutee meets their tutor within the first days.
enum FirstSessionRule {
    static func check(_ tutee: Tutee, in site: Site) -> [Alert] {
        let days = site.config.rules.firstSessionDays
        let deadline = tutee.start.value.adding(days: days)
        guard tutee.status == .active, deadline < site.asOf else { return [] }
        let first = tutee.sessions.map(\.date.value).min()
        guard first.map({ $0 > deadline }) ?? true else { return [] }
        return [alert(.noFirstSession, "\(tutee.name) had no session in the \(days) days after the start (\(tutee.start.value))",
                      at: tutee.start.location, hint: "plan a first meeting, and record it under 'sessions'",
                      tutee: tutee.info.id, tutor: tutee.tutor.value, details: [String(days), tutee.start.value.iso])]
    }
}

/// TUT006: an active tutee meets their tutor at least every `meeting_gap_days`
/// (or the programme's `meeting_rhythm_days`).
enum MeetingGapRule {
    /// Days from the last session on or before `asOf` to `asOf`, or nil when there was none.
    static func daysSinceLastSession(_ tutee: Tutee, asOf: Day) -> (days: Int, session: TutoringSession)? {
        let past = tutee.sessions.filter { $0.date.value <= asOf }
        guard let last = past.max(by: { $0.date.value < $1.date.value }) else { return nil }
        return (last.date.value.days(until: asOf), last)
    }

    static func check(_ tutee: Tutee, in site: Site) -> [Alert] {
        guard tutee.status == .active, let (days, last) = daysSinceLastSession(tutee, asOf: site.asOf) else { return [] }
        let gap = DomainRules.meetingGap(for: tutee, in: site)
        guard days > gap else { return [] }
        return [alert(.meetingGap, "no session with \(tutee.name) for \(days) days (the rhythm is every \(gap) days at most)",
                      at: last.date.location, hint: "plan a meeting, or record the ones that took place",
                      tutee: tutee.info.id, tutor: tutee.tutor.value, details: [String(days), String(gap)])]
    }
}

/// TUT007: an objective past its due date is done, moved or dropped.
public enum ObjectiveOverdueRule {
    public static func isOverdue(_ objective: Objective, asOf: Day) -> Bool {
        guard let due = objective.due else { return false }
        return due < asOf && (objective.status == .todo || objective.status == .doing)
    }

    static func check(_ tutee: Tutee, asOf: Day) -> [Alert] {
        guard tutee.status == .active else { return [] }
        return tutee.objectives.filter { isOverdue($0, asOf: asOf) }.map { objective in
            alert(.objectiveOverdue, "the objective '\(objective.title)' was due on \(objective.due!) and is not done",
                  at: objective.location, hint: "mark it done, give it a new date, or set its status to dropped",
                  tutee: tutee.info.id, tutor: tutee.tutor.value, details: [objective.title, objective.due!.iso])
        }
    }
}

/// TUT008: a tutee past their end date is not still active.
enum PastEndRule {
    static func check(_ tutee: Tutee, asOf: Day) -> [Alert] {
        guard tutee.status == .active, let end = tutee.end, end.value < asOf else { return [] }
        return [alert(.pastEndStillActive, "\(tutee.name)'s tutoring ended on \(end.value) but is still marked active",
                      at: end.location, hint: "set 'status: completed' (or interrupted), or move the end date",
                      tutee: tutee.info.id, tutor: tutee.tutor.value, details: [end.value.iso])]
    }
}

/// TUT002: a tutor has no more active tutees than their capacity.
enum CapacityRule {
    static func check(_ tutor: Tutor, in site: Site) -> [Alert] {
        let active = site.tutees(ofTutor: tutor.info.id).filter { $0.status == .active }
        let capacity = DomainRules.capacity(of: tutor, in: site)
        guard active.count > capacity else { return [] }
        return [alert(.tutorOverCapacity,
                      "\(tutor.name) accompanies \(active.count) active tutees, more than their capacity of \(capacity) (\(active.map(\.info.id).joined(separator: ", ")))",
                      at: tutor.info.location, hint: "share the tutees with another tutor, or raise 'capacity' if this was agreed",
                      tutor: tutor.info.id, details: [String(active.count), String(capacity)])]
    }
}

/// TUT004: a tutor's training is recorded.
enum TrainingRule {
    static func check(_ tutor: Tutor) -> [Alert] {
        guard tutor.trained == nil else { return [] }
        return [alert(.untrainedTutor, "\(tutor.name) has no tutor training date", at: tutor.info.location,
                      hint: "add 'trained: YYYY-MM-DD' once the training is done", tutor: tutor.info.id)]
    }
}
