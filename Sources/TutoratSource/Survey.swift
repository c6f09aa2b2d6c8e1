import TutoratCore

/// Who answers a survey.
public enum SurveyAudience: String, ContentEnum { case tutee, tutor, supervisor }

/// How a question is answered.
public enum QuestionType: String, ContentEnum {
    /// 1 (not at all) to 5 (entirely): the satisfaction figures.
    case scale5
    /// 0 to 10, "would you recommend": the net promoter score.
    case nps
    case yesno
    /// Free text: personal, never published.
    case text
}

/// When a survey is due for a tutoring.
public enum SurveyMoment: Sendable, Equatable {
    case end, middle, afterSession
    case daysAfterEnd(Int)
}

public struct SurveyQuestion: Sendable {
    public var id: String
    public var text: String
    public var type: QuestionType
    public var location: SourceLocation
}

/// `content/surveys/<id>.yml`: a questionnaire, printed or filled in, whose
/// answers are recorded as `responses` in the progress files.
public struct Survey: Sendable {
    public var info: DocumentInfo
    public var title: String
    public var description: String?
    public var audience: SurveyAudience = .tutee
    public var moment: SurveyMoment = .end
    /// The programmes it is for; empty for all.
    public var programmes: [Located<String>] = []
    /// Every answer looks its question up: by id through an index kept with the list.
    public var questions: [SurveyQuestion] = [] {
        didSet { questionIndex = Dictionary(questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first }) }
    }
    private var questionIndex: [String: Int] = [:]

    public init(info: DocumentInfo, title: String) { (self.info, self.title) = (info, title) }

    public func question(_ id: String) -> SurveyQuestion? { questionIndex[id].map { questions[$0] } }
}

/// One answer in a response, as written: checked against its question's type once the survey is known.
public struct SurveyAnswer: Sendable {
    public var question: Located<String>
    public var value: String
    public var location: SourceLocation
}

/// A filled-in survey, in a progress file's `responses`.
public struct SurveyResponse: Sendable {
    public var survey: Located<String>
    public var date: Located<Day>
    /// A role kind (`tutee`, `tutor`, `supervisor`) or a name; the survey's audience when absent.
    public var by: String?
    public var answers: [SurveyAnswer]
}
