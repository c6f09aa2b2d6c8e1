import Crypto
import Foundation
import TutoratCore

/// Someone who can open a page: the salt of their passphrase (published in
/// the envelope, so the browser derives the same key) and the key derived.
public struct Opener: Sendable, Equatable {
    public var salt: [UInt8]
    public var wrappingKey: [UInt8]

    public init(salt: [UInt8], wrappingKey: [UInt8]) {
        self.salt = salt
        self.wrappingKey = wrappingKey
    }
}

/// The key of one private page (and of its exports), and that key wrapped
/// for each person who may open it.
///
/// Everything is derived, nothing drawn at random, so that the same input and
/// keys file give byte-identical files:
/// - page key = HKDF-SHA256(site secret, salt "tutorat page key v1",
///   info = page path, 0, then each opener's wrapping key). Giving someone a
///   new passphrase therefore changes the keys of their pages: the old
///   passphrase, or a page key kept from before, opens nothing new.
/// - each slot = AES-256-GCM(wrapping key, page key), with a nonce from an
///   HMAC of the page key (see `syntheticNonce`).
public struct PageKey: Sendable {
    /// The 32 bytes of the key (SymmetricKey is not Sendable in swift-crypto 3).
    let raw: [UInt8]
    public let slots: [Envelope.Slot]
    public let iterations: Int

    public init(siteSecret: [UInt8], path: String, openers: [Opener], iterations: Int) {
        var info = Array(path.utf8) + [0]
        for opener in openers { info += opener.wrappingKey }
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: siteSecret), salt: Array("tutorat page key v1".utf8),
                                         info: info, outputByteCount: 32)
        let raw = key.withUnsafeBytes { Array($0) }
        self.raw = raw
        slots = openers.map { opener in
            let wrappingKey = SymmetricKey(data: opener.wrappingKey)
            let nonce = PageCrypto.syntheticNonce(key: wrappingKey, label: "wrap", message: raw)
            let box = try! AES.GCM.seal(raw, using: wrappingKey, nonce: nonce, authenticating: PageCrypto.wrapAAD)
            return Envelope.Slot(salt: opener.salt, nonce: Array(nonce), wrapped: Array(box.ciphertext) + Array(box.tag))
        }
        self.iterations = iterations
    }

    var key: SymmetricKey { SymmetricKey(data: raw) }
}

/// An encrypted file as published: everything the browser needs, in JSON,
/// except the passphrase.
public struct Envelope: Sendable, Equatable {
    public struct Slot: Sendable, Equatable {
        public var salt: [UInt8]
        public var nonce: [UInt8]
        /// The page key encrypted, then its 16-byte tag.
        public var wrapped: [UInt8]
    }

    /// The file's path in the site ("tutees/marie/index.html"), bound to the
    /// ciphertext: a file moved to another path does not open.
    public var path: String
    public var iterations: Int
    public var slots: [Slot]
    public var nonce: [UInt8]
    /// The content encrypted, then its 16-byte tag (as WebCrypto takes it).
    public var data: [UInt8]
    /// For exports, the media type of the file the browser makes ("text/calendar").
    public var mediaType: String?

    /// Compact JSON with its keys in a fixed order, safe inside an HTML
    /// `<script>` element (JSONText escapes `<`, `>` and `&`).
    public func json() -> String {
        func b64(_ bytes: [UInt8]) -> String { "\"" + Data(bytes).base64EncodedString() + "\"" }
        var out = "{\"tutorat\":1,\"cipher\":\"AES-256-GCM\",\"kdf\":\"PBKDF2-SHA256\",\"iterations\":\(iterations),\"path\":\(JSONText.string(path))"
        if let mediaType { out += ",\"type\":\(JSONText.string(mediaType))" }
        out += ",\"slots\":["
        out += slots.map { "{\"salt\":\(b64($0.salt)),\"nonce\":\(b64($0.nonce)),\"key\":\(b64($0.wrapped))}" }.joined(separator: ",")
        out += "],\"nonce\":\(b64(nonce)),\"data\":\(b64(data))}"
        return out
    }

    /// Reads `json()`'s output back; nil for anything else.
    public static func parse(json: String) -> Envelope? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              object["tutorat"] as? Int == 1, let path = object["path"] as? String, let iterations = object["iterations"] as? Int,
              let slotObjects = object["slots"] as? [[String: Any]], let nonce = bytes(object["nonce"]), let data = bytes(object["data"])
        else { return nil }
        var slots: [Slot] = []
        for slot in slotObjects {
            guard let salt = bytes(slot["salt"]), let slotNonce = bytes(slot["nonce"]), let wrapped = bytes(slot["key"]) else { return nil }
            slots.append(Slot(salt: salt, nonce: slotNonce, wrapped: wrapped))
        }
        return Envelope(path: path, iterations: iterations, slots: slots, nonce: nonce, data: data, mediaType: object["type"] as? String)
    }

    private static func bytes(_ value: Any?) -> [UInt8]? {
        (value as? String).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
    }
}

/// Sealing and opening envelopes. The browser's `decrypt.js` does what
/// `open` does, with WebCrypto.
public enum PageCrypto {
    /// Additional data of a wrapped page key.
    static let wrapAAD = Array("tutorat wrap v1".utf8)

    /// Additional data of a file's content: binds it to its path.
    static func contentAAD(path: String) -> [UInt8] {
        Array("tutorat file v1".utf8) + [0] + Array(path.utf8)
    }

    /// A nonce derived from the key and the message, as in SIV modes: the
    /// same message under the same key gets the same nonce (so a build is
    /// reproducible), and two different messages get different nonces unless
    /// 96 bits of HMAC-SHA256 collide, so a nonce is never used twice under
    /// one key for different content. The HMAC key is derived from the
    /// encryption key rather than being the key itself, keeping the two uses apart.
    static func syntheticNonce(key: SymmetricKey, label: String, message: [UInt8]) -> AES.GCM.Nonce {
        let nonceKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array("tutorat nonce v1 \(label)".utf8), outputByteCount: 32)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: nonceKey)
        return try! AES.GCM.Nonce(data: Array(mac).prefix(12))
    }

    /// Encrypts a page or an export under its page key.
    public static func seal(_ plaintext: [UInt8], path: String, with pageKey: PageKey, mediaType: String? = nil) -> Envelope {
        let key = pageKey.key
        let nonce = syntheticNonce(key: key, label: "file", message: Array(path.utf8) + [0] + plaintext)
        let box = try! AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: contentAAD(path: path))
        return Envelope(path: path, iterations: pageKey.iterations, slots: pageKey.slots, nonce: Array(nonce),
                        data: Array(box.ciphertext) + Array(box.tag), mediaType: mediaType)
    }

    public enum OpenError: Error, Equatable {
        /// No slot opens with this key: the passphrase is not one of the page's.
        case wrongPassphrase
        /// The page key opened but the content did not: it was altered.
        case damaged
    }

    /// Opens an envelope with what a person types, as the browser does.
    public static func open(_ envelope: Envelope, passphrase: String) throws(OpenError) -> [UInt8] {
        for slot in envelope.slots {
            let key = KeyDerivation.wrappingKey(passphrase: passphrase, salt: slot.salt, iterations: envelope.iterations)
            if let pageKey = unwrap(slot, with: key) { return try open(envelope, pageKey: pageKey) }
        }
        throw .wrongPassphrase
    }

    /// Opens an envelope with a wrapping key already derived.
    public static func open(_ envelope: Envelope, wrappingKey: [UInt8]) throws(OpenError) -> [UInt8] {
        for slot in envelope.slots {
            if let pageKey = unwrap(slot, with: wrappingKey) { return try open(envelope, pageKey: pageKey) }
        }
        throw .wrongPassphrase
    }

    static func unwrap(_ slot: Envelope.Slot, with wrappingKey: [UInt8]) -> SymmetricKey? {
        guard slot.wrapped.count == 48, let nonce = try? AES.GCM.Nonce(data: slot.nonce),
              let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: slot.wrapped.prefix(32), tag: slot.wrapped.suffix(16)),
              let raw = try? AES.GCM.open(box, using: SymmetricKey(data: wrappingKey), authenticating: wrapAAD) else { return nil }
        return SymmetricKey(data: raw)
    }

    static func open(_ envelope: Envelope, pageKey: SymmetricKey) throws(OpenError) -> [UInt8] {
        guard envelope.data.count >= 16, let nonce = try? AES.GCM.Nonce(data: envelope.nonce),
              let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: envelope.data.dropLast(16), tag: envelope.data.suffix(16)),
              let plaintext = try? AES.GCM.open(box, using: pageKey, authenticating: contentAAD(path: envelope.path)) else {
            throw .damaged
        }
        return Array(plaintext)
    }
}
