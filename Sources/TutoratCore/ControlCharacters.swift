/// The code points content may not carry as they are.
///
/// - Control characters (C0 but tab, line feed and carriage return, DEL, and
///   C1, U+0080 to U+009F, which YAML takes for a line break at U+0085) are
///   refused: a NUL breaks an iCalendar file, and none of them is text.
/// - Bidirectional embeddings, overrides and isolates (U+202A to U+202E,
///   U+2066 to U+2069) are removed: an override that is not closed reverses
///   whatever follows it on the page, in a calendar or in a spreadsheet
///   ("Trojan source"). The marks U+200E, U+200F and U+061C are kept: they
///   have no scope and cannot spill over.
public enum ControlCharacters {
    /// A control character content may not hold.
    @inlinable @inline(__always)
    public static func isForbidden(_ scalar: UInt32) -> Bool {
        (scalar < 0x20 && scalar != 0x09 && scalar != 0x0A && scalar != 0x0D) || (0x7F...0x9F).contains(scalar)
    }

    /// An embedding, override or isolate (or the character that ends one).
    @inlinable @inline(__always)
    public static func isBidiControl(_ scalar: UInt32) -> Bool {
        (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar)
    }

    /// The offset of the first forbidden control character in valid UTF-8.
    /// (Inlinable, like the next one, so that each caller gets it specialised
    /// for its collection of bytes: it runs over every content file.)
    @inlinable
    public static func firstForbidden<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Bytes.Index? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A && byte != 0x0D { return index }
            } else if byte == 0x7F {
                return index
            } else if byte == 0xC2 {
                let next = bytes.index(after: index)
                if next < bytes.endIndex, (0x80...0x9F).contains(bytes[next]) { return index }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// The offset of the first bidirectional control in valid UTF-8.
    @inlinable
    public static func firstBidiControl<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Bytes.Index? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0xE2 {
                let second = bytes.index(after: index)
                if second < bytes.endIndex {
                    let third = bytes.index(after: second)
                    if third < bytes.endIndex {
                        let lead = bytes[second], last = bytes[third]
                        if (lead == 0x80 && (0xAA...0xAE).contains(last)) || (lead == 0x81 && (0xA6...0xA9).contains(last)) { return index }
                    }
                }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// `text` without its bidirectional controls (the same string when it has none).
    public static func removingBidiControls(_ text: String) -> String {
        guard firstBidiControl(in: text.utf8) != nil else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isBidiControl(scalar.value) { out.append(scalar) }
        return String(out)
    }

    /// `text` without bidirectional controls, and with each forbidden control
    /// character replaced by U+FFFD (as CommonMark does for `&#0;`): for text
    /// that was written as character references rather than as it is.
    public static func cleaned(_ text: String) -> String {
        guard firstBidiControl(in: text.utf8) != nil || firstForbidden(in: text.utf8) != nil else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isBidiControl(scalar.value) {
            out.append(isForbidden(scalar.value) ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    /// How a diagnostic names a code point: `U+0000`.
    public static func name(_ scalar: UInt32) -> String {
        let digits = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
