import TutoratCore
import TutoratMarkdown
import TutoratSite
import TutoratSource

/// Finds the files of `content/` by kind, reads them and decodes them on every
/// core. File names become ids: a name that is not a valid id is reported and
/// never becomes a page. Names starting with `.` or `_` are ignored.
enum ContentLoader {
    private typealias Kind = DocumentKind

    private enum Decoded {
        case programme(Programme), role(Role), framework(Framework), tutor(Tutor), tutee(Tutee), page(Page)
    }

    private struct Job {
        var kind: Kind
        var id: String
        var path: String
    }

    static func load(site: String) -> (content: ContentSet?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Every path below is built from the site's real path, and read only if it is its own real path.
        let root = Disk.absolute(site)
        let content = Disk.join(root, "content")
        if Disk.kind(content) == .symlink {
            return (nil, [.error("E-SYMLINK", "content/ is a symbolic link; tutorat reads only what is really inside the site",
                                 at: SourceLocation(file: "content"), hint: "replace the link by the folder itself")])
        }
        guard Disk.kind(content) == .directory else {
            return (nil, [.error("E-SITE", "no content folder in \(root)", at: nil,
                                 hint: "run tutorat in the folder that holds content/site.yml, or pass --site DIR")])
        }
        let configPath = "content/site.yml"
        guard Disk.exists(Disk.join(root, configPath)) else {
            return (nil, [.error("E-SITE", "the site has no site.yml", at: SourceLocation(file: configPath),
                                 hint: "create content/site.yml with at least 'title' and 'organisation'")])
        }
        let configBytes: [UInt8]
        switch read(Disk.join(root, configPath), display: configPath) {
        case .success(let bytes): configBytes = bytes
        case .failure(let error): return (nil, [error.diagnostic])
        }
        let decodedConfig = DocumentDecoder.siteConfig(configBytes, path: configPath)
        diagnostics += decodedConfig.diagnostics
        guard let config = decodedConfig.value else { return (nil, diagnostics) }
        var set = ContentSet(config: config)

        let charterPath = "content/charter.md"
        if Disk.exists(Disk.join(root, charterPath)) {
            switch read(Disk.join(root, charterPath), display: charterPath) {
            case .success(let bytes):
                let decoded = DocumentDecoder.charter(bytes, path: charterPath)
                diagnostics += decoded.diagnostics
                set.charter = decoded.value
            case .failure(let error):
                diagnostics.append(error.diagnostic)
            }
        }

        var jobs: [Job] = []
        for kind in Kind.allCases {
            let folder = "content/\(kind.folder)"
            if let link = linkWarning(folder, in: root) { diagnostics.append(link); continue }
            for name in Disk.list(Disk.join(root, folder)) where !ignored(name) {
                let path = "\(folder)/\(name)"
                if Disk.kind(Disk.join(root, path)) == .symlink {
                    diagnostics.append(symlinkWarning(path))
                    continue
                }
                guard Disk.kind(Disk.join(root, path)) == .file,
                      let ext = kind.extensions.first(where: { name.hasSuffix($0) }) else {
                    diagnostics.append(.warning("W-IGNORED", "ignored: only \(kind.extensions.joined(separator: " or ")) files are read in \(folder)/",
                                                at: SourceLocation(file: path)))
                    continue
                }
                let id = String(name.dropLast(ext.count))
                guard Identifier.isValid(id) else {
                    diagnostics.append(.error("E-ID", "the file name '\(id)' is not a valid id", at: SourceLocation(file: path),
                                              hint: "rename it to '\(HeadingID.slug(id))\(ext)': lowercase letters, digits and hyphens only"))
                    continue
                }
                jobs.append(Job(kind: kind, id: id, path: path))
            }
        }
        for name in Disk.list(content) where !ignored(name) {
            let known = ["site.yml", "charter.md", "assets"] + Kind.allCases.map(\.folder)
            if !known.contains(name) {
                diagnostics.append(.warning("W-IGNORED", "ignored: not part of the content format", at: SourceLocation(file: "content/\(name)"),
                                            hint: "free pages go in content/pages/, files to publish as they are in content/assets/"))
            }
        }

        let results = parallelMap(jobs) { job -> (Decoded?, [Diagnostic]) in
            let bytes: [UInt8]
            switch read(Disk.join(root, job.path), display: job.path) {
            case .success(let read): bytes = read
            case .failure(let error): return (nil, [error.diagnostic])
            }
            switch job.kind {
            case .programme: let d = DocumentDecoder.programme(bytes, id: job.id, path: job.path); return (d.value.map(Decoded.programme), d.diagnostics)
            case .role: let d = DocumentDecoder.role(bytes, id: job.id, path: job.path); return (d.value.map(Decoded.role), d.diagnostics)
            case .framework: let d = DocumentDecoder.framework(bytes, id: job.id, path: job.path); return (d.value.map(Decoded.framework), d.diagnostics)
            case .tutor: let d = DocumentDecoder.tutor(bytes, id: job.id, path: job.path); return (d.value.map(Decoded.tutor), d.diagnostics)
            case .tutee: let d = DocumentDecoder.tutee(bytes, id: job.id, path: job.path); return (d.value.map(Decoded.tutee), d.diagnostics)
            case .page: let d = DocumentDecoder.page(bytes, id: job.id, path: job.path); return (d.value.map(Decoded.page), d.diagnostics)
            }
        }
        var frameworkPaths: [String: String] = [:]
        for (job, (document, problems)) in zip(jobs, results) {
            diagnostics += problems
            switch document {
            case .programme(let value): set.programmes.append(value)
            case .role(let value): set.roles.append(value)
            case .framework(let value):
                // frameworks/x.yml and frameworks/x.yaml would both claim the id x.
                if let first = frameworkPaths[value.info.id] {
                    diagnostics.append(.error("E-DUPLICATE", "framework id '\(value.info.id)' is also defined by \(first)", at: SourceLocation(file: job.path)))
                } else {
                    frameworkPaths[value.info.id] = job.path
                    set.frameworks.append(value)
                }
            case .tutor(let value): set.tutors.append(value)
            case .tutee(let value): set.tutees.append(value)
            case .page(let value): set.pages.append(value)
            case nil: break
            }
        }
        set.assets = assets(in: root, diagnostics: &diagnostics)
        return (set, diagnostics)
    }

    static func ignored(_ name: String) -> Bool { name.hasPrefix(".") || name.hasPrefix("_") }

    /// Regular files under content/assets/, sorted. Symbolic links are skipped:
    /// they could publish a file from outside the site.
    private static func assets(in root: String, diagnostics: inout [Diagnostic]) -> [Asset] {
        var found: [Asset] = []
        if let link = linkWarning("content/assets", in: root) { diagnostics.append(link); return [] }
        func walk(_ relative: String) {
            for name in Disk.list(Disk.join(root, "content/assets", relative)) where !ignored(name) {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                switch Disk.kind(Disk.join(root, "content/assets", path)) {
                case .file: found.append(Asset(relativePath: path))
                case .directory: walk(path)
                case .symlink:
                    diagnostics.append(symlinkWarning("content/assets/\(path)"))
                default: break
                }
            }
        }
        walk("")
        return found
    }

    /// A link could lead anywhere on the machine: it is never followed.
    static func symlinkWarning(_ path: String) -> Diagnostic {
        .warning("W-SYMLINK", "symbolic link not followed", at: SourceLocation(file: path),
                 hint: "copy the file into content/ instead of linking to it")
    }

    /// The warning for a folder of the site (relative to `root`) that is a symbolic link, if it is one.
    static func linkWarning(_ folder: String, in root: String) -> Diagnostic? {
        Disk.kind(Disk.join(root, folder)) == .symlink ? symlinkWarning(folder) : nil
    }

    /// Content files are text written by people; anything this large is a
    /// mistake (an export, a video) and would only slow every build.
    static let maximumFileSize = 8 << 20

    static func read(_ path: String, display: String) -> Result<[UInt8], DiagnosticError> {
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
