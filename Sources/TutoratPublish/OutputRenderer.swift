import TutoratCore
import TutoratSource
import TutoratExports
import TutoratViews

/// The bytes of any output file of one state of the site: what `build`
/// writes and what `serve` rewrites after a change, from one function.
package struct OutputRenderer: @unchecked Sendable {
    package var views: SiteViews
    package var theme: LoadedTheme
    /// The site's folder, for the content assets copied as they are.
    package var root: String
    /// With `--keys`: turns a private page's or export's bytes into what is
    /// published (docs/visibility-and-encryption.md, "Encrypted private pages").
    package var seal: PageSealer?
    /// Files never to publish, whatever path leads to them (the keys file, also through a hard link).
    package var secrets: Set<Disk.Identity> = []

    package init(views: SiteViews, theme: LoadedTheme, root: String, seal: PageSealer? = nil,
                 secrets: Set<Disk.Identity> = []) {
        self.views = views
        self.theme = theme
        self.root = root
        self.seal = seal
        self.secrets = secrets
    }

    package func render(_ file: OutputFile) throws -> [UInt8] {
        try render(file, piece: .max) { _ in }
    }

    /// The bytes of a file, a page's handed to `spill` in pieces of `piece`
    /// bytes as they are rendered (the site-wide pages of a national network
    /// run to hundreds of megabytes); returns the bytes not spilled, all of
    /// them for every other file. A sealed page is encrypted whole, never spilled.
    package func render(_ file: OutputFile, piece: Int, spill: (UnsafeRawBufferPointer) -> Void) throws -> [UInt8] {
        switch file {
        case .page(let route):
            let page = try pageView(route)
            let sealed = seal != nil && PageSealer.owner(of: file, views: views) != nil
            guard let html = theme.theme.render(page, template: route.template, piece: sealed ? .max : piece, spill: spill) else {
                throw BuildFailure(description: "the theme has no template '\(route.template)'")
            }
            return try seal?.transform(file, page: page, html) ?? html
        case .export(let export):
            let bytes = views.bytes(of: export)
            return try seal?.transform(file, page: nil, bytes) ?? bytes
        case .searchIndex: return Array(SearchIndex.javascript(views).utf8)
        case .sitemap, .robots:
            guard let bytes = theme.theme.render(views.machineFiles, template: file.path, piece: piece, spill: spill) else {
                throw BuildFailure(description: "the theme has no template '\(file.path)'")
            }
            return bytes
        case .contentAsset(let relative): return try Disk.read(Disk.join(root, "content/assets", relative), refusing: secrets)
        case .themeAsset(let relative):
            guard let source = theme.assets.first(where: { $0.path == relative })?.source else {
                throw BuildFailure(description: "no theme file \(relative)")
            }
            return try source.read("assets/" + relative, refusing: secrets)
        }
    }

    /// The view of a page, with the body the content reader set aside for its
    /// document read again from the file; refused when the file no longer
    /// holds that text, as the page would mix two versions of it.
    package func pageView(_ route: Route) throws -> PageView {
        guard case .tutee(let id) = route, let info = views.site.tutee(id)?.info, info.setAsideBodyHash != nil else { return views.page(route) }
        let bytes = try Disk.read(Disk.join(root, info.path), refusing: secrets)
        guard let body = try? FrontMatterSplitter.split(bytes, file: info.path).body, info.isSetAsideBody(body) else {
            throw BuildFailure(description: "\(info.path) changed while the site was being built; build again")
        }
        return views.page(route, setAsideBody: body)
    }
}
