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
