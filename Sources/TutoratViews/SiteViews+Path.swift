import TutoratCore
import TutoratIndicators
import TutoratSite
import TutoratSource

/// The tutoring path on the pages: steps, checklists, meeting modes, liaison, the end.
extension SiteViews {
    func stepView(_ step: Step) -> StepView {
        StepView(title: step.title, ownerLabel: ownerLabel(step.owner?.value), dueLabel: dueLabel(step))
    }

    /// A role kind in the site's words, or the title of the role sheet it names.
    package func ownerLabel(_ owner: String?) -> String? {
        guard let owner else { return nil }
        if RoleKind(rawValue: owner) != nil { return strings.label("role_kind", owner) }
        return site.role(owner)?.title ?? owner
    }

    /// "3 days before the start", "on the first day", "10 days after the end".
    func dueLabel(_ step: Step) -> String? {
        guard let days = step.dueDays else { return nil }
        let anchor = step.from.rawValue
        if days == 0 { return strings["step_due_\(anchor)"] }
        return strings.format(days < 0 ? "step_due_before_\(anchor)" : "step_due_after_\(anchor)", String(abs(days)))
    }

    func pathView(_ phases: [PhaseProgress]) -> [PathPhaseView] {
        phases.map { phase in
            PathPhaseView(name: phase.phase.name, when: phase.phase.when.rawValue, whenLabel: strings.label("phase", phase.phase.when.rawValue),
                          steps: phase.steps.map { progress in
                              PathStepView(title: progress.step.title, ownerLabel: ownerLabel(progress.step.owner?.value),
                                           due: progress.due.map(date), doneOn: progress.doneOn.map(date), state: progress.state.rawValue,
                                           stateLabel: strings.label("step_state", progress.state.rawValue),
                                           symbol: Self.symbol(progress.state))
                          })
        }
    }

    var pathLegend: [StateLegendItem] {
        StepState.allCases.map {
            StateLegendItem(state: $0.rawValue, symbol: Self.symbol($0), label: strings.label("step_state", $0.rawValue))
        }
    }

    static func symbol(_ state: StepState) -> String {
        switch state {
        case .done: return "✓"
        case .doneLate: return "✓!"
        case .skipped: return "–"
        case .late: return "!"
        case .dueSoon: return "…"
        case .open: return "○"
        }
    }

    func liaisonView(_ contact: Liaison) -> LiaisonView {
        LiaisonView(date: date(contact.date.value), kind: contact.kind.rawValue, kindLabel: strings.label("liaison", contact.kind.rawValue),
                    with: contact.with, summary: contact.summary)
    }

    func sessionView(_ session: TutoringSession) -> SessionView {
        SessionView(date: date(session.date.value), minutes: session.minutes, kind: session.kind.rawValue,
                    kindLabel: labels.session[session.kind]!, mode: session.mode.rawValue,
                    modeLabel: strings.label("mode", session.mode.rawValue),
                    with: session.with.isEmpty ? nil : session.with.map(participant).joined(separator: ", "),
                    summary: session.summary)
    }

    /// A participant written as a role kind (or `supervisor`) reads in the site's words; a name stays as written.
    package func participant(_ text: String) -> String {
        if RoleKind(rawValue: text) != nil { return strings.label("role_kind", text) }
        if Assessor(rawValue: text) != nil { return strings.label("assessor", text) }
        return text
    }

    /// Sessions by mode, each with its share of the sessions held.
    func modeStats(_ numbers: ProgrammeIndicators?) -> [Stat] {
        guard let numbers, numbers.sessionsHeld > 0 else { return [] }
        return SessionMode.allCases.map { mode in
            let count = numbers.sessionsByMode[mode] ?? 0
            return Stat(value: percent(Double(count) / Double(numbers.sessionsHeld)),
                        label: strings.format("programme_mode_count", strings.label("mode", mode.rawValue), String(count)))
        }
    }

    /// End reasons with their counts. A count under 3 is not given: with so few
    /// people, a reason (a resignation, a health issue) points at someone.
    func endReasonStats(_ numbers: ProgrammeIndicators?) -> [Stat] {
        guard let numbers else { return [] }
        return EndReason.allCases.compactMap { reason in
            guard let count = numbers.endReasons[reason] else { return nil }
            return Stat(value: count < 3 ? strings["fewer_than_3"] : String(count), label: strings.label("end_reason", reason.rawValue))
        }
    }

    /// The tutee's end reason where the page may show it: a special-category
    /// reason only on the tutee's own private page.
    func endReason(of tutee: Tutee, onPrivatePage: Bool) -> String? {
        guard let reason = tutee.endReason?.value, !reason.isSpecialCategory || onPrivatePage else { return nil }
        return strings.label("end_reason", reason.rawValue)
    }

    /// A concern's timeline. Special-category text shows only on the tutee's own private page.
    func concernView(_ concern: Concern, onPrivatePage: Bool) -> ConcernView {
        let withheld = concern.category.isSpecialCategory && !onPrivatePage
        var events = [ConcernView.Event(kind: "raised", kindLabel: strings["concern_raised"], date: date(concern.date.value),
                                        by: concern.raisedBy.map(participant), text: withheld ? nil : concern.summary)]
        for action in concern.actions.sorted(by: { $0.date.value < $1.date.value }) {
            events.append(ConcernView.Event(kind: "action", kindLabel: strings["concern_action"], date: date(action.date.value),
                                            by: action.by.map(participant), text: withheld ? nil : action.action))
        }
        if let closed = concern.closed {
            events.append(ConcernView.Event(kind: "closed", kindLabel: strings["concern_closed"], date: date(closed.value), by: nil, text: nil))
        }
        return ConcernView(category: concern.category.rawValue, categoryLabel: strings.label("concern", concern.category.rawValue),
                           isOpen: concern.isOpen, withheld: withheld, events: events)
    }

    /// Every open concern of the site, oldest first. The dashboard is private,
    /// but a list is not the tutee's own page: special-category concerns show
    /// their category and age, never their text.
    func openConcerns(_ link: Linker) -> [OpenConcernRow] {
        let open = site.tutees.flatMap { tutee in tutee.concerns.filter(\.isOpen).map { (tutee, $0) } }
            .sorted { ($0.1.date.value, $0.0.info.id) < ($1.1.date.value, $1.0.info.id) }
        return open.map { tutee, concern in
            OpenConcernRow(tutee: tutee.name, href: link.href(.tutee(tutee.info.id)), raised: date(concern.date.value),
                           ageDays: max(0, concern.date.value.days(until: site.asOf)),
                           categoryLabel: strings.label("concern", concern.category.rawValue), actions: concern.actions.count,
                           summary: concern.category.isSpecialCategory ? nil : concern.summary)
        }
    }

    /// The late steps of the whole site by owner, most first.
    func lateStepsByOwner() -> [DashboardRow] {
        indicators.lateStepsByOwner.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { owner, count in
            DashboardRow(label: ownerLabel(owner.isEmpty ? nil : owner) ?? strings["step_owner_none"], href: nil, values: [String(count)])
        }
    }
}
