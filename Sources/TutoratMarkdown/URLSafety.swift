/// Link and image destinations that must never reach a page.
public enum URLSafety {
    /// `true` for `javascript:`, `vbscript:`, `file:` and `data:` destinations,
    /// whatever their case. ASCII whitespace and control characters are ignored
    /// wherever they appear before the colon, since browsers strip leading ones
    /// and tabs/newlines inside the scheme (`java\tscript:`). cmark has already
    /// decoded entities (`&#106;avascript:`) by the time a destination gets here.
    /// Unlike cmark's own safe mode, `data:` images are refused too.
    public static func isUnsafe(_ destination: String) -> Bool {
        var scheme: [UInt8] = []
        for byte in destination.utf8 {
            switch byte {
            case 0x00...0x20, 0x7F:
                continue
            case UInt8(ascii: ":"):
                return unsafeSchemes.contains(scheme)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.append(byte + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                scheme.append(byte)
            default:
                return false // `/`, `?`, `#`, non-ASCII...: no scheme, a relative reference
            }
            if scheme.count > 10 { return false } // longer than "javascript"
        }
        return false
    }

    private static let unsafeSchemes: [[UInt8]] = ["javascript", "vbscript", "file", "data"].map { Array($0.utf8) }
}
