import TutoratCore
import TutoratSource
import TutoratTestSupport
@testable import TutoratEdit

/// Random valid progress files in the styles the decoder accepts, and random entries.
struct ProgressFileGenerator {
    var random: SeededRandom

    enum ListStyle: CaseIterable { case missing, emptyFlow, emptyKey, flowLine, blockFlowItems, blockBlockItems }

    static let summaries = [
        "Visite du service", "Bilan: tout va bien", "Point #3 sur l'hygiène", "yes", "123", "2026-09-01", "[à revoir]",
        "Il a dit \"bravo\"", "Gestes sûrs, calme", "  espaces  ", "Un \\ antislash", "Évaluation de fin de stage", "- tiret",
        "{accolades}", "Tab\there", "null", "Deux\nlignes", "Café — pause", "100 %", "a: b", "Réunion à trois (Paul)",
    ]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func day() -> Day { Day(year: 2026, month: 1 + pick(Array(0..<12)), day: 1 + pick(Array(0..<28)))! }

    mutating func session() -> SessionEntry {
        SessionEntry(date: day(), minutes: chance(70) ? pick([0, 15, 30, 45, 60, 90]) : nil, kind: pick(SessionKind.allCases),
                     mode: chance(50) ? pick(SessionMode.allCases) : nil,
                     with: chance(30) ? Array(["supervisor", "partner", "Mme Lenoir, formatrice"].prefix(1 + pick([0, 1, 2]))) : [],
                     summary: chance(80) ? pick(Self.summaries) : nil)
    }

    /// One existing session written as a flow mapping.
    mutating func flowSession() -> String {
        var parts = ["date: \(day().iso)"]
        if chance(50) { parts.append("minutes: \(pick([30, 45]))") }
        parts.append("kind: \(pick(SessionKind.allCases).rawValue)")
        if chance(50) { parts.append("summary: " + (chance(50) ? "Point d'étape" : "\"Bilan: ok, # pas un commentaire\"")) }
        return "{" + parts.joined(separator: chance(30) ? ",  " : ", ") + "}"
    }

    /// A progress file: its text and the style its sessions were written in.
    mutating func file() -> (text: String, style: ListStyle) {
        let nl = chance(30) ? "\r\n" : "\n"
        let unit = chance(50) ? 2 : 4
        let pad = String(repeating: " ", count: unit)
        let style = pick(ListStyle.allCases)
        var lines = ["---", "name: " + (chance(50) ? "Marie Dupont" : "\"Marie Dupont\""), "programme: integration", "tutor: jeanne-martin",
                     "start: 2026-09-01" + (chance(30) ? "   # le premier jour" : "")]
        if chance(40) { lines.append("# un commentaire entre deux champs") }
        var sessions: [String] = []
        let count = 1 + pick([0, 1, 2])
        switch style {
        case .missing: break
        case .emptyFlow: sessions = ["sessions: []" + (chance(30) ? " # rien encore" : "")]
        case .emptyKey: sessions = ["sessions:" + (chance(30) ? " # à remplir" : "")]
        case .flowLine: sessions = ["sessions: [" + (0..<count).map { _ in flowSession() }.joined(separator: ", ") + "]"]
        case .blockFlowItems:
            sessions = ["sessions:"]
            let dashPad = chance(20) ? "" : pad
            for _ in 0..<count {
                sessions.append(dashPad + "- " + flowSession() + (chance(20) ? "  # noté" : ""))
                if chance(20) { sessions.append(dashPad + "  # suite du commentaire") }
            }
        case .blockBlockItems:
            sessions = ["sessions:"]
            for _ in 0..<count {
                sessions.append("\(pad)- date: \(day().iso)")
                sessions.append("\(pad)  kind: meeting")
                if chance(50) { sessions.append("\(pad)  summary: >-"); sessions.append("\(pad)    Un long texte"); sessions.append("\(pad)    sur deux lignes") }
                if chance(30) { sessions.append("") }
            }
        }
        let after = ["status: active", "competencies:", "\(pad)- id: hygiene", "\(pad)  assessments:",
                     "\(pad)    - {date: 2026-09-08, level: 1, by: tutor}"]
        if chance(50) { lines += sessions + after } else { lines += after + sessions }
        if chance(30) { lines.append("# fin") }
        lines.append("---")
        if chance(70) { lines += ["", "### 2026-09-02", "", "Premier jour."] }
        var text = lines.joined(separator: nl)
        if chance(80) { text += nl }
        if chance(10) { text = "\u{FEFF}" + text }
        return (text, style)
    }
}
