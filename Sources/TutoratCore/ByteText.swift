/// Byte-level helpers for the exports (calendars, CSV) and `Strings.format`:
/// text is escaped and written as UTF-8 bytes instead of Character by Character.
///
/// The rules were first written over Characters (grapheme clusters): a `;` or
/// a `"` followed by a combining accent is one Character that is not `;`, so it
/// was left alone. Bytes reproduce that exactly as long as no ASCII character
/// the rules act on touches a scalar that can join its neighbour into one
/// Character (Extend, SpacingMark, ZWJ, Prepend). `mayJoin` is true for every
/// such scalar (and for many others: it only needs to be safe), and callers
/// fall back to the Character rules when one touches an ASCII character that
/// matters. (The evidence CSV no longer needs this: its rules are over
/// scalars, as a CSV reader's are, so bytes follow them exactly.)
package enum ByteText {
    /// Calls `body` with the UTF-8 of `text` in place (a copy only for the rare
    /// string that is not stored contiguously).
    @inline(__always)
    package static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// False only for scalars that are certainly neither Extend, SpacingMark,
    /// ZWJ nor Prepend: everything below U+0300 (the first combining mark),
    /// and General Punctuation, super- and subscripts and currency signs
    /// (U+2000 to U+20CF: spaces such as U+202F, ’ « — …, €) but for ZWNJ and
    /// ZWJ. Everything else is taken as a possible joiner.
    @inline(__always)
    package static func mayJoin(_ scalar: UInt32) -> Bool {
        if scalar < 0x300 { return false }
        if scalar >= 0x2000, scalar <= 0x20CF { return scalar == 0x200C || scalar == 0x200D }
        return true
    }

    /// The scalar that starts at byte `index` (a lead or ASCII byte).
    @inline(__always)
    package static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return lead }
        let width = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + width <= bytes.count else { return 0x10FFFF }
        var value = lead & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for offset in 1..<width { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
        return value
    }

    /// The scalar that ends just before byte `index`.
    @inline(__always)
    package static func scalar(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: bytes)
    }

    /// True when a byte for which `special` holds is next to a scalar that
    /// `mayJoin` into a larger Character.
    @inline(__always)
    package static func touchesJoiner(_ bytes: UnsafeBufferPointer<UInt8>, special: (UInt8) -> Bool) -> Bool {
        var previousIsPlain = true
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if special(byte) {
                    if !previousIsPlain { return true }
                    if index + 1 < count, bytes[index + 1] >= 0xCC, mayJoin(scalar(at: index + 1, in: bytes)) { return true }
                }
                previousIsPlain = true
            } else if byte >= 0xC0 {
                previousIsPlain = byte < 0xCC || !mayJoin(scalar(at: index, in: bytes))
            }
            index += 1
        }
        return false
    }

    /// Appends the decimal digits of `value` (no sign handling beyond `-`).
    @inline(__always)
    package static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDecimal(value.magnitude, to: &out)
        } else {
            appendDecimal(UInt(value), to: &out)
        }
    }

    @inline(__always)
    package static func appendDecimal(_ value: UInt, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for position in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[position]) }
        }
    }

    /// `YYYYMMDD`, as `Day.iso` without its hyphens.
    @inline(__always)
    package static func appendCompact(_ day: Day, to out: inout [UInt8]) {
        let year = day.year
        guard (0...9999).contains(year) else {
            var iso = day.iso
            iso.removeAll { $0 == "-" }
            out.append(contentsOf: iso.utf8)
            return
        }
        out.append(UInt8(ascii: "0") &+ UInt8(year / 1000))
        out.append(UInt8(ascii: "0") &+ UInt8(year / 100 % 10))
        out.append(UInt8(ascii: "0") &+ UInt8(year / 10 % 10))
        out.append(UInt8(ascii: "0") &+ UInt8(year % 10))
        out.append(UInt8(ascii: "0") &+ UInt8(day.month / 10))
        out.append(UInt8(ascii: "0") &+ UInt8(day.month % 10))
        out.append(UInt8(ascii: "0") &+ UInt8(day.day / 10))
        out.append(UInt8(ascii: "0") &+ UInt8(day.day % 10))
    }
}
