/// A content file cut into lines, each with its byte range, without changing a byte:
/// where to insert is found here, from the line and column the YAML reader gives.
struct FileLines {
    struct Line {
        var start: Int
        /// Where the text ends, before `\r\n` or `\n`.
        var contentEnd: Int
        /// Where the next line starts.
        var end: Int
    }

    let bytes: [UInt8]
    let lines: [Line]
    /// `\r\n` when the file's first line break is one, else `\n`.
    let newline: String

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var lines: [Line] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x0A {
                let contentEnd = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
                lines.append(Line(start: start, contentEnd: contentEnd, end: index + 1))
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(Line(start: start, contentEnd: bytes.count, end: bytes.count)) }
        self.lines = lines
        if let first = lines.first, first.end > first.contentEnd + 1 { newline = "\r\n" } else { newline = "\n" }
    }

    /// The text of line `index` (0-based), without its line break.
    func text(_ index: Int) -> Substring {
        String(decoding: bytes[lines[index].start..<lines[index].contentEnd], as: UTF8.self)[...]
    }

    /// The number of leading spaces of line `index`.
    func indent(_ index: Int) -> Int {
        var count = 0
        var offset = lines[index].start
        while offset < lines[index].contentEnd, bytes[offset] == 0x20 { count += 1; offset += 1 }
        return count
    }

    /// True for a line holding only spaces.
    func isBlank(_ index: Int) -> Bool { lines[index].start + indent(index) >= lines[index].contentEnd }

    /// True for a line holding only spaces, or a comment.
    func isBlankOrComment(_ index: Int) -> Bool {
        let offset = lines[index].start + indent(index)
        return offset >= lines[index].contentEnd || bytes[offset] == 0x23
    }

    /// The byte offset of a 1-based column (counted in Unicode scalars) on line `index`.
    func offset(line index: Int, column: Int) -> Int {
        var offset = lines[index].start
        var remaining = column - 1
        while remaining > 0, offset < lines[index].contentEnd {
            offset += 1
            while offset < lines[index].contentEnd, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }

    /// The line of the closing `---` or `...` of the front matter, if line 0 opens one.
    var closingFence: Int? {
        guard !lines.isEmpty, isFence(0, closing: false) else { return nil }
        return (1..<lines.count).first { isFence($0, closing: true) }
    }

    private func isFence(_ index: Int, closing: Bool) -> Bool {
        var text = text(index)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text == "---" || (closing && text == "...")
    }
}
