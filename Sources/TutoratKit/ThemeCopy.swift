import TutoratCore
import TutoratResources

/// `tutorat theme copy [FILE…]`: writes files of a built-in theme into the
/// site's `themes/<name>/`, to edit them there. The site's copy then takes the
/// place of the built-in file, and every other file still comes from tutorat,
/// so a site keeps the theme's fixes for what it did not change.
public enum ThemeCopy {
    /// The built-in theme's files, relative to the theme (`templates/tutor.mustache`).
    public static func files(theme: String = "default") -> [String] {
        BundledFiles.files(under: "themes/" + theme)
    }

    /// Copies `paths` (every file when empty); returns the paths written,
    /// relative to the site. A file the site already has is never replaced.
    @discardableResult
    public static func copy(_ paths: [String], theme: String = "default", site: String) throws(ScaffoldFailure) -> [String] {
        let available = files(theme: theme)
        guard !available.isEmpty else { throw ScaffoldFailure("tutorat has no theme named '\(theme)'") }
        let root = Disk.absolute(site)
        guard Disk.kind(root + "/content") == .directory else {
            throw ScaffoldFailure("no content folder in \(root): run tutorat init first, or pass --site DIR")
        }
        let wanted = paths.isEmpty ? available : paths
        for path in wanted where !available.contains(path) {
            let suggestion = Suggestion.closest(to: path, among: available, maxDistance: 4).map { " (did you mean '\($0)'?)" } ?? ""
            throw ScaffoldFailure("the theme has no file '\(path)'\(suggestion); `tutorat theme list` shows them")
        }
        let target = "themes/\(theme)"
        let existing = wanted.filter { Disk.exists(root + "/" + target + "/" + $0) }
        guard existing.isEmpty else {
            throw ScaffoldFailure("\(existing.map { target + "/" + $0 }.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""): nothing was copied")
        }
        do {
            for path in wanted {
                let destination = root + "/" + target + "/" + path
                try Disk.createDirectory(String(destination[..<destination.lastIndex(of: "/")!]))
                try Disk.write(BundledFiles.read("themes/\(theme)/" + path) ?? [], to: destination)
            }
        } catch {
            throw ScaffoldFailure("\(error)")
        }
        return wanted.map { target + "/" + $0 }
    }
}
