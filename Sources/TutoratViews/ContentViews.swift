import TutoratLanguage
import TutoratCharts
import TutoratMustache

/// The view models of each kind of page. Field names are the names templates use.

@TemplateFields
public struct HomeView: Sendable {
    public var charterTitle: String
    public var charterSummary: String
    public var charterHref: String
    public var programmes: [ProgrammeCard]
    public var roles: [RoleCard]
    public var pages: [LinkView]
    public var stats: [Stat]
    public var resultsHref: String
}

@TemplateFields
public struct Stat: Sendable {
    public var value: String
    public var label: String
}

@TemplateFields
public struct CharterView: Sendable {
    public var title: String
    public var version: String?
    public var adopted: DateText?
    public var review: DateText?
    public var approvedBy: [String]
    public var body: BodyView
}

@TemplateFields
public struct ProgrammeCard: Sendable {
    public var title: String
    public var href: String
    public var kindLabel: String?
    public var summary: String
    public var durationWeeks: Int?
    public var tuteeCount: Int
}

@TemplateFields
public struct ProgrammeListView: Sendable {
    public var programmes: [ProgrammeCard]
    /// How many private programmes the list leaves out, in words; nil when none.
    public var privateNote: String?
}

@TemplateFields
public struct PhaseView: Sendable {
    public var name: String
    public var when: String
    public var whenLabel: String
    public var steps: [StepView]
}

@TemplateFields
public struct DuoView: Sendable {
    /// The tutee's name, or initials on a page that is not private.
    public var tutee: String
    public var tuteeHref: String?
    public var tutor: PersonView?
    public var status: String
    public var statusLabel: String
    public var start: DateText
    public var end: DateText?
}

/// A person named on a page: a link to their page, or, for a private tutor on
/// a page that is not private, their initials and no link.
@TemplateFields
public struct PersonView: Sendable, Equatable {
    public var label: String
    public var href: String?
}

@TemplateFields
public struct RoleCard: Sendable {
    public var title: String
    public var href: String
    public var kindLabel: String?
    public var summary: String?
}

@TemplateFields
public struct RoleListView: Sendable {
    public var roles: [RoleCard]
    public var privateNote: String?
}

@TemplateFields
public struct MissionView: Sendable {
    public var title: String
    public var tasks: [String]
}

@TemplateFields
public struct RoleView: Sendable {
    public var title: String
    public var kindLabel: String?
    public var summary: String?
    public var missions: [MissionView]
    public var commitments: [String]
    public var body: BodyView
}

@TemplateFields
public struct ScaleLevelView: Sendable {
    public var level: Int
    public var label: String
}

@TemplateFields
public struct CompetencyView: Sendable {
    public var id: String
    public var title: String
    public var target: Int?
    public var targetLabel: String?
}

@TemplateFields
public struct CompetencyGroupView: Sendable {
    public var name: String?
    public var competencies: [CompetencyView]
}

@TemplateFields
public struct FrameworkCard: Sendable {
    public var title: String
    public var href: String
    public var competencyCount: Int
    public var levelCount: Int
}

@TemplateFields
public struct FrameworkListView: Sendable {
    public var frameworks: [FrameworkCard]
    public var privateNote: String?
}

@TemplateFields
public struct FrameworkView: Sendable {
    public var title: String
    public var description: String?
    public var scale: [ScaleLevelView]
    public var groups: [CompetencyGroupView]
    public var programmes: [LinkView]
}

@TemplateFields
public struct TutorCard: Sendable {
    public var name: String
    public var href: String
    public var function: String?
    public var team: String?
    public var activeCount: Int
    public var capacity: Int
    public var trained: DateText?
}

@TemplateFields
public struct TutorListView: Sendable {
    public var tutors: [TutorCard]
    public var privateNote: String?
}

@TemplateFields
public struct TuteeRow: Sendable {
    public var name: String
    public var href: String
    public var programme: LinkView?
    public var tutor: LinkView?
    public var start: DateText
    public var end: DateText?
}

@TemplateFields
public struct TuteeGroup: Sendable {
    public var status: String
    public var statusLabel: String
    public var tutees: LazyViews<TuteeRow>
}

@TemplateFields
public struct TuteeListView: Sendable {
    public var groups: [TuteeGroup]
    public var total: Int
}

@TemplateFields
public struct ObjectiveView: Sendable {
    public var title: String
    public var due: DateText?
    public var status: String
    public var statusLabel: String
    public var overdue: Bool
}

@TemplateFields
public struct AssessmentView: Sendable {
    public var date: DateText
    public var level: Int
    public var levelLabel: String
    public var byLabel: String
    public var note: String?
}

@TemplateFields
public struct SessionView: Sendable {
    public var date: DateText
    public var minutes: Int?
    public var kind: String
    public var kindLabel: String
    public var mode: String
    public var modeLabel: String
    /// Who else took part, as one text ("line manager, training body").
    public var with: String?
    public var summary: String?
}

@TemplateFields
public struct EvaluationView: Sendable {
    public var date: DateText
    public var kind: String
    public var kindLabel: String
    public var summary: String?
    public var outcome: String?
}

@TemplateFields
public struct FreePageView: Sendable {
    public var title: String
    public var body: BodyView
}

@TemplateFields
public struct NotFoundView: Sendable {
    public var pages: [LinkView]
}

/// The search page. The search itself runs in the browser, over the index
/// written at build time (public pages only); without JavaScript the page
/// says so and offers the main lists instead.
@TemplateFields
public struct SearchView: Sendable {
    /// The index script and the search script, from this page.
    public var indexHref: String
    public var scriptHref: String
    /// The site root from this page ("../" or the base URL): result links are relative to it.
    public var rootHref: String
    /// The lists to browse when search cannot run.
    public var lists: [LinkView]
}
