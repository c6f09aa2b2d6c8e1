import TutoratCore
import TutoratSource
import TutoratYAML

/// Adds one entry to a progress file's `responses` list and changes no other
/// byte: the entry goes as one new line after the list's last item (or a new
/// `responses:` key before the front matter's closing `---`), indented like
/// the list, with the file's own line endings.
enum ResponseInsertion {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// `entry` is the item without its dash: `{survey: fin, date: 2026-11-30, answers: {u: 4}}`.
    static func insert(_ entry: String, into bytes: [UInt8], path: String) throws(Refusal) -> [UInt8] {
        let split: SplitFile
        do { split = try FrontMatterSplitter.split(bytes, file: path) } catch {
            throw Refusal(description: "\(path) cannot be read: \(error.diagnostic.message)")
        }
        guard let frontMatter = split.frontMatter else { throw Refusal(description: "\(path) has no front matter") }
        let root: YAMLNode?
        do { root = try YAMLReader.parse(frontMatter) } catch { throw Refusal(description: "\(path) has a YAML error: fix it first (tutorat check says where)") }
        guard let pairs = root?.mapping else { throw Refusal(description: "\(path)'s front matter is not a mapping") }
        let newline: [UInt8] = bytes.contains(0x0D) && bytes.firstRange(of: [0x0D, 0x0A]) != nil ? [0x0D, 0x0A] : [0x0A]
        var lines = Self.lines(bytes)
        // File lines are 1-based; the YAML's line 1 is the file's `frontMatterLine`.
        func fileLine(_ mark: YAMLMark) -> Int { mark.line + split.frontMatterLine - 1 }
        let closing = split.frontMatterLine + frontMatter.split(separator: 0x0A, omittingEmptySubsequences: false).count - 1
        let index = pairs.firstIndex { $0.key.scalar == "responses" }
        var at: Int
        var indent: [UInt8] = Array("  ".utf8)
        var added: [[UInt8]] = []
        if let index {
            let value = pairs[index].value
            if value.isNull {
                at = fileLine(pairs[index].key.mark) + 1
            } else if let items = value.sequence, let first = items.first, fileLine(first.mark) > fileLine(pairs[index].key.mark) {
                let line = lines[fileLine(first.mark) - 1]
                indent = Array(line.prefix { $0 == 0x20 })
                // After the last item: before the next key (or the closing fence), above any blank or comment lines.
                at = index + 1 < pairs.count ? fileLine(pairs[index + 1].key.mark) : closing
                while at - 1 > fileLine(items.last!.mark), Self.isBlankOrComment(lines[at - 2]) { at -= 1 }
            } else {
                throw Refusal(description: "\(path): 'responses' is written on one line; write it as a list with one '- ' line per response to import into it")
            }
        } else {
            at = closing
            while at - 1 > split.frontMatterLine, Self.isBlankOrComment(lines[at - 2]) { at -= 1 }
            added.append(Array("responses:".utf8) + newline)
        }
        added.append(indent + Array("- \(entry)".utf8) + newline)
        // A last line without its line break gets one before a line follows it.
        if at - 2 >= 0, at - 2 < lines.count, lines[at - 2].last != 0x0A { lines[at - 2] += newline }
        lines.insert(contentsOf: added, at: at - 1)
        return lines.flatMap { $0 }
    }

    /// The file's lines, each with its line break.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(Array(bytes[start...offset]))
            start = offset + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        return lines
    }

    static func isBlankOrComment(_ line: [UInt8]) -> Bool {
        let text = line.drop { $0 == 0x20 || $0 == 0x09 }
        return text.first == nil || text.first == 0x0A || text.first == 0x0D || text.first == UInt8(ascii: "#")
    }
}
