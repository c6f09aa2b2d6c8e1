/// The file a request asks for, read from the raw request target before any
/// decoding, so that nothing can lead out of the output folder: `..` and `.`
/// segments, encoded or not (`%2e%2e`), encoded slashes (`%2f`) and
/// backslashes (`%5c`), NUL and control characters, and names starting with a
/// dot are refused. What is left is a path of plain segments under the output.
struct RequestPath: Equatable, Sendable {
    /// The decoded segments, none empty.
    var segments: [String]
    /// The target ended with a slash: a folder is asked for.
    var isFolder: Bool

    enum Rejection: Error, Equatable {
        /// Malformed or dangerous: answered 400.
        case bad(String)
        /// Well formed but names something that is never served (a dot file): answered 404.
        case hidden
    }

    /// The relative path under the output (`tutees/marie/index.html`), or "" for the root.
    var relative: String { segments.joined(separator: "/") }

    /// - Parameter target: the path part of the request line, still percent-encoded (no query).
    static func parse(_ target: String) -> Result<RequestPath, Rejection> {
        guard target.hasPrefix("/") else { return .failure(.bad("the path must start with /")) }
        guard target.utf8.count <= 2048 else { return .failure(.bad("the path is too long")) }
        var segments: [String] = []
        let raw = target.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, piece) in raw.enumerated() {
            if piece.isEmpty {
                // Only a trailing slash is allowed: "a//b" is refused.
                if index == raw.count - 1 { continue }
                return .failure(.bad("empty path segment"))
            }
            guard let decoded = decode(piece) else { return .failure(.bad("bad percent-encoding")) }
            if decoded == "." || decoded == ".." { return .failure(.bad("dot segment")) }
            for scalar in decoded.unicodeScalars {
                if scalar == "/" || scalar == "\\" { return .failure(.bad("encoded slash or backslash")) }
                if scalar.value < 0x20 || scalar.value == 0x7F { return .failure(.bad("control character")) }
            }
            if decoded.hasPrefix(".") { return .failure(.hidden) }
            segments.append(decoded)
        }
        return .success(RequestPath(segments: segments, isFolder: target.hasSuffix("/")))
    }

    /// Percent-decoding that refuses malformed escapes and bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// The media type of a file, by extension, with the charset for text.
enum ContentType {
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "ics": return "text/calendar; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        case "mp3": return "audio/mpeg"
        case "zip": return "application/zip"
        case "odt": return "application/vnd.oasis.opendocument.text"
        case "ods": return "application/vnd.oasis.opendocument.spreadsheet"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: return "application/octet-stream"
        }
    }
}
