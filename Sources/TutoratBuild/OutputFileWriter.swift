import TutoratCore
import TutoratPublish

/// How one file of a build reaches the disk. A page is handed over in pieces
/// as it is rendered, so the site-wide pages of a national network (the
/// dashboard of 100 000 tutees runs to 160 MB) are never whole in memory.
enum OutputFileWriter {
    /// The size of the pieces: large enough that writing them costs few calls,
    /// small beside the memory a build holds for its content.
    static let piece = 1 << 20

    /// Writes `file` at `path` in `folder`: into an empty folder (a first
    /// build) straight away; over a `previous` build only when its bytes
    /// changed, by a rename, so an unchanged file is not written at all.
    static func write(_ file: OutputFile, at path: String, in folder: String, renderer: OutputRenderer,
                      over previous: OutputManifest?, piece: Int = piece) throws -> (entry: OutputManifest.Entry, written: Bool) {
        let target = folder + "/" + path
        guard let previous else {
            var hasher = StableHasher()
            let written = try Disk.write(to: target) { append in try stream(file, renderer, piece: piece, hasher: &hasher, into: append) }
            return (entry(hasher, written), true)
        }
        // Hashed first; a file larger than a piece is not kept meanwhile, and
        // is rendered a second time only if it changed.
        var hasher = StableHasher()
        var spilled = false
        let rest = try renderer.render(file, piece: piece) { bytes in
            spilled = true
            hasher.combine(bytes)
        }
        rest.withUnsafeBytes { hasher.combine($0) }
        if let old = previous.files[path], old.hash == hasher.value, old.size == hasher.count, old.isOnDisk(at: target) {
            return (old, false)
        }
        guard spilled else {
            return (entry(hasher, try Disk.replace(rest, at: target)), true)
        }
        var again = StableHasher()
        let written = try Disk.replace(at: target) { append in try stream(file, renderer, piece: piece, hasher: &again, into: append) }
        return (entry(again, written), true)
    }

    private static func entry(_ hasher: StableHasher, _ written: Fingerprint) -> OutputManifest.Entry {
        OutputManifest.Entry(hash: hasher.value, size: written.size, modified: written.modified)
    }

    /// Renders `file` into `append` piece by piece, hashing what goes.
    private static func stream(_ file: OutputFile, _ renderer: OutputRenderer, piece: Int, hasher: inout StableHasher,
                               into append: (UnsafeRawBufferPointer) throws -> Void) throws {
        var failure: Error?
        let rest = try renderer.render(file, piece: piece) { bytes in
            guard failure == nil else { return }
            hasher.combine(bytes)
            do { try append(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
        try rest.withUnsafeBytes { bytes in
            hasher.combine(bytes)
            try append(bytes)
        }
    }
}
