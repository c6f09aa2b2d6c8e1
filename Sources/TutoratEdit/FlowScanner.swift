/// Reads a flow collection from its opening bracket to its closing one, through quotes
/// and comments, to find where a new item goes.
enum FlowScanner {
    /// The offset just after the last character that is not a space, a line break or a
    /// comment before the `]` closing the `[` at `open`; nil if it is never closed.
    static func lastSignificant(in bytes: [UInt8], openingAt open: Int) -> Int? {
        var depth = 0
        var index = open
        var last = open + 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            // A quote opens a quoted scalar only where a scalar starts; inside a plain one (`d'étape`) it is text.
            // (`where` binds to the last pattern only: the condition is written once for each.)
            case UInt8(ascii: "\"") where startsScalar(bytes, before: index, from: open),
                 UInt8(ascii: "'") where startsScalar(bytes, before: index, from: open):
                index += 1
                while index < bytes.count {
                    if byte == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                    if bytes[index] == byte {
                        if byte == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == byte { index += 2; continue }
                        break
                    }
                    index += 1
                }
                last = index + 1
            case UInt8(ascii: "#") where index > 0 && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1]):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                last = index + 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return last }
                last = index + 1
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            default:
                last = index + 1
            }
            index += 1
        }
        return nil
    }

    /// True when the last byte before `index` that is not a space is `[`, `{`, `,`, `:` or `?`.
    private static func startsScalar(_ bytes: [UInt8], before index: Int, from open: Int) -> Bool {
        var previous = index - 1
        while previous > open, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[previous]) { previous -= 1 }
        return [UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "?")].contains(bytes[previous])
    }
}
