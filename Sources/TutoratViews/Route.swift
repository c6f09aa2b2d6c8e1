/// Every page the generator writes, and where. Paths are stable and in English
/// whatever the site's language (the contract, section 3).
public enum Route: Hashable, Sendable {
    case home, charter, dashboard, notFound
    case programmes, programme(String)
    case roles, role(String)
    case frameworks, framework(String)
    case tutors, tutor(String)
    case tutees, tutee(String)
    case page(String)
    /// The search page: searches the public pages only, in the browser.
    case search
    /// The published results of the scheme.
    case results
    /// The audit pack: the evidence of the follow-up, for a quality audit.
    case audit
    /// A survey as a form, to print or fill in.
    case survey(String)

    /// The page's folder relative to the site root: "" for home, "tutees/marie/".
    public var path: String {
        switch self {
        case .home: return ""
        case .charter: return "charter/"
        case .dashboard: return "dashboard/"
        case .notFound: return "404.html"
        case .programmes: return "programmes/"
        case .programme(let id): return "programmes/\(id)/"
        case .roles: return "roles/"
        case .role(let id): return "roles/\(id)/"
        case .frameworks: return "frameworks/"
        case .framework(let id): return "frameworks/\(id)/"
        case .tutors: return "tutors/"
        case .tutor(let id): return "tutors/\(id)/"
        case .tutees: return "tutees/"
        case .tutee(let id): return "tutees/\(id)/"
        case .page(let id): return "\(id)/"
        case .search: return "search/"
        case .results: return "results/"
        case .audit: return "dashboard/audit/"
        case .survey(let id): return "surveys/\(id)/"
        }
    }

    /// The file written for the page.
    public var outputFile: String {
        self == .notFound ? path : path + "index.html"
    }

    /// The theme template that renders this kind of page.
    public var template: String {
        switch self {
        case .home: return "home"
        case .charter: return "charter"
        case .dashboard: return "dashboard"
        case .notFound: return "404"
        case .programmes: return "programmes"
        case .programme: return "programme"
        case .roles: return "roles"
        case .role: return "role"
        case .frameworks: return "frameworks"
        case .framework: return "framework"
        case .tutors: return "tutors"
        case .tutor: return "tutor"
        case .tutees: return "tutees"
        case .tutee: return "tutee"
        case .page: return "page"
        case .search: return "search"
        case .results: return "results"
        case .audit: return "audit"
        case .survey: return "survey"
        }
    }

    /// The search index, written next to the search page as a script: a page
    /// opened from disk may load a script but not fetch a JSON file.
    public static let searchIndexFile = "search/search-index.js"

    public static let templates = [
        "home", "charter", "dashboard", "404", "programmes", "programme", "roles", "role",
        "frameworks", "framework", "tutors", "tutor", "tutees", "tutee", "page", "search", "results", "audit", "survey",
    ]
}
