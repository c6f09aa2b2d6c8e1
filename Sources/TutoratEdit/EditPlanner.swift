import TutoratCore
import TutoratSource
import TutoratYAML

/// Turns an entry into the lines to insert in a progress file, in the file's own style:
/// found from the YAML reader's marks, written with its indentation, line breaks and
/// list style, and never touching a byte that is already there.
public enum EditPlanner {
    /// Where and what to insert to add `entry` at the end of the file's `sessions`.
    public static func session(_ entry: SessionEntry, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        try appending(entry.pairs, toList: "sessions", in: bytes)
    }

    /// Where and what to insert to add `entry` at the end of the file's body, the journal.
    public static func journal(_ entry: JournalEntry, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        let file = FileLines(bytes)
        let nl = file.newline
        let text = entry.text.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingTrailingWhitespace() }.joined(separator: nl).trimmingTrailingWhitespace()
        guard !text.isEmpty else { throw EditRefusal("the journal entry is empty") }
        var out = bytes.isEmpty || bytes.last == 0x0A ? "" : nl
        // A blank line before the heading, unless the body is empty.
        if !isBodyEmpty(file) { out += nl }
        out += "### \(entry.date.iso)\(nl)\(nl)\(text)\(nl)"
        return Insertion(offset: bytes.count, text: out)
    }

    private static func isBodyEmpty(_ file: FileLines) -> Bool {
        guard let fence = file.closingFence else { return file.lines.isEmpty }
        return file.lines[(fence + 1)...].indices.allSatisfy { file.text($0).allSatisfy { $0 == " " || $0 == "\t" } }
    }

    /// Where and what to insert to add an item, given as its pairs (values in YAML
    /// flow text), at the end of the front-matter list `key`.
    public static func appending(_ pairs: [(String, String)], toList key: String, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        let front = try FrontMatter(bytes)
        return try front.appendItem(pairs, toList: key, in: front.root)
    }

    /// The indentation step of the file: the first indented line's, else 2.
    static func indentUnit(_ file: FileLines, before fence: Int) -> Int {
        for index in 1..<fence where !file.isBlankOrComment(index) && file.indent(index) > 0 { return file.indent(index) }
        return 2
    }
}
