import TutoratCore
import TutoratLanguage
import TutoratMustache
import TutoratSite
import TutoratSource

/// `/surveys/<id>/`: a survey as a form to print and fill in by hand, or to
/// fill in on screen, where a script (the form works without it) writes the
/// `responses` entry to paste into the progress file.
@TemplateFields
public struct SurveyView: Sendable {
    @TemplateFields
    public struct Choice: Sendable {
        public var value: String
        public var label: String
        public var selected = false
    }

    @TemplateFields
    public struct Question: Sendable {
        public var id: String
        public var number: Int
        public var text: String
        public var type: String
        public var isText: Bool
        public var hint: String
        public var choices: [Choice]
    }

    public var id: String
    public var description: String?
    public var audience: String
    public var moment: String
    public var questions: [Question]
    /// The answer date the form starts with: the site's `as_of`.
    public var today: String
    public var respondents: [Choice]
    public var scriptHref: String
}

extension SiteViews {
    func survey(_ survey: Survey, _ link: Linker) -> SurveyView {
        let questions = survey.questions.enumerated().map { index, question in
            let choices: [SurveyView.Choice]
            switch question.type {
            case .scale5: choices = (1...5).map { SurveyView.Choice(value: String($0), label: strings.label("scale5", String($0))) }
            case .nps: choices = (0...10).map { SurveyView.Choice(value: String($0), label: String($0)) }
            case .yesno: choices = ["yes", "no"].map { SurveyView.Choice(value: $0, label: strings.label("answer", $0)) }
            case .text: choices = []
            }
            return SurveyView.Question(id: question.id, number: index + 1, text: question.text, type: question.type.rawValue,
                                       isText: question.type == .text, hint: strings.label("question_hint", question.type.rawValue), choices: choices)
        }
        let moment: String
        switch survey.moment {
        case .end: moment = strings["survey_moment_end"]
        case .middle: moment = strings["survey_moment_middle"]
        case .afterSession: moment = strings["survey_moment_after-session"]
        case .daysAfterEnd(let days): moment = strings.format("survey_moment_days_after_end", String(days))
        }
        return SurveyView(id: survey.info.id, description: survey.description, audience: strings.label("audience", survey.audience.rawValue),
                          moment: moment, questions: questions, today: site.asOf.iso,
                          respondents: SurveyAudience.allCases.map {
                              SurveyView.Choice(value: $0.rawValue, label: strings.label("audience", $0.rawValue), selected: $0 == survey.audience)
                          },
                          scriptHref: link.href("theme/survey.js"))
    }
}
