import TutoratMustache
import TutoratViews

/// The page published in place of an encrypted private page: the site's
/// header, menu and footer, a passphrase form and the encrypted page itself.
/// It is built from the private page's view, but only from the fields every
/// page shares (menu, links, words); the page's title and content never reach
/// the template, so the plain text names no one.
public struct LockedPage {
    public var page: PageView
    /// The envelope as JSON, placed unescaped in a `<script type="application/json">`:
    /// `Envelope.json()` escapes `<`, `>` and `&`.
    public var envelope: String
    public var scriptHref: String
    /// The link from this page to the site root ("../../", or the base_url):
    /// the script computes the page's own path from it and the address it is
    /// read at, and refuses an envelope published for another path.
    public var rootHref: String
    /// Links of the page to its encrypted exports (its calendar, the evidence
    /// files), which the script fetches and decrypts when one is followed.
    public var exportHrefs: [String]

    /// `link` leads from the page's own folder; `exports` are the paths of its
    /// encrypted exports in the site.
    public init(page: PageView, envelope: String, link: Linker, exports: [String]) {
        self.page = page
        self.envelope = envelope
        scriptHref = link.href("theme/decrypt.js")
        rootHref = link.root.isEmpty ? "./" : link.root
        exportHrefs = exports.map(link.href)
    }

    /// A title that names no one ("Protected page").
    public var title: String { page.t["locked_title"] ?? "locked_title" }

    /// The layout's fields that come from the page as they are: none of them
    /// carries the page's own data.
    static let sharedFields: Set<String> = [
        "lang", "siteTitle", "organisation", "homeHref", "cssHref", "searchHref", "canonical", "noindex", "isPrivate",
        "menu", "breadcrumbs", "generator", "t",
    ]
}

extension LockedPage: TemplateObject {
    public func templateValue(_ name: TemplateName) -> TemplateValue {
        switch name.text {
        case "title": return .text(title)
        case "documentTitle": return .text("\(title) · \(page.siteTitle)")
        case "envelope": return .text(envelope)
        case "scriptHref": return .text(scriptHref)
        case "rootHref": return .text(rootHref)
        case "exports": return .text(exportHrefs.joined(separator: " "))
        default: return Self.sharedFields.contains(name.text) ? page.templateValue(name) : .null
        }
    }
}

extension Theme {
    /// The template of locked pages; not a page kind of its own (no route).
    public static let lockedTemplate = "locked"

    public func render(_ locked: LockedPage) -> [UInt8]? {
        render(locked.templateValue, template: Self.lockedTemplate)
    }
}
