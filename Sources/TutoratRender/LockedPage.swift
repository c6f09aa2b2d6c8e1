import Mustache
import TutoratViews

/// The page published in place of an encrypted private page: the site's
/// header, menu and footer, a passphrase form and the encrypted page itself.
/// It is built from the private page's view, but only from the fields every
/// page shares (menu, links, words); the page's title and content never reach
/// the template, so the plain text names no one.
public struct LockedPage {
    public var page: PageView
    /// A title that names no one ("Protected page").
    public var title: String
    /// The envelope as JSON, placed unescaped in a `<script type="application/json">`:
    /// `Envelope.json()` escapes `<`, `>` and `&`.
    public var envelope: String
    public var scriptHref: String
    /// Links of the page to its encrypted exports (its calendar, the evidence
    /// files), which the script fetches and decrypts when one is followed.
    public var exportHrefs: [String]

    public init(page: PageView, title: String, envelope: String, scriptHref: String, exportHrefs: [String]) {
        self.page = page
        self.title = title
        self.envelope = envelope
        self.scriptHref = scriptHref
        self.exportHrefs = exportHrefs
    }

    /// The layout's fields that come from the page as they are: none of them
    /// carries the page's own data.
    static let sharedFields: Set<String> = [
        "lang", "siteTitle", "organisation", "homeHref", "cssHref", "searchHref", "canonical", "noindex", "isPrivate",
        "menu", "breadcrumbs", "generator", "t",
    ]
}

extension LockedPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "documentTitle": return "\(title) · \(page.siteTitle)"
        case "envelope": return envelope
        case "scriptHref": return scriptHref
        case "exports": return exportHrefs.joined(separator: " ")
        default: return Self.sharedFields.contains(name) ? page.child(named: name) : nil
        }
    }
}

extension Theme {
    /// The template of locked pages; not a page kind of its own (no route).
    public static let lockedTemplate = "locked"

    public func render(_ locked: LockedPage) -> String? {
        library.render(locked, withTemplate: Self.lockedTemplate)
    }
}
