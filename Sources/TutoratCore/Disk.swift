import Foundation

/// The few disk operations a build needs. Errors carry the path, so the
/// command line can say which file could not be read or written.
package enum Disk {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
        /// The path leads through a symbolic link, which is never followed.
        package var isLink = false

        package init(description: String, isLink: Bool = false) {
            self.description = description
            self.isLink = isLink
        }
    }

    /// A file whatever the path to it: two hard links to one file are one identity.
    package struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    package static func identity(_ path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Identity(status)
    }

    /// The whole file, read straight into an array (no `Data` in between:
    /// the loader reads every content file with it). A file in `secrets` is refused.
    ///
    /// `path` must be the file's real path: a file reached through a symbolic
    /// link, at the last component or any folder above it, is refused. The
    /// check is made on the file actually opened, so a link swapped in between
    /// a listing and the read is refused too.
    package static func read(_ path: String, refusing secrets: Set<Identity> = []) throws -> [UInt8] {
        let descriptor = try openByRealPath(path, O_RDONLY, doing: "read")
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))") }
        guard !secrets.contains(Identity(status)) else {
            throw Failure(description: "refusing to publish \(path): it is the keys file (every passphrase); move it out of the site's published folders")
        }
        // One byte more than the size, so the read that finds the end needs no new room.
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Writes a file and returns its size and time as the disk now has them.
    /// Like `read`, by real path only: a file or a folder on the way that is a
    /// symbolic link is refused, so nothing is ever written outside the folder meant.
    /// `mode` is that of a file created (less the umask); a file already there keeps its own.
    @discardableResult
    package static func write(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o644) throws -> Fingerprint {
        try write(to: path, mode: mode, whole(bytes))
    }

    /// A file written in pieces as `produce` hands them to `append`, for a
    /// page too large to hold whole.
    package static func write(to path: String, mode: mode_t = 0o644,
                              _ produce: (_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Fingerprint {
        let descriptor = try openByRealPath(path, O_WRONLY | O_CREAT, doing: "write", mode: mode)
        defer { close(descriptor) }
        let failure = { Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        // Emptied only now that it is known to be the file meant (hence no O_TRUNC).
        guard ftruncate(descriptor, 0) == 0 else { throw failure() }
        try produce { bytes in
            guard writeAll(descriptor, bytes) else { throw failure() }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure() }
        return Fingerprint(status)
    }

    /// Replaces a file by renaming a complete new one over it, so whoever
    /// reads it (a web server, a browser) sees the old file or the new one.
    /// `keepingPermissions`, for a person's file: one readable by its owner
    /// only stays so from the moment the new one is in place.
    @discardableResult
    package static func replace(_ bytes: some Collection<UInt8>, at path: String, keepingPermissions: Bool = false) throws -> Fingerprint {
        try replace(at: path, keepingPermissions: keepingPermissions, whole(bytes))
    }

    /// `replace` with the new file written in pieces.
    @discardableResult
    package static func replace(at path: String, keepingPermissions: Bool = false,
                                _ produce: (_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Fingerprint {
        let temporary = temporaryPath(for: path)
        do {
            var old = stat()
            let written: Fingerprint
            if keepingPermissions, stat(path, &old) == 0 {
                // Created afresh for its owner alone, given the old file's mode once whole: the
                // text is never in a file that others may open.
                unlink(temporary)
                written = try write(to: temporary, mode: old.st_mode & 0o700, produce)
                guard chmod(temporary, old.st_mode & 0o7777) == 0 else {
                    throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
            } else {
                written = try write(to: temporary, produce)
            }
            try rename(temporary, to: path)
            return written
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Where a file is written whole before it takes its name: beside it, hidden.
    private static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[..<slash]) + "." + String(path[slash...]) + ".tutorat-new"
    }

    /// Creates a file that must not exist yet, whole or not at all: a complete
    /// temporary file is linked to its name, which fails if the name is taken,
    /// even by a file created a moment before.
    @discardableResult
    package static func create(_ bytes: some Collection<UInt8>, at path: String) throws -> Fingerprint {
        let temporary = temporaryPath(for: path)
        defer { unlink(temporary) }
        let written = try write(bytes, to: temporary)
        guard link(temporary, path) == 0 else {
            throw Failure(description: errno == EEXIST ? "\(path) already exists: it is left as it is"
                                                       : "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        return written
    }

    /// A folder whose parent exists; one that is already there is fine.
    package static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || (errno == EEXIST && kind(path) == .directory) else {
            throw Failure(description: "cannot create folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes a folder only if it is empty; true when it was removed.
    package static func removeEmptyFolder(_ path: String) -> Bool {
        rmdir(path) == 0
    }

    /// Bytes held whole, handed over as one piece.
    private static func whole(_ bytes: some Collection<UInt8>) -> (_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Void {
        { append in
            try bytes.withContiguousStorageIfAvailable { try append(UnsafeRawBufferPointer($0)) }
                ?? Array(bytes).withUnsafeBytes { try append($0) }
        }
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    package static func createDirectory(_ path: String) throws {
        // Folders are created along the real path only: never through a link to elsewhere.
        guard absolute(path) == path else {
            throw Failure(description: "cannot create folder \(path): a folder on the way is a symbolic link", isLink: true)
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create folder \(path): \(error.localizedDescription)")
        }
    }

    package static func remove(_ path: String) throws {
        guard exists(path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw Failure(description: "cannot remove \(path): \(error.localizedDescription)")
        }
    }

    package static func rename(_ from: String, to destination: String) throws {
        guard Foundation.rename(from, destination) == 0 else {
            throw Failure(description: "cannot move \(from) to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    package static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    package static func size(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    package enum Kind { case file, directory, symlink, other }

    package static func kind(_ path: String) -> Kind? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Every regular file and every symbolic link under a folder, relative to
    /// it, depth first in name order; links are listed, never followed, and
    /// names for which `skip` holds are left out with all they hold.
    package static func walk(_ folder: String, skipping skip: (String) -> Bool) -> (files: [String], links: [String]) {
        var files: [String] = [], links: [String] = []
        func visit(_ relative: String) {
            for name in list(relative.isEmpty ? folder : folder + "/" + relative) where !skip(name) {
                let path = relative.isEmpty ? name : relative + "/" + name
                switch kind(folder + "/" + path) {
                case .file: files.append(path)
                case .directory: visit(path)
                case .symlink: links.append(path)
                default: break
                }
            }
        }
        visit("")
        return (files, links)
    }

    /// Names in a folder, sorted so that every walk sees files in the same order.
    /// Like `read`, `path` must be the folder's real path: a folder reached
    /// through a symbolic link lists nothing.
    package static func list(_ path: String) -> [String] {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return [] }
        guard openedPath(descriptor) == path, let folder = fdopendir(descriptor) else {
            close(descriptor)
            return []
        }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Opens `path` only if it is its own real path: the last component is not
    /// followed (`O_NOFOLLOW`), and the file opened is asked where it really is,
    /// so a folder on the way that is a link is refused too.
    private static func openByRealPath(_ path: String, _ flags: Int32, doing verb: String, mode: mode_t = 0o644) throws -> Int32 {
        let descriptor = open(path, flags | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else {
            let code = errno
            throw Failure(description: "cannot \(verb) \(path): \(String(cString: strerror(code)))", isLink: code == ELOOP)
        }
        guard openedPath(descriptor) == path else {
            close(descriptor)
            throw Failure(description: "cannot \(verb) \(path): its real path is elsewhere (a symbolic link on the way)", isLink: true)
        }
        return descriptor
    }

    /// The real path of an open file, as the kernel has it.
    private static func openedPath(_ descriptor: Int32) -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN))
        guard fcntl(descriptor, F_GETPATH, &buffer) == 0 else { return nil }
        return String(cString: buffer)
        #endif
    }

    /// The path from the root with every symbolic link resolved, as far as it
    /// exists: the real path of its deepest existing folder, then the names
    /// below it that do not exist yet. Paths are compared by this, never by
    /// their text (`L/content`, with `L` a link to the site, is the site's `content/`).
    package static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let textual = url.standardizedFileURL.path
        var existing = textual
        var missing: [Substring] = []
        while existing != "/" {
            if let resolved = realPath(existing) {
                return missing.isEmpty ? resolved : (resolved == "/" ? "" : resolved) + "/" + missing.reversed().joined(separator: "/")
            }
            let slash = existing.lastIndex(of: "/")!
            missing.append(existing[existing.index(after: slash)...])
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
        return textual
    }

    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The first symbolic link on the way from `root` down to `path` (both
    /// absolute, `path` below `root`), to report where the way leaves the site.
    package static func firstLink(from root: String, to path: String) -> String? {
        guard path.hasPrefix(root + "/") else { return nil }
        var current = root
        for name in path.dropFirst(root.count + 1).split(separator: "/") {
            current += "/" + name
            guard let kind = kind(current) else { return nil }
            if kind == .symlink { return current }
        }
        return nil
    }

    package static func join(_ parts: String...) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "/").replacingOccurrences(of: "//", with: "/")
    }
}
