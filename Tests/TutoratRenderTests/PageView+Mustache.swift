import Mustache
import TutoratViews

/// A page's own fields come first; anything else is looked up in its content,
/// so a template writes `{{title}}` and `{{#objectives}}` alike.
extension PageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "lang": return self.lang
        case "title": return self.title
        case "documentTitle": return self.documentTitle
        case "siteTitle": return self.siteTitle
        case "organisation": return self.organisation
        case "homeHref": return self.homeHref
        case "cssHref": return self.cssHref
        case "searchHref": return self.searchHref
        case "canonical": return self.canonical
        case "noindex": return self.noindex
        case "isPrivate": return self.isPrivate
        case "menu": return self.menu
        case "breadcrumbs": return self.breadcrumbs
        case "generator": return self.generator
        case "t": return self.t
        default: return content.view.child(named: name)
        }
    }
}

extension PageContent {
    var view: any MustacheParent {
        switch self {
        case .home(let view): return view
        case .charter(let view): return view
        case .programmes(let view): return view
        case .programme(let view): return view
        case .roles(let view): return view
        case .role(let view): return view
        case .frameworks(let view): return view
        case .framework(let view): return view
        case .tutors(let view): return view
        case .tutor(let view): return view
        case .tutees(let view): return view
        case .tutee(let view): return view
        case .dashboard(let view): return view
        case .page(let view): return view
        case .notFound(let view): return view
        case .search(let view): return view
        }
    }
}
