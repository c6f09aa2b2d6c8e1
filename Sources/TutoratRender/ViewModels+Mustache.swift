import Mustache
import TutoratViews

// Mustache reads view models through `MustacheParent` lookups instead of
// reflection (`Mirror`), which measured three times slower (performance.md).
// One case per stored property; keep in step with the view models.

extension HomeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "charterTitle": return charterTitle
        case "charterSummary": return charterSummary
        case "charterHref": return charterHref
        case "programmes": return programmes
        case "roles": return roles
        case "pages": return pages
        case "stats": return stats
        default: return nil
        }
    }
}

extension Stat: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "value": return value
        case "label": return label
        default: return nil
        }
    }
}

extension CharterView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "version": return version
        case "adopted": return adopted
        case "review": return review
        case "approvedBy": return approvedBy
        case "body": return body
        default: return nil
        }
    }
}

extension ProgrammeCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "kindLabel": return kindLabel
        case "summary": return summary
        case "durationWeeks": return durationWeeks
        case "tuteeCount": return tuteeCount
        default: return nil
        }
    }
}

extension ProgrammeListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "programmes": return programmes
        default: return nil
        }
    }
}

extension PhaseView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "when": return when
        case "whenLabel": return whenLabel
        case "steps": return steps
        default: return nil
        }
    }
}

extension DuoView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "tutee": return tutee
        case "tuteeHref": return tuteeHref
        case "tutor": return tutor
        case "status": return status
        case "statusLabel": return statusLabel
        case "start": return start
        case "end": return end
        default: return nil
        }
    }
}

extension ProgrammeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "kindLabel": return kindLabel
        case "durationWeeks": return durationWeeks
        case "meetingRhythmDays": return meetingRhythmDays
        case "coordinator": return coordinator
        case "partners": return partners
        case "framework": return framework
        case "phases": return phases
        case "roles": return roles
        case "duos": return duos
        case "body": return body
        default: return nil
        }
    }
}

extension RoleCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "kindLabel": return kindLabel
        case "summary": return summary
        default: return nil
        }
    }
}

extension RoleListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "roles": return roles
        default: return nil
        }
    }
}

extension MissionView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "tasks": return tasks
        default: return nil
        }
    }
}

extension RoleView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "kindLabel": return kindLabel
        case "summary": return summary
        case "missions": return missions
        case "commitments": return commitments
        case "body": return body
        default: return nil
        }
    }
}

extension ScaleLevelView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "level": return level
        case "label": return label
        default: return nil
        }
    }
}

extension CompetencyView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "title": return title
        case "target": return target
        case "targetLabel": return targetLabel
        default: return nil
        }
    }
}

extension CompetencyGroupView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "competencies": return competencies
        default: return nil
        }
    }
}

extension FrameworkCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "competencyCount": return competencyCount
        case "levelCount": return levelCount
        default: return nil
        }
    }
}

extension FrameworkListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "frameworks": return frameworks
        default: return nil
        }
    }
}

extension FrameworkView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "description": return description
        case "scale": return scale
        case "groups": return groups
        case "programmes": return programmes
        default: return nil
        }
    }
}

extension TutorCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "href": return href
        case "function": return function
        case "team": return team
        case "activeCount": return activeCount
        case "capacity": return capacity
        case "trained": return trained
        default: return nil
        }
    }
}

extension TutorListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "tutors": return tutors
        default: return nil
        }
    }
}

extension TutorView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "function": return function
        case "team": return team
        case "since": return since
        case "trained": return trained
        case "email": return email
        case "capacity": return capacity
        case "activeCount": return activeCount
        case "duos": return duos
        case "substituteFor": return substituteFor
        case "body": return body
        default: return nil
        }
    }
}

extension TuteeRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "href": return href
        case "programme": return programme
        case "tutor": return tutor
        case "start": return start
        case "end": return end
        default: return nil
        }
    }
}

extension TuteeGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "status": return status
        case "statusLabel": return statusLabel
        case "tutees": return tutees
        default: return nil
        }
    }
}

extension TuteeListView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "groups": return groups
        case "total": return total
        default: return nil
        }
    }
}

extension ObjectiveView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "due": return due
        case "status": return status
        case "statusLabel": return statusLabel
        case "overdue": return overdue
        default: return nil
        }
    }
}

extension AssessmentView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "date": return date
        case "level": return level
        case "levelLabel": return levelLabel
        case "byLabel": return byLabel
        case "note": return note
        default: return nil
        }
    }
}

extension CompetencyProgressView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "title": return title
        case "group": return group
        case "level": return level
        case "levelLabel": return levelLabel
        case "target": return target
        case "targetLabel": return targetLabel
        case "reached": return reached
        case "levelPercent": return levelPercent
        case "targetPercent": return targetPercent
        case "assessments": return assessments
        default: return nil
        }
    }
}

extension SessionView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "date": return date
        case "minutes": return minutes
        case "kind": return kind
        case "kindLabel": return kindLabel
        case "summary": return summary
        default: return nil
        }
    }
}

extension EvaluationView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "date": return date
        case "kind": return kind
        case "kindLabel": return kindLabel
        case "summary": return summary
        case "outcome": return outcome
        default: return nil
        }
    }
}

extension TuteeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "programme": return programme
        case "tutor": return tutor
        case "substitute": return substitute
        case "supervisor": return supervisor
        case "partner": return partner
        case "start": return start
        case "end": return end
        case "status": return status
        case "statusLabel": return statusLabel
        case "objectivesDone": return objectivesDone
        case "objectivesTotal": return objectivesTotal
        case "objectives": return objectives
        case "competencies": return competencies
        case "competenciesReached": return competenciesReached
        case "scale": return scale
        case "sessions": return sessions
        case "sessionCount": return sessionCount
        case "totalTime": return totalTime
        case "lastSession": return lastSession
        case "evaluations": return evaluations
        case "journal": return journal
        default: return nil
        }
    }
}

extension DashboardRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "href": return href
        case "values": return values
        default: return nil
        }
    }
}

extension DashboardView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "asOf": return asOf
        case "stats": return stats
        case "programmes": return programmes
        case "tutors": return tutors
        case "upcomingEnds": return upcomingEnds
        default: return nil
        }
    }
}

extension FreePageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "body": return body
        default: return nil
        }
    }
}

extension NotFoundView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "pages": return pages
        default: return nil
        }
    }
}

extension MenuItem: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "href": return href
        case "current": return current
        default: return nil
        }
    }
}

extension LinkView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "href": return href
        default: return nil
        }
    }
}

extension TocEntry: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "text": return text
        case "level": return level
        default: return nil
        }
    }
}

extension BodyView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "html": return html
        case "toc": return toc
        case "hasToc": return hasToc
        default: return nil
        }
    }
}

extension DateText: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "iso": return iso
        case "text": return text
        default: return nil
        }
    }
}
