import TutoratCore
import TutoratSite
import TutoratSource

/// TUT009 and TUT010: the steps of the path are done on time. A step done late
/// is reported at its checklist line; a step past due, at `checklist:` (or the
/// first line when the file has none yet).
enum PathRules {
    static func check(_ tutee: Tutee, in site: Site) -> [Alert] {
        let phases = PathProgress.phases(of: tutee, programme: site.programme(tutee.programme.value), asOf: site.asOf)
        var alerts: [Alert] = []
        for progress in phases.flatMap(\.steps) {
            let title = progress.step.title
            switch progress.state {
            case .doneLate:
                let due = progress.due!, done = progress.doneOn!
                alerts.append(alert(.stepDoneLate, "the step '\(title)' was due on \(due) and done on \(done)",
                                    at: progress.mark ?? tutee.info.location, hint: "nothing to fix: the date says when it was done",
                                    tutee: tutee.info.id, tutor: tutee.tutor.value, details: [title, due.iso, done.iso]))
            case .late:
                let due = progress.due!
                alerts.append(alert(.stepOverdue, "the step '\(title)' was due on \(due) and is not done",
                                    at: tutee.checklistLocation ?? tutee.info.location,
                                    hint: "write '\(progress.step.id!): YYYY-MM-DD' under 'checklist' once it is done, or '\(progress.step.id!): skipped'",
                                    tutee: tutee.info.id, tutor: tutee.tutor.value, details: [title, due.iso]))
            default:
                break
            }
        }
        return alerts
    }
}

/// TUT011: a tutee whose programme works with a training body has news of it
/// at least every `liaison_gap_days`.
enum LiaisonRule {
    static func check(_ tutee: Tutee, in site: Site) -> [Alert] {
        guard tutee.status == .active, let programme = site.programme(tutee.programme.value), !programme.partners.isEmpty else { return [] }
        let gap = site.config.rules.liaisonGapDays
        let last = tutee.liaison.filter { $0.date.value <= site.asOf }.max { $0.date.value < $1.date.value }
        let since = max(last?.date.value ?? tutee.start.value, tutee.start.value)
        let days = since.days(until: site.asOf)
        guard days > gap else { return [] }
        return [alert(.noLiaison, "no liaison with the training body about \(tutee.name) for \(days) days (at most \(gap))",
                      at: last?.date.location ?? tutee.start.location,
                      hint: "call or visit the partner, and record it under 'liaison'",
                      tutee: tutee.info.id, tutor: tutee.tutor.value, details: [String(days), String(gap)])]
    }
}

/// TUT012: a tutoring that ended says why.
enum EndReasonRule {
    static func check(_ tutee: Tutee) -> [Alert] {
        guard tutee.status == .completed || tutee.status == .interrupted, tutee.endReason == nil else { return [] }
        return [alert(.endWithoutReason, "\(tutee.name)'s tutoring is \(tutee.status.rawValue) without an 'end_reason'",
                      at: tutee.statusLocation ?? tutee.info.location,
                      hint: "add 'end_reason:' (\(EndReason.allowed)), and 'end_note:' if it helps",
                      tutee: tutee.info.id, tutor: tutee.tutor.value)]
    }
}

/// TUT013: the tutor meets what the programme asks of its tutors.
enum TutorRequirementRule {
    static func check(_ tutee: Tutee, in site: Site) -> [Alert] {
        guard tutee.status == .active || tutee.status == .planned,
              let requirements = site.programme(tutee.programme.value)?.tutorRequirements,
              let tutor = site.tutor(tutee.tutor.value) else { return [] }
        var missed: [String] = []
        if let years = requirements.experienceYears, (tutor.experienceYears ?? 0) < years {
            missed.append(tutor.experienceYears.map { "\(years) years of experience (has \($0))" } ?? "\(years) years of experience (none recorded)")
        }
        if requirements.trained, tutor.trained == nil { missed.append("the tutor training") }
        guard !missed.isEmpty else { return [] }
        return [alert(.tutorRequirementMissed,
                      "\(tutor.name) does not meet the tutor requirements of '\(tutee.programme.value)': \(missed.joined(separator: ", "))",
                      at: tutee.tutor.location, hint: "choose another tutor, or record the tutor's 'experience_years' and 'trained'",
                      tutee: tutee.info.id, tutor: tutor.info.id)]
    }
}

/// TUT014: a tutor with tutees took part in an exchange of practice in the last `exchange_gap_days`.
enum ExchangeRule {
    static func check(_ tutor: Tutor, in site: Site) -> [Alert] {
        guard site.tutees(ofTutor: tutor.info.id).contains(where: { $0.status == .active }) else { return [] }
        let gap = site.config.rules.exchangeGapDays
        let since = site.asOf.adding(days: -gap)
        guard !tutor.exchanges.contains(where: { $0 > since && $0 <= site.asOf }) else { return [] }
        return [alert(.noPracticeExchange, "\(tutor.name) took part in no exchange of practice between tutors in the last \(gap) days",
                      at: tutor.info.location, hint: "invite them to the next one, and add its date under 'exchanges'",
                      tutor: tutor.info.id, details: [String(gap)])]
    }
}

/// TUT015: a concern raised is answered by an action within `concern_action_days`.
/// The message names the tutee but never the concern's category or text.
enum ConcernRule {
    static func check(_ tutee: Tutee, in site: Site) -> [Alert] {
        let limit = site.config.rules.concernActionDays
        return tutee.concerns.filter { $0.isOpen && $0.actions.isEmpty }.compactMap { concern in
            let days = concern.date.value.days(until: site.asOf)
            guard days > limit else { return nil }
            return alert(.concernWithoutAction, "a concern about \(tutee.name) raised on \(concern.date.value) has had no action for \(days) days",
                         at: concern.date.location, hint: "record what was done under its 'actions', or close it with 'closed: YYYY-MM-DD'",
                         tutee: tutee.info.id, tutor: tutee.tutor.value, details: [concern.date.value.iso, String(days)])
        }
    }
}
