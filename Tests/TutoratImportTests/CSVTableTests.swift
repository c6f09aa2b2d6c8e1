import Testing
import TutoratCore
@testable import TutoratImport

@Suite struct CSVTableTests {
    func table(_ text: String) -> CSVTable? { CSVTable.parse(Array(text.utf8), path: "a.csv").table }

    @Test func semicolonsBOMQuotesAndLineBreaks() throws {
        let parsed = try #require(table("\u{FEFF}Name ; Summary\r\n\"Dupont; Marie\";\"Said \"\"hello\"\"\r\non two lines\"\r\n\r\nPaul;\r\n"))
        #expect(parsed.header == ["name", "summary"])
        #expect(parsed.rows.map(\.fields) == [["Dupont; Marie", "Said \"hello\"\r\non two lines"], ["Paul", ""]])
        #expect(parsed.rows.map(\.line) == [2, 5], "a record's line is where it starts; the blank line 4 is no row")
    }

    @Test func commasWhenTheHeaderHasMoreOfThem() throws {
        let parsed = try #require(table("name,start\n\"A; B\",2026-01-05"))
        #expect(parsed.rows.map(\.fields) == [["A; B", "2026-01-05"]])
    }

    @Test func problemsArePositioned() {
        /// Each diagnostic as its location and the first words of its message.
        func errors(_ text: [UInt8]) -> [String] {
            CSVTable.parse(text, path: "a.csv").diagnostics.map { "\($0.location!): " + $0.message.split(separator: " ").prefix(4).joined(separator: " ") }
        }
        #expect(errors(Array("name\n\"open\nstill open".utf8)) == ["a.csv:2:1: a quoted field is"])
        #expect(errors(Array("name,start\nA\"B,1".utf8)) == ["a.csv:2:2: a quote inside a"])
        #expect(errors(Array("name\nA,B".utf8)) == ["a.csv:2:1: this row has 2"])
        #expect(errors(Array("name,Name\nA,B".utf8)) == ["a.csv:1:2: column 'name' is named"])
        #expect(errors(Array("name,start\n\"A\"x,1".utf8)) == ["a.csv:2:4: text after a quoted"])
        #expect(errors(Array("name\nA\n".utf8) + [0xE9, 0x0A]) == ["a.csv:3:1: the file is not"])
        #expect(errors([]) == ["a.csv:1:1: the file is empty:"])
    }
}
