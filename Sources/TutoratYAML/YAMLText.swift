import Foundation

/// YAML written by tutorat into people's files (the keys file, imported
/// rows, entries recorded by `serve --edit`), so that reading it back gives
/// exactly the text meant, written the way a person would.
public enum YAMLText {
    /// Plain when YAML reads it back as the same text in block and in flow
    /// context, double-quoted otherwise. `leadingDigit` lets a value such as a
    /// date or a number stay plain, so that it is read back typed.
    public static func scalar(_ text: String, leadingDigit: Bool = false) -> String {
        isPlain(text, leadingDigit: leadingDigit) ? text : doubleQuoted(text)
    }

    /// Words YAML 1.1 readers take for booleans, null or numbers.
    private static let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf"]

    /// Letters, digits, single spaces and `- . ' ’ ( ) / ! ? + = ; @` inside,
    /// starting with a letter (or a digit when allowed), no trailing space, no
    /// reserved word: nothing a flow mapping or a comment would cut.
    public static func isPlain(_ text: String, leadingDigit: Bool = false) -> Bool {
        guard let first = text.unicodeScalars.first,
              first.properties.isAlphabetic || (leadingDigit && ("0"..."9").contains(first)),
              text.unicodeScalars.last != " ", !reserved.contains(text.lowercased()), !text.contains("  ")
        else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || " -.'’()/!?+=;@".unicodeScalars.contains(scalar)
        }
    }

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
            case "\n": out += "\\n"
            case "\t": out += "\\t"
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
