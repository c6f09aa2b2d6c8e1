import TutoratCore
import TutoratSite
import TutoratSource

/// A survey someone should have answered about a tutoring and has not.
public struct SurveyReminder: Sendable, Equatable {
    public var survey: String
    public var tutee: String
    public var audience: SurveyAudience
    public var due: Day
}

/// When surveys fall due, who answered them, and the reminders the dashboard lists.
public enum SurveyFigures {
    /// A survey due longer ago than this is no longer listed to remind anyone:
    /// it stays in the response rate.
    public static let reminderDays = 90

    /// The day `survey` falls due for `tutee`'s tutoring, or nil when it is not for them (a planned
    /// tutoring, another programme, no end date for a moment counted from the end, no session yet).
    /// The middle is halfway between start and end; after a session, the last session held by `asOf`.
    public static func dueDay(_ survey: Survey, for tutee: Tutee, asOf: Day) -> Day? {
        guard tutee.status != .planned,
              survey.programmes.isEmpty || survey.programmes.contains(where: { $0.value == tutee.programme.value }) else { return nil }
        let start = tutee.start.value, end = tutee.end?.value
        switch survey.moment {
        case .end: return end
        case .middle: return end.map { start.adding(days: start.days(until: $0) / 2) }
        case .daysAfterEnd(let days): return end.map { $0.adding(days: days) }
        case .afterSession: return tutee.sessions.map(\.date.value).filter { $0 <= asOf }.max()
        }
    }

    /// Whether the person the survey is for answered it (after the last session, for a survey after each session).
    public static func answered(_ survey: Survey, for tutee: Tutee, due: Day) -> Bool {
        answered(survey, for: tutee, due: due, among: tutee.responses[...])
    }

    /// The same among `responses`, the tutee's responses to this survey when the caller grouped them.
    public static func answered(_ survey: Survey, for tutee: Tutee, due: Day, among responses: some Sequence<SurveyResponse>) -> Bool {
        responses.contains { response in
            response.survey.value == survey.info.id && isAudience(response.by, of: survey, for: tutee)
                && (survey.moment != .afterSession || response.date.value >= due)
        }
    }

    /// A tutee's responses by survey id, each survey's in the order written.
    public static func responsesBySurvey(_ tutee: Tutee) -> [String: [SurveyResponse]] {
        Dictionary(grouping: tutee.responses, by: \.survey.value)
    }

    /// Promoters' share (9 or 10 out of 10) minus detractors' (0 to 6), in points from -100 to 100; nil of nobody.
    public static func netPromoterScore(promoters: Int, detractors: Int, of people: Int) -> Int? {
        people == 0 ? nil : Int((100 * Double(promoters - detractors) / Double(people)).rounded())
    }

    /// `by` names the survey's audience: its role kind (the default), or the tutor's or supervisor's id.
    static func isAudience(_ by: String?, of survey: Survey, for tutee: Tutee) -> Bool {
        guard let by else { return true }
        if by == survey.audience.rawValue { return true }
        switch survey.audience {
        case .tutee: return false
        case .tutor: return by == tutee.tutor.value || by == tutee.substitute?.value
        case .supervisor: return by == tutee.supervisor?.value
        }
    }

    /// Surveys due by `as_of` within `reminderDays` and not answered, oldest first.
    public static func reminders(in site: Site) -> [SurveyReminder] {
        var found: [SurveyReminder] = []
        for tutee in site.tutees {
            let responses = responsesBySurvey(tutee)
            for survey in site.surveys {
                guard let due = dueDay(survey, for: tutee, asOf: site.asOf), due <= site.asOf, due.days(until: site.asOf) <= reminderDays,
                      !answered(survey, for: tutee, due: due, among: responses[survey.info.id] ?? []) else { continue }
                found.append(SurveyReminder(survey: survey.info.id, tutee: tutee.info.id, audience: survey.audience, due: due))
            }
        }
        return found.sorted { ($0.due, $0.tutee, $0.survey) < ($1.due, $1.tutee, $1.survey) }
    }

    /// What a group of tutees said in the surveys for tutees, for the results and the audit pack.
    public struct Opinions: Sendable, Equatable {
        /// Every 1-to-5 answer given, summed, and how many.
        public var scaleSum = 0, scaleAnswers = 0
        /// Tutees who gave at least one 1-to-5 answer.
        public var satisfactionPeople = 0
        /// Each tutee's last 0-to-10 answer: 9 and 10 promote, 0 to 6 detract.
        public var promoters = 0, detractors = 0, npsPeople = 0
        /// Tutees for whom a survey for tutees is due by `as_of`, and those of them who answered one.
        public var due = 0, answered = 0

        public init() {}

        /// Mean of the 1-to-5 answers, or nil without any.
        public var satisfaction: Double? { scaleAnswers == 0 ? nil : Double(scaleSum) / Double(scaleAnswers) }
        /// Promoters' share minus detractors', in points (-100 to 100), or nil without answers.
        public var nps: Int? { SurveyFigures.netPromoterScore(promoters: promoters, detractors: detractors, of: npsPeople) }

        public init(_ tutees: [Tutee], in site: Site) {
            let forTutees = site.surveys.filter { $0.audience == .tutee }
            for tutee in tutees {
                var gaveScale = false, lastNPS: (Day, Int)? = nil
                for response in tutee.responses {
                    guard let survey = site.survey(response.survey.value), survey.audience == .tutee,
                          SurveyFigures.isAudience(response.by, of: survey, for: tutee) else { continue }
                    for answer in response.answers {
                        guard let question = survey.question(answer.question.value),
                              case .number(let number)? = SurveyAnswerValue(answer.value, type: question.type) else { continue }
                        if question.type == .scale5 {
                            scaleSum += number
                            scaleAnswers += 1
                            gaveScale = true
                        } else if lastNPS.map({ $0.0 <= response.date.value }) ?? true {
                            lastNPS = (response.date.value, number)
                        }
                    }
                }
                if gaveScale { satisfactionPeople += 1 }
                if let (_, score) = lastNPS {
                    npsPeople += 1
                    if score >= 9 { promoters += 1 } else if score <= 6 { detractors += 1 }
                }
                let dueSurveys = forTutees.compactMap { survey in
                    SurveyFigures.dueDay(survey, for: tutee, asOf: site.asOf).flatMap { $0 <= site.asOf ? (survey, $0) : nil }
                }
                if !dueSurveys.isEmpty {
                    due += 1
                    let responses = SurveyFigures.responsesBySurvey(tutee)
                    if dueSurveys.contains(where: { SurveyFigures.answered($0.0, for: tutee, due: $0.1, among: responses[$0.0.info.id] ?? []) }) {
                        answered += 1
                    }
                }
            }
        }
    }
}
