import TutoratCore
import TutoratSite
import TutoratSource

/// Where a tracked step stands for one tutee on the site's `as_of` day.
public enum StepState: String, Sendable, CaseIterable {
    case done
    case doneLate = "done-late"
    case skipped
    /// Past its due day and not done.
    case late
    /// Due within `PathProgress.dueSoonDays`.
    case dueSoon = "due-soon"
    /// Not due yet, or with no due day, or left open by an interrupted tutoring.
    case open

    /// Nothing left to do about it.
    public var isSettled: Bool { self == .done || self == .doneLate || self == .skipped }
}

public struct StepProgress: Sendable {
    public var step: Step
    public var due: Day?
    public var doneOn: Day?
    public var state: StepState
    /// The step's line in the progress file's `checklist`, when it has one.
    public var mark: SourceLocation?
}

public struct PhaseProgress: Sendable {
    public var phase: Phase
    public var steps: [StepProgress]
}

/// The tutoring path of one tutee: the programme's tracked steps, phase by
/// phase, each with its due day and its state. Pure: values in, values out.
public enum PathProgress {
    /// How far ahead a step counts as "due soon".
    public static let dueSoonDays = 14

    public static func phases(of tutee: Tutee, programme: Programme?, asOf: Day) -> [PhaseProgress] {
        guard let programme else { return [] }
        var marks: [String: ChecklistMark] = [:]
        for mark in tutee.checklist { marks[mark.step.value] = mark }
        return programme.phases.compactMap { phase in
            let steps = phase.steps.filter { $0.id != nil }.map { step in
                progress(step, mark: marks[step.id!], tutee: tutee, asOf: asOf)
            }
            return steps.isEmpty ? nil : PhaseProgress(phase: phase, steps: steps)
        }
    }

    static func progress(_ step: Step, mark: ChecklistMark?, tutee: Tutee, asOf: Day) -> StepProgress {
        let due = step.due(start: tutee.start.value, end: tutee.end?.value)
        var progress = StepProgress(step: step, due: due, doneOn: nil, state: .open, mark: mark?.step.location)
        switch mark?.state {
        case .skipped:
            progress.state = .skipped
        case .done(let day):
            progress.doneOn = day
            progress.state = due.map { day > $0 } == true ? .doneLate : .done
        case nil:
            // An interrupted tutoring leaves its remaining steps open: nobody is late for them.
            guard let due, tutee.status != .interrupted else { break }
            if due < asOf {
                progress.state = .late
            } else if asOf.days(until: due) <= dueSoonDays {
                progress.state = .dueSoon
            }
        }
        return progress
    }
}
