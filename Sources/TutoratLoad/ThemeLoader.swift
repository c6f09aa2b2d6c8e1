import TutoratCore
import TutoratResources
import TutoratSource

/// A theme's files as its layers provide them, before anything is compiled:
/// the text of each template, the words of the site's language, and the
/// static files to publish under `theme/`.
package struct ThemeSource {
    /// Template name to its path (for diagnostics) and text, first layer first.
    package var templates: [String: (path: String, text: String)]
    package var strings: [String: String]
    /// Relative path under `theme/` to the layer that provides it.
    package var assets: [(path: String, source: ThemeLayer)]
}

/// Where a theme's files come from: a folder of the site (`themes/<name>/`,
/// by its real path), or a theme built into tutorat (`BundledFiles`).
package enum ThemeLayer: Hashable, Sendable {
    case site(folder: String)
    case bundled(name: String)

    private var bundledFolder: String? {
        if case .bundled(let name) = self { return "themes/" + name }
        return nil
    }

    /// The files directly in a folder of the layer (`templates`), sorted.
    package func names(in folder: String) -> [String] {
        switch self {
        case .site(let root): return Disk.list(root + "/" + folder).filter { Disk.kind(root + "/" + folder + "/" + $0) == .file }
        case .bundled: return BundledFiles.files(under: bundledFolder! + "/" + folder).filter { !$0.contains("/") }
        }
    }

    /// Every file under a folder of the layer (`assets`), relative to it, sorted.
    /// Links are not followed (`ThemeLoader.linkWarnings` names them).
    package func files(under folder: String) -> [String] {
        switch self {
        case .bundled: return BundledFiles.files(under: bundledFolder! + "/" + folder)
        case .site(let root): return Disk.walk(root + "/" + folder, skipping: ContentReader.ignored).files
        }
    }

    /// A file's bytes; a site file only by its real path, and never one of `secrets`.
    package func read(_ relative: String, refusing secrets: Set<Disk.Identity> = []) throws -> [UInt8] {
        switch self {
        case .site(let root): return try Disk.read(root + "/" + relative, refusing: secrets)
        case .bundled:
            guard let bytes = BundledFiles.read(bundledFolder! + "/" + relative) else { throw Disk.Failure(description: "no bundled file \(relative)") }
            return bytes
        }
    }

    /// How diagnostics name a file: from the site folder, or as tutorat's own.
    package func display(_ relative: String, site root: String) -> String {
        switch self {
        case .site(let folder): return folder.hasPrefix(root + "/") ? String(folder.dropFirst(root.count + 1)) + "/" + relative : folder + "/" + relative
        case .bundled: return "(tutorat) " + bundledFolder! + "/" + relative
        }
    }
}

/// Finds a theme in layers: the site's own `themes/<name>/`, then the themes
/// built into tutorat. A file missing from a layer is taken from the next
/// one, so a site can override one template and keep the rest.
package enum ThemeLoader {
    package static func layers(site: String, name: String) -> [ThemeLayer] {
        let root = Disk.absolute(site)
        var layers: [ThemeLayer] = []
        for theme in [name, "default"] {
            // A theme folder reached through a symbolic link is not one (`linkWarnings` says so).
            let folder = Disk.join(root, "themes", theme)
            if Disk.absolute(folder) == folder, Disk.kind(folder) == .directory { layers.append(.site(folder: folder)) }
            if BundledFiles.hasFolder("themes/" + theme) { layers.append(.bundled(name: theme)) }
        }
        return layers.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Every symbolic link under the site's `themes/`: none is followed, so a
    /// template or stylesheet linked from elsewhere is said, not silently replaced.
    package static func linkWarnings(site: String) -> [Diagnostic] {
        let root = Disk.absolute(site)
        if let link = ContentReader.linkWarning("themes", in: root) { return [link] }
        return Disk.walk(root + "/themes", skipping: ContentReader.ignored).links.map { ContentReader.symlinkWarning("themes/" + $0) }
    }

    package static func load(site: String, config: SiteConfig) -> (source: ThemeSource?, diagnostics: [Diagnostic]) {
        let root = Disk.absolute(site)
        let layers = layers(site: root, name: config.theme)
        var diagnostics = linkWarnings(site: root)
        guard layers.contains(.site(folder: Disk.join(root, "themes", config.theme))) || layers.contains(.bundled(name: config.theme)) else {
            return (nil, diagnostics + [.error("E-THEME", "no theme named '\(config.theme)'", at: SourceLocation(file: config.path),
                                               hint: "create themes/\(config.theme)/ next to content/, or remove 'theme' to use the default one")])
        }
        var source = ThemeSource(templates: [:], strings: [:], assets: [])
        var assets: [String: ThemeLayer] = [:]
        for layer in layers {
            for name in layer.names(in: "templates") where name.hasSuffix(".mustache") && !ContentReader.ignored(name) {
                let key = String(name.dropLast(".mustache".count))
                guard source.templates[key] == nil, let bytes = try? layer.read("templates/" + name) else { continue }
                source.templates[key] = (layer.display("templates/" + name, site: root), String(decoding: bytes, as: UTF8.self))
            }
            let stringsPath = "strings/\(config.language.rawValue).yml"
            if let bytes = try? layer.read(stringsPath) {
                let decoded = DocumentDecoder.strings(bytes, path: layer.display(stringsPath, site: root))
                diagnostics += decoded.diagnostics
                for (key, value) in decoded.value ?? [:] where source.strings[key] == nil { source.strings[key] = value }
            }
            for path in layer.files(under: "assets") where assets[path] == nil { assets[path] = layer }
        }
        source.assets = assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return (source, diagnostics)
    }
}
