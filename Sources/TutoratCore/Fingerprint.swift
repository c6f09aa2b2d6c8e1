import Foundation

/// Enough of a file's identity to notice that it changed without reading it.
package struct Fingerprint: Equatable, Sendable {
    package var size: Int
    package var modified: Int
    package var inode: UInt

    package init(size: Int, modified: Int, inode: UInt) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }

    package init?(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    package init(_ status: stat) {
        size = Int(status.st_size)
        modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        inode = UInt(status.st_ino)
    }
}

/// A 64-bit hash of bytes that is the same in every process, for the output
/// manifest (Swift's `Hasher` is seeded per process). Eight bytes per round,
/// with xxHash64's primes and final mix: fast enough to hash every page a
/// build renders, and a change of any byte changes the result. Fed in pieces
/// (`StableHasher`) it gives the same value as whole, so a page streamed to
/// disk is hashed as it goes.
package enum StableHash {
    /// A hash as 16 hexadecimal digits, the form manifests and edit forms carry.
    package static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    package static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    package static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    package static func of(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(buffer)
        return hasher.value
    }
}

/// `StableHash` over bytes that arrive in pieces: whole words are mixed as
/// they come, the up to seven bytes left over wait for the next piece, and the
/// length is mixed in at the end.
package struct StableHasher {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    private var state = prime3
    private var pending: UInt64 = 0
    private var pendingCount = 0
    package private(set) var count = 0

    package init() {}

    package mutating func combine(_ buffer: UnsafeRawBufferPointer) {
        count += buffer.count
        var offset = 0
        while pendingCount > 0, offset < buffer.count {
            take(buffer[offset])
            offset += 1
        }
        while offset + 8 <= buffer.count {
            mix(UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        while offset < buffer.count {
            take(buffer[offset])
            offset += 1
        }
    }

    package var value: UInt64 {
        var hash = state
        // The last bytes one at a time, lowest first, as they came.
        for index in 0..<pendingCount {
            hash ^= ((pending >> (8 * UInt64(index))) & 0xFF) &* Self.prime1
            hash = (hash << 11 | hash >> 53) &* Self.prime2
        }
        hash ^= UInt64(count) &* Self.prime1
        hash ^= hash >> 33
        hash = hash &* Self.prime2
        hash ^= hash >> 29
        hash = hash &* Self.prime3
        return hash ^ (hash >> 32)
    }

    /// A byte of a word split between pieces; the word is mixed once whole.
    private mutating func take(_ byte: UInt8) {
        pending |= UInt64(byte) << (8 * UInt64(pendingCount))
        pendingCount += 1
        if pendingCount == 8 {
            mix(pending)
            (pending, pendingCount) = (0, 0)
        }
    }

    private mutating func mix(_ word: UInt64) {
        let word = ((word &* Self.prime2) << 31 | (word &* Self.prime2) >> 33) &* Self.prime1
        state ^= word
        state = (state << 27 | state >> 37) &* Self.prime1 &+ Self.prime3
    }
}
