import TutoratViews

/// The bytes of any output file of one state of the site: what `build`
/// writes and what `serve` rewrites after a change, from one function.
struct OutputRenderer: @unchecked Sendable {
    var views: SiteViews
    var theme: LoadedTheme
    /// The site's folder, for the content assets copied as they are.
    var root: String

    func render(_ file: OutputFile) throws -> [UInt8] {
        switch file {
        case .page(let route):
            guard let html = theme.theme.render(views.page(route), template: route.template) else {
                throw BuildFailure(description: "the theme has no template '\(route.template)'")
            }
            return html
        case .export(let export): return Array(views.render(export).utf8)
        case .searchIndex: return Array(SearchIndex.javascript(views).utf8)
        case .sitemap: return Array(SiteFiles.sitemap(views).utf8)
        case .robots: return Array(SiteFiles.robots(views).utf8)
        case .contentAsset(let relative): return try Disk.read(Disk.join(root, "content/assets", relative))
        case .themeAsset(let relative):
            guard let source = theme.assets.first(where: { $0.path == relative })?.source else {
                throw BuildFailure(description: "no theme file \(relative)")
            }
            return try Disk.read(source)
        }
    }
}
