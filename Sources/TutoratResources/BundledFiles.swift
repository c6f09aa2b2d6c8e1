import Foundation

/// The files that ship inside the tutorat executable (this target's `files/`
/// folder, embedded at build time): the default theme, the sample sites of
/// `tutorat init` and the file templates of `tutorat new`. Paths are relative
/// to `files/`, like `themes/default/templates/layout.mustache`.
public enum BundledFiles {
    /// Every file's path, sorted.
    public static let paths: [String] = embeddedFiles.keys.sorted()

    /// A file's bytes, or nil when there is no such file.
    public static func read(_ path: String) -> [UInt8]? {
        embeddedFiles[path].flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
    }

    /// The paths under a folder (`themes/default`), relative to it, sorted.
    public static func files(under folder: String) -> [String] {
        let prefix = folder + "/"
        return paths.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// Whether a folder has any file.
    public static func hasFolder(_ folder: String) -> Bool {
        paths.contains { $0.hasPrefix(folder + "/") }
    }
}
