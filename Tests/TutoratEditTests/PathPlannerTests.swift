import Testing
import TutoratCore
import TutoratSource
import TutoratTestSupport
@testable import TutoratEdit

/// The other forms' entries, on files written in every style: inserted only, read back as the old file plus the entry.
@Suite struct PathPlannerTests {
    typealias AssessmentView = [String: [String]]

    static func assessments(_ tutee: Tutee?) -> AssessmentView {
        Dictionary((tutee?.competencies ?? []).map { ($0.id.value, $0.assessments.map { "\($0.date.iso) \($0.level) \($0.by) \($0.note ?? "-")" }) },
                   uniquingKeysWith: { $0 + $1 })
    }

    static func checklist(_ tutee: Tutee?) -> [String] {
        (tutee?.checklist ?? []).map { "\($0.step.value) \($0.state)" }
    }

    static func concerns(_ tutee: Tutee?) -> [String] {
        (tutee?.concerns ?? []).map { concern in
            "\(concern.date.value.iso) \(concern.raisedBy ?? "-") \(concern.category) \(concern.summary ?? "-") "
                + concern.actions.map { "[\($0.date.value.iso) \($0.by ?? "-") \($0.action ?? "-")]" }.joined()
        }
    }

    /// Applies the planned insertion and checks what every entry must keep.
    func edited(_ old: [UInt8], seed: UInt64, _ plan: ([UInt8]) throws -> Insertion) throws -> (Tutee?, Tutee?) {
        let before = decode(old)
        try #require(!before.diagnostics.contains { $0.severity == .error }, "seed \(seed): \(before.diagnostics)")
        let new = try plan(old).applied(to: old)
        let text = String(decoding: new, as: UTF8.self)
        #expect(isOneInsertion(old, new), "seed \(seed)")
        let after = decode(new)
        #expect(!after.diagnostics.contains { $0.severity == .error }, "seed \(seed): \(after.diagnostics)\n\(text)")
        #expect(after.value?.info.body == before.value?.info.body)
        #expect(after.value?.sessions.count == before.value?.sessions.count)
        return (before.value, after.value)
    }

    @Test func anAssessmentGoesUnderItsCompetency() throws {
        for seed in UInt64(0)..<300 {
            var generator = ProgressFileGenerator(random: SeededRandom(state: seed))
            let old = Array(generator.pathFile().utf8)
            let entry = generator.assessment()
            let (before, after) = try edited(old, seed: seed) { try EditPlanner.assessment(entry, in: $0) }
            var expected = Self.assessments(before)
            expected[entry.competency, default: []].append("\(entry.date.iso) \(entry.level) \(entry.by) \(entry.note ?? "-")")
            #expect(Self.assessments(after) == expected, "seed \(seed)\n\(String(decoding: old, as: UTF8.self))")
            #expect(Self.checklist(after) == Self.checklist(before))
            #expect(Self.concerns(after) == Self.concerns(before))
        }
    }

    @Test func aChecklistStepIsMarked() throws {
        for seed in UInt64(0)..<300 {
            var generator = ProgressFileGenerator(random: SeededRandom(state: seed))
            let old = Array(generator.pathFile().utf8)
            let entry = ChecklistEntry(step: generator.pick(["bilan-final", "visite-cfa"]), done: generator.chance(70) ? generator.day() : nil)
            let (before, after) = try edited(old, seed: seed) { try EditPlanner.checklist(entry, in: $0) }
            let state: ChecklistMark.State = entry.done.map { .done($0) } ?? .skipped
            #expect(Self.checklist(after) == Self.checklist(before) + ["\(entry.step) \(state)"], "seed \(seed)")
            #expect(Self.assessments(after) == Self.assessments(before))
        }
    }

    @Test func aStepAlreadyMarkedIsRefused() {
        let old = Array("---\nname: M\nchecklist:\n  accueil: 2026-09-01\n---\n".utf8)
        #expect(throws: EditRefusal.self) { try EditPlanner.checklist(ChecklistEntry(step: "accueil", done: nil), in: old) }
    }

    @Test func aConcernAndAnActionAreAdded() throws {
        for seed in UInt64(0)..<300 {
            var generator = ProgressFileGenerator(random: SeededRandom(state: seed))
            let old = Array(generator.pathFile().utf8)
            let entry = generator.concern()
            let (before, after) = try edited(old, seed: seed) { try EditPlanner.concern(entry, in: $0) }
            let line = "\(entry.date.iso) \(entry.raisedBy ?? "-") \(entry.category) \(entry.summary ?? "-") "
            #expect(Self.concerns(after) == Self.concerns(before) + [line], "seed \(seed)")

            let count = before?.concerns.count ?? 0
            guard count > 0 else {
                #expect(throws: EditRefusal.self) { try EditPlanner.action(ActionEntry(concern: 0, date: entry.date), in: old) }
                continue
            }
            let action = ActionEntry(concern: generator.pick(Array(0..<count)), date: generator.day(),
                                     by: generator.chance(70) ? "supervisor" : nil, action: generator.chance(80) ? generator.pick(ProgressFileGenerator.summaries) : nil)
            let (previous, acted) = try edited(old, seed: seed) { try EditPlanner.action(action, in: $0) }
            var expected = Self.concerns(previous)
            expected[action.concern] += "[\(action.date.iso) \(action.by ?? "-") \(action.action ?? "-")]"
            #expect(Self.concerns(acted) == expected, "seed \(seed)\n\(String(decoding: old, as: UTF8.self))")
        }
    }
}

@Suite struct ExchangePlannerTests {
    static let styles = ["", "exchanges: []\n", "exchanges:\n", "exchanges: [2026-10-15]\n", "exchanges: [2026-10-15, ]\n",
                         "exchanges:\n  - 2026-10-15\n  # suite\n", "exchanges:\n- 2026-10-15\n", "exchanges:\n    - 2026-10-15   # premier\n"]

    @Test func aDayOfExchangeIsAddedInEveryStyle() throws {
        for seed in UInt64(0)..<200 {
            var generator = ProgressFileGenerator(random: SeededRandom(state: seed))
            let nl = generator.chance(30) ? "\r\n" : "\n"
            let style = generator.pick(Self.styles)
            let after = generator.chance(50) ? "capacity: 2\n" : ""
            let text = ("---\nname: Jeanne Martin\n" + (generator.chance(50) ? style + after : after + style) + "---\nTutrice.\n")
                .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: nl)
            let old = Array(text.utf8)
            let before = DocumentDecoder.tutor(old, id: "jeanne", path: "content/tutors/jeanne.md")
            try #require(!before.diagnostics.contains { $0.severity == .error }, "\(before.diagnostics)\n\(text)")
            let day = generator.day()
            if before.value?.exchanges.contains(day) == true { continue }
            let new = try EditPlanner.exchange(day, in: old).applied(to: old)
            #expect(isOneInsertion(old, new))
            let decoded = DocumentDecoder.tutor(new, id: "jeanne", path: "content/tutors/jeanne.md")
            #expect(!decoded.diagnostics.contains { $0.severity == .error }, "seed \(seed): \(String(decoding: new, as: UTF8.self))")
            #expect(decoded.value?.exchanges == (before.value?.exchanges ?? []) + [day], "seed \(seed): \(String(decoding: new, as: UTF8.self))")
        }
    }
}
