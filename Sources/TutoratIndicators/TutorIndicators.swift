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
    public var alerts: [Alert]

    public var overCapacity: Bool { activeTutees > capacity }

    public init(_ tutor: Tutor, in site: Site, alerts: [Alert] = []) {
        let tutees = site.tutees(ofTutor: tutor.info.id)
        activeTutees = tutees.filter { $0.status == .active }.count
        capacity = DomainRules.capacity(of: tutor, in: site)
        let held = tutees.flatMap(\.sessions).filter { $0.date.value <= site.asOf }
        sessionsHeld = held.count
        minutesGiven = held.reduce(0) { $0 + ($1.minutes ?? 0) }
        self.alerts = alerts
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

    public init(_ programme: Programme, in site: Site, tuteeIndicators: [String: TuteeIndicators]) {
        let members = site.tutees(inProgramme: programme.info.id)
        tutees = members.count
        byStatus = Dictionary(grouping: members, by: \.status).mapValues(\.count)
        let shares = members.filter { $0.status == .active || $0.status == .completed }
            .compactMap { tuteeIndicators[$0.info.id]?.shareReached }
        averageProgress = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
        let completed = byStatus[.completed] ?? 0, ended = completed + (byStatus[.interrupted] ?? 0)
        completionRate = ended == 0 ? nil : Double(completed) / Double(ended)
        needingAttention = members.filter { !(tuteeIndicators[$0.info.id]?.alerts.isEmpty ?? true) }.map(\.info.id)
    }
}

/// Every indicator of the site, computed once and looked up by id while pages render.
public struct SiteIndicators: Sendable {
    public var alerts: [Alert]
    public var tutees: [String: TuteeIndicators]
    public var tutors: [String: TutorIndicators]
    public var programmes: [String: ProgrammeIndicators]

    public init(_ site: Site) {
        alerts = DomainRules.alerts(for: site)
        let byTutee = Dictionary(grouping: alerts.filter { $0.tutee != nil }, by: { $0.tutee! })
        let byTutor = Dictionary(grouping: alerts.filter { $0.tutor != nil }, by: { $0.tutor! })
        var tutees: [String: TuteeIndicators] = [:]
        for tutee in site.tutees { tutees[tutee.info.id] = TuteeIndicators(tutee, in: site, alerts: byTutee[tutee.info.id] ?? []) }
        self.tutees = tutees
        tutors = Dictionary(uniqueKeysWithValues: site.tutors.map { ($0.info.id, TutorIndicators($0, in: site, alerts: byTutor[$0.info.id] ?? [])) })
        programmes = Dictionary(uniqueKeysWithValues: site.programmes.map {
            ($0.info.id, ProgrammeIndicators($0, in: site, tuteeIndicators: tutees))
        })
    }
}
