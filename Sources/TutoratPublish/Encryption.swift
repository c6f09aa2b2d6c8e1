import Foundation
import TutoratCore
import TutoratCrypto
import TutoratRender
import TutoratViews

/// `tutorat build --keys FILE`: which output files are encrypted and for whom
/// (docs/visibility-and-encryption.md, "Encrypted private pages"). The cryptography itself is
/// TutoratCrypto's; this is the part that knows the site.
///
/// - A private page (`SiteViews.isPrivate`) is replaced by a locked page
///   holding it encrypted. A tutee's page opens with the tutee's passphrase and
///   the coordinator's; every other private page with the coordinator's only.
/// - A private export (a private tutee's or tutor's calendar, the evidence
///   files under the dashboard) is encrypted with the key of the page it
///   belongs to, and opened by that page once decrypted.
package struct PageSealer {
    package let views: SiteViews
    package let theme: Theme
    package let keys: KeysFile
    /// By tutee id, and `coordinator`.
    package let openers: [String: Opener]
    /// The private exports each page links to, for the locked page's script.
    package let exportsByOwner: [Route: [Export]]

    /// The private page that decides who opens a file: the page itself, or
    /// the page an export belongs to; nil when the file is public.
    package static func owner(of file: OutputFile, views: SiteViews) -> Route? {
        let route: Route
        switch file {
        case .page(let page): route = page
        case .export(.tuteeCalendar(let id)): route = .tutee(id)
        case .export(.tutorCalendar(let id)): route = .tutor(id)
        case .export(.evidence), .export(.auditTutors), .export(.auditSurveys): route = .audit
        default: return nil
        }
        return views.isPrivate(route) ? route : nil
    }

    package func pageKey(for route: Route) -> PageKey {
        var readers: [Opener] = []
        if case .tutee(let id) = route, let tutee = openers[id] { readers.append(tutee) }
        readers.append(openers[KeysFile.coordinatorID]!)
        return PageKey(siteSecret: keys.siteSecret, path: route.outputFile, openers: readers, iterations: keys.iterations)
    }

    /// The write stage's transform: the bytes of a file as they are published.
    /// `page` is the view the bytes were rendered from, when the file is a page.
    package func transform(_ file: OutputFile, page: PageView?, _ bytes: [UInt8]) throws -> [UInt8] {
        guard let owner = Self.owner(of: file, views: views) else { return bytes }
        let key = pageKey(for: owner)
        switch file {
        case .page(let route):
            let envelope = PageCrypto.seal(bytes, path: route.outputFile, with: key)
            let link = Linker(baseURL: views.site.config.baseURL, from: route.path)
            let locked = LockedPage(page: page ?? views.page(route), envelope: envelope.json(), link: link,
                                    exports: exportsByOwner[route, default: []].map(\.path))
            guard let html = theme.render(locked) else {
                throw BuildFailure(description: "the theme has no template '\(Theme.lockedTemplate).mustache' (copy it from themes/default/templates/)")
            }
            return html
        case .export(let export):
            let envelope = PageCrypto.seal(bytes, path: export.path, with: key, mediaType: Self.mediaType(of: export.path))
            return Array((envelope.json() + "\n").utf8)
        default:
            return bytes
        }
    }

    package static func mediaType(of path: String) -> String {
        if path.hasSuffix(".ics") { return "text/calendar" }
        if path.hasSuffix(".csv") { return "text/csv" }
        if path.hasSuffix(".json") { return "application/json" }
        return "application/octet-stream"
    }
}

package enum Encryption {
    /// Reads the keys file and derives what is missing, or says why the build
    /// cannot encrypt. Without `--keys`, private pages are a warning (an
    /// error with `--require-encryption`): they would be published as they are.
    package static func prepare(_ options: BuildOptions, views: SiteViews, theme: Theme) -> (sealer: PageSealer?, diagnostics: [Diagnostic]) {
        let privateRoutes = views.routes.filter(views.isPrivate)
        guard let keysPath = options.keys else {
            guard !privateRoutes.isEmpty else { return (nil, []) }
            let count = privateRoutes.count
            let message = "\(count) private page\(count == 1 ? " is" : "s are") published unencrypted: whoever can read the output folder or the web server can read \(count == 1 ? "it" : "them")"
            let hint = "build with --keys FILE to encrypt them (`tutorat keys generate --keys FILE` writes one), or restrict access on the web server"
            return (nil, [options.requireEncryption ? .error("E-UNENCRYPTED", message, at: nil, hint: hint)
                                                    : .warning("W-UNENCRYPTED", message, at: nil, hint: hint)])
        }
        if let problem = misplaced(keysPath, options: options) { return (nil, [problem]) }
        let bytes: [UInt8]
        do {
            bytes = try Disk.read(Disk.absolute(keysPath))
        } catch {
            return (nil, [.error("E-KEYS", "cannot read the keys file \(keysPath)", at: nil,
                                 hint: "`tutorat keys generate --site \(options.site) --keys \(keysPath)` writes one")])
        }
        let (parsed, parseDiagnostics) = KeysFile.parse(bytes, path: keysPath)
        var diagnostics = parseDiagnostics
        guard let keys = parsed else { return (nil, diagnostics) }
        if let warning = readableByOthers(keysPath) { diagnostics.append(warning) }

        var needed = [KeysFile.coordinatorID]
        for route in privateRoutes {
            guard case .tutee(let id) = route else { continue }
            if keys.tutees[id] != nil {
                needed.append(id)
            } else {
                // Never published in clear instead: a missing passphrase stops the build.
                let tutee = views.site.tutee(id)
                diagnostics.append(.error("E-KEYS-MISSING", "\(tutee?.name ?? id) has no passphrase in \(keysPath): their page cannot be encrypted",
                                          at: SourceLocation(file: tutee?.info.path ?? "content/tutees/\(id).md"),
                                          hint: "`tutorat keys generate --keys \(keysPath)` adds a passphrase for every tutee who has none"))
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }

        // PBKDF2 at 600 000 iterations is slow on purpose: only passphrases
        // whose key is not cached in the keys file are derived, on every core.
        let uncached = needed.filter { keys.entry($0)!.validCachedKey(iterations: keys.iterations) == nil }
        let clock = ContinuousClock()
        let start = clock.now
        let derived = parallelMap(needed, chunkSize: 1) { id in keys.entry(id)!.wrappingKey(iterations: keys.iterations) }
        if !uncached.isEmpty {
            let seconds = Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
            diagnostics.append(.warning("W-KEYS-CACHE", "\(uncached.count) passphrase\(uncached.count == 1 ? " was" : "s were") derived during the build (PBKDF2, \(String(format: "%.1f", seconds)) s): \(uncached.prefix(3).joined(separator: ", "))\(uncached.count > 3 ? ", …" : "")",
                                        at: SourceLocation(file: keysPath),
                                        hint: "`tutorat keys generate --keys \(keysPath)` caches the derived keys in the file, so builds skip this"))
        }
        var openers: [String: Opener] = [:]
        for (id, key) in zip(needed, derived) { openers[id] = Opener(salt: keys.entry(id)!.salt, wrappingKey: key) }

        var exportsByOwner: [Route: [Export]] = [:]
        for export in views.exports {
            if let owner = PageSealer.owner(of: .export(export), views: views) { exportsByOwner[owner, default: []].append(export) }
        }
        return (PageSealer(views: views, theme: theme, keys: keys, openers: openers, exportsByOwner: exportsByOwner), diagnostics)
    }

    /// The keys file must not be published nor sit with the content: inside
    /// `content/` or `themes/` it would be copied or committed with them,
    /// inside the output it would be served.
    package static func misplaced(_ keysPath: String, options: BuildOptions) -> Diagnostic? {
        let keys = Disk.absolute(keysPath)
        let root = Disk.absolute(options.site)
        for (folder, why) in [(root + "/content", "content/ is published and usually in git"),
                              (root + "/themes", "themes/ is published"),
                              (Disk.absolute(options.outputPath), "the output folder is published")]
        where keys == folder || keys.hasPrefix(folder + "/") {
            return .error("E-KEYS-PLACE", "refusing to use the keys file \(keysPath): it is inside \(folder), and \(why)", at: nil,
                          hint: "keep it beside content/ (\(KeysFile.defaultName), which `tutorat init` leaves out of git) or outside the site")
        }
        return nil
    }

    /// The keys files that must never be published whatever path or hard link
    /// leads to them: the one named with `--keys` and the one at its default place.
    package static func secretFiles(site: String, keys: String?) -> Set<Disk.Identity> {
        Set([keys, KeysStore.defaultPath(site: site)].compactMap { $0.flatMap(Disk.identity) })
    }

    package static func readableByOthers(_ keysPath: String) -> Diagnostic? {
        var info = stat()
        guard stat(Disk.absolute(keysPath), &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        return .warning("W-KEYS-MODE", "the keys file can be read by other users of this computer", at: SourceLocation(file: keysPath),
                        hint: "chmod 600 \(keysPath)")
    }
}
