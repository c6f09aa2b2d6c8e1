import Foundation
import Testing
import TutoratCore
import TutoratCrypto
@testable import TutoratBuild
@testable import TutoratPublish

/// `tutorat build --keys`: the fixture site built with a keys file, read back
/// file by file, and its envelopes opened as the browser would.
@Suite(.serialized) struct EncryptionTests {
    /// One keys file for the suite: deriving a passphrase per tutee takes a moment.
    static let fixture: (folder: String, keys: String, file: KeysFile) = {
        let folder = SiteBuilderTests.temporaryFolder()
        let keys = folder + "/tutorat-keys.yml"
        _ = try! KeysStore.generate(site: CareHome.site, keys: keys)
        let file = KeysFile.parse(try! Disk.read(keys), path: keys).file!
        return (folder, keys, file)
    }()

    static let plain: String = {
        let output = fixture.folder + "/plain"
        _ = try! SiteBuilder.build(options(output: output))
        return output
    }()

    static let encrypted: String = {
        let output = fixture.folder + "/encrypted"
        let report = try! SiteBuilder.build(options(output: output, keys: fixture.keys))
        precondition(report.succeeded, "\(report.diagnostics)")
        return output
    }()

    static func options(output: String, keys: String? = nil, requireEncryption: Bool = false) -> BuildOptions {
        BuildOptions(site: CareHome.site, output: output, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test",
                     keys: keys, requireEncryption: requireEncryption)
    }

    static func bytes(_ path: String) -> [UInt8] { (try? Disk.read(path)) ?? [] }

    static func files(under root: String) -> [String] {
        SiteBuilderTests().files(under: root)
    }

    /// The envelope inside a locked page, or the whole of an encrypted export.
    static func envelope(_ path: String) throws -> Envelope {
        let text = String(decoding: bytes(path), as: UTF8.self)
        guard let start = text.range(of: "<script type=\"application/json\" id=\"tutorat-envelope\">") else {
            return try #require(Envelope.parse(json: text), "\(path) is not an envelope")
        }
        let rest = text[start.upperBound...]
        let end = try #require(rest.range(of: "</script>"))
        return try #require(Envelope.parse(json: String(rest[..<end.lowerBound])))
    }

    static func key(_ id: String) -> [UInt8] {
        fixture.file.entry(id)!.validCachedKey(iterations: fixture.file.iterations)!
    }

    /// What a private tutee's file says that no published file may show in clear.
    static func privateTexts() throws -> [(tutee: String, text: String)] {
        let (views, _, _) = SiteBuilder.prepare(options(output: "/nonexistent"))
        let site = try #require(views).site
        var texts: [(String, String)] = []
        for tutee in site.tutees where tutee.info.isPrivate {
            var own = [tutee.name]
            own += tutee.objectives.map(\.title)
            own += tutee.sessions.compactMap(\.summary)
            own += tutee.evaluations.flatMap { [$0.summary, $0.outcome].compactMap { $0 } }
            own += tutee.competencies.flatMap { $0.assessments.compactMap(\.note) }
            // Journal sentences, as written (Markdown punctuation aside).
            own += body(of: tutee.info, site: CareHome.site).split(separator: "\n").map(String.init)
                .filter { $0.count >= 30 && !$0.contains(where: { "*_[`#<>&\"'".contains($0) }) }
            texts += own.map { (tutee.info.id, $0) }
        }
        // A session may be named like a public programme step ("Formation
        // incendie…"): what public files of the content say is public.
        let content = CareHome.content
        let publicText = files(under: content).filter { !$0.hasPrefix("tutees/") }
            .map { String(decoding: bytes(content + "/" + $0), as: UTF8.self) }.joined(separator: "\n")
        return texts.filter { !publicText.contains($0.1) }
    }

    @Test func noPublishedFileShowsAPrivateTuteeInClear() throws {
        let texts = try Self.privateTexts()
        // Every tutee of the fixture is private and has a name, objectives and more.
        #expect(Set(texts.map(\.tutee)) == Set(CareHome.ids("tutees")))
        #expect(texts.count > 3 * CareHome.ids("tutees").count, "names, objectives, sessions and journals")
        var found: [String] = []
        var foundInPlain = Set<String>()
        for (root, isEncrypted) in [(Self.encrypted, true), (Self.plain, false)] {
            for file in Self.files(under: root) {
                let content = String(decoding: Self.bytes(root + "/" + file), as: UTF8.self)
                    .replacingOccurrences(of: "\r\n ", with: "") // unfold iCalendar lines
                for (tutee, text) in texts {
                    let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
                    guard content.contains(text) || content.contains(escaped) else { continue }
                    if isEncrypted { found.append("\(file): \(tutee): \(text)") } else { foundInPlain.insert(text) }
                }
            }
        }
        #expect(found.isEmpty, "in clear with --keys:\n\(found.joined(separator: "\n"))")
        // Without --keys the same texts are there to be found: the search can fail.
        #expect(foundInPlain.count > texts.count * 3 / 4, "\(foundInPlain.count) of \(texts.count)")
    }

    @Test func eachTuteeAndTheCoordinatorOpenTheRightPages() throws {
        let tutees = Self.fixture.file.tutees.keys.sorted()
        #expect(tutees == CareHome.ids("tutees"), "a passphrase for every tutee of the fixture")
        for id in tutees {
            let path = "tutees/\(id)/index.html"
            let envelope = try Self.envelope(Self.encrypted + "/" + path)
            #expect(envelope.path == path)
            let page = Self.bytes(Self.plain + "/" + path)
            #expect(try PageCrypto.open(envelope, wrappingKey: Self.key(id)) == page, "the tutee reads the page as built without --keys")
            #expect(try PageCrypto.open(envelope, wrappingKey: Self.key(KeysFile.coordinatorID)) == page, "and so does the coordinator")
            let other = tutees.first { $0 != id }!
            #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(envelope, wrappingKey: Self.key(other)) }
        }
        for path in ["tutees/index.html", "dashboard/index.html"] {
            let envelope = try Self.envelope(Self.encrypted + "/" + path)
            #expect(envelope.slots.count == 1, "\(path): the coordinator's only")
            #expect(try PageCrypto.open(envelope, wrappingKey: Self.key(KeysFile.coordinatorID)) == Self.bytes(Self.plain + "/" + path))
            #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(envelope, wrappingKey: Self.key(tutees[0])) }
        }
        // Through PBKDF2, from the passphrase as typed.
        let id = tutees[0]
        let envelope = try Self.envelope(Self.encrypted + "/tutees/\(id)/index.html")
        #expect(try PageCrypto.open(envelope, passphrase: Self.fixture.file.tutees[id]!.passphrase) == Self.bytes(Self.plain + "/tutees/\(id)/index.html"))
    }

    @Test func privateExportsAreEncryptedAndPublicFilesAreNot() throws {
        let id = "lina-morel"
        let calendar = try Self.envelope(Self.encrypted + "/tutees/\(id)/calendar.ics")
        #expect(calendar.mediaType == "text/calendar")
        #expect(try PageCrypto.open(calendar, wrappingKey: Self.key(id)) == Self.bytes(Self.plain + "/tutees/\(id)/calendar.ics"))
        let evidence = try Self.envelope(Self.encrypted + "/dashboard/audit/apprentissage/trail.csv")
        #expect(try PageCrypto.open(evidence, wrappingKey: Self.key(KeysFile.coordinatorID)) == Self.bytes(Self.plain + "/dashboard/audit/apprentissage/trail.csv"))
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(evidence, wrappingKey: Self.key(id)) }
        // The locked tutee page tells its script which link is the encrypted calendar.
        let locked = String(decoding: Self.bytes(Self.encrypted + "/tutees/\(id)/index.html"), as: UTF8.self)
        #expect(locked.contains("data-exports=\"../../tutees/\(id)/calendar.ics\""))
        #expect(locked.contains("<script src=\"../../theme/decrypt.js\"></script>"))
        // Public files are as they are without --keys.
        for file in ["index.html", "charter/index.html", "tutors/odile-ferrand/index.html", "tutors/odile-ferrand/calendar.ics", "site.json",
                     "sitemap.xml", "search/search-index.js", "theme/site.css"] {
            #expect(Self.bytes(Self.encrypted + "/" + file) == Self.bytes(Self.plain + "/" + file), "\(file)")
        }
        #expect(Self.files(under: Self.encrypted) == Self.files(under: Self.plain), "the same files, at the same paths")
    }

    @Test func twoBuildsOfTheSameInputAreIdentical() throws {
        let again = Self.fixture.folder + "/again"
        #expect(try SiteBuilder.build(Self.options(output: again, keys: Self.fixture.keys)).succeeded)
        #expect(Self.files(under: Self.encrypted).contains("tutees/lina-morel/index.html"))
        for file in Self.files(under: Self.encrypted) {
            #expect(Self.bytes(again + "/" + file) == Self.bytes(Self.encrypted + "/" + file), "\(file)")
        }
    }

    @Test func aTuteeWithoutPassphraseStopsTheBuild() throws {
        var file = Self.fixture.file
        file.tutees["yasmine-diallo"] = nil
        let keys = Self.fixture.folder + "/missing.yml"
        try KeysStore.write(file, to: keys)
        let output = Self.fixture.folder + "/missing"
        let report = try SiteBuilder.build(Self.options(output: output, keys: keys))
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.description)
                == ["content/tutees/yasmine-diallo.md:1:1: error: Yasmine Diallo has no passphrase in \(keys): their page cannot be encrypted\n  hint: `tutorat keys generate --keys \(keys)` adds a passphrase for every tutee who has none"])
        #expect(!Disk.exists(output), "nothing is written, least of all in clear")
    }

    @Test func withoutKeysPrivatePagesAreAWarningOrAnError() throws {
        let warned = try SiteBuilder.build(Self.options(output: Self.fixture.folder + "/warned"))
        #expect(warned.succeeded)
        #expect(warned.diagnostics.map(\.code) == ["W-UNENCRYPTED"])
        let output = Self.fixture.folder + "/refused"
        let refused = try SiteBuilder.build(Self.options(output: output, requireEncryption: true))
        #expect(refused.diagnostics.map(\.code) == ["E-UNENCRYPTED"] && !refused.succeeded)
        #expect(!Disk.exists(output))
        #expect(try SiteBuilder.build(Self.options(output: output, keys: Self.fixture.keys, requireEncryption: true)).succeeded)
    }

    @Test func aKeysFileInsideThePublishedFoldersIsRefused() throws {
        for place in ["content/tutorat-keys.yml", "themes/default/assets/keys.yml", "public/keys.yml"] {
            let report = try SiteBuilder.build(Self.options(output: CareHome.site + "/public", keys: CareHome.site + "/" + place))
            #expect(report.diagnostics.map(\.code) == ["E-KEYS-PLACE"], "\(place)")
        }
        #expect(throws: BuildFailure.self) { try KeysStore.generate(site: CareHome.site, keys: CareHome.site + "/content/k.yml") }
    }

    @Test func aPassphraseChangedByHandIsDerivedAgain() throws {
        var file = Self.fixture.file
        let old = Self.key("lina-morel")
        file.tutees["lina-morel"]!.passphrase = "un-chat-gris-dort-sur-le-toit"
        let keys = Self.fixture.folder + "/edited.yml"
        try KeysStore.write(file, to: keys) // the stale cached key and fingerprint are written as they were
        let output = Self.fixture.folder + "/edited"
        let report = try SiteBuilder.build(Self.options(output: output, keys: keys))
        #expect(report.diagnostics.map(\.code) == ["W-KEYS-CACHE"])
        let envelope = try Self.envelope(output + "/tutees/lina-morel/index.html")
        #expect(try PageCrypto.open(envelope, passphrase: "un-chat-gris-dort-sur-le-toit") == Self.bytes(Self.plain + "/tutees/lina-morel/index.html"))
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(envelope, wrappingKey: old) }
    }

    @Test func rotatingOnePassphraseChangesOnlyThatTuteesFiles() throws {
        let keys = Self.fixture.folder + "/rotated.yml"
        try FileManager.default.copyItem(atPath: Self.fixture.keys, toPath: keys)
        let outcome = try KeysStore.rotate("lina-morel", site: CareHome.site, keys: keys)
        #expect(outcome.changed == ["lina-morel"] && outcome.derived == 1)
        let output = Self.fixture.folder + "/rotated"
        #expect(try SiteBuilder.build(Self.options(output: output, keys: keys)).succeeded)
        let changed = Self.files(under: output).filter { Self.bytes(output + "/" + $0) != Self.bytes(Self.encrypted + "/" + $0) }
        #expect(changed == ["tutees/lina-morel/calendar.ics", "tutees/lina-morel/index.html"])
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) {
            try PageCrypto.open(try Self.envelope(output + "/tutees/lina-morel/index.html"), wrappingKey: Self.key("lina-morel"))
        }
    }
}
