import TutoratCore
import TutoratYAML

extension DocumentDecoder {
    /// A progress file: the tutoring's people and dates, then what happened in it.
    public static func tutee(_ bytes: [UInt8], id: String, path: String) -> Decoded<Tutee> {
        markdown(bytes, id: id, path: path, defaultVisibility: .private, known: [
            "name", "programme", "tutor", "substitute", "supervisor", "partner", "start", "end", "status", "retain_until",
            "objectives", "competencies", "sessions", "evaluations", "checklist", "liaison", "end_reason", "end_note", "concerns", "responses",
        ]) { fields, info in
            // Every field is read before any is found missing, so one run reports all of them.
            let name = fields.string("name", required: true)
            let programme = fields.located("programme", required: true)
            let tutor = fields.located("tutor", required: true)
            let start = fields.day("start", required: true)
            let substitute = fields.located("substitute"), supervisor = fields.located("supervisor")
            let partner = fields.string("partner"), end = fields.day("end"), retainUntil = fields.day("retain_until")
            let status: TuteeStatus = fields.choice("status") ?? .active
            let objectives = fields.records("objectives", known: ["title", "due", "status"]).decoding { entry -> Objective? in
                let title = entry.string("title", required: true)
                let due = entry.day("due")?.value
                let status: ObjectiveStatus = entry.choice("status") ?? .todo
                guard let title else { return nil }
                return Objective(title: title, due: due, status: status, location: entry.anchor)
            }
            let competencies = fields.records("competencies", known: ["id", "assessments"]).decoding { entry -> CompetencyRecord? in
                let id = entry.located("id", required: true)
                let assessments = entry.records("assessments", known: ["date", "level", "by", "note"]).decoding { item -> Assessment? in
                    let date = item.day("date", required: true)
                    // An assessment keeps its level in 32 bits: no scale comes near.
                    let level = item.locatedInt("level", required: true, minimum: Int(Int32.min), maximum: Int(Int32.max))
                    let by: Assessor = item.choice("by") ?? .tutor
                    let note = item.string("note")
                    guard let date, let level else { return nil }
                    return Assessment(date: date.value, level: level, by: by, note: note, location: date.location)
                }
                guard let id else { return nil }
                return CompetencyRecord(id: id, assessments: assessments)
            }
            let sessions = fields.records("sessions", known: ["date", "minutes", "kind", "mode", "with", "summary"])
                .decoding { entry -> TutoringSession? in
                    let date = entry.day("date", required: true)
                    let minutes = entry.int("minutes", minimum: 0)
                    let kind: SessionKind = entry.choice("kind") ?? .meeting
                    let mode: SessionMode = entry.choice("mode") ?? .onsite
                    let with = entry.strings("with"), summary = entry.string("summary")
                    guard let date else { return nil }
                    return TutoringSession(date: date, minutes: minutes, kind: kind, mode: mode, with: with, summary: summary)
                }
            let evaluations = fields.records("evaluations", known: ["date", "kind", "summary", "outcome"]).decoding { entry -> Evaluation? in
                let date = entry.day("date", required: true)
                let kind: EvaluationKind = entry.choice("kind") ?? .formative
                let summary = entry.string("summary"), outcome = entry.string("outcome")
                guard let date else { return nil }
                return Evaluation(date: date, kind: kind, summary: summary, outcome: outcome)
            }
            let liaison = fields.records("liaison", known: ["date", "kind", "with", "summary"]).decoding { entry -> Liaison? in
                let date = entry.day("date", required: true)
                let kind: LiaisonKind = entry.choice("kind") ?? .other
                let with = entry.string("with"), summary = entry.string("summary")
                guard let date else { return nil }
                return Liaison(date: date, kind: kind, with: with, summary: summary)
            }
            let concerns = fields.records("concerns", known: ["date", "raised_by", "category", "summary", "actions", "closed"])
                .decoding { entry -> Concern? in
                    let date = entry.day("date", required: true)
                    let category: ConcernCategory = entry.choice("category") ?? .other
                    let actions = entry.records("actions", known: ["date", "by", "action"]).decoding { item -> ConcernAction? in
                        let date = item.day("date", required: true)
                        let by = item.string("by"), action = item.string("action")
                        guard let date else { return nil }
                        return ConcernAction(date: date, by: by, action: action)
                    }
                    let raisedBy = entry.string("raised_by"), summary = entry.string("summary"), closed = entry.day("closed")
                    guard let date else { return nil }
                    return Concern(date: date, raisedBy: raisedBy, category: category, summary: summary, actions: actions, closed: closed)
                }
            let responses = responses(fields)
            let endReason: EndReason? = fields.choice("end_reason")
            let endNote = fields.string("end_note")
            guard let name, let programme, let tutor, let start else { return nil }
            var tutee = Tutee(info: info, name: name, programme: programme, tutor: tutor, substitute: substitute, supervisor: supervisor,
                              partner: partner, start: start, end: end, status: status)
            tutee.retainUntil = retainUntil
            tutee.objectives = objectives
            tutee.competencies = competencies
            tutee.sessions = sessions
            tutee.evaluations = evaluations
            tutee.checklist = checklist(fields)
            tutee.checklistLocation = fields.location(ofKey: "checklist")
            tutee.liaison = liaison
            tutee.endReason = endReason.flatMap { reason in fields.location(of: "end_reason").map { Located(reason, at: $0) } }
            tutee.endNote = endNote
            tutee.concerns = concerns
            tutee.responses = responses
            tutee.statusLocation = fields.location(ofKey: "status")
            tutee.packRecordTexts()
            return tutee
        }
    }

    /// `checklist:`, a mapping of step ids to the day each was done or `skipped`.
    /// Whether each id names a step of the programme is checked once the site is resolved.
    private static func checklist(_ fields: Fields) -> [ChecklistMark] {
        guard let node = fields.node("checklist") else { return [] }
        let session = fields.session
        guard let pairs = node.mapping else {
            session.error("E-TYPE", "'checklist' should be a mapping of step ids to dates, found \(node.kindName)", at: session.location(of: node),
                          hint: "one line per step, like 'accueil: 2026-09-02' or 'visite-cfa: skipped'")
            return []
        }
        return pairs.decoding { pair in
            guard let id = pair.key.scalar else { return nil }
            let step = Located(id, at: session.location(of: pair.key))
            if let text = pair.value.scalar {
                if text == "skipped" { return ChecklistMark(step: step, state: .skipped) }
                if let day = Day(iso: text) { return ChecklistMark(step: step, state: .done(day)) }
            }
            let found = pair.value.scalar.map { "'\($0)'" } ?? pair.value.kindName
            session.error("E-DATE", "step '\(id)' in 'checklist' should be the day it was done (YYYY-MM-DD) or 'skipped', found \(found)",
                          at: session.location(of: pair.value), hint: "for example '\(id): 2026-09-02'; leave a step out while it is not done")
            return nil
        }
    }
}
