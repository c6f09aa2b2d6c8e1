import TutoratCore
import TutoratViews

/// The files for machines: the sitemap lists public pages only (not intranet
/// pages, which are kept from search engines, nor private ones).
package enum SiteFiles {
    package static func sitemap(_ views: SiteViews) -> String {
        let base = views.site.config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for route in views.routes where route != .notFound && views.visibility(route) == .public {
            xml += "  <url><loc>\(escape(base + route.path))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    package static func robots(_ views: SiteViews) -> String {
        var text = "User-agent: *\nAllow: /\n"
        if let base = views.site.config.baseURL {
            text += "Sitemap: \(base.hasSuffix("/") ? base : base + "/")sitemap.xml\n"
        }
        return text
    }

    package static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
