import Foundation

/// YAML written by tutorat into people's files (the keys file, imported
/// content), so that reading it back gives exactly the text meant.
public enum YAMLText {
    /// A double-quoted scalar: backslash escapes for quotes, backslashes and
    /// every control or non-printable character (C0, DEL, C1, the line and
    /// paragraph separators, a byte-order mark), which YAML would otherwise
    /// fold, refuse or keep invisible.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" {
                    out += "\\U" + String(format: "%08X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
