import TutoratCore
import TutoratYAML

extension DocumentDecoder {
    /// `content/surveys/<id>.yml`.
    public static func survey(_ bytes: [UInt8], id: String, path: String) -> Decoded<Survey> {
        let session = DecodeSession(file: path, lineOffset: 0)
        let root = session.parseFile(bytes)
        let known = ["title", "description", "audience", "moment", "programmes", "questions", "private", "visibility"]
        let value: Survey? = session.rootFields(root, known: known).flatMap { fields in
            let title = fields.string("title", required: true)
            _ = fields.node("questions", required: true)
            var info = DocumentInfo(id: id, path: path, visibility: fields.visibility(default: .public))
            info.extra = fields.extra
            var seen: Set<String> = []
            let questions = fields.records("questions", known: ["id", "text", "type"]).compactMap { entry -> SurveyQuestion? in
                let id = entry.located("id", required: true), text = entry.string("text", required: true)
                let type: QuestionType? = entry.choice("type", required: true)
                guard let id, let text, let type else { return nil }
                // An id is a YAML key in every response, a CSV column and an HTML id: a plain name only.
                guard Identifier.isValid(id.value) else {
                    session.error("E-ID", "question id '\(id.value)' is not a valid id", at: id.location,
                                  hint: "use lowercase letters, digits and single hyphens, like utilite")
                    return nil
                }
                guard seen.insert(id.value).inserted else {
                    session.error("E-DUPLICATE", "question id '\(id.value)' is used twice in this survey", at: id.location)
                    return nil
                }
                return SurveyQuestion(id: id.value, text: text, type: type, location: id.location)
            }
            guard let title else { return nil }
            var survey = Survey(info: info, title: title)
            survey.description = fields.string("description")
            survey.audience = fields.choice("audience") ?? .tutee
            survey.moment = moment(fields) ?? .end
            survey.programmes = fields.list("programmes").compactMap { node in node.scalar.map { Located($0, at: session.location(of: node)) } }
            survey.questions = questions
            return survey
        }
        return Decoded(value: value, diagnostics: session.diagnostics)
    }

    /// `moment: end | middle | after-session`, or `moment: {days-after-end: 90}`.
    private static func moment(_ fields: Fields) -> SurveyMoment? {
        guard let node = fields.node("moment") else { return nil }
        let session = fields.session
        switch node.scalar {
        case "end": return .end
        case "middle": return .middle
        case "after-session": return .afterSession
        default: break
        }
        if let pairs = node.mapping, pairs.count == 1, pairs[0].key.scalar == "days-after-end",
           let text = pairs[0].value.scalar, let days = Int(text), days >= 0 {
            return .daysAfterEnd(days)
        }
        session.error("E-VALUE", "'moment' should be end, middle, after-session or {days-after-end: N}, found \(node.scalar.map { "'\($0)'" } ?? node.kindName)",
                      at: session.location(of: node), hint: "for example 'moment: end' or 'moment: {days-after-end: 90}'")
        return nil
    }

    /// A progress file's `responses`: each answer's type is checked against its survey once the site is resolved.
    static func responses(_ fields: Fields) -> [SurveyResponse] {
        let session = fields.session
        return fields.records("responses", known: ["survey", "date", "by", "answers"]).decoding { entry -> SurveyResponse? in
            let survey = entry.located("survey", required: true)
            let date = entry.day("date", required: true)
            let by = entry.string("by")
            var answers: [SurveyAnswer] = []
            if let node = entry.node("answers", required: true) {
                if let pairs = node.mapping {
                    for pair in pairs {
                        guard let id = pair.key.scalar else { continue }
                        guard let text = pair.value.scalar else {
                            session.error("E-TYPE", "the answer to '\(id)' should be one value, found \(pair.value.kindName)",
                                          at: session.location(of: pair.value))
                            continue
                        }
                        answers.append(SurveyAnswer(question: Located(id, at: session.location(of: pair.key)), value: text,
                                                    location: session.location(of: pair.value)))
                    }
                } else {
                    session.error("E-TYPE", "'answers' should be a mapping of question ids to answers, found \(node.kindName)",
                                  at: session.location(of: node), hint: "for example 'answers: {utilite: 4, recommande: 9}'")
                }
            }
            guard let survey, let date else { return nil }
            return SurveyResponse(survey: survey, date: date, by: by, answers: answers)
        }
    }
}
