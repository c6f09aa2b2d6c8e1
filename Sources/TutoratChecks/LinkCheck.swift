import TutoratCore
import TutoratSite
import TutoratSource
import TutoratViews

/// Checks the links written in Markdown bodies against the pages and assets
/// the site will have: a link to `/roles/tutuer/` is an error with a
/// did-you-mean, found before anyone clicks it. Links to other sites, `mailto:`
/// and same-page anchors are not checked.
public enum LinkCheck {
    public static func check(_ views: SiteViews) -> [Diagnostic] {
        let site = views.site
        var targets = Set(views.routes.map(\.path))
        targets.formUnion(site.assets.map { "assets/" + $0.relativePath })
        targets.formUnion(["sitemap.xml", "robots.txt"])

        var diagnostics: [Diagnostic] = []
        for (info, route) in views.documentPages {
            for link in info.links {
                guard let path = target(of: link.destination, from: route.path) else { continue }
                guard let resolved = path.resolved else {
                    diagnostics.append(.error("E-LINK", "the link '\(link.destination)' leads outside the site", at: link.location))
                    continue
                }
                if targets.contains(resolved) || targets.contains(resolved + "/") { continue }
                let page = resolved.hasSuffix("index.html") ? String(resolved.dropLast("index.html".count)) : resolved
                if targets.contains(page) { continue }
                let guess = Suggestion.closest(to: page, among: targets, maxDistance: 3).map { " (did you mean '/\($0)'?)" } ?? ""
                diagnostics.append(.error("E-LINK", "the link '\(link.destination)' leads to no page or file of the site\(guess)",
                                          at: link.location,
                                          hint: "write links to pages from the site root, like /charter/ or /roles/tuteur/; files go in content/assets/"))
            }
        }
        return diagnostics
    }

    package struct Target {
        /// The path from the site root, or nil when `..` climbs above it.
        var resolved: String?
    }

    /// The site path a destination points to, or nil when it is not a link
    /// into the site (a scheme, `//host`, a bare `#anchor`).
    package static func target(of destination: String, from folder: String) -> Target? {
        var path = Substring(destination)
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
        if path.isEmpty || path.hasPrefix("//") { return nil }
        if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return nil }
        let absolute = path.hasPrefix("/")
        var segments: [Substring] = absolute ? [] : folder.split(separator: "/")
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if segments.isEmpty { return Target(resolved: nil) }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        var resolved = segments.joined(separator: "/")
        if path.hasSuffix("/"), !resolved.isEmpty { resolved += "/" }
        return Target(resolved: resolved)
    }
}
