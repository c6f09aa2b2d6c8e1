import Testing
import TutoratCore
import TutoratSource
import TutoratTestSupport
import TutoratYAML
@testable import TutoratEdit

struct SessionView: Equatable {
    var date: Day, minutes: Int?, kind: SessionKind, mode: SessionMode, with: [String], summary: String?
    init(_ session: TutoringSession) {
        (date, minutes, kind, mode, with, summary) = (session.date.value, session.minutes, session.kind, session.mode, session.with, session.summary)
    }
    init(_ entry: SessionEntry) {
        (date, minutes, kind, mode, with, summary) = (entry.date, entry.minutes, entry.kind, entry.mode ?? .onsite, entry.with, entry.summary)
    }
}

func decode(_ bytes: [UInt8]) -> Decoded<Tutee> { DocumentDecoder.tutee(bytes, id: "marie", path: "content/tutees/marie.md") }

/// True when `new` is `old` with one run of bytes put in at one place.
func isOneInsertion(_ old: [UInt8], _ new: [UInt8]) -> Bool {
    guard new.count >= old.count else { return false }
    var prefix = 0
    while prefix < old.count, old[prefix] == new[prefix] { prefix += 1 }
    let added = new.count - old.count
    return old[prefix...].elementsEqual(new[(prefix + added)...])
}

@Suite struct EditPlannerTests {
    @Test func aSessionGoesInEveryStyleByInsertionOnly() throws {
        for seed in UInt64(0)..<400 {
            var generator = ProgressFileGenerator(random: SeededRandom(state: seed))
            let (text, style) = generator.file()
            let entry = generator.session()
            let old = Array(text.utf8)
            let before = decode(old)
            try #require(!before.diagnostics.contains { $0.severity == .error }, "seed \(seed): \(before.diagnostics)\n\(text)")
            let insertion = try EditPlanner.session(entry, in: old)
            let new = insertion.applied(to: old)
            #expect(isOneInsertion(old, new), "seed \(seed)")
            let after = decode(new)
            #expect(!after.diagnostics.contains { $0.severity == .error }, "seed \(seed) \(style): \(after.diagnostics)\n\(String(decoding: new, as: UTF8.self))")
            let oldSessions = (before.value?.sessions ?? []).map(SessionView.init)
            let newSessions = (after.value?.sessions ?? []).map(SessionView.init)
            #expect(newSessions == oldSessions + [SessionView(entry)], "seed \(seed) \(style):\n\(String(decoding: new, as: UTF8.self))")
            #expect(after.value?.competencies.count == before.value?.competencies.count)
            #expect(after.value?.info.body == before.value?.info.body)
            if style != .flowLine && style != .emptyFlow {
                // Whole lines, ending with the file's own line break.
                let added = String(decoding: new[insertion.offset..<(insertion.offset + insertion.text.utf8.count)], as: UTF8.self)
                let crlf = text.contains("\r\n")
                #expect(insertion.offset == 0 || new[insertion.offset - 1] == 0x0A, "seed \(seed)")
                #expect(added.hasSuffix(crlf ? "\r\n" : "\n"), "seed \(seed)")
                #expect(crlf || !added.contains("\r\n"), "seed \(seed)")
            }
        }
    }

    @Test func aJournalEntryGoesAtTheEndOfTheBody() throws {
        for seed in UInt64(0)..<100 {
            var generator = ProgressFileGenerator(random: SeededRandom(state: seed))
            let (text, _) = generator.file()
            let old = Array(text.utf8)
            let entry = JournalEntry(date: generator.day(), text: "Bonne semaine.\nÀ revoir : les transmissions.")
            let new = try EditPlanner.journal(entry, in: old).applied(to: old)
            #expect(isOneInsertion(old, new))
            let body = decode(new).value?.info.body ?? ""
            let previous = decode(old).value?.info.body ?? ""
            #expect(body.contains("### \(entry.date.iso)"), "seed \(seed)")
            #expect(body.hasSuffix("À revoir : les transmissions.\n"), "seed \(seed): \(body)")
            #expect(body.hasPrefix(previous.trimmingTrailingWhitespace()))
        }
    }

    @Test func anEditThatAddsAnErrorIsRefused() throws {
        let old = Array("---\nname: Marie\nprogramme: p\ntutor: t\nstart: 2026-09-01\nsessions:\n  - {date: 2026-09-02}\n---\n".utf8)
        let good = try EditPlanner.session(SessionEntry(date: Day(iso: "2026-09-03")!), in: old)
        #expect(EditCheck.check(good, in: old, id: "marie", path: "content/tutees/marie.md").isValid)
        let bad = Insertion(offset: good.offset, text: "  - {date: 2026-13-45}\n")
        let checked = EditCheck.check(bad, in: old, id: "marie", path: "content/tutees/marie.md")
        #expect(!checked.isValid)
        #expect(checked.newErrors.contains { $0.code == "E-DATE" })
    }

    /// A last item ending in a block scalar whose last line starts with `#` (a Markdown
    /// heading): the new item goes after it, and the old text keeps that line.
    @Test(arguments: ["|", ">-"]) func aBlockScalarEndingInAHashKeepsItsLastLine(_ style: String) throws {
        let text = "---\nname: Marie\nprogramme: p\ntutor: t\nstart: 2026-09-01\nsessions:\n  - date: 2026-09-02\n    summary: \(style)\n      Accueil\n      # Suite\n# fin des rencontres\n---\n"
        let old = Array(text.utf8)
        let before = try #require(decode(old).value?.sessions.first?.summary)
        #expect(before.contains("# Suite"))
        let new = try EditPlanner.session(SessionEntry(date: Day(iso: "2026-09-03")!), in: old).applied(to: old)
        let after = try #require(decode(new).value)
        #expect(after.sessions.count == 2)
        #expect(after.sessions.first?.summary == before)
        #expect(String(decoding: new, as: UTF8.self).contains("      # Suite\n  - date: 2026-09-03"))
    }

    /// A double quote inside a plain flow value is text, not the start of a quoted scalar.
    @Test func aQuoteInsideAPlainFlowValueIsText() throws {
        let old = Array("---\nname: Marie\nprogramme: p\ntutor: t\nstart: 2026-09-01\nsessions: [{date: 2026-09-02, summary: écran 5\" prêté}]\n---\n".utf8)
        #expect(decode(old).value?.sessions.first?.summary == "écran 5\" prêté")
        let new = try EditPlanner.session(SessionEntry(date: Day(iso: "2026-09-03")!), in: old).applied(to: old)
        #expect(String(decoding: new, as: UTF8.self).contains("prêté}, {date: 2026-09-03, kind: meeting}]"))
        #expect(decode(new).value?.sessions.count == 2)
    }

    @Test(arguments: ["sessions: null", "sessions: ~", "sessions: text"])
    func aListWrittenAsSomethingElseIsRefused(_ line: String) {
        let old = Array("---\nname: Marie\n\(line)\n---\n".utf8)
        #expect(throws: EditRefusal.self) { try EditPlanner.session(SessionEntry(date: Day(iso: "2026-09-03")!), in: old) }
    }

    @Test func plainScalarsAreOnlyWrittenWhenTheyReadBackTheSame() {
        #expect(YAMLText.scalar("Visite du service") == "Visite du service")
        #expect(YAMLText.scalar("yes") == "\"yes\"")
        #expect(YAMLText.scalar("a: b") == "\"a: b\"")
        #expect(YAMLText.scalar("Deux\nlignes") == "\"Deux\\nlignes\"")
    }
}
