import TutoratCore
import TutoratIndicators
import TutoratSite
import TutoratSource
import TutoratViews

/// The surveys as an auditor asks about them (RFC 4180): per survey and
/// programme, the people asked by `as_of` and those who answered, then a row
/// per question with its number of answers and its figure (mean of 1 to 5,
/// NPS, share of yes). Free text answers are counted, never written.
public enum AuditSurveysExport {
    public static func csv(_ views: SiteViews) -> [UInt8] {
        let strings = views.strings, site = views.site
        var out = EvidenceExport.CSVWriter()
        out.row(["csv_survey", "csv_programme", "csv_question", "csv_type", "csv_asked", "csv_answered", "csv_result"].map { strings[$0] })
        // Each tutee's responses grouped once: every survey then reads only its own.
        let responses = Dictionary(uniqueKeysWithValues: site.tutees.map { ($0.info.id, SurveyFigures.responsesBySurvey($0)) })
        for survey in site.surveys {
            for programme in site.programmes where survey.programmes.isEmpty || survey.programmes.contains(where: { $0.value == programme.info.id }) {
                let members = site.tutees(inProgramme: programme.info.id)
                var asked = 0, answered = 0
                var values: [String: [SurveyAnswerValue]] = [:]
                for tutee in members {
                    let own = responses[tutee.info.id]?[survey.info.id] ?? []
                    if let due = SurveyFigures.dueDay(survey, for: tutee, asOf: site.asOf), due <= site.asOf {
                        asked += 1
                        if SurveyFigures.answered(survey, for: tutee, due: due, among: own) { answered += 1 }
                    }
                    for response in own {
                        for answer in response.answers {
                            guard let question = survey.question(answer.question.value),
                                  let value = SurveyAnswerValue(answer.value, type: question.type) else { continue }
                            values[question.id, default: []].append(value)
                        }
                    }
                }
                out.row([survey.title, programme.title, "", "", String(asked), String(answered), ""])
                for question in survey.questions {
                    let given = values[question.id] ?? []
                    out.row([survey.title, programme.title, question.text, question.type.rawValue, "", String(given.count), result(question.type, given)])
                }
            }
        }
        return out.bytes
    }

    /// "4.3" (mean of 1 to 5), "+40" (NPS), "75 %" (yes): plain numbers for a spreadsheet; empty for text or no answer.
    static func result(_ type: QuestionType, _ values: [SurveyAnswerValue]) -> String {
        guard !values.isEmpty else { return "" }
        let numbers = values.compactMap { if case .number(let n) = $0 { n } else { nil } }
        switch type {
        case .scale5:
            return OneDecimal.text(Double(numbers.reduce(0, +)) / Double(numbers.count))
        case .nps:
            guard let score = SurveyFigures.netPromoterScore(promoters: numbers.count { $0 >= 9 }, detractors: numbers.count { $0 <= 6 },
                                                             of: numbers.count) else { return "" }
            return score > 0 ? "+\(score)" : String(score)
        case .yesno:
            let yes = values.count { $0 == .yes(true) }
            return "\(Int((100 * Double(yes) / Double(values.count)).rounded())) %"
        case .text:
            return ""
        }
    }
}
