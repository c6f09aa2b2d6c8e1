import TutoratCore
import TutoratRender
import TutoratSource
import TutoratViews

/// A theme ready to use: compiled templates, the words of the site's language,
/// and the static files to publish under `theme/`.
struct LoadedTheme {
    var theme: Theme
    var strings: Strings
    /// Relative path under `theme/` to the absolute source path.
    var assets: [(path: String, source: String)]
}

/// Finds a theme in layers: the site's own `themes/<name>/`, then the themes
/// that ship with tutorat. A file missing from a layer is taken from the next
/// one, so a site can override one template and keep the rest.
enum ThemeLoader {
    /// The themes bundled with tutorat, found from the source tree it was built from.
    static let bundledThemes: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3) // Sources/TutoratKit/ThemeLoader.swift
        return Disk.absolute(path.joined(separator: "/") + "/themes")
    }()

    /// The folders of the layers, by real path: a theme folder reached through
    /// a symbolic link is not one (`linkWarnings` says so).
    static func layers(site: String, name: String) -> [String] {
        let root = Disk.absolute(site)
        var layers: [String] = []
        for layer in [Disk.join(root, "themes", name), Disk.join(bundledThemes, name), Disk.join(root, "themes", "default"),
                      Disk.join(bundledThemes, "default")]
        where Disk.absolute(layer) == layer && Disk.kind(layer) == .directory && !layers.contains(layer) {
            layers.append(layer)
        }
        return layers
    }

    /// Every symbolic link under the site's `themes/`: none is followed, so a
    /// template or stylesheet linked from elsewhere is said, not silently replaced.
    static func linkWarnings(site: String) -> [Diagnostic] {
        let root = Disk.absolute(site)
        var found: [Diagnostic] = []
        func walk(_ relative: String) {
            switch Disk.kind(Disk.join(root, relative)) {
            case .symlink: found.append(ContentLoader.symlinkWarning(relative))
            case .directory: for name in Disk.list(Disk.join(root, relative)) where !ContentLoader.ignored(name) { walk(relative + "/" + name) }
            default: break
            }
        }
        walk("themes")
        return found
    }

    static func load(site: String, config: SiteConfig) -> (theme: LoadedTheme?, diagnostics: [Diagnostic]) {
        let root = Disk.absolute(site)
        let layers = layers(site: root, name: config.theme)
        var diagnostics = linkWarnings(site: root)
        guard layers.contains(Disk.join(root, "themes", config.theme)) || layers.contains(Disk.join(bundledThemes, config.theme)) else {
            return (nil, diagnostics + [.error("E-THEME", "no theme named '\(config.theme)'", at: SourceLocation(file: config.path),
                                               hint: "create themes/\(config.theme)/ next to content/, or remove 'theme' to use the default one")])
        }
        var templates: [String: (path: String, text: String)] = [:]
        var strings: [String: String] = [:]
        var assets: [String: String] = [:]
        for layer in layers {
            for name in Disk.list(layer + "/templates") where name.hasSuffix(".mustache") && !ContentLoader.ignored(name) {
                let key = String(name.dropLast(".mustache".count))
                guard templates[key] == nil else { continue }
                let path = "\(layer)/templates/\(name)"
                guard let bytes = try? Disk.read(path) else { continue }
                templates[key] = (display(path, root: root), String(decoding: bytes, as: UTF8.self))
            }
            let stringsPath = "\(layer)/strings/\(config.language.rawValue).yml"
            if let bytes = try? Disk.read(stringsPath) {
                let decoded = DocumentDecoder.strings(bytes, path: display(stringsPath, root: root))
                diagnostics += decoded.diagnostics
                for (key, value) in decoded.value ?? [:] where strings[key] == nil { strings[key] = value }
            }
            collectAssets(in: layer + "/assets", relative: "", into: &assets)
        }
        let compiled = Theme.compile(templates)
        diagnostics += compiled.diagnostics
        guard let theme = compiled.theme else { return (nil, diagnostics) }
        return (LoadedTheme(theme: theme, strings: Strings(strings), assets: assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
                diagnostics)
    }

    private static func collectAssets(in folder: String, relative: String, into assets: inout [String: String]) {
        for name in Disk.list(Disk.join(folder, relative)) where !ContentLoader.ignored(name) {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            switch Disk.kind(Disk.join(folder, path)) {
            case .file: if assets[path] == nil { assets[path] = Disk.join(folder, path) }
            case .directory: collectAssets(in: folder, relative: path, into: &assets)
            default: break
            }
        }
    }

    /// Theme files inside the site are named relative to it, like content files.
    private static func display(_ path: String, root: String) -> String {
        let prefix = root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
