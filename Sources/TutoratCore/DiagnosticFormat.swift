/// Diagnostics as editors and CI read them: a JSON array of
/// `{file, line, column, severity, code, message, hint}`, keys in that order.
public enum DiagnosticFormat {
    /// How `check` prints: lines for people, JSON for editors and CI.
    public enum Style: String, CaseIterable, Sendable { case text, json }

    public static func json(_ diagnostics: [Diagnostic]) -> String {
        var out = "["
        for (index, diagnostic) in diagnostics.enumerated() {
            out += index == 0 ? "\n  {" : ",\n  {"
            out += "\"file\": " + (diagnostic.location.map { string($0.file) } ?? "null")
            out += ", \"line\": " + (diagnostic.location.map { String($0.line) } ?? "null")
            out += ", \"column\": " + (diagnostic.location.map { String($0.column) } ?? "null")
            out += ", \"severity\": " + string(diagnostic.severity.rawValue)
            out += ", \"code\": " + string(diagnostic.code)
            out += ", \"message\": " + string(diagnostic.message)
            out += ", \"hint\": " + (diagnostic.hint.map(string) ?? "null")
            out += "}"
        }
        return out + (diagnostics.isEmpty ? "]\n" : "\n]\n")
    }

    static func string(_ text: String) -> String { JSONText.string(text) }
}
