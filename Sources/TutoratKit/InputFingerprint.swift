import Foundation

/// One number for everything a build's output depends on: every file under
/// the site's `content/` and `themes/` (path, size, modification time), the
/// tutorat executable itself (which holds the bundled theme), and the options that
/// change what is written. Equal fingerprints mean an equal output, so a build
/// whose inputs did not move since the last one has nothing to do. Files are
/// identified by their metadata, not read, as make and ninja do: a file
/// touched without change costs one rebuild whose writes are then skipped.
enum InputFingerprint {
    static func of(_ options: BuildOptions) -> UInt64 {
        var listing = "tutorat inputs 1\n\(options.generator)\n\(options.fallbackAsOf.iso)\nrequire-encryption \(options.requireEncryption)\n"
        if let keys = options.keys {
            // The keys file is rewritten when a derived key is cached, so its identity covers the passphrases too.
            let print = Fingerprint(Disk.absolute(keys))
            listing += "keys \(Disk.absolute(keys)) \(print?.size ?? -1) \(print?.modified ?? -1)\n"
        }
        var status = stat()
        if stat("/proc/self/exe", &status) == 0 {
            let executable = Fingerprint(status)
            listing += "executable \(executable.size) \(executable.modified) \(executable.inode)\n"
        }
        let root = Disk.absolute(options.site)
        for folder in [root + "/content", root + "/themes"] {
            listing += "folder \(folder)\n"
            walk(folder, into: &listing)
        }
        return StableHash.of(listing)
    }

    private static func walk(_ folder: String, into listing: inout String) {
        for name in Disk.list(folder) {
            let path = folder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            let print = Fingerprint(status)
            listing += "\(status.st_mode) \(print.size) \(print.modified) \(print.inode) \(path)\n"
            if status.st_mode & S_IFMT == S_IFDIR { walk(path, into: &listing) }
        }
    }
}
