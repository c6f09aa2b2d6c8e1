import Dispatch
import TutoratCore
import TutoratSite
import TutoratSource

/// A tutor's load as of `as_of`.
public struct TutorIndicators: Sendable {
    public var activeTutees: Int
    public var capacity: Int
    /// Sessions held (on or before `as_of`) with every tutee they accompany as tutor.
    public var sessionsHeld: Int
    public var minutesGiven: Int
    /// Minutes of sessions a week with the active tutees, from the earliest
    /// of their starts to `as_of`; nil without an active tutee.
    public var minutesPerWeekGiven: Int?
    /// Where the tutor's alerts, their own and those of the duos they form,
    /// are in the site's list (`SiteIndicators.alerts(ofTutor:)`): copies of
    /// them held every alert twice.
    var alertPositions: [Int32]

    public var overCapacity: Bool { activeTutees > capacity }

    init(_ tutor: Tutor, in site: Site, alertPositions: [Int32]) {
        let tutees = site.tutees(ofTutor: tutor.info.id)
        activeTutees = tutees.count { $0.status == .active }
        capacity = DomainRules.capacity(of: tutor, in: site)
        let held = tutees.flatMap(\.sessions).filter { $0.date.value <= site.asOf }
        sessionsHeld = held.count
        minutesGiven = held.reduce(0) { $0 + ($1.minutes ?? 0) }
        let active = tutees.filter { $0.status == .active && $0.start.value <= site.asOf }
        if let from = active.map(\.start.value).min() {
            let minutes = active.flatMap(\.sessions).filter { $0.date.value <= site.asOf }.reduce(0) { $0 + ($1.minutes ?? 0) }
            let weeks = max(1, Double(from.days(until: site.asOf) + 1) / 7)
            minutesPerWeekGiven = Int((Double(minutes) / weeks).rounded())
        }
        self.alertPositions = alertPositions
    }
}

/// A programme's figures as of `as_of`.
public struct ProgrammeIndicators: Sendable {
    public var tutees: Int
    public var byStatus: [TuteeStatus: Int]
    /// The mean share of targets reached over the programme's active and
    /// completed tutees who have targets, or nil when none has.
    public var averageProgress: Double?
    /// Completed over ended (completed and interrupted), or nil when none ended.
    public var completionRate: Double?
    /// Tutees with at least one alert.
    public var needingAttention: [String]
    /// Steps past due and not done, over the programme's tutees.
    public var lateSteps: Int
    /// Sessions held, by how they took place.
    public var sessionsByMode: [SessionMode: Int]
    public var sessionsHeld: Int
    /// Why the programme's ended tutorings ended.
    public var endReasons: [EndReason: Int]

    public init(_ programme: Programme, in site: Site, tuteeIndicators: [String: TuteeIndicators]) {
        let members = site.tutees(inProgramme: programme.info.id)
        tutees = members.count
        byStatus = members.countedByStatus()
        let shares = members.filter { $0.status == .active || $0.status == .completed }
            .compactMap { tuteeIndicators[$0.info.id]?.shareReached }
        averageProgress = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
        let completed = byStatus[.completed] ?? 0, ended = completed + (byStatus[.interrupted] ?? 0)
        completionRate = ended == 0 ? nil : Double(completed) / Double(ended)
        needingAttention = members.filter { !(tuteeIndicators[$0.info.id]?.alerts.isEmpty ?? true) }.map(\.info.id)
        lateSteps = members.reduce(0) { $0 + (tuteeIndicators[$1.info.id]?.steps(.late) ?? 0) }
        let held = members.flatMap(\.sessions).filter { $0.date.value <= site.asOf }
        sessionsHeld = held.count
        sessionsByMode = Dictionary(grouping: held, by: \.mode).mapValues(\.count)
        endReasons = Dictionary(grouping: members.compactMap { $0.endReason?.value }, by: { $0 }).mapValues(\.count)
    }
}

/// Every indicator of the site, computed once and looked up by id while pages render.
public struct SiteIndicators: Sendable {
    public var alerts: [Alert]
    public var tutees: [String: TuteeIndicators]
    public var tutors: [String: TutorIndicators]
    public var programmes: [String: ProgrammeIndicators]
    /// Steps past due and not done, by owner as written (a role kind or a role id; "" for none).
    public var lateStepsByOwner: [String: Int]
    /// Per programme and year of start, for the published results.
    public var results: [CohortResults]
    /// Surveys due and not answered, for the dashboard.
    public var surveyReminders: [SurveyReminder]

    public init(_ site: Site) {
        alerts = DomainRules.alerts(for: site)
        let byTutee = Self.runs(of: alerts)
        var byTutor: [String: [Int32]] = [:]
        for (position, alert) in alerts.enumerated() {
            if let tutor = alert.tutor { byTutor[tutor, default: []].append(Int32(position)) }
        }
        // Each tutee's figures depend on nothing but the tutee and the site: computed on every core.
        let computed = UnsafeMutableBufferPointer<TuteeIndicators?>.allocate(capacity: site.tutees.count)
        computed.initialize(repeating: nil)
        defer { computed.deinitialize().deallocate() }
        let slots = Slots(buffer: computed)
        DispatchQueue.concurrentPerform(iterations: (site.tutees.count + 63) / 64) { chunk in
            for index in chunk * 64..<min(chunk * 64 + 64, site.tutees.count) {
                let tutee = site.tutees[index]
                slots.buffer[index] = TuteeIndicators(tutee, in: site, alerts: byTutee[tutee.info.id] ?? [][...])
            }
        }
        var tutees: [String: TuteeIndicators] = [:]
        tutees.reserveCapacity(site.tutees.count)
        for (tutee, figures) in zip(site.tutees, computed) { tutees[tutee.info.id] = figures }
        self.tutees = tutees
        tutors = Dictionary(uniqueKeysWithValues: zip(site.tutors.map(\.info.id), parallelMap(site.tutors, chunkSize: 16) {
            TutorIndicators($0, in: site, alertPositions: byTutor[$0.info.id] ?? [])
        }))
        programmes = Dictionary(uniqueKeysWithValues: zip(site.programmes.map(\.info.id), parallelMap(site.programmes, chunkSize: 1) {
            ProgrammeIndicators($0, in: site, tuteeIndicators: tutees)
        }))
        var byOwner: [String: Int] = [:]
        for figures in tutees.values {
            for step in figures.path.flatMap(\.steps) where step.state == .late { byOwner[step.step.owner?.value ?? "", default: 0] += 1 }
        }
        lateStepsByOwner = byOwner
        results = CohortResults.cohorts(of: site)
        surveyReminders = SurveyFigures.reminders(in: site)
    }

    /// The tutor's own alerts and those of the duos they form, in the site's order.
    public func alerts(ofTutor id: String) -> [Alert] {
        (tutors[id]?.alertPositions ?? []).map { alerts[Int($0)] }
    }

    /// Each tutee's alerts as a slice of `alerts`, which the rules give a tutee
    /// at a time: copies grouped by tutee held every alert twice (110 MB for
    /// 100 000 tutees with 5 warnings each). A tutee found in two runs, which
    /// the rules do not produce, gets a copy of both.
    static func runs(of alerts: [Alert]) -> [String: ArraySlice<Alert>] {
        var runs: [String: ArraySlice<Alert>] = [:]
        var start = alerts.startIndex
        while start < alerts.endIndex {
            var end = start + 1
            while end < alerts.endIndex, alerts[end].tutee == alerts[start].tutee { end += 1 }
            if let tutee = alerts[start].tutee {
                if let earlier = runs[tutee] { runs[tutee] = ArraySlice(Array(earlier) + alerts[start..<end]) } else { runs[tutee] = alerts[start..<end] }
            }
            start = end
        }
        return runs
    }
}

/// Each slot is written by one iteration only, so the buffer needs no lock.
private struct Slots<Value>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Value?>
}
