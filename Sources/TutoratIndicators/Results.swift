import TutoratCore
import TutoratSite
import TutoratSource

/// What the scheme achieved, per programme and per year of start (the cohort),
/// for the published results. Counts only: whether a figure may be shown is
/// decided where it is shown (`SmallNumbers`).
public struct CohortResults: Sendable, Equatable {
    public var programme: String
    public var year: Int
    /// Tutees who started (planned ones are not followed yet).
    public var followed: Int
    public var completed: Int
    public var interrupted: Int
    public var endReasons: [EndReason: Int]
    /// What the cohort said in the surveys for tutees.
    public var opinions = SurveyFigures.Opinions()

    /// Tutorings that ended: the base of the completion and interruption rates.
    public var ended: Int { completed + interrupted }

    /// Every cohort of the site's public and intranet programmes, by programme then year.
    public static func cohorts(of site: Site) -> [CohortResults] {
        site.programmes.filter { !$0.info.isPrivate }.flatMap { programme -> [CohortResults] in
            let started = site.tutees(inProgramme: programme.info.id).filter { $0.status != .planned }
            let byYear = Dictionary(grouping: started, by: { $0.start.value.year })
            return byYear.keys.sorted().map { year in
                let members = byYear[year]!
                return CohortResults(programme: programme.info.id, year: year, followed: members.count,
                                     completed: members.count { $0.status == .completed },
                                     interrupted: members.count { $0.status == .interrupted },
                                     endReasons: Dictionary(grouping: members.compactMap { $0.endReason?.value.published }, by: { $0 }).mapValues(\.count),
                                     opinions: SurveyFigures.Opinions(members, in: site))
            }
        }
    }
}

extension EndReason {
    /// The reason as published results count it: a health reason is special-category
    /// data, counted with the other reasons so that no figure says how many left ill.
    var published: EndReason { isSpecialCategory ? .other : self }
}

/// Figures computed on fewer than `minimum` people are never published as
/// numbers: with so few, a rate or a reason points at someone.
public enum SmallNumbers {
    public static let minimum = 3

    /// A count of people, or nil when it is too small to show.
    public static func count(_ people: Int) -> Int? { people < minimum ? nil : people }

    /// A share of `people`, or nil when `people` is too small to show one.
    public static func share(_ part: Int, of people: Int) -> Double? {
        people < minimum ? nil : Double(part) / Double(people)
    }
}
