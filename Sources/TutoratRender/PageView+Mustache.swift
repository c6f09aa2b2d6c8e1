import Mustache
import TutoratViews

/// A page's own fields come first; anything else is looked up in its content,
/// so a template writes `{{title}}` and `{{#objectives}}` alike.
extension PageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "lang": return lang
        case "title": return title
        case "documentTitle": return documentTitle
        case "siteTitle": return siteTitle
        case "organisation": return organisation
        case "homeHref": return homeHref
        case "cssHref": return cssHref
        case "canonical": return canonical
        case "noindex": return noindex
        case "isPrivate": return isPrivate
        case "menu": return menu
        case "breadcrumbs": return breadcrumbs
        case "generator": return generator
        case "t": return t
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
        }
    }
}
