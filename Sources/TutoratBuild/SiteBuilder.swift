import Foundation
import TutoratCore
import TutoratIndicators
import TutoratSite
import TutoratViews
import TutoratPublish
import TutoratLoad
import TutoratChecks

/// `tutorat build`: the pipeline read top to bottom. Load and decode the
/// content, resolve it into a site, load the theme, then render every file and
/// write those whose bytes changed. Nothing is written when a stage reports an
/// error, so a failed build leaves the previous output as it was.
///
/// Beside the output (`.public.tutorat-manifest` for `public/`), so that the
/// published files stay byte-identical from build to build, a manifest of the
/// last build (`OutputManifest`): when no input changed since, the build stops before
/// reading any content; otherwise files are compared by hash and only changed
/// ones are replaced, each by a rename so a reader never sees half a file.
/// A first build (or one over an output without a manifest) writes into a
/// staging folder that is swapped in whole.
public enum SiteBuilder {
    /// The file that marks a folder as tutorat's output, so `build` never
    /// deletes a folder it did not create.
    public static let marker = ".tutorat-output"

    package static func manifestPath(for output: String) -> String {
        let parent = (output as NSString).deletingLastPathComponent
        return "\(parent)/.\((output as NSString).lastPathComponent).tutorat-manifest"
    }

    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        let output = Disk.absolute(options.outputPath)
        var report = BuildReport(diagnostics: [], output: output)
        // Before anything is read or written (the keys file caches keys): a refused build touches nothing.
        try checkOutput(output, site: options.site, force: options.force)
        if let rules = options.serverRulesPath { try checkServerRules(rules, output: output, site: options.site) }
        let inputs = InputFingerprint.of(options)
        let manifestPath = manifestPath(for: output)
        // A manifest only describes a folder that is still ours.
        let previous = Disk.exists(output + "/" + marker)
            ? (try? Disk.read(manifestPath)).flatMap { OutputManifest(text: String(decoding: $0, as: UTF8.self)) } : nil
        // Server rules are written from the site model, so asking for them always reads the content.
        if let previous, previous.inputs == inputs, options.serverRules == nil, previous.isIntact(in: output) {
            report.diagnostics = previous.warnings
            report.files = previous.files.count
            report.pages = previous.files.keys.filter { $0.hasSuffix(".html") }.count
            report.upToDate = true
            return report
        }

        let (views, theme, sealer) = prepare(options, sealing: true, reporting: &report.diagnostics)
        guard let views, let theme, !report.diagnostics.hasErrors else { return report }

        let renderer = OutputRenderer(views: views, theme: theme, root: Disk.absolute(options.site), seal: sealer,
                                      secrets: Encryption.secretFiles(site: options.site, keys: options.keys))
        let files = OutputFile.all(views, theme: theme).sorted { $0.key < $1.key }
        report.files = files.count
        report.pages = views.routes.count
        let staging = stagingPath(for: output)
        do {
            var manifest = OutputManifest(inputs: inputs, warnings: report.diagnostics, files: [:])
            if let previous, Disk.kind(output) == .directory {
                (manifest.files, report.written, report.removed) = try write(files, renderer: renderer, into: output, over: previous)
            } else {
                try Disk.remove(staging)
                try Disk.createDirectory(staging)
                (manifest.files, report.written, _) = try write(files, renderer: renderer, into: staging, over: nil)
                try Disk.write(Array("This folder is written by tutorat build, which replaces the files it wrote.\n".utf8),
                               to: staging + "/" + marker)
                try Disk.remove(manifestPath)
                try swap(staging, into: output)
            }
            try manifest.write(to: manifestPath)
            if let server = options.serverRules, let path = options.serverRulesPath {
                // Renamed into place, so the server never includes half a file.
                try Disk.replace(Array(ServerRules.text(server, views: views).utf8), at: path)
                report.serverRules = path
            }
        } catch let failure as Disk.Failure {
            try? Disk.remove(staging)
            throw BuildFailure(description: failure.description)
        } catch let failure as BuildFailure {
            try? Disk.remove(staging)
            throw failure
        } catch {
            try? Disk.remove(staging)
            throw BuildFailure(description: "\(error)")
        }
        return report
    }

    /// Everything before writing, the diagnostics sorted: shared with `check`, which stops here.
    package static func prepare(_ options: BuildOptions) -> (SiteViews?, LoadedTheme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (views, theme, _) = prepare(options, sealing: false, reporting: &diagnostics)
        return (views, theme, diagnostics)
    }

    /// The stages in order, their diagnostics sorted in place in `diagnostics`: the one list
    /// the report keeps, sized once, since copies of half a million warnings were the build's
    /// peak of memory. Pages are sealed (`sealing`) only when nothing else stops the build.
    private static func prepare(_ options: BuildOptions, sealing: Bool,
                                reporting diagnostics: inout [Diagnostic]) -> (SiteViews?, LoadedTheme?, PageSealer?) {
        defer { diagnostics.sort() }
        let (content, loadDiagnostics) = ContentReader.load(site: options.site)
        diagnostics = loadDiagnostics
        guard let content else { return (nil, nil, nil) }
        let (site, siteDiagnostics) = SiteResolver.resolve(content, fallbackAsOf: options.fallbackAsOf)
        diagnostics += siteDiagnostics
        let (theme, themeDiagnostics) = LoadedTheme.load(site: options.site, config: content.config)
        diagnostics += themeDiagnostics
        guard let site else { return (nil, nil, nil) }
        guard let theme else {
            diagnostics += DomainRules.alerts(for: site).lazy.map(\.diagnostic)
            return (nil, nil, nil)
        }
        // The views compute the indicators, alerts included: checked once for the report and the pages.
        let views = SiteViews(site: site, strings: theme.strings, generator: options.generator)
        let alerts = views.indicators.alerts
        let (links, names) = (LinkCheck.check(views), PrivateNameCheck.check(views))
        var (sealer, sealingDiagnostics): (PageSealer?, [Diagnostic]) = (nil, [])
        if sealing, !diagnostics.hasErrors, !alerts.contains(where: { $0.severity == .error }), !links.hasErrors, !names.hasErrors {
            (sealer, sealingDiagnostics) = Encryption.prepare(options, views: views, theme: theme.theme)
        }
        diagnostics.reserveCapacity(diagnostics.count + alerts.count + links.count + names.count + sealingDiagnostics.count)
        diagnostics += alerts.lazy.map(\.diagnostic)
        diagnostics += links
        diagnostics += names
        diagnostics += sealingDiagnostics
        return (views, theme, sealer)
    }

    /// Refuses to replace the site itself, or a folder tutorat did not write.
    package static func checkOutput(_ path: String, site: String, force: Bool) throws(BuildFailure) {
        // Both sides by their real paths: `L/content`, with L a link to the site, is content/.
        let output = Disk.absolute(path)
        let root = Disk.absolute(site)
        // The output is deleted and replaced: it must hold none of the site's
        // own files, nor sit inside them.
        for protected in [root, root + "/content", root + "/themes"]
        where protected == output || protected.hasPrefix(output + "/") || (protected != root && output.hasPrefix(protected + "/")) {
            throw BuildFailure(description: "refusing to write the site into \(output): it holds the site's own files")
        }
        for home in homeFolders() where output == "/" || output == home || home.hasPrefix(output + "/") {
            throw BuildFailure(description: "refusing to write the site into \(output): choose a folder of its own, like \(root)/public")
        }
        guard let kind = Disk.kind(output) else { return }
        guard kind == .directory else { throw BuildFailure(description: "\(output) exists and is not a folder") }
        let isOurs = Disk.exists(output + "/" + marker)
        if !isOurs, !Disk.list(output).isEmpty, !force {
            throw BuildFailure(description: "\(output) was not written by tutorat; use --force to replace it (its contents will be deleted)")
        }
    }

    /// `$HOME` and the account's home folder (they differ under sudo or in a
    /// shell that set HOME), by their real paths.
    package static func homeFolders() -> [String] {
        var homes: [String] = []
        if let home = getenv("HOME"), home.pointee != 0 { homes.append(Disk.absolute(String(cString: home))) }
        if let account = getpwuid(getuid()), let home = account.pointee.pw_dir, home.pointee != 0 {
            homes.append(Disk.absolute(String(cString: home)))
        }
        return homes
    }

    /// The rules must not be published with the site, nor replace the site's own files.
    package static func checkServerRules(_ path: String, output: String, site: String) throws(BuildFailure) {
        let root = Disk.absolute(site)
        for folder in [output, root + "/content", root + "/themes"] where path == folder || path.hasPrefix(folder + "/") {
            throw BuildFailure(description: "refusing to write the server rules to \(path): it is inside \(folder); write them beside it")
        }
        if Disk.kind(path) == .directory { throw BuildFailure(description: "\(path) is a folder; name the file to write the server rules to") }
    }

    package static func stagingPath(for output: String) -> String {
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        return "\(parent)/.\(name).tutorat-staging"
    }

    /// Puts the new output in place with renames, so readers see the old site
    /// or the new one, and a crash in between leaves one of them whole.
    package static func swap(_ staging: String, into output: String) throws {
        guard Disk.exists(output) else { return try Disk.rename(staging, to: output) }
        let previous = stagingPath(for: output) + "-previous"
        try Disk.remove(previous)
        try Disk.rename(output, to: previous)
        try Disk.rename(staging, to: output)
        try Disk.remove(previous)
    }

    /// Creates every folder the files need, a level at a time (parents first),
    /// each level on all cores: a site has a folder per tutee.
    private static func makeFolders(for files: [(key: String, value: OutputFile)], in root: String) throws {
        var folders = Set<String>()
        for (path, _) in files {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(String(folder)).inserted else { break }
            }
        }
        let byDepth = Dictionary(grouping: folders) { $0.reduce(0) { $1 == "/" ? $0 + 1 : $0 } }
        for depth in byDepth.keys.sorted() {
            let failures = parallelMap(byDepth[depth]!.sorted(), chunkSize: 256) { folder -> Error? in
                do { try Disk.makeFolder(root + "/" + folder) } catch { return error }
                return nil
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
        }
    }

    /// The files that each gather the whole site (the search index, the
    /// sitemap, site.json, the dashboard and the lists), worth a core each
    /// from the start: rendered among the first, beside the pages, rather than
    /// last while the other cores wait.
    package static func gathersTheSite(_ file: OutputFile) -> Bool {
        switch file {
        case .searchIndex, .sitemap, .export(.siteData): return true
        case .page(let route):
            switch route {
            case .dashboard, .tutees, .tutors, .programmes, .home: return true
            default: return false
            }
        default: return false
        }
    }

    /// `transform` over every file on all cores, in their order: those that
    /// gather the whole site first, one job each, then the others by 32.
    private static func renderFirstTheLongest<R>(_ files: [(key: String, value: OutputFile)],
                                                 _ transform: ((key: String, value: OutputFile)) -> R) -> [R] {
        let long = files.indices.filter { gathersTheSite(files[$0].value) }
        let rest = files.indices.filter { !gathersTheSite(files[$0].value) }
        var jobs: [ArraySlice<Int>] = long.map { [$0][...] }
        for start in stride(from: 0, to: rest.count, by: 32) { jobs.append(rest[start..<min(start + 32, rest.count)]) }
        let done = parallelMap(jobs, chunkSize: 1) { job in job.map { transform(files[$0]) } }
        var results = [R?](repeating: nil, count: files.count)
        for (job, outputs) in zip(jobs, done) {
            for (index, output) in zip(job, outputs) { results[index] = output }
        }
        return results.map { $0! }
    }

    /// Renders every file on all cores, writing each as it is rendered so
    /// pages are never all in memory (`OutputFileWriter`). Into an empty folder (a first build)
    /// every file is written; over a `previous` build, only the files whose
    /// bytes changed (or that someone changed on disk) are replaced, by a
    /// rename, and the files it wrote that this build does not are removed.
    package static func write(_ files: [(key: String, value: OutputFile)], renderer: OutputRenderer, into folder: String,
                      over previous: OutputManifest?) throws -> (files: [String: OutputManifest.Entry], written: Int, removed: Int) {
        // Stale files go first: a page that became a folder (or the reverse) needs the name free.
        let current = Set(files.map(\.key))
        let stale = (previous?.files.keys.filter { !current.contains($0) } ?? []).sorted(by: >)
        for path in stale { try Disk.remove(folder + "/" + path) }
        for path in stale {
            var parent = Substring(path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                guard Disk.removeEmptyFolder(folder + "/" + parent) else { break }
            }
        }
        try makeFolders(for: files, in: folder)
        let results = renderFirstTheLongest(files) { path, file in
            Result { try OutputFileWriter.write(file, at: path, in: folder, renderer: renderer, over: previous) }
        }
        var entries: [String: OutputManifest.Entry] = [:]
        entries.reserveCapacity(files.count)
        var written = 0
        for ((path, _), result) in zip(files, results) {
            let (entry, changed) = try result.get()
            entries[path] = entry
            if changed { written += 1 }
        }
        return (entries, written, stale.count)
    }
}

/// `tutorat check`: the build's stages without writing anything.
public enum SiteChecker {
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        SiteBuilder.prepare(options).2
    }
}
