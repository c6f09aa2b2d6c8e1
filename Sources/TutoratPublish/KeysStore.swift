import Foundation
import TutoratCore
import TutoratCrypto
import TutoratLoad

/// `tutorat keys generate` and `tutorat keys rotate ID`: the keys file on disk.
public enum KeysStore {
    public struct Outcome: Sendable {
        public var path: String
        /// The file did not exist before.
        public var created: Bool
        /// Ids given a new passphrase (tutees, or `coordinator`).
        public var changed: [String]
        /// Passphrases whose key was derived and cached this time.
        public var derived: Int
        public var tutees: Int
        public var warnings: [Diagnostic]
    }

    /// The default place: beside `content/`, where `tutorat init`'s .gitignore leaves it out of git.
    public static func defaultPath(site: String) -> String {
        Disk.join(site, KeysFile.defaultName)
    }

    /// Writes the keys file, or completes an existing one: a passphrase for
    /// every tutee of the site (and the coordinator) who has none, and the
    /// derived key of every passphrase cached. Existing passphrases are kept.
    public static func generate(site: String, keys keysPath: String, output: String? = nil) throws(BuildFailure) -> Outcome {
        try checkPlace(keysPath, site: site, output: output)
        let (content, diagnostics) = ContentReader.load(site: site)
        guard let content else {
            throw BuildFailure(description: "cannot read the site's tutees:\n" + diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n"))
        }
        let ids = content.tutees.map(\.info.id)
        var random = SystemRandomNumberGenerator()
        let existing = try read(keysPath)
        var file = existing ?? KeysFile.generate(tutees: [], using: &random)
        var changed = file.addMissing(tutees: ids, using: &random)
        if existing == nil { changed = [KeysFile.coordinatorID] + changed.filter { $0 != KeysFile.coordinatorID } }
        let derived = cacheKeys(&file)
        try write(file, to: keysPath)
        return Outcome(path: keysPath, created: existing == nil, changed: changed, derived: derived, tutees: file.tutees.count,
                       warnings: unknownTutees(file, ids: ids, path: keysPath))
    }

    /// Gives one person (a tutee id, or `coordinator`) a new passphrase and salt.
    public static func rotate(_ id: String, site: String, keys keysPath: String, output: String? = nil) throws(BuildFailure) -> Outcome {
        try checkPlace(keysPath, site: site, output: output)
        guard var file = try read(keysPath) else {
            throw BuildFailure(description: "there is no keys file \(keysPath); `tutorat keys generate --keys \(keysPath)` writes one")
        }
        var random = SystemRandomNumberGenerator()
        guard file.rotate(id, using: &random) else {
            let suggestion = Suggestion.closest(to: id, among: Array(file.tutees.keys) + [KeysFile.coordinatorID]).map { " (did you mean '\($0)'?)" } ?? ""
            throw BuildFailure(description: "\(keysPath) has no passphrase for '\(id)'\(suggestion); `tutorat keys generate` adds the tutees who have none")
        }
        let derived = cacheKeys(&file)
        try write(file, to: keysPath)
        return Outcome(path: keysPath, created: false, changed: [id], derived: derived, tutees: file.tutees.count, warnings: [])
    }

    private static func checkPlace(_ keysPath: String, site: String, output: String?) throws(BuildFailure) {
        let options = BuildOptions(site: site, output: output, fallbackAsOf: Day(daysSinceEpoch: 0), generator: "")
        if let problem = Encryption.misplaced(keysPath, options: options) {
            throw BuildFailure(description: problem.message + (problem.hint.map { "\n  hint: \($0)" } ?? ""))
        }
    }

    /// The keys file, or nil when there is none yet.
    private static func read(_ keysPath: String) throws(BuildFailure) -> KeysFile? {
        let path = Disk.absolute(keysPath)
        guard Disk.exists(path) else { return nil }
        guard let bytes = try? Disk.read(path) else { throw BuildFailure(description: "cannot read \(keysPath)") }
        let (file, diagnostics) = KeysFile.parse(bytes, path: keysPath)
        guard let file else {
            throw BuildFailure(description: diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
                               + "\nfix the keys file, or move it away to write a new one (every passphrase changes then)")
        }
        return file
    }

    /// Derives the key of every passphrase that has none cached, on every core.
    private static func cacheKeys(_ file: inout KeysFile) -> Int {
        let ids = file.uncachedEntries
        let snapshot = file
        let entries = parallelMap(ids, chunkSize: 1) { id in snapshot.entry(id)!.cached(iterations: snapshot.iterations) }
        for (id, entry) in zip(ids, entries) { file.setEntry(id, entry) }
        return ids.count
    }

    /// Entries for tutees the site no longer has are kept (a tutee may come
    /// back), but said, so that the file can be tidied.
    private static func unknownTutees(_ file: KeysFile, ids: [String], path: String) -> [Diagnostic] {
        let known = Set(ids)
        let gone = file.tutees.keys.filter { !known.contains($0) }.sorted()
        guard !gone.isEmpty else { return [] }
        return [.warning("W-KEYS-UNUSED", "\(gone.count) passphrase\(gone.count == 1 ? " is" : "s are") for tutees the site does not have: \(gone.joined(separator: ", "))",
                         at: SourceLocation(file: path), hint: "remove them from the file if they are gone for good")]
    }

    /// Written beside the old file and renamed over it, readable by its owner
    /// only: a keys file is never left half written, nor readable by others.
    package static func write(_ file: KeysFile, to keysPath: String) throws(BuildFailure) {
        let path = Disk.absolute(keysPath)
        let temporary = path + ".tutorat-new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BuildFailure(description: "cannot write \(keysPath): \(String(cString: strerror(errno)))") }
        let bytes = Array(file.yaml().utf8)
        let written = bytes.withUnsafeBytes { buffer in Foundation.write(descriptor, buffer.baseAddress, buffer.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw BuildFailure(description: "cannot write \(keysPath): \(String(cString: strerror(errno)))")
        }
    }
}
