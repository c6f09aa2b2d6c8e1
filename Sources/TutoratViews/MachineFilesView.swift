import TutoratMustache

/// What the files for machines say, for the theme's `sitemap.xml` and
/// `robots.txt` templates: the public pages only (not intranet pages, which
/// are kept from search engines, nor private ones).
@TemplateFields
public struct MachineFilesView: Sendable {
    /// Every public page, by its address (absolute with a `base_url`).
    public var pages: [SitemapPage]
    /// The sitemap's absolute address, when the site has a `base_url`.
    public var sitemapURL: String?
}

@TemplateFields
public struct SitemapPage: Sendable {
    public var loc: String
}

extension SiteViews {
    public var machineFiles: MachineFilesView {
        let base = site.config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let pages = routes.filter { $0 != .notFound && visibility($0) == .public }.map { SitemapPage(loc: (base ?? "") + $0.path) }
        return MachineFilesView(pages: pages, sitemapURL: base.map { $0 + "sitemap.xml" })
    }
}
