import TutoratSource

/// A document by kind and id: what a change touched.
public struct DocumentKey: Hashable, Sendable {
    public var kind: DocumentKind
    public var id: String

    package init(kind: DocumentKind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// What changed between the site the output shows and the new one.
package struct ContentChange {
    /// site.yml: every file is rendered again.
    package var config = false
    package var charter = false
    package var documents: Set<DocumentKey> = []
    /// Paths under content/assets/ that appeared, changed or disappeared.
    package var contentAssets = false
    /// Templates whose text changed (by name), the theme's words, its files.
    package var templates: Set<String> = []
    package var strings = false
    package var themeAssets = false
    /// Something in the theme changed that cannot be narrowed down.
    package var everything = false
    /// Only what is reported changed (a file that is ignored, a link): no file to render.
    package var listing = false
    /// A file under the site's `themes/` changed: the theme is to be read again.
    package var themeFiles = false
    /// One of those files may be one of the theme's assets (not a template, not its words).
    package var themeAssetFiles = false
    /// The content files that changed, relative to the site.
    package var sources: Set<String> = []

    package init() {}

    package var isEmpty: Bool {
        !config && !charter && documents.isEmpty && !contentAssets && templates.isEmpty && !strings && !themeAssets && !everything
    }

    package var touchesContent: Bool { config || charter || !documents.isEmpty || contentAssets }

    package mutating func formUnion(_ other: ContentChange) {
        config = config || other.config
        charter = charter || other.charter
        documents.formUnion(other.documents)
        contentAssets = contentAssets || other.contentAssets
        templates.formUnion(other.templates)
        strings = strings || other.strings
        themeAssets = themeAssets || other.themeAssets
        everything = everything || other.everything
        listing = listing || other.listing
        themeFiles = themeFiles || other.themeFiles
        themeAssetFiles = themeAssetFiles || other.themeAssetFiles
        sources.formUnion(other.sources)
    }
}

