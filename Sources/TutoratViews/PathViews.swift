import TutoratLanguage
import TutoratCharts
import TutoratMustache

/// The view models of the tutoring path: the programme's steps, each tutee's
/// checklist, how meetings took place, the liaison with the training body.

/// A step as the programme page lists it.
@TemplateFields
public struct StepView: Sendable {
    public var title: String
    public var ownerLabel: String?
    /// "3 days before the start"
    public var dueLabel: String?
}

/// A step of a tutee's path: its owner, due day and state, in words and as a mark.
@TemplateFields
public struct PathStepView: Sendable {
    public var title: String
    public var ownerLabel: String?
    public var due: DateText?
    public var doneOn: DateText?
    /// `done`, `done-late`, `skipped`, `late`, `due-soon` or `open`, for the class.
    public var state: String
    public var stateLabel: String
    /// A character that tells the state without colour, in print too.
    public var symbol: String
}

@TemplateFields
public struct PathPhaseView: Sendable {
    public var name: String
    public var when: String
    public var whenLabel: String
    public var steps: [PathStepView]
}

/// The marks of the path's compact view, each with its meaning, for the legend.
@TemplateFields
public struct StateLegendItem: Sendable {
    public var state: String
    public var symbol: String
    public var label: String
}

@TemplateFields
public struct LiaisonView: Sendable {
    public var date: DateText
    public var kind: String
    public var kindLabel: String
    public var with: String?
    public var summary: String?
}

/// A concern as a timeline: raised, each action, closed.
@TemplateFields
public struct ConcernView: Sendable {
    @TemplateFields
    public struct Event: Sendable {
        /// `raised`, `action` or `closed`, for the class.
        public var kind: String
        public var kindLabel: String
        public var date: DateText
        public var by: String?
        public var text: String?
    }

    public var category: String
    public var categoryLabel: String
    public var isOpen: Bool
    /// True when the text is kept off this page (special-category data on a page that is not private).
    public var withheld: Bool
    public var events: [Event]
}

/// An open concern on the dashboard: who, how old, what about; no text for special categories.
@TemplateFields
public struct OpenConcernRow: Sendable {
    public var tutee: String
    public var href: String?
    public var raised: DateText
    public var ageDays: Int
    public var categoryLabel: String
    public var actions: Int
    public var summary: String?
}
