import TutoratCore
import TutoratSite
import TutoratSource

/// Where one competency stands for a tutee.
public struct CompetencyStanding: Sendable {
    public var id: String
    public var title: String
    public var group: String?
    public var target: Int?
    /// The latest level given by anyone but the tutee (tutor, supervisor, partner).
    public var level: Int?
    /// The tutee's own latest self-assessment.
    public var selfLevel: Int?
    /// Every assessment, oldest first.
    public var history: [Assessment]

    public var reached: Bool {
        guard let level, let target else { return false }
        return level >= target
    }

    /// The self-assessment minus the assessment by others: positive when the
    /// tutee sees themselves further along than their tutor does.
    public var selfGap: Int? {
        guard let level, let selfLevel else { return nil }
        return selfLevel - level
    }
}

/// A month of tutoring: how many sessions and how much time.
public struct MonthActivity: Sendable, Equatable {
    /// The first day of the month.
    public var month: Day
    public var sessions: Int
    public var minutes: Int
}

/// A point of the progression curve: on `date`, the mean share of the
/// targets reached over the assessed competencies (0...1).
public struct ProgressPoint: Sendable, Equatable {
    public var date: Day
    public var share: Double
}

/// Every number about one tutee, as of the site's `as_of` day. Pure: built
/// from values, no rendering and no clock.
public struct TuteeIndicators: Sendable {
    public var objectivesDone: Int
    /// Objectives not dropped.
    public var objectivesTotal: Int
    public var objectivesOverdue: Int
    /// Competencies with a target that reached it.
    public var competenciesReached: Int
    /// Competencies with a target (the denominator of the share).
    public var competenciesWithTarget: Int
    public var totalMinutes: Int
    /// Sessions held on or before `as_of`.
    public var meetingsHeld: Int
    /// Only while the tutoring is active: for one that ended, the silence since is expected.
    public var daysSinceLastSession: Int?
    /// The longest time without a session: from the start to the first, between
    /// two, and (while active) from the last to `as_of`.
    public var longestGap: Int?
    /// The expected rhythm in days, and how many meetings it implies so far.
    public var rhythmDays: Int
    public var meetingsExpected: Int
    public var daysElapsed: Int
    public var daysRemaining: Int?
    /// The tutee's alerts: a slice of the site's list, which holds each tutee's together.
    public var alerts: ArraySlice<Alert>
    /// The programme's tracked steps, phase by phase, with their state.
    public var path: [PhaseProgress]

    /// What only the tutee's own page and their programme's matrix show
    /// (standings, progression, months, sessions) is worked out when asked
    /// from the decoded lists, shared with the site rather than copied: held
    /// for every tutee up front it was 130 MB of a 100 000-tutee build.
    private let records: [CompetencyRecord]
    private let framework: [Competency]?
    private let sessions: [TutoringSession]
    private let start: Day
    private let lastDay: Day
    private let asOf: Day

    public var competencies: [CompetencyStanding] { Self.standings(of: records, framework: framework, asOf: asOf) }
    public var progress: [ProgressPoint] { Self.progression(competencies) }
    public var months: [MonthActivity] { Self.months(from: start, to: lastDay, sessions: held) }
    /// Sessions held on or before `as_of`, oldest first.
    public var sessionDates: [Day] { held.map(\.date.value) }
    /// How each of those sessions took place, in the same order.
    public var sessionModes: [SessionMode] { held.map(\.mode) }
    private var held: [TutoringSession] { Self.held(sessions, asOf: asOf) }

    public func steps(_ state: StepState) -> Int { path.reduce(0) { $0 + $1.steps.filter { $0.state == state }.count } }

    public var shareReached: Double? {
        competenciesWithTarget == 0 ? nil : Double(competenciesReached) / Double(competenciesWithTarget)
    }

    public init(_ tutee: Tutee, in site: Site, alerts: ArraySlice<Alert> = []) {
        let asOf = site.asOf
        self.asOf = asOf
        records = tutee.competencies
        framework = site.programme(tutee.programme.value).flatMap(site.framework(of:))?.competencies
        sessions = tutee.sessions
        start = tutee.start.value
        objectivesDone = tutee.objectives.filter { $0.status == .done }.count
        objectivesTotal = tutee.objectives.filter { $0.status != .dropped }.count
        // Lateness only matters while the tutoring goes on, as for the TUT007 rule.
        objectivesOverdue = tutee.status == .active ? tutee.objectives.filter { ObjectiveOverdueRule.isOverdue($0, asOf: asOf) }.count : 0

        let standings = Self.standings(of: records, framework: framework, asOf: asOf)
        competenciesWithTarget = standings.filter { $0.target != nil }.count
        competenciesReached = standings.filter(\.reached).count

        let held = Self.held(tutee.sessions, asOf: asOf)
        meetingsHeld = held.count
        totalMinutes = held.reduce(0) { $0 + ($1.minutes ?? 0) }
        daysSinceLastSession = tutee.status == .active ? held.last.map { $0.date.value.days(until: asOf) } : nil

        lastDay = min(asOf, tutee.end?.value ?? asOf)
        daysElapsed = max(0, tutee.start.value.days(until: lastDay))
        daysRemaining = tutee.end.map { max(0, asOf.days(until: $0.value)) }

        var gaps: [Int] = []
        var previous = tutee.start.value
        for day in held.lazy.map(\.date.value) where day >= tutee.start.value {
            gaps.append(previous.days(until: day))
            previous = day
        }
        if tutee.status == .active, asOf >= tutee.start.value { gaps.append(previous.days(until: asOf)) }
        longestGap = gaps.max()

        rhythmDays = DomainRules.meetingGap(for: tutee, in: site)
        meetingsExpected = tutee.start.value <= asOf ? daysElapsed / rhythmDays + 1 : 0
        path = PathProgress.phases(of: tutee, programme: site.programme(tutee.programme.value), asOf: asOf)
        self.alerts = alerts
    }

    /// Sessions held on or before `asOf`, oldest first.
    static func held(_ sessions: [TutoringSession], asOf: Day) -> [TutoringSession] {
        sessions.filter { $0.date.value <= asOf }.sorted { $0.date.value < $1.date.value }
    }

    static func standings(of tutee: [CompetencyRecord], framework: [Competency]?, asOf: Day) -> [CompetencyStanding] {
        guard let framework else { return [] }
        var records: [String: CompetencyRecord] = [:]
        for record in tutee where records[record.id.value] == nil { records[record.id.value] = record }
        return framework.compactMap { competency in
            guard let record = records[competency.id] else { return nil }
            let history = TuteeIndicators.history(record.assessments, asOf: asOf)
            return CompetencyStanding(id: competency.id, title: competency.title, group: competency.group, target: competency.target,
                                      level: history.last { $0.by != .tutee }?.level,
                                      selfLevel: history.last { $0.by == .tutee }?.level,
                                      history: history)
        }
    }

    /// The assessments made on or before `asOf`, oldest first. Progress files
    /// usually list them in order and in the past: the decoded array is then
    /// kept as it is, shared rather than copied for every tutee of the site.
    static func history(_ assessments: [Assessment], asOf: Day) -> [Assessment] {
        var inOrder = true
        var previous: Day?
        for assessment in assessments {
            if assessment.date > asOf || (previous.map { assessment.date < $0 } ?? false) {
                inOrder = false
                break
            }
            previous = assessment.date
        }
        if inOrder { return assessments }
        return assessments.filter { $0.date <= asOf }.sorted { $0.date < $1.date }
    }

    /// On each date an assessment was made, the mean over competencies with a
    /// target of min(level / target, 1), counting each competency's latest
    /// level by others known on that date (0 before its first).
    public static func progression(_ competencies: [CompetencyStanding]) -> [ProgressPoint] {
        let targeted = competencies.filter { ($0.target ?? 0) > 0 }
        guard !targeted.isEmpty else { return [] }
        let dates = Set(targeted.flatMap { $0.history.filter { $0.by != .tutee }.map(\.date) }).sorted()
        return dates.map { date in
            let total = targeted.reduce(0.0) { sum, standing in
                let level = standing.history.last { $0.by != .tutee && $0.date <= date }?.level ?? 0
                return sum + min(Double(max(level, 0)) / Double(standing.target!), 1)
            }
            return ProgressPoint(date: date, share: total / Double(targeted.count))
        }
    }

    /// Every month from the start's to the last day's, with its sessions.
    static func months(from start: Day, to end: Day, sessions: [TutoringSession]) -> [MonthActivity] {
        guard start <= end else { return [] }
        var result: [MonthActivity] = []
        var index: [Int: Int] = [:]
        var year = start.year, month = start.month
        while (year, month) <= (end.year, end.month) {
            index[year * 12 + month] = result.count
            result.append(MonthActivity(month: Day(year: year, month: month, day: 1)!, sessions: 0, minutes: 0))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        for session in sessions {
            guard let position = index[session.date.value.year * 12 + session.date.value.month] else { continue }
            result[position].sessions += 1
            result[position].minutes += session.minutes ?? 0
        }
        return result
    }
}
