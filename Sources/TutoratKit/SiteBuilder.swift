import Foundation
import TutoratCore
import TutoratIndicators
import TutoratSite
import TutoratViews

/// `tutorat build`: the pipeline read top to bottom. Load and decode the
/// content, resolve it into a site, load the theme, then render every page
/// into a staging folder and swap it in. Nothing is written when a stage
/// reports an error, and a failed build leaves the previous output as it was.
public enum SiteBuilder {
    /// The file that marks a folder as tutorat's output, so `build` never
    /// deletes a folder it did not create.
    public static let marker = ".tutorat-output"

    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        let output = Disk.absolute(options.outputPath)
        var report = BuildReport(diagnostics: [], output: output)
        let (views, theme, diagnostics) = prepare(options)
        report.diagnostics = diagnostics.sorted()
        guard let views, let theme, !report.diagnostics.hasErrors else { return report }
        let (sealer, sealing) = Encryption.prepare(options, views: views, theme: theme.theme)
        report.diagnostics = (report.diagnostics + sealing).sorted()
        guard !report.diagnostics.hasErrors else { return report }

        try checkOutput(output, site: options.site, force: options.force)
        let staging = stagingPath(for: output)
        do {
            try Disk.remove(staging)
            try Disk.createDirectory(staging)
            (report.pagesWritten, report.filesCopied) = try write(views, theme: theme, site: options.site, into: staging,
                                                                  transform: sealer.map { sealer in sealer.transform })
            try Disk.write(Array("This folder is written by tutorat build and replaced on every build.\n".utf8), to: staging + "/" + marker)
            try swap(staging, into: output)
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

    /// Everything before writing: shared with `check`, which stops here.
    static func prepare(_ options: BuildOptions) -> (SiteViews?, LoadedTheme?, [Diagnostic]) {
        let (content, loadDiagnostics) = ContentLoader.load(site: options.site)
        var diagnostics = loadDiagnostics
        guard let content else { return (nil, nil, diagnostics) }
        let (site, siteDiagnostics) = SiteResolver.resolve(content, fallbackAsOf: options.fallbackAsOf)
        diagnostics += siteDiagnostics
        let (theme, themeDiagnostics) = ThemeLoader.load(site: options.site, config: content.config)
        diagnostics += themeDiagnostics
        guard let site else { return (nil, nil, diagnostics) }
        diagnostics += DomainRules.alerts(for: site).map(\.diagnostic)
        guard let theme else { return (nil, nil, diagnostics) }
        let views = SiteViews(site: site, strings: theme.strings, generator: options.generator)
        diagnostics += LinkCheck.check(views)
        return (views, theme, diagnostics)
    }

    /// Refuses to replace the site itself, or a folder tutorat did not write.
    static func checkOutput(_ output: String, site: String, force: Bool) throws(BuildFailure) {
        let root = Disk.absolute(site)
        // The output is deleted and replaced: it must hold none of the site's
        // own files, nor sit inside them.
        for protected in [root, root + "/content", root + "/themes"]
        where protected == output || protected.hasPrefix(output + "/") || (protected != root && output.hasPrefix(protected + "/")) {
            throw BuildFailure(description: "refusing to write the site into \(output): it holds the site's own files")
        }
        let home = Disk.absolute(FileManager.default.homeDirectoryForCurrentUser.path)
        if output == "/" || output == home || home.hasPrefix(output + "/") {
            throw BuildFailure(description: "refusing to write the site into \(output): choose a folder of its own, like \(root)/public")
        }
        guard let kind = Disk.kind(output) else { return }
        guard kind == .directory else { throw BuildFailure(description: "\(output) exists and is not a folder") }
        let isOurs = Disk.exists(output + "/" + marker)
        if !isOurs, !Disk.list(output).isEmpty, !force {
            throw BuildFailure(description: "\(output) was not written by tutorat; use --force to replace it (its contents will be deleted)")
        }
    }

    static func stagingPath(for output: String) -> String {
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        return "\(parent)/.\(name).tutorat-staging"
    }

    /// Puts the new output in place with renames, so readers see the old site
    /// or the new one, and a crash in between leaves one of them whole.
    static func swap(_ staging: String, into output: String) throws {
        guard Disk.exists(output) else { return try Disk.rename(staging, to: output) }
        let previous = stagingPath(for: output) + "-previous"
        try Disk.remove(previous)
        try Disk.rename(output, to: previous)
        try Disk.rename(staging, to: output)
        try Disk.remove(previous)
    }

    /// Renders every page on all cores, writing each as soon as it is ready,
    /// then copies the assets and writes the sitemap and robots.txt.
    /// `transform`, when given, turns a page's or an export's bytes into those
    /// written (encryption, `--keys`).
    static func write(_ views: SiteViews, theme: LoadedTheme, site: String, into folder: String,
                      transform: ((OutputFile, [UInt8]) throws -> [UInt8])? = nil) throws -> (pages: Int, files: Int) {
        let routes = views.routes
        let exports = views.exports
        var folders = Set(routes.map { (($0.outputFile) as NSString).deletingLastPathComponent })
        for export in exports { folders.insert((export.path as NSString).deletingLastPathComponent) }
        for asset in views.site.assets { folders.insert(("assets/" + asset.relativePath as NSString).deletingLastPathComponent) }
        for asset in theme.assets { folders.insert(("theme/" + asset.path as NSString).deletingLastPathComponent) }
        for relative in folders.sorted() where !relative.isEmpty { try Disk.createDirectory(folder + "/" + relative) }

        let failures = parallelMap(routes, chunkSize: 32) { route -> String? in
            let page = views.page(route)
            guard let html = theme.theme.render(page, template: route.template) else {
                return "the theme has no template '\(route.template)'"
            }
            do {
                if let transform {
                    try Disk.write(transform(.page(route), Array(html.utf8)), to: folder + "/" + route.outputFile)
                } else {
                    try Disk.write(html.utf8, to: folder + "/" + route.outputFile)
                }
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw BuildFailure(description: failure) }
        let exportFailures = parallelMap(exports, chunkSize: 32) { export -> String? in
            do {
                if let transform {
                    try Disk.write(transform(.export(export), Array(views.render(export).utf8)), to: folder + "/" + export.path)
                } else {
                    try Disk.write(views.render(export).utf8, to: folder + "/" + export.path)
                }
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = exportFailures.compactMap({ $0 }).first { throw BuildFailure(description: failure) }

        var copied = 0
        for asset in views.site.assets {
            try Disk.write(Disk.read(Disk.join(site, "content/assets", asset.relativePath)), to: folder + "/assets/" + asset.relativePath)
            copied += 1
        }
        for asset in theme.assets {
            try Disk.write(Disk.read(asset.source), to: folder + "/theme/" + asset.path)
            copied += 1
        }
        try Disk.write(Array(SearchIndex.javascript(views).utf8), to: folder + "/" + Route.searchIndexFile)
        try Disk.write(Array(SiteFiles.sitemap(views).utf8), to: folder + "/sitemap.xml")
        try Disk.write(Array(SiteFiles.robots(views).utf8), to: folder + "/robots.txt")
        return (routes.count, copied + exports.count)
    }
}

/// `tutorat check`: the build's stages without writing anything.
public enum SiteChecker {
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        SiteBuilder.prepare(options).2.sorted()
    }
}
