import Testing
import TutoratCore
import TutoratEdit
import TutoratSource

/// An imported response goes in through the planner `serve --edit` uses: new
/// lines or a new flow item only, in the file's own style, and it reads back.
@Suite struct ResponsePlacementTests {
    static let pairs = [("survey", "fin"), ("date", "2026-11-30"), ("answers", "{u: 4}")]
    static let flow = "{survey: fin, date: 2026-11-30, answers: {u: 4}}"
    static let head = "---\nname: M\nprogramme: p\ntutor: t\nstart: 2026-09-01\n"

    func insert(_ file: String) throws -> (text: String, added: String) {
        let insertion = try EditPlanner.appending(Self.pairs, toList: "responses", in: Array(file.utf8))
        let after = insertion.applied(to: Array(file.utf8))
        let decoded = DocumentDecoder.tutee(after, id: "t", path: "t.md")
        #expect(decoded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(decoded.diagnostics)")
        #expect(decoded.value?.responses.last?.answers.map(\.value) == ["4"])
        return (String(decoding: after, as: UTF8.self), insertion.text)
    }

    @Test func aNewKeyGoesBeforeTheClosingFence() throws {
        let (text, added) = try insert(Self.head + "# notes below\n---\nJournal\n")
        #expect(added == "responses:\n  - \(Self.flow)\n")
        #expect(text.hasSuffix("# notes below\n" + added + "---\nJournal\n"))
    }

    @Test func anExistingListGrowsAtItsEndWithItsIndentation() throws {
        let file = Self.head + "responses:\n    - {survey: fin, date: 2026-10-01, by: tutor, answers: {u: 2}}\n    # a comment\n\nsessions:\n  - {date: 2026-09-02}\n---\n"
        let (text, added) = try insert(file)
        #expect(added == "    - \(Self.flow)\n")
        #expect(text.contains("u: 2}}\n    - \(Self.flow)\n    # a comment\n"), "right after the last item, above its comment")
    }

    @Test func blockItemsAndCRLFAreKept() throws {
        let file = (Self.head + "responses:\n  - survey: fin\n    date: 2026-10-01\n    answers:\n      u: 3\nend: 2027-01-01\n---\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let (text, added) = try insert(file)
        #expect(added == "  - survey: fin\r\n    date: 2026-11-30\r\n    answers: {u: 4}\r\n")
        #expect(DocumentDecoder.tutee(Array(text.utf8), id: "t", path: "t.md").value?.responses.count == 2)
    }

    @Test func aListOnOneLineTakesTheItemInside() throws {
        let (text, _) = try insert(Self.head + "responses: []\n---\n")
        #expect(text.contains("responses: [\(Self.flow)]\n"))
    }
}
