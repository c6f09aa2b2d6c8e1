import Testing
@testable import TutoratCore

@Suite struct DayTests {
    @Test(arguments: ["2026-09-01", "2024-02-29", "1999-12-31"])
    func parsesValidDates(_ text: String) throws {
        #expect(try #require(Day(iso: text)).iso == text)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-9-1", "26-09-01", "2026/09/01", "2026-09-01x", ""])
    func rejectsInvalidDates(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func countsDaysAcrossMonthsAndLeapYears() throws {
        let start = try #require(Day(iso: "2024-02-27"))
        #expect(start.adding(days: 3).iso == "2024-03-01")
        #expect(try #require(Day(iso: "2026-09-01")).days(until: try #require(Day(iso: "2026-11-24"))) == 84)
        #expect(Day(daysSinceEpoch: 0).iso == "1970-01-01")
        #expect(try #require(Day(iso: "2026-11-25")).weekday == 3, "25 November 2026 is a Wednesday")
    }

    @Test func ordersChronologically() throws {
        #expect(try #require(Day(iso: "2026-01-31")) < (try #require(Day(iso: "2026-02-01"))))
    }
}

@Suite struct IdentifierTests {
    @Test(arguments: ["marie-dupont", "a", "tuteur-2", "2026"])
    func acceptsIds(_ id: String) { #expect(Identifier.isValid(id)) }

    @Test(arguments: ["Marie", "marie--dupont", "-marie", "marie-", "marie_dupont", "é", "", "a b", "../x"])
    func rejectsOthers(_ id: String) { #expect(!Identifier.isValid(id)) }
}

@Suite struct SuggestionTests {
    @Test func findsTheClosestWithinTwoEdits() {
        #expect(Suggestion.closest(to: "jeanne-martn", among: ["jeanne-martin", "paul-leroy"]) == "jeanne-martin")
        #expect(Suggestion.closest(to: "tutorr", among: ["tutor", "start", "end"]) == "tutor")
    }

    @Test func staysSilentWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "zzz-unknown", among: ["jeanne-martin", "paul-leroy"]) == nil)
    }

    @Test func tiesGoToTheFirstAlphabetically() {
        #expect(Suggestion.closest(to: "ab", among: ["ac", "aa"]) == "aa")
    }
}

@Suite struct DiagnosticTests {
    @Test func readsLikeACompilerWithAHint() {
        let diagnostic = Diagnostic.error("E-REF", "unknown tutor 'x'", at: SourceLocation(file: "content/tutees/m.md", line: 7, column: 8), hint: "check the id")
        #expect(diagnostic.description == "content/tutees/m.md:7:8: error: unknown tutor 'x'\n  hint: check the id")
    }

    @Test func sortByFileThenPosition() {
        let b = Diagnostic.error("E", "b", at: SourceLocation(file: "b.md", line: 1, column: 1))
        let a2 = Diagnostic.warning("W", "a2", at: SourceLocation(file: "a.md", line: 10, column: 1))
        let a1 = Diagnostic.error("E", "a1", at: SourceLocation(file: "a.md", line: 2, column: 5))
        #expect([b, a2, a1].sorted().map(\.message) == ["a1", "a2", "b"])
    }
}
