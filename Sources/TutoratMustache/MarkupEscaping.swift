/// The escaping of `{{name}}` tags, for markup written outside a template
/// (the dev server's script tag and error page), so there is one table.
public enum MarkupEscaping {
    public static func escape(_ text: String) -> String {
        let buffer = ByteBuffer(capacity: text.utf8.count + 16)
        buffer.appendEscaped(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
