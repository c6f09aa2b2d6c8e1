import TutoratCore
import TutoratSource
import TutoratTestSupport
@testable import TutoratEdit

/// Random valid progress files whose competencies, checklist and concerns are
/// written in the styles the decoder accepts (missing, empty, flow, block).
extension ProgressFileGenerator {
    mutating func pathFile() -> String {
        let nl = chance(30) ? "\r\n" : "\n"
        let unit = chance(50) ? 2 : 4
        let p = String(repeating: " ", count: unit)
        var blocks: [[String]] = []
        switch random.next() % 5 {
        case 0: break
        case 1: blocks.append(["competencies: []"])
        case 2: blocks.append(["competencies:", "\(p)- {id: hygiene, assessments: [{date: 2026-09-08, level: 1, by: tutor}]}", "\(p)- {id: soins}"])
        case 3: blocks.append(["competencies:", "\(p)- id: hygiene", "\(p)  assessments:", "\(p)\(p)  - {date: 2026-09-08, level: 1, by: tutor}",
                               "\(p)- id: soins" + (chance(50) ? "   # pas encore évaluée" : "")])
        default: blocks.append(["competencies:", "\(p)- id: hygiene", "\(p)  assessments:", "\(p)  - date: 2026-09-08", "\(p)    level: 2",
                                "\(p)- id: soins", "\(p)  assessments: []"])
        }
        switch random.next() % 5 {
        case 0: break
        case 1: blocks.append(["checklist:" + (chance(50) ? " # à cocher" : "")])
        case 2: blocks.append(["checklist: {}"])
        case 3: blocks.append(["checklist: {poste-pret: 2026-08-29, accueil: skipped}"])
        default: blocks.append(["checklist:", "\(p)poste-pret: 2026-08-29", "\(p)# un commentaire", "\(p)accueil: 2026-09-01"])
        }
        switch random.next() % 4 {
        case 0: break
        case 1: blocks.append(["concerns: []"])
        case 2: blocks.append(["concerns:", "\(p)- {date: 2026-10-02, category: health, summary: \"Fatigue, dos\"}",
                               "\(p)- {date: 2026-10-09, raised_by: tutee, actions: [{date: 2026-10-10, by: tutor}]}"])
        default: blocks.append(["concerns:", "\(p)- date: 2026-10-02", "\(p)  raised_by: tutor", "\(p)  category: organisational",
                                "\(p)  summary: >", "\(p)    Planning changé", "\(p)    sans prévenir", "\(p)  actions:",
                                "\(p)    - {date: 2026-10-05, by: supervisor, action: Entretien}", "\(p)- date: 2026-10-12",
                                "\(p)  category: other", "\(p)  closed: 2026-10-20"])
        }
        var lines = ["---", "name: Marie Dupont", "programme: integration", "tutor: jeanne-martin", "start: 2026-09-01"]
        while !blocks.isEmpty {
            lines += blocks.remove(at: Int(random.next() % UInt64(blocks.count)))
            if chance(30) { lines.append(chance(50) ? "" : "# ---") }
        }
        lines += ["status: active", "---", "Journal."]
        return lines.joined(separator: nl) + nl
    }

    mutating func assessment() -> AssessmentEntry {
        AssessmentEntry(competency: pick(["hygiene", "soins", "transmissions"]), date: day(), level: pick([0, 1, 2, 3, 4]),
                        by: pick(Assessor.allCases), note: chance(50) ? pick(Self.summaries) : nil)
    }

    mutating func concern() -> ConcernEntry {
        ConcernEntry(date: day(), raisedBy: chance(60) ? pick(["tutor", "tutee", "Mme Lenoir, formatrice"]) : nil,
                     category: pick(ConcernCategory.allCases), summary: chance(80) ? pick(Self.summaries) : nil)
    }
}
