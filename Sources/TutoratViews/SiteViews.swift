import TutoratCore
import TutoratLanguage
import TutoratCharts
import TutoratIndicators
import TutoratMarkdown
import TutoratMustache
import TutoratSite
import TutoratSource

/// Builds the view model of every page of a resolved site. Pure: the same
/// site, strings and version give the same views, and nothing here touches the
/// disk or the clock. Safe to call from several threads at once.
public struct SiteViews: Sendable {
    public let site: Site
    public let strings: Strings
    public let generator: String
    /// Every indicator and alert, computed once for all pages.
    public let indicators: SiteIndicators
    /// The labels of statuses and kinds, looked up once.
    public let labels: Labels
    /// The same words as templates read them (`{{t.key}}`).
    let words: TemplateTable
    let language: Language
    private let peopleNames: Lazy<PeopleNames>

    public init(site: Site, strings: Strings, generator: String) {
        self.site = site
        self.peopleNames = Lazy { PeopleNames(site) }
        self.strings = strings
        self.generator = generator
        self.indicators = SiteIndicators(site)
        self.labels = Labels(strings)
        self.words = TemplateTable(strings.table)
        self.language = site.config.language
    }

    /// The names that must not leak, found by one automaton built on first use.
    public var people: PeopleNames { peopleNames.value }

    /// Every document with a Markdown body, with the page it is published on.
    public var documentPages: [(info: DocumentInfo, route: Route)] {
        var documents: [(info: DocumentInfo, route: Route)] = [(site.charter.info, .charter)]
        documents += site.programmes.map { ($0.info, .programme($0.info.id)) }
        documents += site.roles.map { ($0.info, .role($0.info.id)) }
        documents += site.tutors.map { ($0.info, .tutor($0.info.id)) }
        documents += site.tutees.map { ($0.info, .tutee($0.info.id)) }
        documents += site.pages.map { ($0.info, .page($0.info.id)) }
        return documents
    }

    /// Every page of the site, in a stable order.
    public var routes: [Route] {
        var routes: [Route] = [.home, .charter, .programmes, .roles, .frameworks, .tutors, .tutees, .dashboard, .notFound, .search, .results, .audit]
        routes += site.programmes.map { .programme($0.info.id) }
        routes += site.roles.map { .role($0.info.id) }
        routes += site.frameworks.map { .framework($0.info.id) }
        routes += site.tutors.map { .tutor($0.info.id) }
        routes += site.tutees.map { .tutee($0.info.id) }
        routes += site.pages.map { .page($0.info.id) }
        routes += site.surveys.map { .survey($0.info.id) }
        return routes
    }

    /// Who may see a page: its document's `visibility`. The tutee list and the
    /// dashboard name tutees, so they are private whatever the tutees say; a
    /// page whose document is unknown is taken as private rather than public.
    public func visibility(_ route: Route) -> Visibility {
        switch route {
        case .tutees, .dashboard, .audit: return .private
        case .charter: return site.charter.info.visibility
        case .programme(let id): return site.programme(id)?.info.visibility ?? .private
        case .role(let id): return site.role(id)?.info.visibility ?? .private
        case .framework(let id): return site.framework(id)?.info.visibility ?? .private
        case .tutor(let id): return site.tutor(id)?.info.visibility ?? .private
        case .tutee(let id): return site.tutee(id)?.info.visibility ?? .private
        case .page(let id): return site.pageIndex[id].map { site.pages[$0].info.visibility } ?? .private
        case .survey(let id): return site.survey(id)?.info.visibility ?? .private
        case .home, .programmes, .roles, .frameworks, .tutors, .notFound, .search, .results: return .public
        }
    }

    /// True exactly when the page must be private: `noindex`, out of the
    /// sitemap, the search index and site.json, and never named on a page that
    /// is not private itself.
    public func isPrivate(_ route: Route) -> Bool { visibility(route) == .private }

    /// Whether a document may be named (listed, linked, titled) on a page: any
    /// document on a private page, and only documents that are not private elsewhere.
    func isShown(_ info: DocumentInfo, onPrivatePage: Bool) -> Bool { onPrivatePage || !info.isPrivate }

    /// The view of one page. `setAsideBody` is the body of the page's document
    /// read again from its file when the content reader set it aside
    /// (`DocumentInfo.setBodyAside`); the renderer reads it, as views never touch the disk.
    public func page(_ route: Route, setAsideBody: String? = nil) -> PageView {
        let link = Linker(baseURL: site.config.baseURL, from: route.path)
        let visibility = visibility(route)
        let isPrivate = visibility == .private
        let (title, crumbs, content) = build(route, link: link, isPrivate: isPrivate, setAsideBody: setAsideBody)
        return PageView(
            lang: language.rawValue,
            title: title,
            documentTitle: route == .home ? site.config.title : "\(title) · \(site.config.title)",
            siteTitle: site.config.title,
            organisation: site.config.organisation,
            homeHref: link.href(.home),
            cssHref: link.href("theme/site.css"),
            searchHref: route == .search ? nil : link.href(.search),
            canonical: site.config.baseURL.map { _ in link.href(route) },
            // Intranet pages are for the site's readers, not for search engines.
            noindex: visibility != .public || route == .notFound,
            isPrivate: isPrivate,
            menu: menu(for: route, link: link, onPrivatePage: isPrivate),
            breadcrumbs: route == .home ? [] : [LinkView(label: strings["nav_home"], href: link.href(.home))] + crumbs,
            generator: generator,
            t: words,
            content: content)
    }

    private func menu(for route: Route, link: Linker, onPrivatePage: Bool) -> [MenuItem] {
        let section: Route
        switch route {
        case .programme: section = .programmes
        case .role: section = .roles
        case .framework: section = .frameworks
        case .tutor: section = .tutors
        case .tutee: section = .tutees
        default: section = route
        }
        let sections: [(key: String, route: Route)] = [
            ("nav_home", .home), ("nav_charter", .charter), ("nav_programmes", .programmes), ("nav_roles", .roles),
            ("nav_frameworks", .frameworks), ("nav_tutors", .tutors), ("nav_tutees", .tutees), ("nav_dashboard", .dashboard),
        ]
        var items = sections.map { (strings[$0.key], $0.route) }
        items += site.pages.filter { $0.menu && isShown($0.info, onPrivatePage: onPrivatePage) }.map { ($0.title, .page($0.info.id)) }
        return items.map { MenuItem(label: $0.0, href: link.href($0.1), current: $0.1 == section) }
    }

    // MARK: - Pages

    private func build(_ route: Route, link: Linker, isPrivate: Bool, setAsideBody: String?) -> (String, [LinkView], PageContent) {
        switch route {
        case .home:
            return (site.config.title, [], .home(home(link)))
        case .charter:
            return (site.charter.title, [], .charter(charter(link)))
        case .programmes:
            let shown = site.programmes.filter { !$0.info.isPrivate }
            return (strings["programmes_title"], [], .programmes(ProgrammeListView(
                programmes: shown.map { card($0, link) }, privateNote: privateNote(site.programmes.count - shown.count))))
        case .programme(let id):
            let programme = site.programme(id)!
            return (programme.title, [crumb(.programmes, "programmes_title", link)], .programme(view(programme, link, isPrivate: isPrivate)))
        case .roles:
            let shown = site.roles.filter { !$0.info.isPrivate }
            return (strings["roles_title"], [], .roles(RoleListView(roles: shown.map { card($0, link) },
                                                                    privateNote: privateNote(site.roles.count - shown.count))))
        case .role(let id):
            let role = site.role(id)!
            return (role.title, [crumb(.roles, "roles_title", link)], .role(view(role, link)))
        case .frameworks:
            let shown = site.frameworks.filter { !$0.info.isPrivate }
            return (strings["frameworks_title"], [], .frameworks(FrameworkListView(frameworks: shown.map {
                FrameworkCard(title: $0.title, href: link.href(.framework($0.info.id)), competencyCount: $0.competencies.count, levelCount: $0.scale.count)
            }, privateNote: privateNote(site.frameworks.count - shown.count))))
        case .framework(let id):
            let framework = site.framework(id)!
            return (framework.title, [crumb(.frameworks, "frameworks_title", link)], .framework(view(framework, link, isPrivate: isPrivate)))
        case .tutors:
            let shown = site.tutors.filter { !$0.info.isPrivate }
            return (strings["tutors_title"], [], .tutors(TutorListView(tutors: shown.map { card($0, link) },
                                                                       privateNote: privateNote(site.tutors.count - shown.count))))
        case .tutor(let id):
            let tutor = site.tutor(id)!
            return (tutor.name, [crumb(.tutors, "tutors_title", link)], .tutor(view(tutor, link, isPrivate: isPrivate)))
        case .tutees:
            return (strings["tutees_title"], [], .tutees(tuteeList(link)))
        case .tutee(let id):
            var tutee = site.tutee(id)!
            if let setAsideBody { tutee.info.body = setAsideBody }
            assert(tutee.info.setAsideBodyHash == nil || setAsideBody != nil, "a page whose body was set aside needs it read again")
            return (tutee.name, [crumb(.tutees, "tutees_title", link)], .tutee(view(tutee, link, isPrivate: isPrivate)))
        case .dashboard:
            return (strings["dashboard_title"], [], .dashboard(dashboard(link)))
        case .results:
            return (strings["results_title"], [], .results(results(link)))
        case .audit:
            return (strings["audit_title"], [crumb(.dashboard, "dashboard_title", link)], .audit(audit(link)))
        case .survey(let id):
            let survey = site.survey(id)!
            return (survey.title, [], .survey(self.survey(survey, link)))
        case .page(let id):
            let page = site.pages[site.pageIndex[id]!]
            return (page.title, [], .page(FreePageView(title: page.title, body: body(page.info, link))))
        case .search:
            return (strings["search_title"], [], .search(SearchView(
                indexHref: link.href(Route.searchIndexFile), scriptHref: link.href("theme/search.js"), rootHref: link.root,
                lists: searchLists.map { LinkView(label: strings[$0.key], href: link.href($0.route)) })))
        case .notFound:
            return (strings["notfound_title"], [], .notFound(NotFoundView(pages: [
                LinkView(label: strings["nav_home"], href: link.href(.home)),
                LinkView(label: strings["nav_charter"], href: link.href(.charter)),
                LinkView(label: strings["nav_programmes"], href: link.href(.programmes)),
            ])))
        }
    }

    /// The lists the search page offers when search cannot run: every public page is in one of them.
    private var searchLists: [(route: Route, key: String)] {
        [(.charter, "nav_charter"), (.programmes, "nav_programmes"), (.roles, "nav_roles"), (.frameworks, "nav_frameworks"),
         (.tutors, "nav_tutors"), (.home, "nav_home")]
    }

    /// "2 private pages are not listed here.": a public list counts what it leaves out, never names it.
    private func privateNote(_ count: Int) -> String? {
        count == 0 ? nil : strings.format(count == 1 ? "list_private_one" : "list_private_many", [String(count)])
    }

    private func crumb(_ route: Route, _ key: String, _ link: Linker) -> LinkView {
        LinkView(label: strings[key], href: link.href(route))
    }

    private func home(_ link: Linker) -> HomeView {
        let document = MarkdownDocument(site.charter.info.body, options: markdownOptions)
        let active = site.tutees.count { $0.status == .active }
        // A private charter is still the charter: the home page names what it is, not what it says.
        let charterShown = !site.charter.info.isPrivate
        return HomeView(
            charterTitle: charterShown ? site.charter.title : strings["nav_charter"],
            charterSummary: charterShown ? document.summary(maxLength: 320) : "",
            charterHref: link.href(.charter),
            programmes: site.programmes.filter { !$0.info.isPrivate }.map { card($0, link) },
            roles: site.roles.filter { !$0.info.isPrivate }.map { card($0, link) },
            pages: site.pages.filter { !$0.info.isPrivate }.map { LinkView(label: $0.title, href: link.href(.page($0.info.id))) },
            stats: [
                Stat(value: String(site.programmes.count), label: strings["stat_programmes"]),
                Stat(value: String(site.tutors.count), label: strings["stat_tutors"]),
                Stat(value: String(active), label: strings["stat_active_tutees"]),
            ],
            resultsHref: link.href(.results))
    }

    private func charter(_ link: Linker) -> CharterView {
        let charter = site.charter
        return CharterView(title: charter.title, version: charter.version, adopted: charter.adopted.map(date),
                           review: charter.review.map(date), approvedBy: charter.approvedBy, body: body(charter.info, link))
    }

    private func card(_ programme: Programme, _ link: Linker) -> ProgrammeCard {
        ProgrammeCard(title: programme.title, href: link.href(.programme(programme.info.id)),
                      kindLabel: programme.kind.map { strings.label("programme_kind", $0.rawValue) },
                      summary: MarkdownDocument(programme.info.body, options: markdownOptions).summary(maxLength: 220),
                      durationWeeks: programme.durationWeeks, tuteeCount: site.tuteesByProgramme[programme.info.id]?.count ?? 0)
    }

    private func card(_ role: Role, _ link: Linker) -> RoleCard {
        RoleCard(title: role.title, href: link.href(.role(role.info.id)),
                 kindLabel: role.kind.map { strings.label("role_kind", $0.rawValue) }, summary: role.summary)
    }

    private func view(_ role: Role, _ link: Linker) -> RoleView {
        RoleView(title: role.title, kindLabel: role.kind.map { strings.label("role_kind", $0.rawValue) }, summary: role.summary,
                 missions: role.missions.map { MissionView(title: $0.title, tasks: $0.tasks) },
                 commitments: role.commitments, body: body(role.info, link))
    }

    private func view(_ framework: Framework, _ link: Linker, isPrivate: Bool) -> FrameworkView {
        FrameworkView(
            title: framework.title,
            description: framework.description,
            scale: framework.scale.map { ScaleLevelView(level: $0.level, label: $0.label) },
            groups: groups(of: framework.competencies).map { name, competencies in
                CompetencyGroupView(name: name, competencies: competencies.map {
                    CompetencyView(id: $0.id, title: $0.title, target: $0.target, targetLabel: $0.target.flatMap { label(of: $0, in: framework) })
                })
            },
            programmes: site.programmes.filter { $0.framework?.value == framework.info.id && isShown($0.info, onPrivatePage: isPrivate) }.map {
                LinkView(label: $0.title, href: link.href(.programme($0.info.id)))
            })
    }

    /// Competencies grouped in the order their groups first appear.
    private func groups(of competencies: [Competency]) -> [(String?, [Competency])] {
        var order: [String?] = []
        var members: [String?: [Competency]] = [:]
        for competency in competencies {
            if members[competency.group] == nil { order.append(competency.group) }
            members[competency.group, default: []].append(competency)
        }
        return order.map { ($0, members[$0]!) }
    }

    func capacity(of tutor: Tutor) -> Int { DomainRules.capacity(of: tutor, in: site) }

    private func card(_ tutor: Tutor, _ link: Linker) -> TutorCard {
        TutorCard(name: tutor.name, href: link.href(.tutor(tutor.info.id)), function: tutor.function, team: tutor.team,
                  activeCount: indicators.tutors[tutor.info.id]?.activeTutees ?? 0,
                  capacity: capacity(of: tutor), trained: tutor.trained.map(date))
    }

    /// A tutee as seen from another page. A private tutee's name never appears
    /// on a page that is not private itself: initials only, and no link.
    func duo(_ tutee: Tutee, _ link: Linker, onPrivatePage: Bool) -> DuoView {
        let hidden = !isShown(tutee.info, onPrivatePage: onPrivatePage)
        return DuoView(tutee: hidden ? SiteViews.initials(of: tutee.name) : tutee.name,
                       tuteeHref: hidden ? nil : link.href(.tutee(tutee.info.id)),
                       tutor: site.tutor(tutee.tutor.value).map { person($0, link, onPrivatePage: onPrivatePage) },
                       status: tutee.status.rawValue, statusLabel: strings.label("status", tutee.status.rawValue),
                       start: date(tutee.start.value), end: tutee.end.map { date($0.value) })
    }

    /// A tutor as seen from another page: like a tutee, a private tutor is
    /// shown by initials and without a link on a page that is not private.
    func person(_ tutor: Tutor, _ link: Linker, onPrivatePage: Bool) -> PersonView {
        isShown(tutor.info, onPrivatePage: onPrivatePage)
            ? PersonView(label: tutor.name, href: link.href(.tutor(tutor.info.id)))
            : PersonView(label: SiteViews.initials(of: tutor.name), href: nil)
    }

    /// "Marie-Anne Dupont" gives "M.-A. D.".
    public static func initials(of name: String) -> String {
        name.split(separator: " ").map { word in
            word.split(separator: "-").compactMap { $0.first.map { "\($0)." } }.joined(separator: "-")
        }.joined(separator: " ")
    }

    private func tuteeList(_ link: Linker) -> TuteeListView {
        let groups = TuteeStatus.allCases.compactMap { status -> TuteeGroup? in
            // Positions, not copies: the rows are made as the page is written.
            let members = site.tutees.indices.filter { site.tutees[$0].status == status }
            guard !members.isEmpty else { return nil }
            let rows = LazyViews(count: members.count) { [self] in
                let tutee = site.tutees[members[$0]]
                return TuteeRow(name: tutee.name, href: link.href(.tutee(tutee.info.id)),
                                programme: site.programme(tutee.programme.value).map { LinkView(label: $0.title, href: link.href(.programme($0.info.id))) },
                                tutor: site.tutor(tutee.tutor.value).map { LinkView(label: $0.name, href: link.href(.tutor($0.info.id))) },
                                start: date(tutee.start.value), end: tutee.end.map { date($0.value) })
            }
            return TuteeGroup(status: status.rawValue, statusLabel: strings.label("status", status.rawValue), tutees: rows)
        }
        return TuteeListView(groups: groups, total: site.tutees.count)
    }

    func label(of level: Int, in framework: Framework) -> String? {
        framework.scale.first { $0.level == level }?.label
    }

    // MARK: - Helpers

    var markdownOptions: MarkdownOptions { MarkdownOptions(unsafeHTML: site.config.unsafeHTML) }

    func date(_ day: Day) -> DateText { DateText(day, language: language) }

    func body(_ info: DocumentInfo, _ link: Linker) -> BodyView {
        let document = MarkdownDocument(info.body, options: markdownOptions)
        return BodyView(html: document.html(rewriteURL: link.rewrite),
                        toc: document.headings.filter { $0.level == 2 || $0.level == 3 }.map { TocEntry(id: $0.id, text: $0.text, level: $0.level) })
    }
}
