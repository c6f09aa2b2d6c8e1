/// Ids name files and references: `^[a-z0-9]+(-[a-z0-9]+)*$`. They become URL
/// segments, so nothing else is allowed in them.
public enum Identifier {
    public static func isValid<S: StringProtocol>(_ text: S) -> Bool {
        var previousWasHyphen = true // forbids a leading hyphen
        var count = 0
        for byte in text.utf8 {
            count += 1
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return count > 0 && !previousWasHyphen
    }
}
