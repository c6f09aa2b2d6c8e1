import TutoratCore
import TutoratSite
import TutoratSource
import TutoratIndicators
import TutoratViews

/// `site.json`: the public data of the site for other tools. Nothing private
/// goes in: no private page, no tutee's name, only counts of tutees. Intranet
/// pages do, marked `"visibility": "intranet"`: the file is served beside
/// them to the same readers, who can already list and search them; keeping
/// them out would only hide from tools what people see.
public enum SiteDataExport {
    public static func json(_ views: SiteViews) -> String {
        let site = views.site
        let link = Linker(baseURL: site.config.baseURL, from: "")
        typealias V = JSONText.Value
        func url(_ route: Route) -> V { .string(site.config.baseURL == nil ? route.path : link.href(route)) }
        func visibility(_ info: DocumentInfo) -> (String, V) { ("visibility", .string(info.visibility.rawValue)) }
        // A programme names its framework by id, which is also the framework's address: not when that one is private.
        func framework(of programme: Programme) -> String? {
            site.framework(of: programme).flatMap { $0.info.isPrivate ? nil : $0.info.id }
        }
        let document: V = .object([
            ("site", .object([
                ("title", .string(site.config.title)), ("organisation", .string(site.config.organisation)),
                ("language", .string(site.config.language.rawValue)), ("as_of", .string(site.asOf.iso)), ("generator", .string(views.generator)),
            ])),
            ("charter", site.charter.info.isPrivate ? .null : .object([
                ("title", .string(site.charter.title)), ("version", .optional(site.charter.version)),
                ("adopted", .optional(site.charter.adopted?.iso)), ("review", .optional(site.charter.review?.iso)), ("url", url(.charter)), visibility(site.charter.info),
            ])),
            ("programmes", .array(site.programmes.filter { !$0.info.isPrivate }.map { programme in
                programmeObject(programme, site: site, framework: framework(of: programme), url: url(.programme(programme.info.id)))
            })),
            ("roles", .array(site.roles.filter { !$0.info.isPrivate }.map { role in
                .object([("id", .string(role.info.id)), ("title", .string(role.title)), ("kind", .optional(role.kind?.rawValue)),
                         ("summary", .optional(role.summary)), ("url", url(.role(role.info.id))),
                         visibility(role.info)])
            })),
            ("frameworks", .array(site.frameworks.filter { !$0.info.isPrivate }.map { framework in
                .object([
                    ("id", .string(framework.info.id)), ("title", .string(framework.title)),
                    ("scale", .array(framework.scale.map { .object([("level", .number($0.level)), ("label", .string($0.label))]) })),
                    ("competencies", .array(framework.competencies.map {
                        .object([("id", .string($0.id)), ("title", .string($0.title)), ("group", .optional($0.group)), ("target", .optional($0.target))])
                    })),
                    ("url", url(.framework(framework.info.id))), visibility(framework.info),
                ])
            })),
            ("tutors", .array(site.tutors.filter { !$0.info.isPrivate }.map { tutor in
                .object([("id", .string(tutor.info.id)), ("name", .string(tutor.name)), ("function", .optional(tutor.function)),
                         ("team", .optional(tutor.team)), ("trained", .optional(tutor.trained?.iso)),
                         ("active_tutees", .number(site.tutees(ofTutor: tutor.info.id).filter { $0.status == .active }.count)),
                         ("url", url(.tutor(tutor.info.id))), visibility(tutor.info)])
            })),
            ("pages", .array(site.pages.filter { !$0.info.isPrivate }.map { page in
                .object([("id", .string(page.info.id)), ("title", .string(page.title)), ("url", url(.page(page.info.id))), visibility(page.info)])
            })),
            ("results", .array(views.indicators.results.map(cohortObject))),
        ])
        return JSONText.render(document)
    }

    private typealias V = JSONText.Value

    /// What `SmallNumbers` withholds reads the same to every tool, in any site language.
    static let fewerThanMinimum = "fewer than \(SmallNumbers.minimum)"

    private static func cohortObject(_ cohort: CohortResults) -> V {
        let opinions = cohort.opinions
        // null when nobody was asked; withheld under the minimum.
        func figure(_ value: (String, V)?, people: Int) -> V {
            guard let value else { return .null }
            return SmallNumbers.count(people) == nil ? .string(fewerThanMinimum) : .object([value, ("people", .number(people))])
        }
        func count(_ people: Int) -> V { SmallNumbers.count(people).map(V.number) ?? .string(fewerThanMinimum) }
        func rate(_ part: Int) -> V {
            SmallNumbers.share(part, of: cohort.ended).map { .object([("percent", .number(Int(($0 * 100).rounded()))), ("people", .number(cohort.ended))]) }
                ?? .string(fewerThanMinimum)
        }
        let reasons: [(String, V)] = cohort.ended < SmallNumbers.minimum ? [] : EndReason.allCases.compactMap { reason in
            cohort.endReasons[reason].map { (reason.rawValue, count($0)) }
        }
        return .object([
            ("programme", .string(cohort.programme)), ("year", .number(cohort.year)),
            ("followed", count(cohort.followed)), ("ended", count(cohort.ended)),
            ("completion", rate(cohort.completed)), ("interruption", rate(cohort.interrupted)),
            ("end_reasons", cohort.ended < SmallNumbers.minimum ? .string(fewerThanMinimum) : .object(reasons)),
            ("satisfaction", figure(opinions.satisfaction.map { ("mean", .tenths(OneDecimal.tenths($0))) }, people: opinions.satisfactionPeople)),
            ("nps", figure(opinions.nps.map { ("score", .number($0)) }, people: opinions.npsPeople)),
            ("response_rate", figure(opinions.due == 0 ? nil : ("percent", .number(Int((100 * Double(opinions.answered) / Double(opinions.due)).rounded()))),
                                     people: opinions.due)),
        ])
    }

    private static func programmeObject(_ programme: Programme, site: Site, framework: String?, url: V) -> V {
        let phases: [V] = programme.phases.map { phase in
            .object([("name", .string(phase.name)), ("when", .string(phase.when.rawValue)), ("steps", .array(phase.steps.map(stepValue)))])
        }
        let members = site.tutees(inProgramme: programme.info.id)
        let counts: [(String, V)] = TuteeStatus.allCases.map { status in (status.rawValue, .number(members.count { $0.status == status })) }
        return .object([
            ("id", .string(programme.info.id)), ("title", .string(programme.title)), ("kind", .optional(programme.kind?.rawValue)),
            ("framework", .optional(framework)), ("duration_weeks", .optional(programme.durationWeeks)),
            ("meeting_rhythm_days", .optional(programme.meetingRhythmDays)), ("coordinator", .optional(programme.coordinator)),
            ("partners", .array(programme.partners.map(V.string))),
            ("phases", .array(phases)),
            ("tutees", .object(counts)),
            ("url", url), ("visibility", .string(programme.info.visibility.rawValue)),
        ])
    }

    /// A plain step stays a text, as written; a tracked step is an object.
    private static func stepValue(_ step: Step) -> V {
        guard let id = step.id else { return .string(step.title) }
        return .object([("id", .string(id)), ("title", .string(step.title)), ("owner", .optional(step.owner?.value)),
                        ("due_days", .optional(step.dueDays)), ("from", .string(step.from.rawValue))])
    }
}
