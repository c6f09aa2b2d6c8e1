import Testing
import TutoratCore
import TutoratSource
@testable import TutoratImport

/// A response goes in as new lines only, in the file's own style, and reads back.
@Suite struct ResponseInsertionTests {
    static let entry = "{survey: fin, date: 2026-11-30, answers: {u: 4}}"

    /// The lines of `after` that are not in `before`, checking that removing them gives `before` back byte for byte.
    func insertedLines(_ before: String, _ after: [UInt8]) -> [String] {
        let old = ResponseInsertion.lines(Array(before.utf8)), new = ResponseInsertion.lines(after)
        var added: [String] = [], o = 0
        for line in new {
            if o < old.count, line == old[o] { o += 1 } else if o < old.count, old[o].last != 0x0A, line.starts(with: old[o]) { o += 1 } else {
                added.append(String(decoding: line, as: UTF8.self))
            }
        }
        #expect(o == old.count, "every line of the file is kept, in order")
        return added
    }

    func check(_ file: String, expect lines: [String], responses: Int) throws {
        let after = try ResponseInsertion.insert(Self.entry, into: Array(file.utf8), path: "t.md")
        #expect(insertedLines(file, after) == lines)
        let decoded = DocumentDecoder.tutee(after, id: "t", path: "t.md")
        #expect(decoded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(decoded.diagnostics)")
        #expect(decoded.value?.responses.count == responses)
        #expect(decoded.value?.responses.last?.answers.map(\.value) == ["4"])
    }

    static let head = "---\nname: M\nprogramme: p\ntutor: t\nstart: 2026-09-01\n"

    @Test func aNewKeyGoesBeforeTheClosingFenceAboveTrailingComments() throws {
        try check(Self.head + "# notes below\n\n---\nJournal\n", expect: ["responses:\n", "  - \(Self.entry)\n"], responses: 1)
    }

    @Test func anExistingListGrowsAtItsEndWithItsIndentation() throws {
        let file = Self.head + "responses:\n    - {survey: fin, date: 2026-10-01, by: tutor, answers: {u: 2}}\n    # a comment\n\nsessions:\n  - {date: 2026-09-02}\n---\n"
        try check(file, expect: ["    - \(Self.entry)\n"], responses: 2)
        let after = try ResponseInsertion.insert(Self.entry, into: Array(file.utf8), path: "t.md")
        #expect(String(decoding: after, as: UTF8.self).contains("u: 2}}\n    - {survey: fin, date: 2026-11-30"), "right after the last item, above its comment")
    }

    @Test func blockItemsAndCRLFAreKept() throws {
        let file = (Self.head + "responses:\n  - survey: fin\n    date: 2026-10-01\n    answers:\n      u: 3\nend: 2027-01-01\n---\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let after = try ResponseInsertion.insert(Self.entry, into: Array(file.utf8), path: "t.md")
        #expect(insertedLines(file, after) == ["  - \(Self.entry)\r\n"])
        #expect(DocumentDecoder.tutee(after, id: "t", path: "t.md").value?.responses.count == 2)
    }

    @Test func anEmptyKeyTakesTheFirstItem() throws {
        try check(Self.head + "responses:\nend: 2027-01-01\n---\n", expect: ["  - \(Self.entry)\n"], responses: 1)
    }

    @Test func aListOnOneLineIsRefusedAndNothingChanges() {
        #expect(throws: ResponseInsertion.Refusal.self) {
            try ResponseInsertion.insert(Self.entry, into: Array((Self.head + "responses: []\n---\n").utf8), path: "t.md")
        }
    }
}
