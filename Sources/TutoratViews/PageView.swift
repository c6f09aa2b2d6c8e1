import TutoratLanguage
import TutoratCharts
import TutoratMustache

/// What every page shares (the layout's data), plus the page's own content.
/// Every string here is final text: templates only place and escape it.
@TemplateFields(fallback: "content")
public struct PageView: Sendable {
    public var lang: String
    public var title: String
    /// The `<title>`: "Page · Site".
    public var documentTitle: String
    public var siteTitle: String
    public var organisation: String
    /// Links to the site root and to the theme's stylesheet from this page.
    public var homeHref: String
    public var cssHref: String
    /// The search page, for the header's search form; nil on the search page itself.
    public var searchHref: String?
    public var canonical: String?
    public var noindex: Bool
    public var isPrivate: Bool
    public var menu: [MenuItem]
    /// From the home page down to the parent of this page.
    public var breadcrumbs: [LinkView]
    public var generator: String
    public var t: TemplateTable
    public var content: PageContent
}

@TemplateFields
public struct MenuItem: Sendable {
    public var label: String
    public var href: String
    public var current: Bool
}

@TemplateFields
public struct LinkView: Sendable, Equatable {
    public var label: String
    public var href: String
}

@TemplateFields
public struct TocEntry: Sendable {
    public var id: String
    public var text: String
    public var level: Int
}

/// A Markdown body rendered for this page: HTML with ids on headings and links
/// rewritten from the page, and its table of contents (levels 2 and 3).
@TemplateFields
public struct BodyView: Sendable {
    public let html: String
    public let toc: [TocEntry]
    /// A table of contents is only worth showing for longer texts. Stored, as
    /// every template field is (the reference renderer of the tests reads them
    /// by reflection).
    public let hasToc: Bool

    public init(html: String, toc: [TocEntry]) {
        self.html = html
        self.toc = toc
        hasToc = toc.count >= 3
    }
}

/// Templates read the fields of the case's view.
@TemplateFields
public enum PageContent: Sendable {
    case home(HomeView)
    case charter(CharterView)
    case programmes(ProgrammeListView)
    case programme(ProgrammeView)
    case roles(RoleListView)
    case role(RoleView)
    case frameworks(FrameworkListView)
    case framework(FrameworkView)
    case tutors(TutorListView)
    case tutor(TutorView)
    case tutees(TuteeListView)
    case tutee(TuteeView)
    case dashboard(DashboardView)
    case page(FreePageView)
    case notFound(NotFoundView)
    case search(SearchView)
    case results(ResultsView)
    case audit(AuditView)
    case survey(SurveyView)
}
