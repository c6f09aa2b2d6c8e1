import TutoratYAML

/// A cell's text as a YAML value in front matter: plain when YAML reads it
/// back as the same text, in double quotes otherwise. A cell in brackets
/// (`[2026-06-01, 2026-09-14]`) is a list and goes as it is, for the decoder to check.
enum YAMLScalar {
    static func write(_ text: String) -> String {
        if text.hasPrefix("["), text.hasSuffix("]"), !text.contains("\n") { return text }
        return isPlain(text) ? text : YAMLText.doubleQuoted(text)
    }

    /// Letters, digits, spaces and `- . ' ’ @ /` inside, starting with a letter or a digit,
    /// and not a word YAML 1.1 reads as something else (`yes`, `off`, `null`...).
    static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
              !reserved.contains(text.lowercased()) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " -.'’@/".unicodeScalars.contains(scalar)
        } && !text.hasSuffix(" ")
    }

    static let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf"]
}
