/// Heading anchors: readable, stable ids derived from the heading text.
///
/// `"Équipe d'accueil"` becomes `equipe-d-accueil`: accents are folded with a
/// small table (Latin-1 and Latin Extended-A, enough for French and most
/// European names), ASCII letters are lowercased, digits kept, and every other
/// run of characters becomes a single `-`. Combining marks (text typed in NFD)
/// are dropped so `e\u{301}` folds like `é`. Other scripts have no ASCII
/// spelling here and act as separators; a heading with nothing left is
/// `section`.
public enum HeadingID {
    public static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSeparator = false
        let table = foldingTable

        for scalar in text.unicodeScalars {
            let value = scalar.value
            let first: UInt8
            var second: UInt8 = 0
            switch value {
            case 0x61...0x7A, 0x30...0x39: // a-z, 0-9
                first = UInt8(value)
            case 0x41...0x5A: // A-Z
                first = UInt8(value + 0x20)
            case 0xC0...0x17F:
                let folded = table[Int(value - 0xC0)]
                guard folded.0 != 0 else { pendingSeparator = true; continue }
                first = folded.0
                second = folded.1
            case 0x300...0x36F: // combining diacritical marks: the base letter already counted
                continue
            default:
                pendingSeparator = true
                continue
            }
            if pendingSeparator, !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingSeparator = false
            out.append(first)
            if second != 0 { out.append(second) }
        }
        return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }

    /// ASCII spelling of U+00C0...U+017F, 16 code points a line; `-` marks a
    /// symbol (× and ÷) that separates words.
    private static let foldingSource = """
        a a a a a a ae c e e e e i i i i
        d n o o o o o - o u u u u y th ss
        a a a a a a ae c e e e e i i i i
        d n o o o o o - o u u u u y th y
        a a a a a a c c c c c c c c d d
        d d e e e e e e e e e e g g g g
        g g g g h h h h i i i i i i i i
        i i ij ij j j k k k l l l l l l l
        l l l n n n n n n n n n o o o o
        o o oe oe r r r r r r s s s s s s
        s s t t t t t t u u u u u u u u
        u u u u w w y y y z z z z z z s
        """

    /// Up to two ASCII bytes per code point, `(0, 0)` for a separator.
    static let foldingTable: [(UInt8, UInt8)] = {
        let table = foldingSource.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { token -> (UInt8, UInt8) in
            let bytes = Array(token.utf8)
            if bytes == [UInt8(ascii: "-")] { return (0, 0) }
            return (bytes[0], bytes.count > 1 ? bytes[1] : 0)
        }
        precondition(table.count == 0x180 - 0xC0, "folding table must cover U+00C0...U+017F")
        return table
    }()
}

/// Hands out heading ids unique within one page: the second "Objectifs" is
/// `objectifs-2`, the third `objectifs-3`, and a suffixed id never takes one a
/// heading already owns (a heading literally titled "Objectifs 2").
struct HeadingIDAllocator {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    mutating func id(for text: String) -> String {
        let base = HeadingID.slug(text)
        if used.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 2]
        while used.contains("\(base)-\(suffix)") { suffix += 1 }
        let id = "\(base)-\(suffix)"
        used.insert(id)
        nextSuffix[base] = suffix + 1
        return id
    }
}
