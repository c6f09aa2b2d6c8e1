import Foundation
import Testing
import TutoratCore
@testable import TutoratCrypto
import TutoratTestSupport

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

@Suite struct PBKDF2Tests {
    // RFC 7914, section 11 (PBKDF2-HMAC-SHA256 test vectors).
    @Test func matchesRFC7914() {
        #expect(hex(KeyDerivation.pbkdf2SHA256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64))
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
        #expect(hex(KeyDerivation.pbkdf2SHA256(password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80000, length: 64))
                == "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    // The RFC 6070 inputs with SHA-256, as published in the usual test suites.
    @Test func matchesCommonSHA256Vectors() {
        let password = Array("password".utf8), salt = Array("salt".utf8)
        #expect(hex(KeyDerivation.pbkdf2SHA256(password: password, salt: salt, iterations: 1, length: 32))
                == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
        #expect(hex(KeyDerivation.pbkdf2SHA256(password: password, salt: salt, iterations: 4096, length: 32))
                == "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    @Test func normalisesThePassphraseToNFC() {
        let salt = [UInt8](repeating: 7, count: 16)
        let composed = "caf\u{E9} au lait", decomposed = "cafe\u{301} au lait"
        #expect(KeyDerivation.wrappingKey(passphrase: composed, salt: salt, iterations: 1000)
                == KeyDerivation.wrappingKey(passphrase: decomposed, salt: salt, iterations: 1000))
    }
}

@Suite struct EnvelopeTests {
    static let secret = [UInt8](repeating: 42, count: 32)
    static let tutee = Opener(salt: [UInt8](repeating: 1, count: 16), wrappingKey: [UInt8](repeating: 0xA1, count: 32))
    static let coordinator = Opener(salt: [UInt8](repeating: 2, count: 16), wrappingKey: [UInt8](repeating: 0xC0, count: 32))
    static let page = Array("<!DOCTYPE html><title>Marie Dupont</title><p>Journal: premier jour.</p>".utf8)
    static let path = "tutees/marie-dupont/index.html"

    func sealed(_ content: [UInt8] = page, path: String = path, openers: [Opener] = [tutee, coordinator]) -> Envelope {
        let key = PageKey(siteSecret: Self.secret, path: Self.path, openers: openers, iterations: 600_000)
        return PageCrypto.seal(content, path: path, with: key)
    }

    @Test func theTuteeAndTheCoordinatorBothOpenThePage() throws {
        let envelope = sealed()
        #expect(try PageCrypto.open(envelope, wrappingKey: Self.tutee.wrappingKey) == Self.page)
        #expect(try PageCrypto.open(envelope, wrappingKey: Self.coordinator.wrappingKey) == Self.page)
        #expect(envelope.slots.map(\.salt) == [Self.tutee.salt, Self.coordinator.salt])
    }

    @Test func aPassphraseOpensThroughPBKDF2AsTheBrowserDoes() throws {
        let salt = [UInt8](repeating: 9, count: 16)
        let opener = Opener(salt: salt, wrappingKey: KeyDerivation.wrappingKey(passphrase: "k7tm-q4xa-9hfr-2wpd-c8nv-j3ye", salt: salt, iterations: 600_000))
        let envelope = sealed(openers: [opener])
        #expect(try PageCrypto.open(envelope, passphrase: "k7tm-q4xa-9hfr-2wpd-c8nv-j3ye") == Self.page)
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(envelope, passphrase: "k7tm-q4xa-9hfr-2wpd-c8nv-j3yf") }
    }

    @Test func anotherKeyIsRefused() {
        let stranger = [UInt8](repeating: 0x55, count: 32)
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(sealed(), wrappingKey: stranger) }
        // The coordinator of a page sealed for the tutee alone cannot open it either.
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) {
            try PageCrypto.open(sealed(openers: [Self.tutee]), wrappingKey: Self.coordinator.wrappingKey)
        }
    }

    @Test func aTamperedCiphertextIsRejected() throws {
        for index in [0, Self.page.count / 2, Self.page.count + 15] {
            var envelope = sealed()
            envelope.data[index] ^= 0x01
            #expect(throws: PageCrypto.OpenError.damaged, "byte \(index)") { try PageCrypto.open(envelope, wrappingKey: Self.tutee.wrappingKey) }
        }
        var truncated = sealed()
        truncated.data.removeLast()
        #expect(throws: PageCrypto.OpenError.damaged) { try PageCrypto.open(truncated, wrappingKey: Self.tutee.wrappingKey) }
        var nonce = sealed()
        nonce.nonce[0] ^= 0x80
        #expect(throws: PageCrypto.OpenError.damaged) { try PageCrypto.open(nonce, wrappingKey: Self.tutee.wrappingKey) }
        var slot = sealed()
        slot.slots[0].wrapped[3] ^= 0x01
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(slot, wrappingKey: Self.tutee.wrappingKey) }
        #expect(try PageCrypto.open(slot, wrappingKey: Self.coordinator.wrappingKey) == Self.page, "the other slot is intact")
    }

    @Test func aFileMovedToAnotherPathDoesNotOpen() {
        var moved = sealed()
        moved.path = "tutees/lucas/index.html"
        #expect(throws: PageCrypto.OpenError.damaged) { try PageCrypto.open(moved, wrappingKey: Self.tutee.wrappingKey) }
    }

    @Test func theSameInputGivesTheSameCiphertext() {
        #expect(sealed() == sealed())
        #expect(sealed().json() == sealed().json())
    }

    @Test func differentContentNeverReusesANonce() {
        let key = PageKey(siteSecret: Self.secret, path: Self.path, openers: [Self.tutee, Self.coordinator], iterations: 600_000)
        var nonces = Set<[UInt8]>()
        for index in 0..<200 {
            nonces.insert(PageCrypto.seal(Self.page + Array(" \(index)".utf8), path: Self.path, with: key).nonce)
        }
        // A page and its calendar share the page key; their paths differ.
        nonces.insert(PageCrypto.seal(Self.page, path: Self.path, with: key).nonce)
        nonces.insert(PageCrypto.seal(Self.page, path: "tutees/marie-dupont/calendar.ics", with: key).nonce)
        #expect(nonces.count == 202)
        // The key wrapped for one person gets a new nonce when the page key changes.
        let other = PageKey(siteSecret: Self.secret, path: "tutees/lucas/index.html", openers: [Self.tutee, Self.coordinator], iterations: 600_000)
        #expect(other.slots[1].nonce != key.slots[1].nonce)
    }

    @Test func aNewPassphraseChangesThePageKey() {
        let before = sealed()
        let rotated = Opener(salt: [UInt8](repeating: 3, count: 16), wrappingKey: [UInt8](repeating: 0xA2, count: 32))
        let after = sealed(openers: [rotated, Self.coordinator])
        #expect(before.data != after.data)
        #expect(before.slots[1].wrapped != after.slots[1].wrapped)
        #expect(throws: PageCrypto.OpenError.wrongPassphrase) { try PageCrypto.open(after, wrappingKey: Self.tutee.wrappingKey) }
    }

    @Test func theJSONReadsBackAndIsSafeInHTML() throws {
        var envelope = sealed()
        envelope.mediaType = "text/calendar"
        let json = envelope.json()
        #expect(try #require(Envelope.parse(json: json)) == envelope)
        #expect(!json.contains("<") && !json.contains("Marie"))
        #expect(Envelope.parse(json: "{\"tutorat\":2}") == nil)
    }
}

@Suite struct KeysFileTests {
    func generated() -> KeysFile {
        var random = SeededRandom(state: 1)
        return KeysFile.generate(tutees: ["marie-dupont", "lucas-bernard"], using: &random)
    }

    @Test func generatesStrongDistinctPassphrases() {
        let file = generated()
        let passphrases = [file.coordinator!.passphrase] + file.tutees.values.map(\.passphrase)
        #expect(Set(passphrases).count == 3)
        #expect(Set(file.tutees.values.map(\.salt) + [file.coordinator!.salt]).count == 3, "a salt of its own for each passphrase")
        for passphrase in passphrases {
            #expect(passphrase.count == 29 && passphrase.replacingOccurrences(of: "-", with: "").count == 24)
            #expect(passphrase.allSatisfy { $0 == "-" || KeyDerivation.passphraseAlphabet.contains($0) })
        }
        #expect(file.siteSecret.count == 32 && file.iterations >= 600_000)
    }

    @Test func writesAndReadsBackTheSameFile() throws {
        var file = generated()
        file.tutees["emma"] = .init(passphrase: "a \"quoted\" \\ pass: # phrase é ✓ \u{1}", salt: [UInt8](repeating: 5, count: 16))
        file.coordinator = file.coordinator!.cached(iterations: file.iterations)
        let (read, diagnostics) = KeysFile.parse(Array(file.yaml().utf8), path: "keys.yml")
        #expect(diagnostics.isEmpty)
        #expect(read == file)
        #expect(read?.tutees["marie-dupont"]?.location == SourceLocation(file: "keys.yml", line: 23, column: 3))
    }

    @Test func aCachedKeyIsUsedOnlyForThePassphraseItWasDerivedFrom() {
        var file = generated()
        #expect(file.uncachedEntries == ["coordinator", "lucas-bernard", "marie-dupont"])
        let cached = file.tutees["emma", default: file.tutees["marie-dupont"]!].cached(iterations: file.iterations)
        file.tutees["marie-dupont"] = cached
        #expect(file.uncachedEntries == ["coordinator", "lucas-bernard"])
        #expect(cached.validCachedKey(iterations: file.iterations) == KeyDerivation.wrappingKey(passphrase: cached.passphrase, salt: cached.salt, iterations: file.iterations))
        var edited = cached
        edited.passphrase += "x"
        #expect(edited.validCachedKey(iterations: file.iterations) == nil, "a passphrase changed by hand is derived again")
        #expect(cached.validCachedKey(iterations: 700_000) == nil, "and so is one whose iteration count changed")
    }

    @Test func addsMissingEntriesAndRotatesOne() {
        var file = generated()
        let marie = file.tutees["marie-dupont"]
        var random = SeededRandom(state: 2)
        #expect(file.addMissing(tutees: ["marie-dupont", "zoe"], using: &random) == ["zoe"])
        #expect(file.tutees["marie-dupont"] == marie)
        #expect(file.rotate("marie-dupont", using: &random))
        #expect(file.tutees["marie-dupont"]!.passphrase != marie!.passphrase && file.tutees["marie-dupont"]!.salt != marie!.salt)
        let coordinator = file.coordinator
        #expect(file.rotate("coordinator", using: &random) && file.coordinator != coordinator)
        #expect(!file.rotate("nobody", using: &random))
    }

    @Test func reportsEachProblemAtItsLineAndColumn() {
        let text = """
            version: 1
            iterations: 1000
            site_secret: "c2hvcnQ="
            cordinator:
              passphrase: x
            tutees:
              marie-dupont:
                passphrase: " padded"
                salt: "not base64!"
              Bad_Id:
                passphrase: "p"
              lucas:
                passphrase: "short"
                salt: "AAAAAAAAAAAAAAAAAAAAAA=="
                sault: x

            """
        let (file, diagnostics) = KeysFile.parse(Array(text.utf8), path: "keys.yml")
        #expect(file == nil)
        let lines = diagnostics.sorted().map { "\($0.location!.line):\($0.location!.column): \($0.severity.rawValue): \($0.message)" }
        #expect(lines == [
            "1:1: error: missing field 'coordinator': the coordinator's passphrase opens every private page",
            "2:13: error: 'iterations' should be a whole number from 600000 to 100000000, found '1000'",
            "3:14: error: 'site_secret' should be 32 bytes in base64",
            "4:1: error: unknown field 'cordinator' (did you mean 'coordinator'?)",
            "8:17: error: the passphrase of tutee 'marie-dupont' starts or ends with a space",
            "9:11: error: the salt of tutee 'marie-dupont' should be at least 16 bytes in base64",
            "10:3: error: 'Bad_Id' is not a tutee id (lowercase letters, digits and single hyphens)",
            "13:17: warning: the passphrase of tutee 'lucas' has only 5 characters: it can be guessed",
            "15:5: error: unknown field 'sault' for tutee 'lucas' (did you mean 'salt'?)",
        ])
    }

    @Test func reportsYAMLSyntaxAndShapeErrors() {
        let (_, syntax) = KeysFile.parse(Array("version: 1\nsite_secret: [\n".utf8), path: "k.yml")
        #expect(syntax.count == 1 && syntax[0].location?.file == "k.yml" && syntax[0].location!.line >= 2)
        let (_, shape) = KeysFile.parse(Array("- a\n- b\n".utf8), path: "k.yml")
        #expect(shape.map(\.description) == ["k.yml:1:1: error: the keys file should be a list of fields (version, iterations, site_secret, coordinator, tutees), found a list"])
        let (_, empty) = KeysFile.parse([], path: "k.yml")
        #expect(empty.first?.message == "the keys file is empty")
    }
}
