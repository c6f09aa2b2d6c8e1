import TutoratCore
import TutoratSource

extension SiteResolver {
    /// Each response names a survey of the site, each answer one of its
    /// questions, in that question's type; a survey is answered once per person.
    static func checkResponses(of tutee: Tutee, in site: Site, into diagnostics: inout [Diagnostic]) {
        var answered: Set<String> = []
        for response in tutee.responses {
            if response.date.value > site.asOf {
                diagnostics.append(.warning("W-DATE", "a response dated \(response.date.value), after as_of (\(site.asOf))", at: response.date.location))
            }
            guard let survey = site.survey(response.survey.value) else {
                expect(response.survey, in: site.surveyIndex, kind: "survey", into: &diagnostics)
                continue
            }
            let by = response.by ?? survey.audience.rawValue
            if survey.moment != .afterSession, !answered.insert("\(survey.info.id)|\(by)").inserted {
                diagnostics.append(.warning("W-DUPLICATE", "survey '\(survey.info.id)' is answered twice by \(by)", at: response.survey.location,
                                            hint: "keep one response per person, or give each its 'by'"))
            }
            for answer in response.answers {
                guard let question = survey.question(answer.question.value) else {
                    let guess = Suggestion.closest(to: answer.question.value, among: survey.questions.map(\.id))
                    diagnostics.append(.error("E-REF", "survey '\(survey.info.id)' has no question '\(answer.question.value)'"
                                              + (guess.map { " (did you mean '\($0)'?)" } ?? ""), at: answer.question.location,
                                              hint: guess == nil ? "its questions: \(survey.questions.map(\.id).joined(separator: ", "))" : nil))
                    continue
                }
                if SurveyAnswerValue(answer.value, type: question.type) == nil {
                    diagnostics.append(.error("E-ANSWER", "the answer to '\(question.id)' should be \(expectation(question.type)), found '\(answer.value)'",
                                              at: answer.location))
                }
            }
        }
    }

    private static func expectation(_ type: QuestionType) -> String {
        switch type {
        case .scale5: return "a whole number from 1 to 5 (scale5)"
        case .nps: return "a whole number from 0 to 10 (nps)"
        case .yesno: return "yes or no (yesno)"
        case .text: return "text"
        }
    }
}

/// An answer read in its question's type.
public enum SurveyAnswerValue: Sendable, Equatable {
    case number(Int)
    case yes(Bool)
    case text(String)

    public init?(_ raw: String, type: QuestionType) {
        switch type {
        case .scale5, .nps:
            guard let number = Int(raw), number >= (type == .nps ? 0 : 1), number <= (type == .nps ? 10 : 5) else { return nil }
            self = .number(number)
        case .yesno:
            switch raw.lowercased() {
            case "yes", "true", "oui": self = .yes(true)
            case "no", "false", "non": self = .yes(false)
            default: return nil
            }
        case .text: self = .text(raw)
        }
    }
}
