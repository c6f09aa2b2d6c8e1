import Foundation

/// The few disk operations a build needs. Errors carry the path, so the
/// command line can say which file could not be read or written.
enum Disk {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The whole file, read straight into an array (no `Data` in between:
    /// the loader reads every content file with it).
    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))") }
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
    @discardableResult
    static func write(_ bytes: some Collection<UInt8>, to path: String) throws -> Fingerprint {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let written = bytes.withContiguousStorageIfAvailable { buffer in
            writeAll(descriptor, UnsafeRawBufferPointer(buffer))
        } ?? Array(bytes).withUnsafeBytes { writeAll(descriptor, $0) }
        var status = stat()
        guard written, fstat(descriptor, &status) == 0 else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return Fingerprint(status)
    }

    /// Replaces a file by renaming a complete new one over it, so whoever
    /// reads it (a web server, a browser) sees the old file or the new one.
    @discardableResult
    static func replace(_ bytes: some Collection<UInt8>, at path: String) throws -> Fingerprint {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let temporary = String(path[..<slash]) + "." + String(path[slash...]) + ".tutorat-new"
        do {
            let written = try write(bytes, to: temporary)
            try rename(temporary, to: path)
            return written
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// A folder whose parent exists; one that is already there is fine.
    static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || (errno == EEXIST && kind(path) == .directory) else {
            throw Failure(description: "cannot create folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes a folder only if it is empty; true when it was removed.
    static func removeEmptyFolder(_ path: String) -> Bool {
        rmdir(path) == 0
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

    static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create folder \(path): \(error.localizedDescription)")
        }
    }

    static func remove(_ path: String) throws {
        guard exists(path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw Failure(description: "cannot remove \(path): \(error.localizedDescription)")
        }
    }

    static func rename(_ from: String, to destination: String) throws {
        guard Foundation.rename(from, destination) == 0 else {
            throw Failure(description: "cannot move \(from) to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func size(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    enum Kind { case file, directory, symlink, other }

    static func kind(_ path: String) -> Kind? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Names in a folder, sorted so that every walk sees files in the same order.
    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return url.standardizedFileURL.path
    }

    static func join(_ parts: String...) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "/").replacingOccurrences(of: "//", with: "/")
    }
}
