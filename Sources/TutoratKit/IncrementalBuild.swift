import Foundation
import TutoratCore
import TutoratIndicators
import TutoratMarkdown
import TutoratSite
import TutoratSource
import TutoratViews

/// Everything needed to render any file of one state of the site. A value:
/// rendering threads keep the snapshot they started with while the next
/// change is being read.
struct SiteSnapshot: @unchecked Sendable {
    var views: SiteViews
    var theme: LoadedTheme
    var root: String
    /// Files never to publish (`Encryption.secretFiles`).
    var secrets: Set<Disk.Identity>
    /// Every file this state writes, by path under the output.
    var outputs: [String: OutputFile]
    /// Template name to text, for following includes when a template changes.
    var templateTexts: [String: String]

    /// The bytes of one output file, exactly as `tutorat build` writes them.
    func render(_ file: OutputFile) throws -> [UInt8] {
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
final class IncrementalSite {
    let root: String
    let fallbackAsOf: Day
    let generator: String
    /// Replaces the site's `base_url` when it has one (serve: "/", so links stay on the local server).
    let baseURLOverride: String?

    private struct DocumentRecord {
        var kind: DocumentKind
        var id: String
        var hash: Int
        var fingerprint: Fingerprint?
        var document: Document?
        var diagnostics: [Diagnostic]
    }

    enum Document {
        case programme(Programme), role(Role), framework(Framework), tutor(Tutor), tutee(Tutee), page(Page)
    }

    private struct SingleFile<Value> {
        var hash: Int
        var value: Value?
        var diagnostics: [Diagnostic]
    }

    private var contentDiagnostics: [Diagnostic] = []
    private var config: SingleFile<SiteConfig>?
    private var charter: SingleFile<Charter>?
    /// Document files by path under the site ("content/tutees/marie.md").
    private var documents: [String: DocumentRecord] = [:]
    private var sortedPaths: [DocumentKind: [String]] = [:]
    /// Warnings and errors about names in the folders (not a document, bad id, link).
    private var listing: [String: Diagnostic] = [:]
    private var assets: [Asset] = []
    private var assetDiagnostics: [Diagnostic] = []
    private var assetFingerprints: [String: Fingerprint] = [:]

    private var theme: (key: String, theme: LoadedTheme?, diagnostics: [Diagnostic], texts: [String: String])?

    /// The last state without errors, which the output shows or is being brought to.
    private(set) var current: SiteSnapshot?
    /// Every problem of the last full pass, as `check` lists them.
    private(set) var diagnostics: [Diagnostic] = []
    /// What changed since `current`, gathered while the site has errors.
    private var pending = ContentChange()

    init(site: String, fallbackAsOf: Day, generator: String, baseURLOverride: String? = nil) {
        root = Disk.absolute(site)
        self.fallbackAsOf = fallbackAsOf
        self.generator = generator
        self.baseURLOverride = baseURLOverride
    }

    // MARK: - Reading changes

    /// Reads what changed: the named paths (absolute, or relative to the site),
    /// or, with nil, everything (files are decoded again only if their bytes changed).
    func read(_ paths: Set<String>?) -> ContentChange {
        var change = ContentChange()
        guard let paths else {
            readConfig(into: &change)
            readCharter(into: &change)
            readTopLevel(into: &change)
            for kind in DocumentKind.allCases { rescan(kind, into: &change) }
            readAssets(into: &change)
            readTheme(into: &change)
            return change
        }
        var rescanKinds = Set<DocumentKind>()
        var files: [(DocumentKind, String)] = []
        var topLevel = false, assets = false, theme = false, everything = false
        let contentPrefix = root + "/content"
        for raw in paths {
            let path = raw.hasPrefix("/") ? Disk.absolute(raw) : Disk.absolute(Disk.join(root, raw))
            guard path == contentPrefix || path.hasPrefix(contentPrefix + "/") else {
                if isThemePath(path) { theme = true }
                continue
            }
            let parts = path.dropFirst(contentPrefix.count).split(separator: "/")
            guard let first = parts.first else { everything = true; continue }
            if first == "assets" { assets = true; if parts.count == 1 { topLevel = true }; continue }
            if parts.count == 1 {
                switch first {
                case "site.yml": readConfig(into: &change)
                case "charter.md": readCharter(into: &change)
                default:
                    if let kind = DocumentKind.forFolder(first) { rescanKinds.insert(kind) }
                }
                topLevel = true
                continue
            }
            guard let kind = DocumentKind.forFolder(first) else { continue }
            // Files deeper in a folder are not read; only the subfolder itself is reported.
            files.append((kind, "content/\(kind.folder)/\(parts[1])"))
        }
        if everything { return read(nil) }
        if topLevel { readTopLevel(into: &change) }
        for kind in rescanKinds { rescan(kind, into: &change) }
        for kind in DocumentKind.allCases where !rescanKinds.contains(kind) {
            let paths = files.filter { $0.0 == kind }.map(\.1)
            if !paths.isEmpty { classify(Array(Set(paths)).sorted(), kind: kind, into: &change) }
        }
        if assets { readAssets(into: &change) }
        if theme || change.config { readTheme(into: &change) }
        return change
    }

    private func isThemePath(_ path: String) -> Bool {
        path == root + "/themes" || path.hasPrefix(root + "/themes/")
    }

    private func readConfig(into change: inout ContentChange) {
        let path = "content/site.yml"
        let absolute = Disk.join(root, path)
        var diagnostics: [Diagnostic] = []
        var value: SiteConfig?
        var hash = 0
        if Disk.kind(Disk.join(root, "content")) != .directory {
            diagnostics = [.error("E-SITE", "no content folder in \(root)", at: nil,
                                  hint: "run tutorat in the folder that holds content/site.yml, or pass --site DIR")]
        } else if !Disk.exists(absolute) {
            diagnostics = [.error("E-SITE", "the site has no site.yml", at: SourceLocation(file: path),
                                  hint: "create content/site.yml with at least 'title' and 'organisation'")]
        } else {
            switch ContentLoader.read(absolute, display: path) {
            case .success(let bytes):
                hash = Self.hash(bytes)
                if let config, config.hash == hash, hash != 0 { return }
                let decoded = DocumentDecoder.siteConfig(bytes, path: path)
                value = decoded.value
                diagnostics = decoded.diagnostics
            case .failure(let error):
                diagnostics = [error.diagnostic]
            }
        }
        config = SingleFile(hash: hash, value: value, diagnostics: diagnostics)
        change.config = true
        change.sources.insert(path)
    }

    private func readCharter(into change: inout ContentChange) {
        let path = "content/charter.md"
        let absolute = Disk.join(root, path)
        guard Disk.exists(absolute) else {
            if charter != nil { change.charter = true; change.sources.insert(path) }
            charter = nil
            return
        }
        switch ContentLoader.read(absolute, display: path) {
        case .success(let bytes):
            let hash = Self.hash(bytes)
            if let charter, charter.hash == hash { return }
            let decoded = DocumentDecoder.charter(bytes, path: path)
            charter = SingleFile(hash: hash, value: decoded.value, diagnostics: decoded.diagnostics)
        case .failure(let error):
            charter = SingleFile(hash: 0, value: nil, diagnostics: [error.diagnostic])
        }
        change.charter = true
        change.sources.insert(path)
    }

    /// Names directly in content/ that are not part of the format.
    private func readTopLevel(into change: inout ContentChange) {
        let known = ["site.yml", "charter.md", "assets"] + DocumentKind.allCases.map(\.folder)
        let before = contentDiagnostics
        defer { if contentDiagnostics != before { change.listing = true } }
        contentDiagnostics = Disk.list(Disk.join(root, "content")).filter { !ContentLoader.ignored($0) && !known.contains($0) }.map {
            .warning("W-IGNORED", "ignored: not part of the content format", at: SourceLocation(file: "content/\($0)"),
                     hint: "free pages go in content/pages/, files to publish as they are in content/assets/")
        }
    }

    /// Lists a kind's folder again: new, changed and removed files.
    private func rescan(_ kind: DocumentKind, into change: inout ContentChange) {
        let folder = "content/\(kind.folder)"
        let link = ContentLoader.linkWarning(folder, in: root)
        if listing[folder] != link { listing[folder] = link; change.listing = true }
        let names = Disk.list(Disk.join(root, folder)).filter { !ContentLoader.ignored($0) }
        let present = Set(names.map { "\(folder)/\($0)" })
        let gone = (sortedPaths[kind] ?? []).filter { !present.contains($0) }
        classify(gone, kind: kind, into: &change)
        for path in listing.keys where path.hasPrefix(folder + "/") && !present.contains(path) {
            listing[path] = nil
            change.listing = true
        }
        classify(present.sorted(), kind: kind, trustFingerprint: true, into: &change)
    }

    private func classify(_ path: String, kind: DocumentKind, into change: inout ContentChange) {
        classify([path], kind: kind, into: &change)
    }

    private enum Inspection {
        case gone
        case listed(Diagnostic)
        case document(id: String)
    }

    /// What a name of a kind's folder is, the way ContentLoader sees it.
    private func inspect(_ path: String, kind: DocumentKind) -> Inspection {
        let name = String(path.split(separator: "/").last ?? "")
        guard !ContentLoader.ignored(name), let type = Disk.kind(Disk.join(root, path)) else { return .gone }
        if type == .symlink { return .listed(ContentLoader.symlinkWarning(path)) }
        guard type == .file, let ext = kind.extensions.first(where: { name.hasSuffix($0) }) else {
            return .listed(.warning("W-IGNORED", "ignored: only \(kind.extensions.joined(separator: " or ")) files are read in content/\(kind.folder)/",
                                    at: SourceLocation(file: path)))
        }
        let id = String(name.dropLast(ext.count))
        guard Identifier.isValid(id) else {
            return .listed(.error("E-ID", "the file name '\(id)' is not a valid id", at: SourceLocation(file: path),
                                  hint: "rename it to '\(HeadingID.slug(id))\(ext)': lowercase letters, digits and hyphens only"))
        }
        return .document(id: id)
    }

    /// Reads names of a kind's folder, decoding the files whose bytes changed on every core.
    /// With `trustFingerprint`, a file whose size, time and inode did not change is not read again.
    private func classify(_ paths: [String], kind: DocumentKind, trustFingerprint: Bool = false, into change: inout ContentChange) {
        var jobs: [(path: String, id: String, existing: DocumentRecord?)] = []
        var outcomes: [String: DocumentRecord?] = [:]
        for path in paths {
            let listed = listing.removeValue(forKey: path)
            switch inspect(path, kind: kind) {
            case .gone: outcomes[path] = .some(nil)
            case .listed(let diagnostic):
                listing[path] = diagnostic
                outcomes[path] = .some(nil)
            case .document(let id): jobs.append((path, id, documents[path]))
            }
            if listing[path] != listed { change.listing = true }
        }
        let root = self.root
        let loaded = parallelMap(jobs, chunkSize: 8) { job in
            Self.load(job.path, kind: kind, id: job.id, absolute: Disk.join(root, job.path), existing: job.existing,
                      trustFingerprint: trustFingerprint)
        }
        for (job, record) in zip(jobs, loaded) { outcomes[job.path] = .some(record) }
        for path in paths { store(outcomes[path] ?? nil, at: path, kind: kind, change: &change) }
    }

    /// A document file's record: the existing one when its bytes did not change, else decoded again.
    private static func load(_ path: String, kind: DocumentKind, id: String, absolute: String, existing: DocumentRecord?,
                             trustFingerprint: Bool) -> DocumentRecord {
        let fingerprint = Fingerprint(absolute)
        if trustFingerprint, let existing, existing.fingerprint != nil, existing.fingerprint == fingerprint { return existing }
        switch ContentLoader.read(absolute, display: path) {
        case .success(let bytes):
            let hash = hash(bytes)
            if var existing, existing.hash == hash {
                existing.fingerprint = fingerprint
                return existing
            }
            let (document, diagnostics) = decode(bytes, kind: kind, id: id, path: path)
            return DocumentRecord(kind: kind, id: id, hash: hash, fingerprint: fingerprint, document: document, diagnostics: diagnostics)
        case .failure(let error):
            return DocumentRecord(kind: kind, id: id, hash: 0, fingerprint: nil, document: nil, diagnostics: [error.diagnostic])
        }
    }

    private func store(_ record: DocumentRecord?, at path: String, kind: DocumentKind, change: inout ContentChange) {
        let previous = documents[path]
        if let record, let previous, record.hash == previous.hash, record.hash != 0 {
            documents[path] = record
            return
        }
        if previous == nil && record == nil { return }
        change.sources.insert(path)
        if let previous { change.documents.insert(DocumentKey(kind: previous.kind, id: previous.id)) }
        if let record { change.documents.insert(DocumentKey(kind: record.kind, id: record.id)) }
        documents[path] = record
        var paths = sortedPaths[kind] ?? []
        let index = paths.partitioningIndex(path)
        let found = index < paths.count && paths[index] == path
        if record == nil, found { paths.remove(at: index) }
        if record != nil, !found { paths.insert(path, at: index) }
        sortedPaths[kind] = paths
    }

    static func decode(_ bytes: [UInt8], kind: DocumentKind, id: String, path: String) -> (Document?, [Diagnostic]) {
        switch kind {
        case .programme: let d = DocumentDecoder.programme(bytes, id: id, path: path); return (d.value.map(Document.programme), d.diagnostics)
        case .role: let d = DocumentDecoder.role(bytes, id: id, path: path); return (d.value.map(Document.role), d.diagnostics)
        case .framework: let d = DocumentDecoder.framework(bytes, id: id, path: path); return (d.value.map(Document.framework), d.diagnostics)
        case .tutor: let d = DocumentDecoder.tutor(bytes, id: id, path: path); return (d.value.map(Document.tutor), d.diagnostics)
        case .tutee: let d = DocumentDecoder.tutee(bytes, id: id, path: path); return (d.value.map(Document.tutee), d.diagnostics)
        case .page: let d = DocumentDecoder.page(bytes, id: id, path: path); return (d.value.map(Document.page), d.diagnostics)
        }
    }

    /// Regular files under content/assets/, as ContentLoader finds them.
    private func readAssets(into change: inout ContentChange) {
        var found: [Asset] = []
        var diagnostics: [Diagnostic] = []
        var prints: [String: Fingerprint] = [:]
        func walk(_ relative: String) {
            for name in Disk.list(Disk.join(root, "content/assets", relative)) where !ContentLoader.ignored(name) {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                let absolute = Disk.join(root, "content/assets", path)
                switch Disk.kind(absolute) {
                case .file:
                    found.append(Asset(relativePath: path))
                    prints[path] = Fingerprint(absolute)
                case .directory: walk(path)
                case .symlink: diagnostics.append(ContentLoader.symlinkWarning("content/assets/\(path)"))
                default: break
                }
            }
        }
        if let link = ContentLoader.linkWarning("content/assets", in: root) { diagnostics.append(link) } else { walk("") }
        if prints != assetFingerprints || found != assets { change.contentAssets = true }
        if diagnostics != assetDiagnostics { change.listing = true }
        assets = found
        assetDiagnostics = diagnostics
        assetFingerprints = prints
    }

    /// Loads the theme again and says what in it changed.
    private func readTheme(into change: inout ContentChange) {
        guard let config = config?.value else { return }
        let key = "\(config.theme)|\(config.language.rawValue)|\(config.path)"
        let (loaded, diagnostics) = ThemeLoader.load(site: root, config: config)
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
        change.themeAssets = true
    }

    // MARK: - Passes

    struct Update {
        /// Every problem of the site (unsorted), as `check` reports them.
        var diagnostics: [Diagnostic]
        /// The new state when there is no error.
        var snapshot: SiteSnapshot?
        /// Output files to render again, and files to delete.
        var stale: Set<OutputFile> = []
        var removed: [String] = []
        /// The documents' own pages, worth rendering first.
        var primary: Set<OutputFile> = []
    }

    /// Reads the changes, resolves the whole site and says what is stale.
    func update(_ paths: Set<String>?) -> Update {
        resolve(read(paths))
    }

    /// The checks of the content from the last full pass (load, resolve,
    /// rules; links once a theme allowed views): they stand while only the theme changes.
    private var lastContent: (base: [Diagnostic], site: Site?, links: [Diagnostic]?)?

    /// Resolves the whole site with the changes `read` returned and says what is stale.
    func resolve(_ change: ContentChange) -> Update {
        pending.formUnion(change)
        if current == nil { pending.everything = true }
        // The same stages as SiteBuilder.prepare: load, resolve, theme, rules, links.
        if pending.touchesContent || lastContent == nil {
            let (content, loadDiagnostics) = assemble()
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
        if let site = last.site, let loaded = theme?.theme {
            // Only templates or theme files changed: the views of the current state stand.
            let sameViews = !pending.touchesContent && !pending.strings && !pending.everything && current != nil
            let views = sameViews ? current!.views : SiteViews(site: site, strings: loaded.strings, generator: generator)
            if last.links == nil {
                last.links = LinkCheck.check(views) + PrivateNameCheck.check(views)
                lastContent = last
            }
            all += last.links ?? []
            if !all.hasErrors { snapshot = makeSnapshot(views, sameViews: sameViews) }
        }
        diagnostics = all
        guard let snapshot else { return Update(diagnostics: all) }

        let previous = current
        let stale = DependencyGraph.affected(by: pending, old: previous?.views, new: snapshot.views, newOutputs: snapshot.outputs,
                                             oldOutputs: previous?.outputs ?? [:], templates: snapshot.templateTexts)
        let removed = (previous?.outputs.keys).map { $0.filter { snapshot.outputs[$0] == nil } } ?? []
        var primary = Set<OutputFile>()
        for key in pending.documents { primary.formUnion(Self.ownFiles(key)) }
        if pending.charter { primary.insert(.page(.charter)) }
        current = snapshot
        pending = ContentChange()
        return Update(diagnostics: all, snapshot: snapshot, stale: stale, removed: removed.sorted(),
                      primary: primary.filter { snapshot.outputs[$0.path] != nil })
    }

    static func ownFiles(_ key: DocumentKey) -> [OutputFile] {
        switch key.kind {
        case .tutee: return [.page(.tutee(key.id)), .export(.tuteeCalendar(key.id))]
        case .tutor: return [.page(.tutor(key.id)), .export(.tutorCalendar(key.id))]
        case .programme: return [.page(.programme(key.id)), .export(.evidence(key.id))]
        case .role: return [.page(.role(key.id))]
        case .framework: return [.page(.framework(key.id))]
        case .page: return [.page(.page(key.id))]
        }
    }

    private func themeKey(_ config: SiteConfig) -> String { "\(config.theme)|\(config.language.rawValue)|\(config.path)" }

    private func makeSnapshot(_ views: SiteViews, sameViews: Bool) -> SiteSnapshot? {
        guard let theme, let loaded = theme.theme else { return nil }
        // The same pages and the same theme files: the list of files stands too.
        if sameViews, let current, current.theme.assets.map(\.path) == loaded.assets.map(\.path) {
            return SiteSnapshot(views: views, theme: loaded, root: root, secrets: Encryption.secretFiles(site: root, keys: nil), outputs: current.outputs, templateTexts: theme.texts)
        }
        return SiteSnapshot(views: views, theme: loaded, root: root, secrets: Encryption.secretFiles(site: root, keys: nil), outputs: DependencyGraph.outputs(views, theme: loaded),
                            templateTexts: theme.texts)
    }

    /// The decoded content as ContentLoader would return it, with its diagnostics.
    private func assemble() -> (ContentSet?, [Diagnostic]) {
        guard let configFile = config else { return (nil, []) }
        var diagnostics = configFile.diagnostics
        guard var siteConfig = configFile.value else { return (nil, diagnostics) }
        if let baseURLOverride, siteConfig.baseURL != nil { siteConfig.baseURL = baseURLOverride }
        var set = ContentSet(config: siteConfig)
        if let charter {
            diagnostics += charter.diagnostics
            set.charter = charter.value
        }
        diagnostics += contentDiagnostics
        diagnostics += listing.values
        var frameworkPaths: [String: String] = [:]
        for kind in DocumentKind.allCases {
            for path in sortedPaths[kind] ?? [] {
                guard let record = documents[path] else { continue }
                diagnostics += record.diagnostics
                switch record.document {
                case .programme(let value): set.programmes.append(value)
                case .role(let value): set.roles.append(value)
                case .framework(let value):
                    if let first = frameworkPaths[value.info.id] {
                        diagnostics.append(.error("E-DUPLICATE", "framework id '\(value.info.id)' is also defined by \(first)",
                                                  at: SourceLocation(file: path)))
                    } else {
                        frameworkPaths[value.info.id] = path
                        set.frameworks.append(value)
                    }
                case .tutor(let value): set.tutors.append(value)
                case .tutee(let value): set.tutees.append(value)
                case .page(let value): set.pages.append(value)
                case nil: break
                }
            }
        }
        diagnostics += assetDiagnostics
        set.assets = assets
        return (set, diagnostics)
    }

    // MARK: - The quick path

    /// A first answer for the commonest edit, a tutee file saved: the tutee's
    /// own page and calendar, rendered from a small site that holds the tutee,
    /// every programme, framework, tutor, role and page, and the other tutees
    /// of its tutor (what a tutee page shows), and checked there. They can be
    /// written before the whole site is resolved again. The full pass that
    /// follows (`resolve`) stays the reference: it renders every stale file
    /// and rewrites these two only if it disagrees.
    struct Quick {
        var snapshot: SiteSnapshot
        var diagnostics: [Diagnostic]
        var files: [OutputFile]
    }

    /// A quick state for the changes `read` returned, when they allow one;
    /// `resolve` must follow, on the same changes.
    func quick(_ change: ContentChange) -> Quick? {
        guard let current, pending.isEmpty, !change.documents.isEmpty, !change.config, !change.charter, !change.contentAssets,
              change.templates.isEmpty, !change.strings, !change.themeAssets, !change.everything,
              change.documents.allSatisfy({ $0.kind == .tutee }) else { return nil }
        let site = current.views.site
        var tutees: [Tutee] = []
        for key in change.documents {
            // A deleted or unreadable tutee: the full pass only.
            guard case .tutee(let tutee)? = documents[pathOf(key)]?.document else { return nil }
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
        var diagnostics = tutees.flatMap { documents[$0.info.path]?.diagnostics ?? [] }
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

    func pathOf(_ key: DocumentKey) -> String {
        "content/\(key.kind.folder)/\(key.id)\(key.kind.extensions[0])"
    }

    static func hash(_ bytes: [UInt8]) -> Int {
        let value = Int(truncatingIfNeeded: StableHash.of(bytes))
        return value == 0 ? 1 : value
    }
}

extension Array where Element == String {
    /// The first index whose element is not less than `value` (the array is sorted).
    func partitioningIndex(_ value: String) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
