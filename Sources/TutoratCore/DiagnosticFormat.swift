/// Diagnostics as editors and CI read them: a JSON array of
/// `{file, line, column, severity, code, message, hint}`, keys in that order.
public enum DiagnosticFormat {
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

    /// A JSON string literal: quotes, backslashes and control characters escaped;
    /// `<`, `>` and `&` too, so the text is safe inside an HTML page as well.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
