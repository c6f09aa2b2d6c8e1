import TutoratCore
import TutoratSource

/// Turns decoded documents into a `Site`: builds the indexes and checks that
/// every reference leads somewhere. Reports every broken reference with a
/// did-you-mean and keeps going, so one run lists them all.
public enum SiteResolver {
    /// Top-level paths the generator writes itself; a free page cannot take them.
    public static let reservedPaths: Set<String> = [
        "charter", "programmes", "roles", "frameworks", "tutors", "tutees", "dashboard", "search", "assets", "theme", "404", "results", "surveys",
    ]

    /// - Parameter fallbackAsOf: the day used when site.yml has no `as_of`
    ///   (the caller decides: `SOURCE_DATE_EPOCH` or today), so this stays pure.
    public static func resolve(_ content: ContentSet, fallbackAsOf: Day) -> (site: Site?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let contentRoot = String(content.config.path.dropLast("site.yml".count))
        guard let charter = content.charter else {
            diagnostics.append(.error("E-CHARTER", "the site has no charter", at: SourceLocation(file: contentRoot + "charter.md"),
                                      hint: "write the tutoring charter in content/charter.md, with at least a 'title'"))
            return (nil, diagnostics)
        }
        let asOf = content.config.asOf ?? fallbackAsOf
        let (kept, retired) = retain(content.tutees, asOf: asOf, months: content.config.retentionMonths, into: &diagnostics)
        var site = Site(config: content.config, asOf: asOf, charter: charter,
                        programmes: content.programmes, roles: content.roles, frameworks: content.frameworks,
                        tutors: content.tutors, tutees: kept, pages: content.pages, surveys: content.surveys, assets: content.assets)
        site.retired = retired.map(\.info.id).sorted()

        for framework in site.frameworks { check(framework, into: &diagnostics) }
        for programme in site.programmes {
            if let reference = programme.framework {
                expect(reference, in: site.frameworkIndex, kind: "framework", into: &diagnostics)
            }
            checkOwners(of: programme, in: site, into: &diagnostics)
        }
        for survey in site.surveys {
            for programme in survey.programmes { expect(programme, in: site.programmeIndex, kind: "programme", into: &diagnostics) }
        }
        for tutee in site.tutees {
            check(tutee, in: site, into: &diagnostics)
            checkResponses(of: tutee, in: site, into: &diagnostics)
        }
        for page in site.pages where reservedPaths.contains(page.info.id) {
            diagnostics.append(.error("E-ID", "the page id '\(page.info.id)' is taken by the generated '/\(page.info.id)/' pages",
                                      at: page.info.location, hint: "rename the file"))
        }
        return (site, diagnostics)
    }

    /// Splits the tutees into those the site shows and those past their
    /// retention date, which are left out before anything else reads them: no
    /// page, no calendar, no count, no evidence, and no check of their
    /// references either (an archived file may name a tutor who has left).
    static func retain(_ tutees: [Tutee], asOf: Day, months: Int, into diagnostics: inout [Diagnostic]) -> (kept: [Tutee], retired: [Tutee]) {
        var kept: [Tutee] = [], retired: [Tutee] = []
        for tutee in tutees {
            guard tutee.isPastRetention(on: asOf, months: months), let until = tutee.retentionEnd(months: months) else {
                kept.append(tutee)
                continue
            }
            retired.append(tutee)
            let why = tutee.retainUntil != nil ? "'retain_until'" : "the end \(tutee.end!.value) plus \(months) months"
            diagnostics.append(.warning(
                "W-RETENTION", "this progress file was to be kept until \(until) (\(why)), before \(asOf): it is left out of the site",
                at: tutee.retainUntil?.location ?? tutee.end?.location ?? tutee.info.location,
                hint: "archive the file outside content/ or delete it; to keep it longer, set 'retain_until: YYYY-MM-DD'"))
        }
        return (kept, retired)
    }

    static func expect(_ reference: Located<String>, in index: [String: Int], kind: String, into diagnostics: inout [Diagnostic]) {
        guard index[reference.value] == nil else { return }
        let guess = Suggestion.closest(to: reference.value, among: index.keys)
        diagnostics.append(.error("E-REF", "unknown \(kind) '\(reference.value)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""),
                                  at: reference.location,
                                  hint: guess == nil ? "known \(kind)s: \(index.keys.sorted().prefix(8).joined(separator: ", "))" : nil))
    }

    /// What happened (sessions, assessments, evaluations) happened within the
    /// tutoring and not after `as_of`: a date outside is most likely a typo.
    static func checkDates(of tutee: Tutee, asOf: Day, into diagnostics: inout [Diagnostic]) {
        let start = tutee.start.value
        // An end before the start is reported on its own; dates are then checked against the start only.
        let end = tutee.end.map(\.value).flatMap { $0 >= start ? $0 : nil }
        func check(_ day: Day, _ what: String, at location: SourceLocation) {
            if day < start {
                diagnostics.append(.warning("W-DATE", "\(what) on \(day) is before the start (\(start))", at: location))
            } else if let end, day > end {
                diagnostics.append(.warning("W-DATE", "\(what) on \(day) is after the end (\(end))", at: location))
            } else if day > asOf {
                diagnostics.append(.warning("W-DATE", "\(what) on \(day) is after \(asOf), the day the site is built for",
                                            at: location, hint: "record sessions and assessments once they took place"))
            }
        }
        for session in tutee.sessions { check(session.date.value, "a session", at: session.date.location) }
        for contact in tutee.liaison { check(contact.date.value, "a liaison contact", at: contact.date.location) }
        for concern in tutee.concerns {
            check(concern.date.value, "a concern", at: concern.date.location)
            for action in concern.actions where action.date.value < concern.date.value {
                diagnostics.append(.warning("W-DATE", "an action on \(action.date.value) comes before the concern it answers (\(concern.date.value))",
                                            at: action.date.location))
            }
            if let closed = concern.closed, closed.value < concern.date.value {
                diagnostics.append(.warning("W-DATE", "the concern is closed on \(closed.value), before it was raised (\(concern.date.value))",
                                            at: closed.location))
            }
        }
        for evaluation in tutee.evaluations { check(evaluation.date.value, "an evaluation", at: evaluation.date.location) }
        for record in tutee.competencies {
            for assessment in record.assessments { check(assessment.date, "an assessment", at: record.dateLocation(of: assessment)) }
        }
    }

    /// A step's owner is a role kind (`tutor`) or the id of one of the site's roles.
    static func checkOwners(of programme: Programme, in site: Site, into diagnostics: inout [Diagnostic]) {
        let owners = Set(RoleKind.allCases.map(\.rawValue)).union(site.roles.map(\.info.id))
        for step in programme.phases.flatMap(\.steps) {
            guard let owner = step.owner, !owners.contains(owner.value) else { continue }
            let guess = Suggestion.closest(to: owner.value, among: owners)
            diagnostics.append(.error("E-REF", "unknown step owner '\(owner.value)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""),
                                      at: owner.location, hint: "a role kind (\(RoleKind.allowed)) or the id of a role sheet"))
        }
    }

    /// Each `checklist` line names a tracked step of the tutee's programme.
    static func checkChecklist(of tutee: Tutee, programme: Programme, into diagnostics: inout [Diagnostic]) {
        guard !tutee.checklist.isEmpty else { return }
        let ids = Set(programme.trackedSteps.compactMap(\.id))
        for mark in tutee.checklist where !ids.contains(mark.step.value) {
            let guess = Suggestion.closest(to: mark.step.value, among: ids)
            diagnostics.append(.error("E-REF", "step '\(mark.step.value)' is not a step of programme '\(programme.info.id)'"
                                      + (guess.map { " (did you mean '\($0)'?)" } ?? ""), at: mark.step.location,
                                      hint: guess == nil ? (ids.isEmpty ? "the programme's steps have no id: give them one under 'phases'"
                                                                        : "its steps: \(ids.sorted().prefix(8).joined(separator: ", "))") : nil))
        }
    }

    static func check(_ framework: Framework, into diagnostics: inout [Diagnostic]) {
        let location = framework.info.location
        if framework.scale.isEmpty {
            diagnostics.append(.error("E-SCALE", "the framework's scale has no level", at: location,
                                      hint: "list the levels under 'scale', lowest first"))
        }
        var levels = Set<Int>()
        for (position, level) in framework.scale.enumerated() {
            if !levels.insert(level.level).inserted {
                diagnostics.append(.error("E-SCALE", "level \(level.level) appears twice in the scale", at: location))
            } else if position > 0, level.level < framework.scale[position - 1].level {
                diagnostics.append(.error("E-SCALE", "the scale should go from the lowest level to the highest", at: location))
            }
        }
        var seen = Set<String>()
        for competency in framework.competencies {
            if !Identifier.isValid(competency.id) {
                diagnostics.append(.error("E-ID", "competency id '\(competency.id)' is not a valid id", at: competency.location,
                                          hint: "use lowercase letters, digits and hyphens, like 'hygiene-des-mains'"))
            }
            if !seen.insert(competency.id).inserted {
                diagnostics.append(.error("E-DUPLICATE", "competency '\(competency.id)' is defined twice", at: competency.location))
            }
            if let target = competency.target, !levels.isEmpty, !levels.contains(target) {
                diagnostics.append(.error("E-SCALE", "target \(target) of '\(competency.id)' is not a level of the scale",
                                          at: competency.location, hint: "levels: \(levels.sorted().map(String.init).joined(separator: ", "))"))
            }
        }
    }

    static func check(_ tutee: Tutee, in site: Site, into diagnostics: inout [Diagnostic]) {
        expect(tutee.programme, in: site.programmeIndex, kind: "programme", into: &diagnostics)
        expect(tutee.tutor, in: site.tutorIndex, kind: "tutor", into: &diagnostics)
        if let substitute = tutee.substitute { expect(substitute, in: site.tutorIndex, kind: "tutor", into: &diagnostics) }
        if let end = tutee.end, end.value < tutee.start.value {
            diagnostics.append(.error("E-DATE", "the end \(end.value) comes before the start \(tutee.start.value)", at: end.location))
        }
        checkDates(of: tutee, asOf: site.asOf, into: &diagnostics)
        var recorded = Set<String>()
        for record in tutee.competencies where !recorded.insert(record.id.value).inserted {
            diagnostics.append(.error("E-DUPLICATE", "competency '\(record.id.value)' is listed twice", at: record.id.location,
                                      hint: "put all its assessments under one '- id: \(record.id.value)'"))
        }
        if let reason = tutee.endReason, tutee.status != .completed && tutee.status != .interrupted {
            diagnostics.append(.warning("W-END", "'end_reason' is given but the tutoring is \(tutee.status.rawValue)", at: reason.location,
                                        hint: "set 'status: completed' or 'status: interrupted', or remove 'end_reason'"))
        }
        guard let programme = site.programme(tutee.programme.value) else { return }
        checkChecklist(of: tutee, programme: programme, into: &diagnostics)
        guard let framework = site.framework(of: programme) else {
            if let first = tutee.competencies.first {
                diagnostics.append(.error("E-FRAMEWORK", "competencies are assessed but programme '\(programme.info.id)' names no framework",
                                          at: first.id.location, hint: "add 'framework: <id>' to \(programme.info.path)"))
            }
            return
        }
        let competencyIDs = Set(framework.competencies.map(\.id))
        let levels = Set(framework.scale.map(\.level))
        for record in tutee.competencies {
            if !competencyIDs.contains(record.id.value) {
                let guess = Suggestion.closest(to: record.id.value, among: competencyIDs)
                diagnostics.append(.error("E-REF", "competency '\(record.id.value)' is not in framework '\(framework.info.id)'"
                                          + (guess.map { " (did you mean '\($0)'?)" } ?? ""), at: record.id.location))
            }
            for assessment in record.assessments where !levels.contains(assessment.level) {
                let range = levels.isEmpty ? "" : "\(levels.min()!)..\(levels.max()!)"
                diagnostics.append(.error("E-SCALE", "level \(assessment.level) is not on the scale of '\(framework.info.id)' (\(range))",
                                          at: record.levelLocation(of: assessment)))
            }
        }
    }
}
