import TutoratCore

/// Byte-level helpers for the exports (calendars, CSV): text is escaped and
/// written as UTF-8 bytes instead of Character by Character.
///
/// The exports' rules were first written over Characters (grapheme clusters):
/// a `;` or a `"` followed by a combining accent is one Character that is not
/// `;`, so it was left alone. Bytes reproduce that exactly as long as no ASCII
/// character that the rules act on touches a scalar from U+0300 up: below
/// U+0300 no scalar is Extend, SpacingMark, ZWJ or Prepend, so nothing there
/// joins an ASCII character into a larger Character. `touchesJoiner` finds the
/// other case, where callers fall back to the Character rules.
enum ByteText {
    /// Calls `body` with the UTF-8 of `text` in place (a copy only for the rare
    /// string that is not stored contiguously).
    @inline(__always)
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// True when a byte for which `special` holds is next to a scalar of
    /// U+0300 or above (lead bytes 0xCC and up), which might join it into a
    /// larger Character.
    @inline(__always)
    static func touchesJoiner(_ bytes: UnsafeBufferPointer<UInt8>, special: (UInt8) -> Bool) -> Bool {
        var previousLead: UInt8 = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if special(byte) {
                    if previousLead >= 0xCC { return true }
                    if index + 1 < count, bytes[index + 1] >= 0xCC { return true }
                }
                previousLead = byte
            } else if byte >= 0xC0 {
                previousLead = byte
            }
            index += 1
        }
        return false
    }

    /// Appends the decimal digits of `value` (no sign handling beyond `-`).
    @inline(__always)
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDecimal(value.magnitude, to: &out)
        } else {
            appendDecimal(UInt(value), to: &out)
        }
    }

    @inline(__always)
    static func appendDecimal(_ value: UInt, to out: inout [UInt8]) {
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
    static func appendCompact(_ day: Day, to out: inout [UInt8]) {
        let year = day.year
        guard (0...9999).contains(year) else {
            out.append(contentsOf: CalendarExport.compact(day).utf8)
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
