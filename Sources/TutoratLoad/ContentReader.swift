import TutoratCore
import TutoratMarkdown
import TutoratSite
import TutoratSource

/// Reads `content/`: finds the files by kind, reads and decodes them on every
/// core, and gathers every problem with its file, line and column. File names
/// become ids: a name that is not a valid id is reported and never becomes a
/// page. Names starting with `.` or `_` are ignored; symbolic links are never
/// followed (every path is judged by its real path).
///
/// The one reader of `build`, `check` and `serve`: `build` and `check` read
/// the site once (`load`); `serve` keeps a reader and, after a save, reads
/// again only the paths that changed. A file whose bytes did not change is not
/// decoded again, so a change costs what it touches.
///
/// Not thread-safe: one owner calls it (it decodes on every core itself).
package final class ContentReader {
    package let root: String
    /// Keeps each file's hash and status, to skip unchanged files on the next read (serve).
    private let remembers: Bool

    private struct DocumentRecord {
        var kind: DocumentKind
        var id: String
        var hash: Int
        var fingerprint: Fingerprint?
        var document: Document?
        var diagnostics: [Diagnostic]
    }

    package enum Document {
        case programme(Programme), role(Role), framework(Framework), tutor(Tutor), tutee(Tutee), page(Page), survey(Survey)
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


    package init(site: String, remembers: Bool = true) {
        root = Disk.absolute(site)
        self.remembers = remembers
    }

    /// The site's content, read once (`build`, `check`).
    package static func load(site: String) -> (content: ContentSet?, diagnostics: [Diagnostic]) {
        let reader = ContentReader(site: site, remembers: false)
        _ = reader.read(nil)
        return reader.assemble()
    }

    /// site.yml's settings, when it could be read.
    package var siteConfig: SiteConfig? { config?.value }

    /// The document a file of a kind holds, and its diagnostics, as last read.
    package func document(_ key: DocumentKey) -> (document: Document?, diagnostics: [Diagnostic])? {
        documents[pathOf(key)].map { ($0.document, $0.diagnostics) }
    }

    // MARK: - Reading changes

    /// Reads what changed: the named paths (absolute, or relative to the site),
    /// or, with nil, everything (files are decoded again only if their bytes
    /// changed). A path under the site's `themes/` sets `themeFiles`: the theme
    /// is not content, its loader reads it; `themeAssetFiles` too unless the
    /// path is a template's or the theme's words.
    package func read(_ paths: Set<String>?) -> ContentChange {
        var change = ContentChange()
        guard let paths else {
            readConfig(into: &change)
            readCharter(into: &change)
            readTopLevel(into: &change)
            for kind in DocumentKind.allCases { rescan(kind, into: &change) }
            readAssets(into: &change)
            change.themeFiles = true
            change.themeAssetFiles = true
            return change
        }
        var rescanKinds = Set<DocumentKind>()
        var files: [(DocumentKind, String)] = []
        var topLevel = false, assets = false, theme = false, themeAssets = false, everything = false
        let contentPrefix = root + "/content"
        for raw in paths {
            // The folder by its real path, the name as it is: a file that is itself a link is still named, and reported.
            let joined = raw.hasPrefix("/") ? raw : Disk.join(root, raw)
            let slash = joined.lastIndex(of: "/") ?? joined.startIndex
            let path = Disk.absolute(String(joined[..<slash])) + "/" + joined[joined.index(after: slash)...]
            guard path == contentPrefix || path.hasPrefix(contentPrefix + "/") else {
                if isThemePath(path) {
                    theme = true
                    themeAssets = themeAssets || !isTemplateOrStrings(path)
                }
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
        change.themeFiles = theme
        change.themeAssetFiles = themeAssets
        return change
    }

    /// `themes/NAME/templates/…` or `themes/NAME/strings/…`: a file that cannot be one of the theme's assets.
    private func isTemplateOrStrings(_ path: String) -> Bool {
        let parts = path.dropFirst(root.count + "/themes/".count).split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 3 && (parts[1] == "templates" || parts[1] == "strings")
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
        if Disk.kind(Disk.join(root, "content")) == .symlink {
            diagnostics = [.error("E-SYMLINK", "content/ is a symbolic link; tutorat reads only what is really inside the site",
                                  at: SourceLocation(file: "content"), hint: "replace the link by the folder itself")]
        } else if Disk.kind(Disk.join(root, "content")) != .directory {
            diagnostics = [.error("E-SITE", "no content folder in \(root)", at: nil,
                                  hint: "run tutorat in the folder that holds content/site.yml, or pass --site DIR")]
        } else if !Disk.exists(absolute) {
            diagnostics = [.error("E-SITE", "the site has no site.yml", at: SourceLocation(file: path),
                                  hint: "create content/site.yml with at least 'title' and 'organisation'")]
        } else {
            switch Self.read(absolute, display: path) {
            case .success(let bytes):
                hash = remembers ? Self.hash(bytes) : 0
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
        switch Self.read(absolute, display: path) {
        case .success(let bytes):
            let hash = remembers ? Self.hash(bytes) : 0
            if let charter, charter.hash == hash, hash != 0 { return }
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
        contentDiagnostics = Disk.list(Disk.join(root, "content")).filter { !Self.ignored($0) && !known.contains($0) }.map {
            .warning("W-IGNORED", "ignored: not part of the content format", at: SourceLocation(file: "content/\($0)"),
                     hint: "free pages go in content/pages/, files to publish as they are in content/assets/")
        }
    }

    /// Lists a kind's folder again: new, changed and removed files.
    private func rescan(_ kind: DocumentKind, into change: inout ContentChange) {
        let folder = "content/\(kind.folder)"
        let link = Self.linkWarning(folder, in: root)
        if listing[folder] != link { listing[folder] = link; change.listing = true }
        let names = Disk.list(Disk.join(root, folder)).filter { !Self.ignored($0) }
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

    private enum Inspection: Sendable {
        case gone
        case listed(Diagnostic)
        case document(id: String)
    }

    /// What a name of a kind's folder is, the way ContentLoader sees it.
    private static func inspect(_ path: String, kind: DocumentKind, root: String) -> Inspection {
        let name = String(path.split(separator: "/").last ?? "")
        guard !Self.ignored(name), let type = Disk.kind(Disk.join(root, path)) else { return .gone }
        if type == .symlink { return .listed(Self.symlinkWarning(path)) }
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
        let root = self.root, remembers = self.remembers
        // Each name looked at (a status read) and its file decoded on every core; the reader's state changed after, in order.
        let jobs = paths.map { ($0, documents[$0]) }
        let results = parallelMap(jobs, chunkSize: 8) { path, existing -> (Inspection, DocumentRecord?) in
            let inspection = Self.inspect(path, kind: kind, root: root)
            guard case .document(let id) = inspection else { return (inspection, nil) }
            return (inspection, Self.load(path, kind: kind, id: id, absolute: Disk.join(root, path), existing: existing,
                                          trustFingerprint: trustFingerprint, remembers: remembers))
        }
        for (path, (inspection, record)) in zip(paths, results) {
            let listed = listing.removeValue(forKey: path)
            if case .listed(let diagnostic) = inspection { listing[path] = diagnostic }
            if listing[path] != listed { change.listing = true }
            store(record, at: path, kind: kind, change: &change)
        }
    }

    /// A document file's record: the existing one when its bytes did not change, else decoded again.
    private static func load(_ path: String, kind: DocumentKind, id: String, absolute: String, existing: DocumentRecord?,
                             trustFingerprint: Bool, remembers: Bool) -> DocumentRecord {
        // Read once (build, check): no status nor hash to keep for a next read.
        let fingerprint = remembers ? Fingerprint(absolute) : nil
        if trustFingerprint, let existing, existing.fingerprint != nil, existing.fingerprint == fingerprint { return existing }
        switch Self.read(absolute, display: path) {
        case .success(let bytes):
            let hash = remembers ? hash(bytes) : 0
            if var existing, existing.hash == hash, hash != 0 {
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
        // In place: a copy of the list for each file made a first read quadratic in the files.
        let index = sortedPaths[kind, default: []].partitioningIndex(path)
        let found = index < sortedPaths[kind, default: []].count && sortedPaths[kind, default: []][index] == path
        if record == nil, found { sortedPaths[kind, default: []].remove(at: index) }
        if record != nil, !found { sortedPaths[kind, default: []].insert(path, at: index) }
    }

    package static func decode(_ bytes: [UInt8], kind: DocumentKind, id: String, path: String) -> (Document?, [Diagnostic]) {
        switch kind {
        case .programme: let d = DocumentDecoder.programme(bytes, id: id, path: path); return (d.value.map(Document.programme), d.diagnostics)
        case .role: let d = DocumentDecoder.role(bytes, id: id, path: path); return (d.value.map(Document.role), d.diagnostics)
        case .framework: let d = DocumentDecoder.framework(bytes, id: id, path: path); return (d.value.map(Document.framework), d.diagnostics)
        case .tutor: let d = DocumentDecoder.tutor(bytes, id: id, path: path); return (d.value.map(Document.tutor), d.diagnostics)
        case .tutee:
            let d = DocumentDecoder.tutee(bytes, id: id, path: path)
            // A private journal is rendered on its own page only (no index, no check reads it): read again then.
            return (d.value.map { tutee in
                var tutee = tutee
                if tutee.info.isPrivate { tutee.info.setBodyAside() }
                return .tutee(tutee)
            }, d.diagnostics)
        case .page: let d = DocumentDecoder.page(bytes, id: id, path: path); return (d.value.map(Document.page), d.diagnostics)
        case .survey: let d = DocumentDecoder.survey(bytes, id: id, path: path); return (d.value.map(Document.survey), d.diagnostics)
        }
    }

    /// Regular files under content/assets/, as ContentLoader finds them.
    private func readAssets(into change: inout ContentChange) {
        let folder = Disk.join(root, "content/assets")
        let folderLink = Self.linkWarning("content/assets", in: root)
        let (files, links) = folderLink == nil ? Disk.walk(folder, skipping: Self.ignored) : ([], [])
        let found = files.map { Asset(relativePath: $0) }
        let diagnostics = folderLink.map { [$0] } ?? links.map { Self.symlinkWarning("content/assets/" + $0) }
        var prints: [String: Fingerprint] = [:]
        if remembers { for path in files { prints[path] = Fingerprint(folder + "/" + path) } }
        if prints != assetFingerprints || found != assets { change.contentAssets = true }
        if diagnostics != assetDiagnostics { change.listing = true }
        assets = found
        assetDiagnostics = diagnostics
        assetFingerprints = prints
    }

    /// The decoded content as it stands, with every problem found reading it.
    /// `baseURLOverride` replaces the site's `base_url` when it has one
    /// (serve: "/", so that links stay on the local server).
    package func assemble(baseURLOverride: String? = nil) -> (ContentSet?, [Diagnostic]) {
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
                case .survey(let value): set.surveys.append(value)
                case nil: break
                }
            }
        }
        diagnostics += assetDiagnostics
        set.assets = assets
        return (set, diagnostics)
    }

    package func pathOf(_ key: DocumentKey) -> String {
        "content/\(key.kind.folder)/\(key.id)\(key.kind.extensions[0])"
    }

    package static func hash(_ bytes: [UInt8]) -> Int {
        let value = Int(truncatingIfNeeded: StableHash.of(bytes))
        return value == 0 ? 1 : value
    }

    package static func ignored(_ name: String) -> Bool { name.hasPrefix(".") || name.hasPrefix("_") }

    /// A link could lead anywhere on the machine: it is never followed.
    package static func symlinkWarning(_ path: String) -> Diagnostic {
        .warning("W-SYMLINK", "symbolic link not followed", at: SourceLocation(file: path),
                 hint: "copy the file into content/ instead of linking to it")
    }

    /// The warning for a folder of the site (relative to `root`) that is a symbolic link, if it is one.
    package static func linkWarning(_ folder: String, in root: String) -> Diagnostic? {
        Disk.kind(Disk.join(root, folder)) == .symlink ? symlinkWarning(folder) : nil
    }

    /// Content files are text written by people; anything this large is a
    /// mistake (an export, a video) and would only slow every build.
    package static let maximumFileSize = 8 << 20

    /// A content file's bytes, read only by its real path (`Disk.read`), or the diagnostic that says why not.
    package static func read(_ path: String, display: String) -> Result<[UInt8], DiagnosticError> {
        if let size = Disk.size(path), size > maximumFileSize {
            return .failure(DiagnosticError(.error("E-SIZE", "the file is \(size >> 20) MiB; content files are limited to \(maximumFileSize >> 20) MiB",
                                                   at: SourceLocation(file: display),
                                                   hint: "put large documents in content/assets/, which are copied as they are")))
        }
        do {
            return .success(try Disk.read(path))
        } catch let failure as Disk.Failure where failure.isLink {
            // Named at the link itself: the file, or the folder on the way that is one.
            let root = path.hasSuffix("/" + display) ? String(path.dropLast(display.count + 1)) : ""
            let link = Disk.firstLink(from: root, to: path).map { String($0.dropFirst(root.count + 1)) } ?? display
            return .failure(DiagnosticError(.error("E-SYMLINK", "symbolic link not followed: tutorat reads only what is really inside the site",
                                                   at: SourceLocation(file: link), hint: "replace the link by the file itself")))
        } catch {
            return .failure(DiagnosticError(.error("E-READ", "cannot read the file", at: SourceLocation(file: display))))
        }
    }
}

extension Array where Element == String {
    /// The first index whose element is not less than `value` (the array is sorted).
    package func partitioningIndex(_ value: String) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
