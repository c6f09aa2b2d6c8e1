import Foundation
import TutoratCore
import TutoratYAML

/// The keys file: the secret that page keys derive from, and one passphrase
/// per person who opens pages (the coordinator, each tutee). It is the one
/// secret of an encrypted site, so it lives outside `content/` and the output,
/// and out of git (docs/visibility-and-encryption.md, "Encrypted private pages").
public struct KeysFile: Sendable, Equatable {
    public static let defaultName = "tutorat-keys.yml"
    public static let coordinatorID = "coordinator"

    public var iterations: Int
    /// 32 random bytes: every page key is derived from it, so a build with the
    /// same keys gives the same ciphertexts.
    public var siteSecret: [UInt8]
    public var coordinator: Passphrase?
    /// By tutee id.
    public var tutees: [String: Passphrase]

    public init(iterations: Int = KeyDerivation.minimumIterations, siteSecret: [UInt8], coordinator: Passphrase?,
                tutees: [String: Passphrase] = [:]) {
        self.iterations = iterations
        self.siteSecret = siteSecret
        self.coordinator = coordinator
        self.tutees = tutees
    }

    /// One person's passphrase, with the salt it is derived with and, once
    /// derived, the wrapping key itself (PBKDF2 at 600 000 iterations takes a
    /// noticeable time; a site may have thousands of tutees).
    public struct Passphrase: Sendable, Equatable {
        public var passphrase: String
        public var salt: [UInt8]
        public var cachedKey: [UInt8]?
        /// `KeyDerivation.fingerprint` of what `cachedKey` was derived from.
        public var cachedFor: String?
        /// Where the entry is in the keys file, for diagnostics; not compared.
        public var location: SourceLocation?

        public init(passphrase: String, salt: [UInt8], cachedKey: [UInt8]? = nil, cachedFor: String? = nil, location: SourceLocation? = nil) {
            self.passphrase = passphrase
            self.salt = salt
            self.cachedKey = cachedKey
            self.cachedFor = cachedFor
            self.location = location
        }

        public static func == (a: Passphrase, b: Passphrase) -> Bool {
            a.passphrase == b.passphrase && a.salt == b.salt && a.cachedKey == b.cachedKey && a.cachedFor == b.cachedFor
        }

        /// The cached key, when it was derived from this passphrase, salt and count.
        public func validCachedKey(iterations: Int) -> [UInt8]? {
            guard let cachedKey, cachedKey.count == 32,
                  cachedFor == KeyDerivation.fingerprint(passphrase: passphrase, salt: salt, iterations: iterations) else { return nil }
            return cachedKey
        }

        /// The wrapping key, from the cache or derived now.
        public func wrappingKey(iterations: Int) -> [UInt8] {
            validCachedKey(iterations: iterations)
                ?? KeyDerivation.wrappingKey(passphrase: passphrase, salt: salt, iterations: iterations)
        }

        /// With the wrapping key derived and cached.
        public func cached(iterations: Int) -> Passphrase {
            guard validCachedKey(iterations: iterations) == nil else { return self }
            var entry = self
            entry.cachedKey = KeyDerivation.wrappingKey(passphrase: passphrase, salt: salt, iterations: iterations)
            entry.cachedFor = KeyDerivation.fingerprint(passphrase: passphrase, salt: salt, iterations: iterations)
            return entry
        }

        public static func random<R: RandomNumberGenerator>(using random: inout R) -> Passphrase {
            Passphrase(passphrase: KeyDerivation.newPassphrase(using: &random), salt: KeyDerivation.randomBytes(16, using: &random))
        }
    }

    /// A new file: a fresh site secret, and a passphrase for the coordinator
    /// and for each tutee. Keys are not derived here (see `cachingKeys`).
    public static func generate<R: RandomNumberGenerator>(tutees ids: [String], using random: inout R) -> KeysFile {
        var file = KeysFile(siteSecret: KeyDerivation.randomBytes(32, using: &random), coordinator: .random(using: &random))
        file.addMissing(tutees: ids, using: &random)
        return file
    }

    /// Adds a passphrase for each tutee (and the coordinator) who has none;
    /// keeps every other entry as it is. Returns the ids added.
    @discardableResult
    public mutating func addMissing<R: RandomNumberGenerator>(tutees ids: [String], using random: inout R) -> [String] {
        var added: [String] = []
        if coordinator == nil {
            coordinator = .random(using: &random)
            added.append(Self.coordinatorID)
        }
        for id in ids.sorted() where tutees[id] == nil {
            tutees[id] = .random(using: &random)
            added.append(id)
        }
        return added
    }

    /// Replaces one passphrase (a tutee id, or `coordinator`) with a new one
    /// and a new salt. False when there is no such entry.
    public mutating func rotate<R: RandomNumberGenerator>(_ id: String, using random: inout R) -> Bool {
        if id == Self.coordinatorID {
            coordinator = .random(using: &random)
            return true
        }
        guard tutees[id] != nil else { return false }
        tutees[id] = .random(using: &random)
        return true
    }

    /// Every entry whose key is not cached (or was cached for another
    /// passphrase), in file order: the coordinator first, then tutees by id.
    public var uncachedEntries: [String] {
        var ids: [String] = []
        if let coordinator, coordinator.validCachedKey(iterations: iterations) == nil { ids.append(Self.coordinatorID) }
        ids += tutees.keys.sorted().filter { tutees[$0]!.validCachedKey(iterations: iterations) == nil }
        return ids
    }

    public func entry(_ id: String) -> Passphrase? {
        id == Self.coordinatorID ? coordinator : tutees[id]
    }

    public mutating func setEntry(_ id: String, _ entry: Passphrase) {
        if id == Self.coordinatorID { coordinator = entry } else { tutees[id] = entry }
    }
}

// MARK: - Reading

extension KeysFile {
    /// Reads a keys file. Every problem is a diagnostic at its line and column
    /// in `path`; the file is nil when one of them is an error.
    public static func parse(_ bytes: [UInt8], path: String) -> (file: KeysFile?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ mark: YAMLMark?, hint: String? = nil) {
            diagnostics.append(.error("E-KEYS", message, at: (mark ?? YAMLMark(line: 1, column: 1)).location(in: path), hint: hint))
        }
        let root: YAMLNode
        do {
            // A keys file holds about 250 bytes per tutee: allow large sites.
            guard let parsed = try YAMLReader.parse(bytes, maxDepth: 8, maxBytes: 64 << 20) else {
                error("the keys file is empty", nil, hint: "write one with `tutorat keys generate`")
                return (nil, diagnostics)
            }
            root = parsed
        } catch {
            return (nil, [error.diagnostic(file: path)])
        }
        guard let fields = root.mapping else {
            error("the keys file should be a list of fields (version, iterations, site_secret, coordinator, tutees), found \(root.kindName)", root.mark)
            return (nil, diagnostics)
        }
        let known = ["version", "iterations", "site_secret", "coordinator", "tutees"]
        for pair in fields where !known.contains(pair.key.scalar ?? "") {
            let name = pair.key.scalar ?? ""
            let suggestion = Suggestion.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            error("unknown field '\(name)'\(suggestion)", pair.key.mark)
        }

        if let version = root.pair(forKey: "version") {
            if version.value.scalar != "1" { error("unknown keys file version '\(version.value.scalar ?? version.value.kindName)'; this tutorat reads version 1", version.value.mark) }
        } else {
            error("missing field 'version'", root.mark)
        }

        var iterations = KeyDerivation.minimumIterations
        if let pair = root.pair(forKey: "iterations") {
            if let text = pair.value.scalar, let count = Int(text), count >= KeyDerivation.minimumIterations, count <= 100_000_000 {
                iterations = count
            } else {
                error("'iterations' should be a whole number from \(KeyDerivation.minimumIterations) to 100000000, found '\(pair.value.scalar ?? pair.value.kindName)'",
                      pair.value.mark, hint: "fewer iterations make a passphrase quicker to guess")
            }
        }

        var siteSecret: [UInt8] = []
        if let pair = root.pair(forKey: "site_secret") {
            if let bytes = base64(pair.value), bytes.count == 32 {
                siteSecret = bytes
            } else {
                error("'site_secret' should be 32 bytes in base64", pair.value.mark, hint: "it is written by `tutorat keys generate`; a new one changes every ciphertext")
            }
        } else {
            error("missing field 'site_secret'", root.mark, hint: "write a keys file with `tutorat keys generate`")
        }

        var coordinator: Passphrase?
        if let pair = root.pair(forKey: "coordinator") {
            let (value, found) = entry(pair.value, name: "the coordinator", path: path)
            coordinator = value
            diagnostics += found
        } else {
            error("missing field 'coordinator': the coordinator's passphrase opens every private page", root.mark,
                  hint: "`tutorat keys generate` adds it")
        }

        var tutees: [String: Passphrase] = [:]
        if let pair = root.pair(forKey: "tutees"), !pair.value.isNull {
            if let entries = pair.value.mapping {
                for entryPair in entries {
                    let id = entryPair.key.scalar ?? ""
                    guard Identifier.isValid(id) else {
                        error("'\(id)' is not a tutee id (lowercase letters, digits and single hyphens)", entryPair.key.mark)
                        continue
                    }
                    let (value, found) = entry(entryPair.value, name: "tutee '\(id)'", path: path)
                    diagnostics += found
                    if let value {
                        var located = value
                        located.location = entryPair.key.mark.location(in: path)
                        tutees[id] = located
                    }
                }
            } else {
                error("'tutees' should map each tutee id to its passphrase, found \(pair.value.kindName)", pair.value.mark)
            }
        }

        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (KeysFile(iterations: iterations, siteSecret: siteSecret, coordinator: coordinator, tutees: tutees), diagnostics)
    }

    private static func entry(_ node: YAMLNode, name: String, path: String) -> (Passphrase?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ mark: YAMLMark, _ hint: String?) {
            diagnostics.append(.error("E-KEYS", message, at: mark.location(in: path), hint: hint))
        }
        guard node.mapping != nil else {
            error("\(name) should have 'passphrase' and 'salt', found \(node.kindName)", node.mark, nil)
            return (nil, diagnostics)
        }
        let known = ["passphrase", "salt", "key", "key_for"]
        for pair in node.mapping! where !known.contains(pair.key.scalar ?? "") {
            let field = pair.key.scalar ?? ""
            let suggestion = Suggestion.closest(to: field, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            error("unknown field '\(field)' for \(name)\(suggestion)", pair.key.mark, nil)
        }
        var passphrase = ""
        if let pair = node.pair(forKey: "passphrase") {
            passphrase = pair.value.scalar ?? ""
            if pair.value.scalar == nil {
                error("the passphrase of \(name) should be text", pair.value.mark, nil)
            } else if passphrase.isEmpty {
                error("the passphrase of \(name) is empty", pair.value.mark, "`tutorat keys rotate ID` writes a new one")
            } else if passphrase.first!.isWhitespace || passphrase.last!.isWhitespace {
                // The browser trims what is typed (phones add a space after a word).
                error("the passphrase of \(name) starts or ends with a space", pair.value.mark, nil)
            } else if passphrase.count < 12 {
                diagnostics.append(.warning("W-KEYS-WEAK", "the passphrase of \(name) has only \(passphrase.count) characters: it can be guessed",
                                            at: pair.value.mark.location(in: path), hint: "`tutorat keys rotate ID` writes a strong one (24 characters)"))
            }
        } else {
            error("\(name) has no 'passphrase'", node.mark, nil)
        }
        var salt: [UInt8] = []
        if let pair = node.pair(forKey: "salt") {
            if let bytes = base64(pair.value), bytes.count >= 16 {
                salt = bytes
            } else {
                error("the salt of \(name) should be at least 16 bytes in base64", pair.value.mark, nil)
            }
        } else {
            error("\(name) has no 'salt'", node.mark, "`tutorat keys rotate ID` writes a passphrase with its salt")
        }
        // A damaged cache is not an error: the build derives the key again.
        let cachedKey = node.value(forKey: "key").flatMap(base64)
        let cachedFor = node.value(forKey: "key_for")?.scalar
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Passphrase(passphrase: passphrase, salt: salt, cachedKey: cachedKey, cachedFor: cachedFor, location: node.mark.location(in: path)),
                diagnostics)
    }

    private static func base64(_ node: YAMLNode) -> [UInt8]? {
        guard let text = node.scalar, let data = Data(base64Encoded: text) else { return nil }
        return [UInt8](data)
    }
}

// MARK: - Writing

extension KeysFile {
    /// The file as YAML, entries in a stable order, every text double-quoted
    /// so that any passphrase written by hand reads back the same.
    public func yaml() -> String {
        var out = """
            # tutorat keys: the passphrases that open the encrypted private pages.
            # SECRET. Keep it out of content/, out of the published folder and out of git;
            # whoever holds it can read every private page.
            # `tutorat keys generate` adds the tutees who have no passphrase;
            # `tutorat keys rotate ID` gives one person (or `coordinator`) a new one.
            # A passphrase may be changed by hand: the build notices and derives its key again.
            # 'key' caches PBKDF2's result, so that builds do not derive it each time.
            version: 1
            iterations: \(iterations)
            site_secret: "\(Data(siteSecret).base64EncodedString())"

            """
        if let coordinator {
            out += "coordinator:\n" + Self.entryYAML(coordinator, indent: "  ")
        }
        out += tutees.isEmpty ? "tutees: {}\n" : "tutees:\n"
        for id in tutees.keys.sorted() {
            out += "  \(id):\n" + Self.entryYAML(tutees[id]!, indent: "    ")
        }
        return out
    }

    private static func entryYAML(_ entry: Passphrase, indent: String) -> String {
        var out = "\(indent)passphrase: \(YAMLText.doubleQuoted(entry.passphrase))\n"
        out += "\(indent)salt: \"\(Data(entry.salt).base64EncodedString())\"\n"
        if let key = entry.cachedKey, let keyFor = entry.cachedFor {
            out += "\(indent)key: \"\(Data(key).base64EncodedString())\"\n"
            out += "\(indent)key_for: \(YAMLText.doubleQuoted(keyFor))\n"
        }
        return out
    }
}
