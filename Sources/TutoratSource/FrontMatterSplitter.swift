import TutoratCore

/// A Markdown file cut into its YAML front matter and its body, with the line
/// each part starts on so that positions reported by the YAML reader and by
/// cmark map back to lines of the original file.
public struct SplitFile: Sendable {
    /// The YAML text between the fences, or nil when the file has none.
    public var frontMatter: [UInt8]?
    /// File line of the first YAML line (the one after the opening `---`).
    public var frontMatterLine: Int
    public var body: String
    /// File line of the first body line.
    public var bodyLine: Int
    /// Where the first bidirectional control of the file was (they are
    /// removed from the body here, and from the YAML values when they are read).
    public var bidiControl: SourceLocation? = nil
}

public enum FrontMatterSplitter {
    /// Splits by lines, never by substrings: `title: a---b` cannot end the front
    /// matter. Accepts a UTF-8 BOM and CRLF line endings; the closing fence is
    /// `---` or `...`. Throws a diagnostic for an unterminated front matter or
    /// text that is not UTF-8.
    public static func split(_ input: [UInt8], file: String) throws(DiagnosticError) -> SplitFile {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let bad = firstInvalidUTF8(bytes) {
            throw DiagnosticError(.error("E-UTF8", "the file is not valid UTF-8 text", at: position(of: bad, in: bytes, file: file),
                                         hint: "save it as UTF-8 in your editor"))
        }
        try checkControlCharacters(bytes, file: file)
        let bidi = ControlCharacters.firstBidiControl(in: bytes).map { position(of: $0, in: bytes, file: file) }
        func body(_ text: ArraySlice<UInt8>) -> String {
            let body = String(decoding: text, as: UTF8.self)
            return bidi == nil ? body : ControlCharacters.removingBidiControls(body)
        }
        // Normalising CRLF to LF keeps every line and column where it was.
        let text = bytes.contains(0x0D) ? normaliseLineEndings(bytes) : Array(bytes)

        guard let firstEnd = lineEnd(text, from: 0), isFence(text[0..<firstEnd], closing: false) else {
            return SplitFile(frontMatter: nil, frontMatterLine: 1, body: body(text[...]), bodyLine: 1, bidiControl: bidi)
        }
        var lineStart = firstEnd + 1
        var line = 2
        while lineStart <= text.count {
            let end = lineEnd(text, from: lineStart) ?? text.count
            if isFence(text[lineStart..<end], closing: true) {
                let yaml = Array(text[(firstEnd + 1)..<lineStart])
                let bodyStart = min(end + 1, text.count)
                return SplitFile(frontMatter: yaml, frontMatterLine: 2,
                                 body: body(text[bodyStart...]), bodyLine: line + 1, bidiControl: bidi)
            }
            if end == text.count { break }
            lineStart = end + 1
            line += 1
        }
        throw DiagnosticError(.error("E-FRONTMATTER", "the front matter opened on line 1 is never closed",
                                     at: SourceLocation(file: file, line: 1, column: 1),
                                     hint: "end it with a line holding only '---'"))
    }

    private static func lineEnd(_ text: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < text.count {
            if text[index] == 0x0A { return index }
            index += 1
        }
        return start < text.count ? text.count : nil
    }

    /// `---` opens and closes; `...` only closes. Trailing spaces are tolerated.
    private static func isFence(_ line: ArraySlice<UInt8>, closing: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        if trimmed.elementsEqual("---".utf8) { return true }
        return closing && trimmed.elementsEqual("...".utf8)
    }

    private static func normaliseLineEndings(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                let next = bytes.index(after: index)
                if next < bytes.endIndex, bytes[next] == 0x0A { index = next }
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        return out
    }

    /// The offset of the first byte that is not part of valid UTF-8, if any.
    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            // ASCII runs are skipped a byte at a time; each other scalar is
            // decoded from its first byte, as a decoder reading from the start would.
            var index = 0
            let count = buffer.count
            while index < count {
                if buffer[index] < 0x80 {
                    index += 1
                    continue
                }
                var decoder = UTF8()
                var iterator = buffer[index...].makeIterator()
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): index += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return bytes.startIndex + index
                }
            }
            return nil
        }
    }

    /// Throws `E-CONTROL` at the first control character that is not a tab or
    /// a line break (`ControlCharacters.isForbidden`), in valid UTF-8 text.
    static func checkControlCharacters(_ bytes: ArraySlice<UInt8>, file: String) throws(DiagnosticError) {
        guard let bad = ControlCharacters.firstForbidden(in: bytes) else { return }
        // C1 controls are two bytes, C2 80 to C2 9F.
        let scalar = bytes[bad] == 0xC2 ? UInt32(bytes[bad + 1]) : UInt32(bytes[bad])
        let what = scalar == 0 ? "a NUL character (U+0000)" : "the control character \(ControlCharacters.name(scalar))"
        throw DiagnosticError(.error("E-CONTROL", "the file holds \(what), which is not text", at: position(of: bad, in: bytes, file: file),
                                     hint: "delete it: most editors do not show it, so retype the text around this position"))
    }

    /// The warning for a file that held bidirectional controls, at the first.
    static func bidiWarning(at location: SourceLocation) -> Diagnostic {
        .warning("W-BIDI", "a bidirectional control character (U+202A to U+202E, U+2066 to U+2069) is here: it could reverse the text that follows it, so it is left out of the site",
                 at: location, hint: "delete it; right-to-left text needs no control characters, browsers order it themselves")
    }

    /// Line and column (in characters) of a byte offset.
    static func position(of offset: Int, in bytes: ArraySlice<UInt8>, file: String) -> SourceLocation {
        var line = 1, lineStart = bytes.startIndex
        for index in bytes.startIndex..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return SourceLocation(file: file, line: line, column: column)
    }
}
