/// JSON written by hand, so keys keep their order and output is
/// byte-identical from one build to the next.
public enum JSONText {
    /// A string literal: quotes, backslashes and control characters escaped;
    /// `<`, `>` and `&` too, so the text is also safe inside an HTML page.
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

    /// A JSON value built in order.
    public indirect enum Value: Sendable {
        case string(String)
        case number(Int)
        /// A number with one decimal, written as given tenths: `tenths(43)` is `4.3`.
        case tenths(Int)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])

        public static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }
        public static func optional(_ number: Int?) -> Value { number.map(Value.number) ?? .null }
    }

    /// Pretty-printed with two spaces, ending with a newline.
    public static func render(_ value: Value) -> String {
        var out = ""
        write(value, indent: "", into: &out)
        return out + "\n"
    }

    private static func write(_ value: Value, indent: String, into out: inout String) {
        switch value {
        case .string(let text): out += string(text)
        case .number(let number): out += String(number)
        case .tenths(let tenths): out += OneDecimal.text(tenths: tenths)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += indent + "  "
                write(item, indent: indent + "  ", into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += indent + "  " + string(member.0) + ": "
                write(member.1, indent: indent + "  ", into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }
}
