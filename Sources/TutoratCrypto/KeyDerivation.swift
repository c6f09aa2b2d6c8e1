import Crypto
import Foundation
import _CryptoExtras

/// Passphrases into keys, and the random values of a keys file.
public enum KeyDerivation {
    /// OWASP's figure for PBKDF2-HMAC-SHA256 (2023): each guess of a
    /// passphrase costs an attacker this many HMACs.
    public static let minimumIterations = 600_000

    /// The passphrase as its bytes: NFC, so that "é" typed as one character
    /// or as "e" and a combining accent opens the same page (the browser
    /// normalises the same way before deriving).
    public static func passphraseBytes(_ passphrase: String) -> [UInt8] {
        Array(passphrase.precomposedStringWithCanonicalMapping.utf8)
    }

    /// The key that wraps page keys for one person: PBKDF2-HMAC-SHA256 of
    /// their passphrase with their own salt, 32 bytes. Also what the browser
    /// computes with WebCrypto from what the person types.
    public static func wrappingKey(passphrase: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        pbkdf2SHA256(password: passphraseBytes(passphrase), salt: salt, iterations: iterations, length: 32)
    }

    /// PBKDF2-HMAC-SHA256 (RFC 8018), BoringSSL's through _CryptoExtras.
    /// Iteration counts below 600 000 are only for test vectors: the keys
    /// file refuses them.
    public static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256,
                                                         outputByteCount: length, unsafeUncheckedRounds: iterations)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            // BoringSSL fails only on allocation failure or absurd parameters
            // (iterations < 1, length 0), which the callers never pass.
            preconditionFailure("PBKDF2 failed: \(error)")
        }
    }

    /// What a cached wrapping key was derived from, so that a passphrase or
    /// salt edited by hand in the keys file is noticed and the key derived
    /// again. It reveals nothing the keys file does not already hold.
    public static func fingerprint(passphrase: String, salt: [UInt8], iterations: Int) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("tutorat-key-cache-v1\u{0}\(iterations)\u{0}".utf8))
        hasher.update(data: salt)
        hasher.update(data: passphraseBytes(passphrase))
        return hex(Array(hasher.finalize()).prefix(16))
    }

    /// Letters and digits that cannot be mistaken for one another when read
    /// aloud or copied from paper: no 0/o, 1/l/i, 5/s, 2/z.
    static let passphraseAlphabet = Array("abcdefghjkmnpqrtuvwxy346789")

    /// A new passphrase: 24 characters from 27 (about 114 bits), in groups of
    /// four, lowercase so that a phone's keyboard needs no shift.
    public static func newPassphrase<R: RandomNumberGenerator>(using random: inout R) -> String {
        var groups: [String] = []
        for _ in 0..<6 {
            groups.append(String((0..<4).map { _ in passphraseAlphabet.randomElement(using: &random)! }))
        }
        return groups.joined(separator: "-")
    }

    public static func randomBytes<R: RandomNumberGenerator>(_ count: Int, using random: inout R) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
