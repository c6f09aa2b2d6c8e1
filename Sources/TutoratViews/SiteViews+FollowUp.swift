import TutoratCore
import TutoratLanguage
import TutoratCharts
import TutoratIndicators
import TutoratSite
import TutoratSource

/// The follow-up pages, built from the indicators computed once per build.
extension SiteViews {
    func view(_ programme: Programme, _ link: Linker, isPrivate: Bool) -> ProgrammeView {
        let members = site.tutees(inProgramme: programme.info.id)
        let numbers = indicators.programmes[programme.info.id]
        var stats = TuteeStatus.allCases.map { status in
            Stat(value: String(numbers?.byStatus[status] ?? 0), label: strings.label("status", status.rawValue))
        }
        if let average = numbers?.averageProgress { stats.append(Stat(value: percent(average), label: strings["programme_average_progress"])) }
        if let rate = numbers?.completionRate { stats.append(Stat(value: percent(rate), label: strings["programme_completion_rate"])) }
        stats.append(Stat(value: String(numbers?.needingAttention.count ?? 0), label: strings["programme_needing_attention"]))
        if !programme.trackedSteps.isEmpty { stats.append(Stat(value: String(numbers?.lateSteps ?? 0), label: strings["programme_late_steps"])) }
        return ProgrammeView(
            title: programme.title,
            kindLabel: programme.kind.map { strings.label("programme_kind", $0.rawValue) },
            durationWeeks: programme.durationWeeks,
            meetingRhythmDays: programme.meetingRhythmDays ?? site.config.rules.meetingGapDays,
            coordinator: programme.coordinator,
            partners: programme.partners,
            framework: site.framework(of: programme).flatMap {
                isShown($0.info, onPrivatePage: isPrivate) ? LinkView(label: $0.title, href: link.href(.framework($0.info.id))) : nil
            },
            phases: programme.phases.map {
                PhaseView(name: $0.name, when: $0.when.rawValue, whenLabel: strings.label("phase", $0.when.rawValue), steps: $0.steps.map(stepView))
            },
            roles: site.roles.filter { !$0.info.isPrivate || isPrivate }.map { LinkView(label: $0.title, href: link.href(.role($0.info.id))) },
            duos: members.map { duo($0, link, onPrivatePage: isPrivate) },
            stats: stats,
            modes: modeStats(numbers),
            endReasons: endReasonStats(numbers),
            matrix: matrix(of: members.filter { $0.status != .planned }, framework: site.framework(of: programme), link, onPrivatePage: isPrivate),
            body: body(programme.info, link))
    }

    func matrix(of tutees: [Tutee], framework: Framework?, _ link: Linker, onPrivatePage: Bool) -> CompetencyMatrix? {
        guard let framework, !tutees.isEmpty, !framework.competencies.isEmpty else { return nil }
        let lowest = framework.scale.first?.level ?? 0
        let span = max(1, (framework.scale.last?.level ?? 1) - lowest)
        let columns = framework.competencies.enumerated().map {
            CompetencyMatrix.Column(number: $0.offset + 1, id: $0.element.id, title: $0.element.title, target: $0.element.target)
        }
        let rows = tutees.map { tutee in
            let standings = Dictionary(uniqueKeysWithValues: (indicators.tutees[tutee.info.id]?.competencies ?? []).map { ($0.id, $0) })
            let shown = duo(tutee, link, onPrivatePage: onPrivatePage)
            return CompetencyMatrix.Row(tutee: shown.tutee, href: shown.tuteeHref, cells: framework.competencies.map { competency in
                let standing = standings[competency.id]
                let level = standing?.level
                return CompetencyMatrix.Cell(level: level, label: level.flatMap { label(of: $0, in: framework) },
                                             shade: level.map { ($0 - lowest) * 4 / span } ?? 0, reached: standing?.reached ?? false)
            })
        }
        return CompetencyMatrix(columns: columns, rows: rows)
    }

    func view(_ tutor: Tutor, _ link: Linker, isPrivate: Bool) -> TutorView {
        let accompanied = site.tutees(ofTutor: tutor.info.id)
        let numbers = indicators.tutors[tutor.info.id]
        return TutorView(name: tutor.name, function: tutor.function, team: tutor.team, since: tutor.since,
                         trained: tutor.trained.map(date), email: tutor.email, qualification: tutor.qualification,
                         experienceYears: tutor.experienceYears, timeAllotted: tutor.minutesPerWeek.map(duration),
                         timeGivenPerWeek: numbers?.minutesPerWeekGiven.map(duration), exchanges: tutor.exchanges.sorted().map(date),
                         capacity: capacity(of: tutor),
                         activeCount: numbers?.activeTutees ?? 0, overCapacity: numbers?.overCapacity ?? false,
                         sessionsHeld: numbers?.sessionsHeld ?? 0, timeGiven: duration(numbers?.minutesGiven ?? 0),
                         // The tutor's own alerts and those of the duos they form.
                         alerts: indicators.alerts(ofTutor: tutor.info.id).map { alertView($0, link, onPrivatePage: isPrivate) },
                         calendarHref: link.href(Export.tutorCalendar(tutor.info.id).path),
                         duos: accompanied.map { duo($0, link, onPrivatePage: isPrivate) },
                         substituteFor: site.tutees(substitutedBy: tutor.info.id).map { duo($0, link, onPrivatePage: isPrivate) },
                         body: body(tutor.info, link))
    }

    /// Every alert of the site, the most serious first, made into views as the page is written.
    func dashboardAlerts(_ link: Linker) -> LazyViews<AlertView> {
        let alerts = indicators.alerts
        let order = alerts.indices.map(Int32.init).sorted { first, second in
            let (one, other) = (alerts[Int(first)], alerts[Int(second)])
            return (one.severity, one.rule, one.location, first) < (other.severity, other.rule, other.location, second)
        }
        return LazyViews(count: order.count) { [self] in alertView(alerts[Int(order[$0])], link, onPrivatePage: true) }
    }

    /// An alert in the site's words. On a page that is not private, a private
    /// tutee or tutor appears by initials and without a link, and the texts
    /// taken from a private progress file (an objective's title) become "…":
    /// only numbers and dates are kept.
    func alertView(_ alert: Alert, _ link: Linker, onPrivatePage: Bool) -> AlertView {
        var subject = ""
        var href: String?
        var hidden = false
        if let id = alert.tutee, let tutee = site.tutee(id) {
            // As `duo` names the tutee.
            hidden = !isShown(tutee.info, onPrivatePage: onPrivatePage)
            subject = hidden ? SiteViews.initials(of: tutee.name) : tutee.name
            href = hidden ? nil : link.href(.tutee(tutee.info.id))
        } else if let tutor = alert.tutor.flatMap({ site.tutor($0) }).map({ person($0, link, onPrivatePage: onPrivatePage) }) {
            subject = tutor.label
            href = tutor.href
        }
        var arguments = [subject]
        arguments.reserveCapacity(alert.details.count + 1)
        for detail in alert.details {
            if let day = Day(iso: detail) {
                arguments.append(date(day).text)
            } else {
                arguments.append(hidden && Int(detail) == nil ? "…" : detail)
            }
        }
        return AlertView(rule: alert.rule.rawValue, ruleLabel: labels.rule[alert.rule]!, severity: alert.severity.rawValue,
                         text: Strings.fill(labels.alert[alert.rule]!, arguments), href: href)
    }

    func view(_ tutee: Tutee, _ link: Linker, isPrivate: Bool) -> TuteeView {
        let programme = site.programme(tutee.programme.value)
        let framework = programme.flatMap(site.framework(of:))
        let numbers = indicators.tutees[tutee.info.id] ?? TuteeIndicators(tutee, in: site)
        let tutorLink = { (reference: Located<String>?) -> PersonView? in
            reference.flatMap { site.tutor($0.value) }.map { person($0, link, onPrivatePage: isPrivate) }
        }
        let sessions = tutee.sessions.sorted { $0.date.value < $1.date.value }
        let standings = numbers.competencies
        let competencies = progress(standings, framework: framework)
        return TuteeView(
            name: tutee.name,
            programme: programme.flatMap {
                isShown($0.info, onPrivatePage: isPrivate) ? LinkView(label: $0.title, href: link.href(.programme($0.info.id))) : nil
            },
            tutor: tutorLink(tutee.tutor),
            substitute: tutorLink(tutee.substitute),
            supervisor: tutee.supervisor.map { site.tutor($0.value).map { person($0, link, onPrivatePage: isPrivate).label } ?? $0.value },
            partner: tutee.partner,
            start: date(tutee.start.value),
            end: tutee.end.map { date($0.value) },
            status: tutee.status.rawValue,
            statusLabel: strings.label("status", tutee.status.rawValue),
            objectivesDone: numbers.objectivesDone,
            objectivesTotal: numbers.objectivesTotal,
            objectivesOverdue: numbers.objectivesOverdue,
            objectives: tutee.objectives.map { objective in
                ObjectiveView(title: objective.title, due: objective.due.map(date), status: objective.status.rawValue,
                              statusLabel: strings.label("objective", objective.status.rawValue),
                              overdue: tutee.status == .active && ObjectiveOverdueRule.isOverdue(objective, asOf: site.asOf))
            },
            competencies: competencies,
            competenciesReached: numbers.competenciesReached,
            competenciesWithTarget: numbers.competenciesWithTarget,
            progress: numbers.shareReached.map(percent),
            scale: framework?.scale.map { ScaleLevelView(level: $0.level, label: $0.label) } ?? [],
            sessions: sessions.map(sessionView),
            sessionCount: numbers.meetingsHeld,
            totalTime: duration(numbers.totalMinutes),
            lastSession: numbers.sessionDates.last.map(date),
            daysSinceLastSession: numbers.daysSinceLastSession,
            longestGap: numbers.longestGap,
            rhythmDays: numbers.rhythmDays,
            meetingsExpected: numbers.meetingsExpected,
            daysElapsed: numbers.daysElapsed,
            daysRemaining: numbers.daysRemaining,
            months: numbers.months.map {
                MonthView(label: DateText.month($0.month, language: language), sessions: $0.sessions, time: duration($0.minutes))
            },
            evaluations: tutee.evaluations.sorted { $0.date.value < $1.date.value }.map { evaluation in
                EvaluationView(date: date(evaluation.date.value), kind: evaluation.kind.rawValue,
                               kindLabel: strings.label("evaluation", evaluation.kind.rawValue),
                               summary: evaluation.summary, outcome: evaluation.outcome)
            },
            path: pathView(numbers.path),
            pathLegend: pathLegend,
            stepsSettled: numbers.path.reduce(0) { $0 + $1.steps.filter(\.state.isSettled).count },
            stepsTotal: numbers.path.reduce(0) { $0 + $1.steps.count },
            stepsLate: numbers.steps(.late),
            liaison: tutee.liaison.sorted { $0.date.value < $1.date.value }.map(liaisonView),
            endReason: endReason(of: tutee, onPrivatePage: isPrivate),
            // The note says more about the reason: it goes where the reason may go.
            endNote: endReason(of: tutee, onPrivatePage: isPrivate) == nil ? nil : tutee.endNote,
            concerns: tutee.concerns.sorted { $0.date.value < $1.date.value }.map { concernView($0, onPrivatePage: isPrivate) },
            responses: responseViews(tutee, link, onPrivatePage: isPrivate),
            profileChart: framework.flatMap { ProfileChart(standings, scale: $0.scale, strings: strings) },
            progressionChart: ProgressionChart(TuteeIndicators.progression(standings), start: tutee.start.value, language: language, strings: strings),
            timelineChart: tutee.status == .planned ? nil
                : TimelineChart(numbers, start: tutee.start.value, end: tutee.end?.value, asOf: site.asOf,
                                active: tutee.status == .active, language: language, strings: strings),
            objectivesChart: ObjectivesChart(tutee.objectives, strings: strings),
            calendarHref: link.href(Export.tuteeCalendar(tutee.info.id).path),
            journal: body(tutee.info, link))
    }

    /// Each assessed competency in the framework's order: the latest level against the target.
    func progress(_ standings: [CompetencyStanding], framework: Framework?) -> [CompetencyProgressView] {
        guard let framework else { return [] }
        let lowest = framework.scale.first?.level ?? 0
        let span = max(1, (framework.scale.last?.level ?? 1) - lowest)
        let percent = { (level: Int) in (level - lowest) * 100 / span }
        return standings.map { standing in
            CompetencyProgressView(
                id: standing.id, title: standing.title, group: standing.group,
                level: standing.level, levelLabel: standing.level.flatMap { label(of: $0, in: framework) },
                selfLevel: standing.selfLevel, selfGap: standing.selfGap.map { $0 > 0 ? "+\($0)" : String($0) },
                target: standing.target, targetLabel: standing.target.flatMap { label(of: $0, in: framework) },
                reached: standing.reached,
                levelPercent: standing.level.map(percent) ?? 0, targetPercent: standing.target.map(percent),
                assessments: standing.history.map { assessment in
                    AssessmentView(date: date(assessment.date), level: assessment.level,
                                   levelLabel: label(of: assessment.level, in: framework) ?? "",
                                   byLabel: strings.label("assessor", assessment.by.rawValue), note: assessment.note)
                })
        }
    }

    func dashboard(_ link: Linker) -> DashboardView {
        let counts = site.tutees.countedByStatus()
        let horizon = site.asOf.adding(days: 60)
        let recent = site.asOf.adding(days: -60)
        let evaluations = site.tutees.flatMap { tutee in tutee.evaluations.map { (tutee, $0) } }
            .filter { $0.1.date.value >= recent && $0.1.date.value <= site.asOf }
            .sorted { ($0.1.date.value, $0.0.info.id) > ($1.1.date.value, $1.0.info.id) }
        return DashboardView(
            asOf: date(site.asOf),
            stats: TuteeStatus.allCases.map { Stat(value: String(counts[$0] ?? 0), label: strings.label("status", $0.rawValue)) },
            alerts: dashboardAlerts(link),
            programmes: site.programmes.map { programme in
                let numbers = indicators.programmes[programme.info.id]
                return DashboardRow(label: programme.title, href: link.href(.programme(programme.info.id)),
                                    values: TuteeStatus.allCases.map { String(numbers?.byStatus[$0] ?? 0) }
                                        + [numbers?.averageProgress.map(percent) ?? "–", numbers?.completionRate.map(percent) ?? "–",
                                           String(numbers?.lateSteps ?? 0), "\(share(.remote, numbers)) / \(share(.async, numbers))"])
            },
            tutors: site.tutors.map { tutor in
                let numbers = indicators.tutors[tutor.info.id]
                return DashboardRow(label: tutor.name, href: link.href(.tutor(tutor.info.id)),
                                    values: ["\(numbers?.activeTutees ?? 0) / \(capacity(of: tutor))", String(numbers?.sessionsHeld ?? 0),
                                             duration(numbers?.minutesGiven ?? 0),
                                             "\(numbers?.minutesPerWeekGiven.map(duration) ?? "–") / \(tutor.minutesPerWeek.map(duration) ?? "–")",
                                             tutor.trained.map { date($0).text } ?? strings["tutor_not_trained"]])
            },
            lateStepsByOwner: lateStepsByOwner(),
            openConcerns: openConcerns(link),
            surveyReminders: surveyReminderRows(link),
            upcomingEnds: site.tutees
                .filter { $0.status == .active && $0.end.map { $0.value >= site.asOf && $0.value <= horizon } == true }
                .sorted { $0.end!.value < $1.end!.value }
                .map { duo($0, link, onPrivatePage: true) },
            recentEvaluations: evaluations.map { tutee, evaluation in
                DashboardRow(label: tutee.name, href: link.href(.tutee(tutee.info.id)),
                             values: [date(evaluation.date.value).text, strings.label("evaluation", evaluation.kind.rawValue), evaluation.outcome ?? ""])
            },
            auditHref: link.href(.audit),
            siteDataHref: link.href(Export.siteData.path))
    }

    /// The share of a programme's sessions held in one mode, "25 %", or "–" before any session.
    func share(_ mode: SessionMode, _ numbers: ProgrammeIndicators?) -> String {
        guard let numbers, numbers.sessionsHeld > 0 else { return "–" }
        return percent(Double(numbers.sessionsByMode[mode] ?? 0) / Double(numbers.sessionsHeld))
    }

    /// "3 h 05"
    func duration(_ minutes: Int) -> String {
        "\(minutes / 60) h \(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
    }

    /// "63 %" in French, "63%" in English, from the theme's words.
    func percent(_ share: Double) -> String {
        strings.format("percent", String(Int((share * 100).rounded())))
    }
}
