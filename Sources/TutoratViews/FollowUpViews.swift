import TutoratLanguage
import TutoratCharts
import TutoratMustache

/// The view models of the follow-up pages: a tutee's progress, a tutor's
/// duos, a programme's figures and the coordinators' dashboard.

/// An alert worded for the page that shows it: the tutee is named only where
/// the page may name them.
@TemplateFields
public struct AlertView: Sendable {
    public var rule: String
    public var ruleLabel: String
    public var severity: String
    public var text: String
    /// The duo's progress page, when the page may link to it.
    public var href: String?
}

@TemplateFields
public struct ProgrammeView: Sendable {
    public var title: String
    public var kindLabel: String?
    public var durationWeeks: Int?
    public var meetingRhythmDays: Int?
    public var coordinator: String?
    public var partners: [String]
    public var framework: LinkView?
    public var phases: [PhaseView]
    public var roles: [LinkView]
    public var duos: [DuoView]
    public var stats: [Stat]
    /// How the sessions took place: on site, remote, asynchronous, each with its share.
    public var modes: [Stat]
    /// Why tutorings ended; a count under 3 is shown as "fewer than 3".
    public var endReasons: [Stat]
    public var matrix: CompetencyMatrix?
    public var body: BodyView
}

/// Tutees by competencies: each cell the latest level, as a number and a shade.
@TemplateFields
public struct CompetencyMatrix: Sendable {
    @TemplateFields
    public struct Column: Sendable {
        public var number: Int
        public var id: String
        public var title: String
        public var target: Int?
    }

    @TemplateFields
    public struct Cell: Sendable {
        public var level: Int?
        public var label: String?
        /// 0 (lowest level) to 4 (highest), for the shade class.
        public var shade: Int
        public var reached: Bool
    }

    @TemplateFields
    public struct Row: Sendable {
        public var tutee: String
        public var href: String?
        public var cells: [Cell]
    }

    public var columns: [Column]
    public var rows: [Row]
}

@TemplateFields
public struct TutorView: Sendable {
    public var name: String
    public var function: String?
    public var team: String?
    public var since: String?
    public var trained: DateText?
    public var email: String?
    public var qualification: String?
    public var experienceYears: Int?
    /// The weekly tutoring time of the contract addendum, and the time given a week, "1 h 30".
    public var timeAllotted: String?
    public var timeGivenPerWeek: String?
    public var exchanges: [DateText]
    public var capacity: Int
    public var activeCount: Int
    public var overCapacity: Bool
    public var sessionsHeld: Int
    public var timeGiven: String
    public var alerts: [AlertView]
    public var calendarHref: String
    public var duos: [DuoView]
    public var substituteFor: [DuoView]
    public var body: BodyView
}

@TemplateFields
public struct CompetencyProgressView: Sendable {
    public var id: String
    public var title: String
    public var group: String?
    /// The latest assessment by anyone but the tutee.
    public var level: Int?
    public var levelLabel: String?
    public var selfLevel: Int?
    /// "+1" when the tutee rates themselves one level above their tutor.
    public var selfGap: String?
    public var target: Int?
    public var targetLabel: String?
    public var reached: Bool
    /// Positions on the scale from 0 to 100, for the bar.
    public var levelPercent: Int
    public var targetPercent: Int?
    public var assessments: [AssessmentView]
}

@TemplateFields
public struct MonthView: Sendable {
    public var label: String
    public var sessions: Int
    public var time: String
}

@TemplateFields
public struct TuteeView: Sendable {
    public var name: String
    public var programme: LinkView?
    public var tutor: PersonView?
    public var substitute: PersonView?
    public var supervisor: String?
    public var partner: String?
    public var start: DateText
    public var end: DateText?
    public var status: String
    public var statusLabel: String
    public var objectivesDone: Int
    public var objectivesTotal: Int
    public var objectivesOverdue: Int
    public var objectives: [ObjectiveView]
    public var competencies: [CompetencyProgressView]
    public var competenciesReached: Int
    public var competenciesWithTarget: Int
    /// The share of targets reached, "63 %".
    public var progress: String?
    public var scale: [ScaleLevelView]
    public var sessions: [SessionView]
    public var sessionCount: Int
    /// "3 h 45"
    public var totalTime: String
    public var lastSession: DateText?
    public var daysSinceLastSession: Int?
    public var longestGap: Int?
    public var rhythmDays: Int
    public var meetingsExpected: Int
    public var daysElapsed: Int
    public var daysRemaining: Int?
    public var months: [MonthView]
    public var evaluations: [EvaluationView]
    public var path: [PathPhaseView]
    public var pathLegend: [StateLegendItem]
    public var stepsSettled: Int
    public var stepsTotal: Int
    public var stepsLate: Int
    public var liaison: [LiaisonView]
    /// Why the tutoring ended; a special-category reason only on a private page.
    public var endReason: String?
    public var endNote: String?
    public var concerns: [ConcernView]
    public var responses: [ResponseView]
    public var profileChart: ProfileChart?
    public var progressionChart: ProgressionChart?
    public var timelineChart: TimelineChart?
    public var objectivesChart: ObjectivesChart?
    public var calendarHref: String
    public var journal: BodyView
}

@TemplateFields
public struct DashboardRow: Sendable {
    public var label: String
    public var href: String?
    public var values: [String]
}

@TemplateFields
public struct DashboardView: Sendable {
    public var asOf: DateText
    public var stats: [Stat]
    public var alerts: LazyViews<AlertView>
    public var programmes: [DashboardRow]
    public var tutors: [DashboardRow]
    /// Steps past due, by who owns them.
    public var lateStepsByOwner: [DashboardRow]
    /// Open concerns, oldest first.
    public var openConcerns: [OpenConcernRow]
    /// Surveys due and not answered: tutee, survey, who answers, due, days since.
    public var surveyReminders: [DashboardRow]
    public var upcomingEnds: [DuoView]
    public var recentEvaluations: [DashboardRow]
    public var auditHref: String
    public var siteDataHref: String
}
