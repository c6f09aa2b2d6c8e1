import TutoratViews

/// A page's own fields come first; anything else is looked up in its content,
/// so a template writes `{{title}}` and `{{#objectives}}` alike.
extension PageView: TemplateObject {
    public func templateValue(_ name: TemplateName) -> TemplateValue {
        switch name.key {
        case .lang?: return lang.templateValue
        case .title?: return title.templateValue
        case .documentTitle?: return documentTitle.templateValue
        case .siteTitle?: return siteTitle.templateValue
        case .organisation?: return organisation.templateValue
        case .homeHref?: return homeHref.templateValue
        case .cssHref?: return cssHref.templateValue
        case .searchHref?: return searchHref.templateValue
        case .canonical?: return canonical.templateValue
        case .noindex?: return noindex.templateValue
        case .isPrivate?: return isPrivate.templateValue
        case .menu?: return menu.templateValue
        case .breadcrumbs?: return breadcrumbs.templateValue
        case .generator?: return generator.templateValue
        case .t?: return t.templateValue
        default: return content.templateValue(name)
        }
    }
}

extension PageContent {
    /// A switch rather than an existential, which would copy the view into a box on every lookup.
    func templateValue(_ name: TemplateName) -> TemplateValue {
        switch self {
        case .home(let view): return view.templateValue(name)
        case .charter(let view): return view.templateValue(name)
        case .programmes(let view): return view.templateValue(name)
        case .programme(let view): return view.templateValue(name)
        case .roles(let view): return view.templateValue(name)
        case .role(let view): return view.templateValue(name)
        case .frameworks(let view): return view.templateValue(name)
        case .framework(let view): return view.templateValue(name)
        case .tutors(let view): return view.templateValue(name)
        case .tutor(let view): return view.templateValue(name)
        case .tutees(let view): return view.templateValue(name)
        case .tutee(let view): return view.templateValue(name)
        case .dashboard(let view): return view.templateValue(name)
        case .page(let view): return view.templateValue(name)
        case .notFound(let view): return view.templateValue(name)
        case .search(let view): return view.templateValue(name)
        }
    }
}
