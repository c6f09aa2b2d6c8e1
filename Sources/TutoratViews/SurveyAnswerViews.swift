import TutoratCore
import TutoratIndicators
import TutoratLanguage
import TutoratMustache
import TutoratSite
import TutoratSource

/// A response on the tutee's page: each question with its answer. Free text
/// answers are personal: they show on the tutee's page only when it is private.
@TemplateFields
public struct ResponseView: Sendable {
    @TemplateFields
    public struct Answer: Sendable {
        public var question: String
        public var answer: String
    }

    public var survey: String
    public var surveyHref: String
    public var date: DateText
    public var by: String
    public var answers: [Answer]
}

extension SiteViews {
    func responseViews(_ tutee: Tutee, _ link: Linker, onPrivatePage: Bool) -> [ResponseView] {
        tutee.responses.sorted { $0.date.value < $1.date.value }.compactMap { response in
            // A private survey's title and questions stay off pages that are not private.
            guard let survey = site.survey(response.survey.value), isShown(survey.info, onPrivatePage: onPrivatePage) else { return nil }
            let answers = response.answers.compactMap { answer -> ResponseView.Answer? in
                guard let question = survey.question(answer.question.value),
                      let value = SurveyAnswerValue(answer.value, type: question.type) else { return nil }
                let text: String
                switch value {
                case .number(let number): text = question.type == .scale5 ? strings.label("scale5", String(number)) : String(number)
                case .yes(let yes): text = strings.label("answer", yes ? "yes" : "no")
                case .text(let words): text = onPrivatePage ? words : strings["answer_text_withheld"]
                }
                return ResponseView.Answer(question: question.text, answer: text)
            }
            return ResponseView(survey: survey.title, surveyHref: link.href(.survey(survey.info.id)), date: date(response.date.value),
                                by: respondent(response.by ?? survey.audience.rawValue, link, onPrivatePage: onPrivatePage), answers: answers)
        }
    }

    /// Who answered, as a page may name them: a role by its label, a tutor as
    /// everywhere else (initials when private), any other name in full on a
    /// private page only.
    private func respondent(_ by: String, _ link: Linker, onPrivatePage: Bool) -> String {
        if let audience = SurveyAudience(rawValue: by) { return strings.label("audience", audience.rawValue) }
        if let tutor = site.tutor(by) { return person(tutor, link, onPrivatePage: onPrivatePage).label }
        let label = participant(by)
        return label != by || onPrivatePage ? label : SiteViews.initials(of: by)
    }

    /// Surveys due and not answered, oldest first: someone has to remind the person.
    func surveyReminderRows(_ link: Linker) -> [DashboardRow] {
        indicators.surveyReminders.compactMap { reminder in
            guard let tutee = site.tutee(reminder.tutee), let survey = site.survey(reminder.survey) else { return nil }
            return DashboardRow(label: tutee.name, href: link.href(.tutee(tutee.info.id)),
                                values: [survey.title, strings.label("audience", reminder.audience.rawValue), date(reminder.due).text,
                                         String(reminder.due.days(until: site.asOf))])
        }
    }
}
