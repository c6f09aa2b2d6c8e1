#if canImport(Glibc)
import Glibc
#endif

/// The renderer's output: bytes appended with a bounds check and a `memcpy`.
/// An `[UInt8]` checked uniqueness and capacity through generic code at each
/// of the thousands of appends a page makes (8 % of rendering in callgrind).
final class ByteBuffer {
    private(set) var count = 0
    private var capacity: Int
    private var storage: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(storage) }

    subscript(index: Int) -> UInt8 { storage[index] }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// Emptied for the next piece of a streamed page, its room kept.
    func removeAll() { count = 0 }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (storage + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Text made safe in element content and in quoted attributes alike: the
    /// five characters that could end or change markup become references.
    func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
                replacement.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
                runStart = index + 1
            }
            append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])))
        }
    }

    /// For the rare indented partial: room made in the middle of the output.
    func insert(_ bytes: [UInt8], at index: Int) {
        reserve(bytes.count)
        (storage + index + bytes.count).update(from: storage + index, count: count - index)
        bytes.withUnsafeBufferPointer { (storage + index).update(from: $0.baseAddress!, count: bytes.count) }
        count += bytes.count
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        // realloc moves the pages of a large buffer (mremap) rather than
        // copying them: a 50 MB dashboard never holds its old and new room at once.
        storage = realloc(storage, newCapacity)!.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }
}
