import TutoratSite
import TutoratViews

/// One file of the built site, as the live build tracks it: a page, an
/// export, a generated file or a copied asset. Its `path` is relative to the
/// output folder.
public enum OutputFile: Hashable, Sendable {
    case page(Route)
    case export(Export)
    case searchIndex, sitemap, robots
    /// A file of `content/assets/`, by its path under it.
    case contentAsset(String)
    /// A file of the theme's `assets/`, published under `theme/`.
    case themeAsset(String)

    public var path: String {
        switch self {
        case .page(let route): return route.outputFile
        case .export(let export): return export.path
        case .searchIndex: return Route.searchIndexFile
        case .sitemap: return "sitemap.xml"
        case .robots: return "robots.txt"
        case .contentAsset(let relative): return "assets/" + relative
        case .themeAsset(let relative): return "theme/" + relative
        }
    }

    /// Every file a snapshot writes, by path.
    package static func all(_ views: SiteViews, theme: LoadedTheme) -> [String: OutputFile] {
        var files: [OutputFile] = views.routes.map(OutputFile.page)
        files += views.exports.map(OutputFile.export)
        files += [.searchIndex, .sitemap, .robots]
        files += views.site.assets.map { .contentAsset($0.relativePath) }
        files += theme.assets.map { .themeAsset($0.path) }
        var byPath: [String: OutputFile] = [:]
        byPath.reserveCapacity(files.count)
        for file in files { byPath[file.path] = file }
        return byPath
    }
}
