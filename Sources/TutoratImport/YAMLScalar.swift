import TutoratYAML

/// A cell's text as a YAML value in front matter: plain when YAML reads it
/// back as the same text (a date or a number stays typed), in double quotes
/// otherwise. A cell in brackets (`[2026-06-01, 2026-09-14]`) is a list and
/// goes as it is, for the decoder to check.
enum YAMLScalar {
    static func write(_ text: String) -> String {
        if text.hasPrefix("["), text.hasSuffix("]"), !text.contains("\n") { return text }
        return YAMLText.scalar(text, leadingDigit: true)
    }
}
