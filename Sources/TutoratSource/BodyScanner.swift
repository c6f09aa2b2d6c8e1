import TutoratCore
import TutoratMarkdown

/// Reads a Markdown body for what `check` needs from it: its links, to be
/// checked against the site once every file is read, and code fences left
/// open. Bodies with nothing that could be a link or a fence are not parsed.
enum BodyScanner {
    static func scan(_ body: String, firstLine: Int, file: String, session: DecodeSession) -> [BodyLink] {
        guard mayHoldLinksOrFences(body) else { return [] }
        let document = MarkdownDocument(body)
        let offset = firstLine - 1
        for line in document.unterminatedFences {
            session.warning("W-FENCE", "this code block is never closed, so the rest of the text shows as code",
                            at: SourceLocation(file: file, line: line + offset, column: 1),
                            hint: "end it with a line of the same backticks or tildes")
        }
        return document.links.map {
            BodyLink(destination: $0.destination, isImage: $0.isImage,
                     location: SourceLocation(file: file, line: $0.line + offset, column: $0.column))
        }
    }

    /// A link needs `[` or `<`; a fence needs three backticks or tildes.
    static func mayHoldLinksOrFences(_ body: String) -> Bool {
        body.utf8.withContiguousStorageIfAvailable(mayHoldLinksOrFences) ?? Array(body.utf8).withUnsafeBufferPointer(mayHoldLinksOrFences)
    }

    private static func mayHoldLinksOrFences(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0, run = 0
        for byte in bytes {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "<") { return true }
            if byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~") {
                run = byte == previous ? run + 1 : 1
                if run >= 3 { return true }
            }
            previous = byte
        }
        return false
    }
}
