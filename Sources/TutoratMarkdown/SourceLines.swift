/// Turns cmark positions (1-based line, 1-based *byte* column) into the
/// positions people see (1-based line, 1-based *character* column), and
/// repairs cmark 0.30's inline positions.
///
/// cmark computes an inline node's column from its paragraph's start column
/// plus the offset inside the paragraph's content, so on continuation lines
/// the indentation it stripped (`  ![x](y)`) or the container prefix a lazy
/// line lacks (`> a` then `[b](c)`) shifts the column. The reported span
/// length is right, so the real place is the nearest spot on that line that
/// starts with an opener (`[`, `<`, `!`) and has a closer (`)`, `]`, `>`) at
/// the same distance.
///
/// Only valid while the buffer it reads is alive (the initializer of
/// `MarkdownDocument`).
struct SourceLines {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Byte range of each line, without its line ending; index 0 is line 1.
    private var lines: [Range<Int>] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(start..<index)
                if byte == UInt8(ascii: "\r"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(start..<count)
    }

    /// Character column of a block node, whose cmark column is exact.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard let range = range(of: line) else { return max(byteColumn, 1) }
        let offset = min(max(byteColumn - 1, 0), range.count)
        return characterCount(range.lowerBound..<range.lowerBound + offset) + 1
    }

    /// Character column of an inline link or image, after repairing cmark's column.
    func inlineCharacterColumn(line: Int, byteColumn: Int, endLine: Int, endByteColumn: Int, isImage: Bool) -> Int {
        guard let range = range(of: line) else { return max(byteColumn, 1) }
        let reported = byteColumn - 1
        let length: Int? = endLine == line ? endByteColumn - byteColumn : nil

        func fits(_ offset: Int) -> Bool {
            guard offset >= 0, offset < range.count else { return false }
            let opener = bytes[range.lowerBound + offset]
            let opens = isImage ? opener == UInt8(ascii: "!") : (opener == UInt8(ascii: "[") || opener == UInt8(ascii: "<"))
            guard opens else { return false }
            guard let length else { return true }
            let end = offset + length
            guard length >= 0, end < range.count else { return false }
            let closer = bytes[range.lowerBound + end]
            return closer == UInt8(ascii: ")") || closer == UInt8(ascii: "]") || closer == UInt8(ascii: ">")
        }

        var best = reported
        if !fits(reported) {
            var distance = 1
            let widest = max(reported, range.count - reported)
            while distance <= widest {
                if fits(reported - distance) { best = reported - distance; break }
                if fits(reported + distance) { best = reported + distance; break }
                distance += 1
            }
        }
        let offset = min(max(best, 0), range.count)
        return characterCount(range.lowerBound..<range.lowerBound + offset) + 1
    }

    /// The fence a line opens (three or more backticks or tildes), if any.
    func fenceOpening(line: Int) -> (character: UInt8, length: Int)? {
        guard let range = range(of: line) else { return nil }
        var index = skipPrefix(range)
        guard index < range.upperBound else { return nil }
        let character = bytes[index]
        guard character == UInt8(ascii: "`") || character == UInt8(ascii: "~") else { return nil }
        var count = 0
        while index < range.upperBound, bytes[index] == character {
            count += 1
            index += 1
        }
        return count >= 3 ? (character, count) : nil
    }

    /// Past indentation and block-quote markers.
    private func skipPrefix(_ range: Range<Int>) -> Int {
        var index = range.lowerBound
        while index < range.upperBound, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: ">") || bytes[index] == 0x09 {
            index += 1
        }
        return index
    }

    /// Whether a line closes a code fence opened with `length` times `character`:
    /// after indentation and block-quote markers, at least as many fence
    /// characters and nothing but spaces.
    func isClosingFence(line: Int, character: UInt8, length: Int) -> Bool {
        guard let range = range(of: line) else { return false }
        var index = skipPrefix(range)
        var count = 0
        while index < range.upperBound, bytes[index] == character {
            count += 1
            index += 1
        }
        while index < range.upperBound, bytes[index] == UInt8(ascii: " ") || bytes[index] == 0x09 { index += 1 }
        return count >= length && index == range.upperBound
    }

    private func range(of line: Int) -> Range<Int>? {
        guard line >= 1, line <= lines.count else { return nil }
        return lines[line - 1]
    }

    private func characterCount(_ range: Range<Int>) -> Int {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if slice.allSatisfy({ $0 < 0x80 }) { return slice.count }
        return String(decoding: slice, as: UTF8.self).count
    }
}
