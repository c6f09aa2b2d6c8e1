/// Writes links from one page to another. Without a `base_url` every link is
/// relative and names `index.html`, so the site works opened from disk
/// (file:// shows no folder index) and from any sub-path of a server. With a
/// `base_url`, links are absolute pretty URLs.
public struct Linker: Sendable {
    public let baseURL: String?
    /// The folder of the page being written, relative to the site root.
    public let from: String

    public init(baseURL: String?, from path: String) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        // 404.html sits at the root; any other path is a folder.
        self.from = path.hasSuffix("/") ? path : ""
    }

    /// The prefix that leads from the current page back to the site root.
    public var root: String {
        if let baseURL { return baseURL }
        let depth = from.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        return String(repeating: "../", count: depth)
    }

    /// A link to a site path: a page folder ("tutees/marie/", "" for home) or a file ("assets/x.pdf", "theme/site.css").
    public func href(_ path: String) -> String {
        let isFolder = path.isEmpty || path.hasSuffix("/")
        if baseURL != nil { return root + path }
        return root + path + (isFolder ? "index.html" : "")
    }

    public func href(_ route: Route) -> String { href(route == .notFound ? route.path : route.path) }

    /// Rewrites a destination written in Markdown. Site-absolute links
    /// (`/charter/`, `/assets/plan.pdf#page=2`) become links from this page;
    /// anything else (external, relative, `#anchor`, `mailto:`) is kept.
    public func rewrite(_ destination: String) -> String {
        guard destination.hasPrefix("/"), !destination.hasPrefix("//") else { return destination }
        var path = Substring(destination.dropFirst())
        var suffix = ""
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[cut...])
            path = path[..<cut]
        }
        return href(String(path)) + suffix
    }
}
