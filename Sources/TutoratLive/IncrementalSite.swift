import Foundation
import TutoratCore
import TutoratIndicators
import TutoratMarkdown
import TutoratSite
import TutoratSource
import TutoratViews
import TutoratPublish
import TutoratLoad
import TutoratChecks

/// Everything needed to render any file of one state of the site. A value:
/// rendering threads keep the snapshot they started with while the next
/// change is being read.
package struct SiteSnapshot: @unchecked Sendable {
    package var views: SiteViews
    package var theme: LoadedTheme
    package var root: String
    /// Files never to publish (`Encryption.secretFiles`).
    package var secrets: Set<Disk.Identity>
    /// Every file this state writes, by path under the output.
    package var outputs: [String: OutputFile]
    /// Template name to text, for following includes when a template changes.
    package var templateTexts: [String: String]

    /// The bytes of one output file, exactly as `tutorat build` writes them.
    package func render(_ file: OutputFile) throws -> [UInt8] {
        try OutputRenderer(views: views, theme: theme, root: root, secrets: secrets).render(file)
    }
}

/// The content of a site kept in memory between rebuilds. A change reads and
/// decodes only the files it names, resolves the site again and says which
/// output files are stale (`DependencyGraph`); the rest of the decoded content
/// is reused. What it reports equals what `check` reports on the same files,
/// and what it renders equals what `build` writes (the tests compare both).
///
/// Not thread-safe: one owner (the live build's update queue) calls it.
package final class IncrementalSite {
    package let root: String
    package let fallbackAsOf: Day
    package let generator: String
    /// Replaces the site's `base_url` when it has one (serve: "/", so links stay on the local server).
    package let baseURLOverride: String?

    /// The content, as `check` and `build` read it, kept between changes.
    private let content: ContentReader
    private var theme: (key: String, theme: LoadedTheme?, diagnostics: [Diagnostic], texts: [String: String])?

    /// The last state without errors, which the output shows or is being brought to.
    private(set) var current: SiteSnapshot?
    /// Every problem of the last full pass, as `check` lists them.
    private(set) var diagnostics: [Diagnostic] = []
    /// What changed since `current`, gathered while the site has errors.
    private var pending = ContentChange()

    package init(site: String, fallbackAsOf: Day, generator: String, baseURLOverride: String? = nil) {
        root = Disk.absolute(site)
        content = ContentReader(site: root)
        self.fallbackAsOf = fallbackAsOf
        self.generator = generator
        self.baseURLOverride = baseURLOverride
    }

    /// Reads what changed: the named paths (absolute, or relative to the site),
    /// or, with nil, everything; the theme again when one of its files or site.yml changed.
    package func read(_ paths: Set<String>?) -> ContentChange {
        var change = content.read(paths)
        if change.themeFiles || change.config { readTheme(into: &change) }
        return change
    }

    /// Loads the theme again and says what in it changed.
    private func readTheme(into change: inout ContentChange) {
        guard let config = content.siteConfig else { return }
        let key = themeKey(config)
        let (loaded, diagnostics) = LoadedTheme.load(site: root, config: config, previous: theme?.key == key ? theme?.theme : nil)
        let texts = loaded?.templateTexts ?? [:]
        defer { theme = (key, loaded, diagnostics, texts) }
        guard let previous = theme, previous.key == key, let before = previous.theme, let loaded else {
            change.everything = true
            return
        }
        for name in Set(texts.keys).union(previous.texts.keys) where texts[name] != previous.texts[name] {
            change.templates.insert(name)
        }
        if before.strings.table != loaded.strings.table { change.strings = true }
        if change.themeAssetFiles || before.assets.map(\.path) != loaded.assets.map(\.path) { change.themeAssets = true }
    }

    // MARK: - Passes

    package struct Update {
        /// Every problem of the site (unsorted), as `check` reports them.
        var diagnostics: [Diagnostic]
        /// The new state when there is no error.
        var snapshot: SiteSnapshot?
        /// Output files to render again, and files to delete.
        var stale: [String: OutputFile] = [:]
        var removed: [String] = []
        /// The documents' own pages, worth rendering first.
        var primary: Set<OutputFile> = []
    }

    /// Reads the changes, resolves the whole site and says what is stale.
    package func update(_ paths: Set<String>?) -> Update {
        resolve(read(paths))
    }

    /// The checks of the content from the last full pass (load, resolve,
    /// rules; links once a theme allowed views): they stand while only the theme changes.
    private var lastContent: (base: [Diagnostic], site: Site?, links: [Diagnostic]?)?

    /// Resolves the whole site with the changes `read` returned and says what is stale.
    package func resolve(_ change: ContentChange) -> Update {
        pending.formUnion(change)
        if current == nil { pending.everything = true }
        // The same stages as SiteBuilder.prepare: load, resolve, theme, rules, links.
        // A name reported or no longer (an ignored file, a link) changes the report, not the pages.
        if pending.touchesContent || pending.listing || lastContent == nil {
            let (content, loadDiagnostics) = self.content.assemble(baseURLOverride: baseURLOverride)
            guard let content else {
                lastContent = nil
                diagnostics = loadDiagnostics
                return Update(diagnostics: loadDiagnostics)
            }
            if theme == nil || theme?.key != themeKey(content.config) {
                var ignored = ContentChange()
                readTheme(into: &ignored)
                pending.everything = true
            }
            let (site, siteDiagnostics) = SiteResolver.resolve(content, fallbackAsOf: fallbackAsOf)
            var base = loadDiagnostics + siteDiagnostics
            if let site { base += DomainRules.alerts(for: site).map(\.diagnostic) }
            lastContent = (base, site, nil)
        }
        guard var last = lastContent else { return Update(diagnostics: diagnostics) }
        var all = last.base + (theme?.diagnostics ?? [])
        var snapshot: SiteSnapshot?
        var outputsStand = false
        if let site = last.site, let loaded = theme?.theme {
            // Only templates or theme files changed: the views of the current state stand.
            let sameViews = !pending.touchesContent && !pending.strings && !pending.everything && current != nil
            let views = sameViews ? current!.views : SiteViews(site: site, strings: loaded.strings, generator: generator)
            if last.links == nil {
                last.links = LinkCheck.check(views) + PrivateNameCheck.check(views)
                lastContent = last
            }
            all += last.links ?? []
            if !all.hasErrors, let made = makeSnapshot(views, sameViews: sameViews) { (snapshot, outputsStand) = made }
        }
        diagnostics = all
        guard let snapshot else { return Update(diagnostics: all) }

        let previous = current
        let stale = DependencyGraph.affected(by: pending, old: previous?.views, new: snapshot.views, newOutputs: snapshot.outputs,
                                             oldOutputs: previous?.outputs ?? [:], templates: snapshot.templateTexts)
        let removed = outputsStand ? [] : (previous?.outputs.keys).map { $0.filter { snapshot.outputs[$0] == nil } } ?? []
        var primary = Set<OutputFile>()
        for key in pending.documents { primary.formUnion(Self.ownFiles(key)) }
        if pending.charter { primary.insert(.page(.charter)) }
        current = snapshot
        pending = ContentChange()
        return Update(diagnostics: all, snapshot: snapshot, stale: stale, removed: removed.sorted(),
                      primary: primary.filter { snapshot.outputs[$0.path] != nil })
    }

    package static func ownFiles(_ key: DocumentKey) -> [OutputFile] {
        switch key.kind {
        case .tutee: return [.page(.tutee(key.id)), .export(.tuteeCalendar(key.id))]
        case .tutor: return [.page(.tutor(key.id)), .export(.tutorCalendar(key.id))]
        case .programme: return [.page(.programme(key.id)), .export(.evidence(key.id))]
        case .role: return [.page(.role(key.id))]
        case .framework: return [.page(.framework(key.id))]
        case .page: return [.page(.page(key.id))]
        case .survey: return [.page(.survey(key.id))]
        }
    }

    private func themeKey(_ config: SiteConfig) -> String { "\(config.theme)|\(config.language.rawValue)|\(config.path)" }

    /// The state to render, and whether its list of files is the current one's.
    private func makeSnapshot(_ views: SiteViews, sameViews: Bool) -> (SiteSnapshot, outputsStand: Bool)? {
        guard let theme, let loaded = theme.theme else { return nil }
        // The same pages and the same theme files: the list of files stands too.
        let current = sameViews ? current : nil
        let outputsStand = current.map { $0.theme.assets.map(\.path) == loaded.assets.map(\.path) } ?? false
        let outputs = outputsStand ? current!.outputs : OutputFile.all(views, theme: loaded)
        return (SiteSnapshot(views: views, theme: loaded, root: root, secrets: Encryption.secretFiles(site: root, keys: nil), outputs: outputs,
                             templateTexts: theme.texts), outputsStand)
    }

    // MARK: - The quick path

    /// A first answer for the commonest edit, a tutee file saved: the tutee's
    /// own page and calendar, rendered from a small site that holds the tutee,
    /// every programme, framework, tutor, role and page, and the other tutees
    /// of its tutor (what a tutee page shows), and checked there. They can be
    /// written before the whole site is resolved again. The full pass that
    /// follows (`resolve`) stays the reference: it renders every stale file
    /// and rewrites these two only if it disagrees.
    package struct Quick {
        var snapshot: SiteSnapshot
        var diagnostics: [Diagnostic]
        var files: [OutputFile]
    }

    /// A quick state for the changes `read` returned, when they allow one;
    /// `resolve` must follow, on the same changes.
    package func quick(_ change: ContentChange) -> Quick? {
        guard let current, pending.isEmpty, !change.documents.isEmpty, !change.config, !change.charter, !change.contentAssets,
              change.templates.isEmpty, !change.strings, !change.themeAssets, !change.everything,
              change.documents.allSatisfy({ $0.kind == .tutee }) else { return nil }
        let site = current.views.site
        var tutees: [Tutee] = []
        for key in change.documents {
            // A deleted or unreadable tutee: the full pass only.
            guard case .tutee(let tutee)? = content.document(key)?.document else { return nil }
            tutees.append(tutee)
        }
        let changed = Set(tutees.map(\.info.id))
        let files = Set(tutees.map(\.info.path))
        var mini = ContentSet(config: site.config)
        mini.charter = site.charter
        mini.programmes = site.programmes
        mini.roles = site.roles
        mini.frameworks = site.frameworks
        mini.tutors = site.tutors
        mini.pages = site.pages
        mini.assets = site.assets
        mini.tutees = tutees
        // A tutor's capacity counts all their tutees.
        let tutorIDs = Set(tutees.map(\.tutor.value))
        for id in tutorIDs {
            for tutee in site.tutees(ofTutor: id) where !changed.contains(tutee.info.id) { mini.tutees.append(tutee) }
        }
        let (miniSite, miniDiagnostics) = SiteResolver.resolve(mini, fallbackAsOf: fallbackAsOf)
        // A tutee now past their retention date has no page to render: the full pass removes their files.
        guard let miniSite, changed.allSatisfy({ miniSite.tutee($0) != nil }) else { return nil }
        var diagnostics = tutees.flatMap { content.document(DocumentKey(kind: .tutee, id: $0.info.id))?.diagnostics ?? [] }
        diagnostics += miniDiagnostics.filter { $0.location.map { files.contains($0.file) } == true }
        let tutorFiles = Set(tutorIDs.compactMap { site.tutor($0)?.info.path })
        diagnostics += DomainRules.alerts(for: miniSite).map(\.diagnostic).filter {
            guard let file = $0.location?.file else { return false }
            return files.contains(file) || tutorFiles.contains(file)
        }
        let views = SiteViews(site: miniSite, strings: current.theme.strings, generator: generator)
        // A link to another tutee's page is not in the small site: the full pass decides then.
        diagnostics += LinkCheck.check(views).filter { $0.location.map { files.contains($0.file) } == true }
        var snapshot = current
        snapshot.views = views
        return Quick(snapshot: snapshot, diagnostics: diagnostics, files: change.documents.flatMap(Self.ownFiles))
    }

}
