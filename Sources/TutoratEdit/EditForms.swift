import TutoratCore
import TutoratMustache
import TutoratResources
import TutoratSource

/// What the forms of `serve --edit` show on a tutee's page: the secret token, the
/// file's hash, the choices in the site's language and the values to prefill.
@TemplateFields
public struct EditForms: Sendable {
    @TemplateFields
    public struct Choice: Sendable {
        public var value: String
        public var label: String
        public var selected: Bool
    }

    /// The values a form shows: prefilled, or typed and sent back with the errors.
    @TemplateFields
    public struct Values: Sendable {
        public var date: String
        public var minutes: String = ""
        public var with: String = ""
        public var summary: String = ""
        public var text: String = ""
        public var note: String = ""
        public var by: String = ""
        public var action: String = ""
    }

    /// Where the forms post, without the form's own last segment.
    public var action: String
    public var token: String
    public var hash: String
    public var kinds: [Choice]
    public var modes: [Choice]
    public var session: Values
    public var journal: Values
    public var assessment: Values
    public var checklist: Values
    public var concern: Values
    /// The form of an action on a concern (`action` is a field of its values).
    public var followUp: Values
    /// The programme's competencies, its scale and who may assess: the assessment form's choices.
    public var competencies: [Choice] = []
    public var levels: [Choice] = []
    public var assessors: [Choice]
    /// The programme's tracked steps not yet in the tutee's checklist.
    public var steps: [Choice] = []
    public var categories: [Choice]
    /// The tutee's open concerns, by their place in the file.
    public var openConcerns: [Choice] = []
    public var errors: [String] = []
    public var message: String?
    public var t: [String: String]

    /// The forms for the progress file `id`, prefilled with `today`; `typed` (a posted
    /// form's fields) replace the prefilled values of the form `form` (`session`, `journal`).
    public init(id: String, token: String, hash: String, today: Day, strings: [String: String],
                typed: [String: String] = [:], form: EditForm? = nil) {
        action = EditRoute.prefix + id
        self.token = token
        self.hash = hash
        t = strings
        let sessionTyped = form == .session ? typed : [:]
        let kind = sessionTyped["kind"] ?? SessionKind.meeting.rawValue
        let mode = sessionTyped["mode"] ?? SessionMode.onsite.rawValue
        kinds = SessionKind.allCases.map { Choice(value: $0.rawValue, label: strings["session_\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == kind) }
        modes = SessionMode.allCases.map { Choice(value: $0.rawValue, label: strings["mode_\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == mode) }
        session = Values(date: sessionTyped["date"] ?? today.iso, minutes: sessionTyped["minutes"] ?? "", with: sessionTyped["with"] ?? "",
                         summary: sessionTyped["summary"] ?? "")
        let journalTyped = form == .journal ? typed : [:]
        journal = Values(date: journalTyped["date"] ?? today.iso, text: journalTyped["text"] ?? "")
        func values(_ name: EditForm) -> Values {
            let typed = form == name ? typed : [:]
            return Values(date: typed["date"] ?? today.iso, summary: typed["summary"] ?? "", note: typed["note"] ?? "", by: typed["by"] ?? typed["raised_by"] ?? "",
                          action: typed["action"] ?? "")
        }
        assessment = values(.assessment)
        checklist = values(.checklist)
        concern = values(.concern)
        followUp = values(.action)
        let by = form == .assessment ? typed["by"] ?? "tutor" : "tutor"
        assessors = Assessor.allCases.map { Choice(value: $0.rawValue, label: strings["assessor_\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == by) }
        let category = form == .concern ? typed["category"] ?? "" : ""
        categories = ConcernCategory.allCases.map {
            Choice(value: $0.rawValue, label: strings["concern_\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == category)
        }
    }

    /// Fills the choices that come from the tutee's programme and file.
    public mutating func fill(from context: EditContext, typed: [String: String] = [:], form: EditForm? = nil) {
        let competency = form == .assessment ? typed["competency"] : nil
        let level = form == .assessment ? typed["level"] : nil
        competencies = context.competencies.map { Choice(value: $0.id, label: $0.title, selected: $0.id == competency) }
        levels = context.scale.map { Choice(value: String($0.level), label: "\($0.level) — \($0.label)", selected: String($0.level) == level) }
        let step = form == .checklist ? typed["step"] : nil
        steps = context.steps.map { Choice(value: $0.id, label: $0.title, selected: $0.id == step) }
        let concern = form == .action ? typed["concern"] : nil
        openConcerns = context.openConcerns.map { Choice(value: String($0.index), label: $0.label, selected: String($0.index) == concern) }
    }

    /// The forms as HTML, through the built-in theme's `edit-forms` template (the forms
    /// exist only in `serve`: a site's own theme has no say in them).
    public func html() -> [UInt8] { Self.render(Self.formsTemplate, templateValue, capacity: 16 * 1024) }

    /// The exchange form of a tutor's page, through the built-in `edit-exchange` template.
    public static func exchangeHTML(id: String, token: String, hash: String, today: Day, strings: [String: String]) -> [UInt8] {
        let form = ExchangeForm(action: EditRoute.prefix + id + "/" + EditForm.exchange.rawValue, token: token, hash: hash, date: today.iso, t: strings)
        return render(exchangeTemplate, form.templateValue, capacity: 4 * 1024)
    }

    private static let formsTemplate = compiled("edit-forms"), exchangeTemplate = compiled("edit-exchange")

    private static func compiled(_ name: String) -> CompiledTemplate? {
        guard let bytes = BundledFiles.read("themes/default/templates/\(name).mustache") else { return nil }
        return try? TemplateParser.compile(String(decoding: bytes, as: UTF8.self))
    }

    private static func render(_ template: CompiledTemplate?, _ value: TemplateValue, capacity: Int) -> [UInt8] {
        guard let template else { return [] }
        var renderer = TemplateRenderer(library: [:], capacity: capacity)
        renderer.render(template, object: value)
        return renderer.output
    }

    /// The default theme's strings in `language`.
    public static func strings(_ language: Language) -> [String: String] {
        let path = "themes/default/strings/\(language.rawValue).yml"
        return BundledFiles.read(path).flatMap { DocumentDecoder.strings($0, path: path).value } ?? [:]
    }
}

/// The form on a tutor's page: a day of practice exchange attended.
@TemplateFields
public struct ExchangeForm: Sendable {
    public var action: String
    public var token: String
    public var hash: String
    public var date: String
    public var t: [String: String]
}
