import Mustache
import TutoratViews

// Mustache reads view models through `MustacheParent` lookups instead of
// reflection (`Mirror`), which measured three times slower (performance.md).
// One case per property, generated from the view models by
// `scripts/generate-mustache-lookups.py`; run it after changing a view model.

extension MenuItem: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "href": return self.href
        case "current": return self.current
        default: return nil
        }
    }
}

extension LinkView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "href": return self.href
        default: return nil
        }
    }
}

extension TocEntry: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "text": return self.text
        case "level": return self.level
        default: return nil
        }
    }
}

extension BodyView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "html": return self.html
        case "toc": return self.toc
        case "hasToc": return self.hasToc
        default: return nil
        }
    }
}

extension HomeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "charterTitle": return self.charterTitle
        case "charterSummary": return self.charterSummary
        case "charterHref": return self.charterHref
        case "programmes": return self.programmes
        case "roles": return self.roles
        case "pages": return self.pages
        case "stats": return self.stats
        default: return nil
        }
    }
}

extension Stat: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "value": return self.value
        case "label": return self.label
        default: return nil
        }
    }
}

extension CharterView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "version": return self.version
        case "adopted": return self.adopted
        case "review": return self.review
        case "approvedBy": return self.approvedBy
        case "body": return self.body
        default: return nil
        }
    }
}

extension ProgrammeCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "href": return self.href
        case "kindLabel": return self.kindLabel
        case "summary": return self.summary
        case "durationWeeks": return self.durationWeeks
        case "tuteeCount": return self.tuteeCount
        default: return nil
        }
    }
}

extension ProgrammeListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "programmes": return self.programmes
        case "privateNote": return self.privateNote
        default: return nil
        }
    }
}

extension PhaseView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "when": return self.when
        case "whenLabel": return self.whenLabel
        case "steps": return self.steps
        default: return nil
        }
    }
}

extension DuoView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "tutee": return self.tutee
        case "tuteeHref": return self.tuteeHref
        case "tutor": return self.tutor
        case "status": return self.status
        case "statusLabel": return self.statusLabel
        case "start": return self.start
        case "end": return self.end
        default: return nil
        }
    }
}

extension PersonView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "href": return self.href
        default: return nil
        }
    }
}

extension RoleCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "href": return self.href
        case "kindLabel": return self.kindLabel
        case "summary": return self.summary
        default: return nil
        }
    }
}

extension RoleListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "roles": return self.roles
        case "privateNote": return self.privateNote
        default: return nil
        }
    }
}

extension MissionView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "tasks": return self.tasks
        default: return nil
        }
    }
}

extension RoleView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "kindLabel": return self.kindLabel
        case "summary": return self.summary
        case "missions": return self.missions
        case "commitments": return self.commitments
        case "body": return self.body
        default: return nil
        }
    }
}

extension ScaleLevelView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "level": return self.level
        case "label": return self.label
        default: return nil
        }
    }
}

extension CompetencyView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "title": return self.title
        case "target": return self.target
        case "targetLabel": return self.targetLabel
        default: return nil
        }
    }
}

extension CompetencyGroupView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "competencies": return self.competencies
        default: return nil
        }
    }
}

extension FrameworkCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "href": return self.href
        case "competencyCount": return self.competencyCount
        case "levelCount": return self.levelCount
        default: return nil
        }
    }
}

extension FrameworkListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "frameworks": return self.frameworks
        case "privateNote": return self.privateNote
        default: return nil
        }
    }
}

extension FrameworkView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "description": return self.description
        case "scale": return self.scale
        case "groups": return self.groups
        case "programmes": return self.programmes
        default: return nil
        }
    }
}

extension TutorCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "href": return self.href
        case "function": return self.function
        case "team": return self.team
        case "activeCount": return self.activeCount
        case "capacity": return self.capacity
        case "trained": return self.trained
        default: return nil
        }
    }
}

extension TutorListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "tutors": return self.tutors
        case "privateNote": return self.privateNote
        default: return nil
        }
    }
}

extension TuteeRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "href": return self.href
        case "programme": return self.programme
        case "tutor": return self.tutor
        case "start": return self.start
        case "end": return self.end
        default: return nil
        }
    }
}

extension TuteeGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "status": return self.status
        case "statusLabel": return self.statusLabel
        case "tutees": return self.tutees
        default: return nil
        }
    }
}

extension TuteeListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "groups": return self.groups
        case "total": return self.total
        default: return nil
        }
    }
}

extension ObjectiveView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "due": return self.due
        case "status": return self.status
        case "statusLabel": return self.statusLabel
        case "overdue": return self.overdue
        default: return nil
        }
    }
}

extension AssessmentView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "date": return self.date
        case "level": return self.level
        case "levelLabel": return self.levelLabel
        case "byLabel": return self.byLabel
        case "note": return self.note
        default: return nil
        }
    }
}

extension SessionView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "date": return self.date
        case "minutes": return self.minutes
        case "kind": return self.kind
        case "kindLabel": return self.kindLabel
        case "summary": return self.summary
        default: return nil
        }
    }
}

extension EvaluationView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "date": return self.date
        case "kind": return self.kind
        case "kindLabel": return self.kindLabel
        case "summary": return self.summary
        case "outcome": return self.outcome
        default: return nil
        }
    }
}

extension FreePageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "body": return self.body
        default: return nil
        }
    }
}

extension NotFoundView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "pages": return self.pages
        default: return nil
        }
    }
}

extension SearchView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "indexHref": return self.indexHref
        case "scriptHref": return self.scriptHref
        case "rootHref": return self.rootHref
        case "lists": return self.lists
        default: return nil
        }
    }
}

extension AlertView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "rule": return self.rule
        case "ruleLabel": return self.ruleLabel
        case "severity": return self.severity
        case "text": return self.text
        case "href": return self.href
        default: return nil
        }
    }
}

extension ProgrammeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "kindLabel": return self.kindLabel
        case "durationWeeks": return self.durationWeeks
        case "meetingRhythmDays": return self.meetingRhythmDays
        case "coordinator": return self.coordinator
        case "partners": return self.partners
        case "framework": return self.framework
        case "phases": return self.phases
        case "roles": return self.roles
        case "duos": return self.duos
        case "stats": return self.stats
        case "matrix": return self.matrix
        case "body": return self.body
        default: return nil
        }
    }
}

extension CompetencyMatrix: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "columns": return self.columns
        case "rows": return self.rows
        default: return nil
        }
    }
}

extension CompetencyMatrix.Column: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "number": return self.number
        case "id": return self.id
        case "title": return self.title
        case "target": return self.target
        default: return nil
        }
    }
}

extension CompetencyMatrix.Cell: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "level": return self.level
        case "label": return self.label
        case "shade": return self.shade
        case "reached": return self.reached
        default: return nil
        }
    }
}

extension CompetencyMatrix.Row: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "tutee": return self.tutee
        case "href": return self.href
        case "cells": return self.cells
        default: return nil
        }
    }
}

extension TutorView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "function": return self.function
        case "team": return self.team
        case "since": return self.since
        case "trained": return self.trained
        case "email": return self.email
        case "capacity": return self.capacity
        case "activeCount": return self.activeCount
        case "overCapacity": return self.overCapacity
        case "sessionsHeld": return self.sessionsHeld
        case "timeGiven": return self.timeGiven
        case "alerts": return self.alerts
        case "calendarHref": return self.calendarHref
        case "duos": return self.duos
        case "substituteFor": return self.substituteFor
        case "body": return self.body
        default: return nil
        }
    }
}

extension CompetencyProgressView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "title": return self.title
        case "group": return self.group
        case "level": return self.level
        case "levelLabel": return self.levelLabel
        case "selfLevel": return self.selfLevel
        case "selfGap": return self.selfGap
        case "target": return self.target
        case "targetLabel": return self.targetLabel
        case "reached": return self.reached
        case "levelPercent": return self.levelPercent
        case "targetPercent": return self.targetPercent
        case "assessments": return self.assessments
        default: return nil
        }
    }
}

extension MonthView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "sessions": return self.sessions
        case "time": return self.time
        default: return nil
        }
    }
}

extension TuteeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "programme": return self.programme
        case "tutor": return self.tutor
        case "substitute": return self.substitute
        case "supervisor": return self.supervisor
        case "partner": return self.partner
        case "start": return self.start
        case "end": return self.end
        case "status": return self.status
        case "statusLabel": return self.statusLabel
        case "objectivesDone": return self.objectivesDone
        case "objectivesTotal": return self.objectivesTotal
        case "objectivesOverdue": return self.objectivesOverdue
        case "objectives": return self.objectives
        case "competencies": return self.competencies
        case "competenciesReached": return self.competenciesReached
        case "competenciesWithTarget": return self.competenciesWithTarget
        case "progress": return self.progress
        case "scale": return self.scale
        case "sessions": return self.sessions
        case "sessionCount": return self.sessionCount
        case "totalTime": return self.totalTime
        case "lastSession": return self.lastSession
        case "daysSinceLastSession": return self.daysSinceLastSession
        case "longestGap": return self.longestGap
        case "rhythmDays": return self.rhythmDays
        case "meetingsExpected": return self.meetingsExpected
        case "daysElapsed": return self.daysElapsed
        case "daysRemaining": return self.daysRemaining
        case "months": return self.months
        case "evaluations": return self.evaluations
        case "profileChart": return self.profileChart
        case "progressionChart": return self.progressionChart
        case "timelineChart": return self.timelineChart
        case "objectivesChart": return self.objectivesChart
        case "calendarHref": return self.calendarHref
        case "journal": return self.journal
        default: return nil
        }
    }
}

extension DashboardRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "href": return self.href
        case "values": return self.values
        default: return nil
        }
    }
}

extension DashboardView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "asOf": return self.asOf
        case "stats": return self.stats
        case "alerts": return self.alerts
        case "programmes": return self.programmes
        case "tutors": return self.tutors
        case "upcomingEnds": return self.upcomingEnds
        case "recentEvaluations": return self.recentEvaluations
        case "evidence": return self.evidence
        case "siteDataHref": return self.siteDataHref
        default: return nil
        }
    }
}

extension ChartTick: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "x": return self.x
        case "y": return self.y
        case "label": return self.label
        default: return nil
        }
    }
}

extension ProfileChart: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "height": return self.height
        case "label": return self.label
        case "rows": return self.rows
        case "ticks": return self.ticks
        case "valueX": return self.valueX
        default: return nil
        }
    }
}

extension ProfileChart.Row: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "isGroup": return self.isGroup
        case "text": return self.text
        case "textY": return self.textY
        case "barY": return self.barY
        case "barWidth": return self.barWidth
        case "targetX": return self.targetX
        case "value": return self.value
        case "reached": return self.reached
        default: return nil
        }
    }
}

extension ProgressionChart: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "points": return self.points
        case "polyline": return self.polyline
        case "yTicks": return self.yTicks
        case "xTicks": return self.xTicks
        case "label": return self.label
        default: return nil
        }
    }
}

extension ProgressionChart.Point: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "x": return self.x
        case "y": return self.y
        case "date": return self.date
        case "percent": return self.percent
        default: return nil
        }
    }
}

extension TimelineChart: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "sessions": return self.sessions
        case "gaps": return self.gaps
        case "todayX": return self.todayX
        case "ticks": return self.ticks
        case "label": return self.label
        default: return nil
        }
    }
}

extension TimelineChart.Gap: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "x": return self.x
        case "width": return self.width
        case "labelX": return self.labelX
        case "days": return self.days
        default: return nil
        }
    }
}

extension ObjectivesChart: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "segments": return self.segments
        case "label": return self.label
        default: return nil
        }
    }
}

extension ObjectivesChart.Segment: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "status": return self.status
        case "label": return self.label
        case "count": return self.count
        case "x": return self.x
        case "width": return self.width
        default: return nil
        }
    }
}

extension DateText: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "iso": return self.iso
        case "text": return self.text
        default: return nil
        }
    }
}
