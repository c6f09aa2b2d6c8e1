import Testing
import TutoratCore
@testable import TutoratSource

/// `visibility:` and the contract's `private:`, on every kind of document.
@Suite struct VisibilityDecodingTests {
    func tutee(_ extra: String) -> Decoded<Tutee> {
        let yaml = "name: Marie Dupont\nprogramme: accueil\ntutor: jeanne-martin\nstart: 2026-09-01\n" + extra
        return DocumentDecoder.tutee(Array("---\n\(yaml)---\nJournal\n".utf8), id: "marie", path: "content/tutees/marie.md")
    }

    func tutor(_ extra: String) -> Decoded<Tutor> {
        DocumentDecoder.tutor(Array("---\nname: Paul Leroy\n\(extra)---\n".utf8), id: "paul-leroy", path: "content/tutors/paul-leroy.md")
    }

    @Test func defaultsArePublicForTheOrganisationAndPrivateForTutees() throws {
        #expect(try #require(tutor("").value).info.visibility == .public)
        #expect(try #require(tutee("").value).info.visibility == .private)
        let page = DocumentDecoder.page(Array("---\ntitle: FAQ\n---\n".utf8), id: "faq", path: "content/pages/faq.md")
        #expect(try #require(page.value).info.visibility == .public)
    }

    @Test(arguments: [
        ("visibility: public\n", Visibility.public), ("visibility: intranet\n", .intranet), ("visibility: private\n", .private),
        ("private: true\n", .private), ("private: false\n", .public),
        ("private: true\nvisibility: private\n", .private), ("private: false\nvisibility: public\n", .public),
    ])
    func bothSpellingsAreRead(field: String, expected: Visibility) throws {
        let decoded = tutor(field)
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        #expect(try #require(decoded.value).info.visibility == expected)
        let forTutee = tutee(field)
        #expect(try #require(forTutee.value).info.visibility == expected)
        #expect(try #require(forTutee.value).info.isPrivate == (expected == .private))
    }

    @Test func frameworksReadVisibilityToo() throws {
        let yaml = "title: Soins\nvisibility: intranet\nscale:\n  - {level: 0, label: Non abordé}\ncompetencies:\n  - {id: a, title: A}\n"
        let decoded = DocumentDecoder.framework(Array(yaml.utf8), id: "soins", path: "content/frameworks/soins.yml")
        #expect(try #require(decoded.value).info.visibility == .intranet)
    }

    @Test func disagreeingKeysAreAnErrorAtVisibility() throws {
        let decoded = tutee("private: true\nvisibility: intranet\n")
        let error = try #require(decoded.diagnostics.first)
        #expect(error.severity == .error && error.code == "E-VISIBILITY")
        #expect(error.message == "'visibility: intranet' and 'private: true' disagree")
        // Line 7 of the file (the fence is line 1), the value at column 13.
        #expect(error.location == SourceLocation(file: "content/tutees/marie.md", line: 7, column: 13))
        // Never more open than either line.
        #expect(decoded.value?.info.visibility == .private)
        let open = tutor("private: false\nvisibility: private\n")
        #expect(open.diagnostics.map(\.code) == ["E-VISIBILITY"])
    }

    @Test func anUnknownValueIsAnErrorWithAGuess() throws {
        let decoded = tutor("visibility: intranett\n")
        let error = try #require(decoded.diagnostics.first)
        #expect(error.code == "E-ENUM")
        #expect(error.message == "'visibility' cannot be 'intranett' (did you mean 'intranet'?)")
        #expect(error.hint == "expected one of: public, intranet, private")
        #expect(error.location == SourceLocation(file: "content/tutors/paul-leroy.md", line: 3, column: 13))
    }

    @Test func retentionFieldsAreRead() throws {
        let decoded = tutee("end: 2026-08-31\nretain_until: 2027-01-15\n")
        let value = try #require(decoded.value)
        #expect(value.retainUntil?.value == Day(iso: "2027-01-15"))
        #expect(value.retentionEnd(months: 6) == Day(iso: "2027-01-15"), "retain_until wins over the default")
        let bad = tutee("retain_until: bientôt\n")
        #expect(bad.diagnostics.map(\.code) == ["E-DATE"])
        let config = DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nretention_months: 12\n".utf8), path: "content/site.yml")
        #expect(config.value?.retentionMonths == 12)
        let defaulted = DocumentDecoder.siteConfig(Array("title: T\norganisation: O\n".utf8), path: "content/site.yml")
        #expect(defaulted.value?.retentionMonths == 36)
        let negative = DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nretention_months: -1\n".utf8), path: "content/site.yml")
        #expect(negative.diagnostics.map(\.code) == ["E-RANGE"])
    }

    @Test func theDefaultRetentionEndsMonthsAfterTheEnd() throws {
        let value = try #require(tutee("end: 2026-08-31\n").value)
        // A shorter month keeps its last day.
        #expect(value.retentionEnd(months: 6) == Day(iso: "2027-02-28"))
        #expect(value.retentionEnd(months: 36) == Day(iso: "2029-08-31"))
        #expect(value.isPastRetention(on: Day(iso: "2029-08-31")!, months: 36) == false, "the last day is still within")
        #expect(value.isPastRetention(on: Day(iso: "2029-09-01")!, months: 36))
        let open = try #require(tutee("").value)
        #expect(open.retentionEnd(months: 36) == nil, "no end, no default: kept")
        #expect(Day(iso: "2024-02-29")!.adding(months: 12) == Day(iso: "2025-02-28"))
        #expect(Day(iso: "2026-11-15")!.adding(months: 2) == Day(iso: "2027-01-15"))
    }
}
