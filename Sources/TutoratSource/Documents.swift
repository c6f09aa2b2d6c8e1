import TutoratCore

/// A link written in a Markdown body, positioned in the file.
public struct BodyLink: Sendable, Equatable {
    public var destination: String
    public var isImage: Bool
    public var location: SourceLocation
}

/// What every content file shares: its id (the file name), where it is, the
/// fields nobody declared, and its Markdown body with the line it starts on.
public struct DocumentInfo: Sendable {
    public var id: String
    /// Path relative to the site root, as diagnostics print it.
    public var path: String
    public var visibility: Visibility = .public
    public var extra: [String: ExtraValue] = [:]
    public var body: String = ""
    public var bodyLine: Int = 1
    /// The body's links, collected when the file is read so they can be checked.
    public var links: [BodyLink] = []
    /// Set when the body was set aside (`setBodyAside`): the hash of the text
    /// that `body` held, to check that the file read again still holds it.
    public private(set) var setAsideBodyHash: UInt64?

    public var location: SourceLocation { SourceLocation(file: path, line: 1, column: 1) }

    /// Forgets the body, keeping its hash: a private tutee's journal is read
    /// again from the file when their page is rendered, because 100 000
    /// journals held for the whole build are half a gigabyte.
    public mutating func setBodyAside() {
        setAsideBodyHash = StableHash.of(body)
        body = ""
    }

    /// Whether `text`, read again from the file, is the body that was set aside.
    public func isSetAsideBody(_ text: String) -> Bool { setAsideBodyHash == StableHash.of(text) }

    /// True when the page must be private: never named on a page that is not.
    public var isPrivate: Bool { visibility == .private }
}

public struct SiteRules: Sendable, Equatable {
    public var maxTuteesPerTutor: Int = 2
    public var meetingGapDays: Int = 14
    /// How soon after the start the first session should take place.
    public var firstSessionDays: Int = 10
    /// How long a tutee of a programme with partners may go without a liaison contact.
    public var liaisonGapDays: Int = 90
    /// How long a tutor with tutees may go without an exchange of practice.
    public var exchangeGapDays: Int = 365
    /// How long an open concern may wait for a first action.
    public var concernActionDays: Int = 7
    /// Rules the site switched off or whose severity it changed.
    public var settings: [RuleCode: RuleSetting] = [:]
    public init() {}
}

public struct SiteConfig: Sendable {
    public var path: String
    public var title: String
    public var organisation: String
    public var language: Language = .fr
    public var baseURL: String?
    public var theme: String = "default"
    public var asOf: Day?
    public var unsafeHTML = false
    public var rules = SiteRules()
    /// How long a progress file is kept after the tutee's `end` when it has no
    /// `retain_until` of its own (`retention_months`).
    public var retentionMonths = SiteConfig.defaultRetentionMonths
    public var extra: [String: ExtraValue] = [:]

    /// Three years: the cycle of a training-quality certification (Qualiopi),
    /// whose renewal audit asks for the written trail of each tutoring.
    public static let defaultRetentionMonths = 36

    public init(path: String, title: String, organisation: String) {
        self.path = path
        self.title = title
        self.organisation = organisation
    }
}

public struct Charter: Sendable {
    public var info: DocumentInfo
    public var title: String
    public var version: String?
    public var adopted: Day?
    public var review: Day?
    public var approvedBy: [String] = []
}

public struct Phase: Sendable, Equatable {
    public var name: String
    public var when: PhaseTime
    public var steps: [Step]
}

public struct Programme: Sendable {
    public var info: DocumentInfo
    public var title: String
    public var kind: ProgrammeKind?
    public var framework: Located<String>?
    public var durationWeeks: Int?
    public var meetingRhythmDays: Int?
    public var coordinator: String?
    public var partners: [String] = []
    public var phases: [Phase] = []
    public var tutorRequirements: TutorRequirements?

    /// The steps tracked in progress files (those with an id), in the programme's order.
    public var trackedSteps: [Step] { phases.flatMap(\.steps).filter { $0.id != nil } }
}

public struct Mission: Sendable, Equatable {
    public var title: String
    public var tasks: [String]
}

public struct Role: Sendable {
    public var info: DocumentInfo
    public var title: String
    public var kind: RoleKind?
    public var summary: String?
    public var missions: [Mission] = []
    public var commitments: [String] = []
}

public struct ScaleLevel: Sendable, Equatable {
    public var level: Int
    public var label: String
}

public struct Competency: Sendable {
    public var id: String
    public var title: String
    public var group: String?
    public var target: Int?
    public var location: SourceLocation
    public var targetLocation: SourceLocation?
}

public struct Framework: Sendable {
    public var info: DocumentInfo
    public var title: String
    public var description: String?
    public var scale: [ScaleLevel] = []
    public var competencies: [Competency] = []
}

public struct Tutor: Sendable {
    public var info: DocumentInfo
    public var name: String
    public var function: String?
    public var team: String?
    /// A year or a date, as written.
    public var since: String?
    public var trained: Day?
    public var capacity: Int?
    public var email: String?
    public var qualification: String?
    public var experienceYears: Int?
    /// The tutoring time written into the tutor's contract addendum.
    public var minutesPerWeek: Int?
    /// Days of exchanges of practice between tutors the tutor took part in.
    public var exchanges: [Day] = []
}

public struct Objective: Sendable {
    public var title: String {
        get { storedTitle.string }
        set { storedTitle = RecordText(newValue) }
    }
    var storedTitle: RecordText
    public var due: Day?
    public var status: ObjectiveStatus
    public var location: SourceLocation

    public init(title: String, due: Day?, status: ObjectiveStatus, location: SourceLocation) {
        storedTitle = RecordText(title)
        self.due = due
        self.status = status
        self.location = location
    }
}

/// An assessment keeps where its date and level are written as positions in
/// the tutee's file (`CompetencyRecord.dateLocation(of:)`): a national site
/// holds millions, and a file path each was a third of their room (72 → 48 bytes).
public struct Assessment: Sendable {
    public var date: Day
    public var level: Int { Int(storedLevel) }
    private var storedLevel: Int32
    public var by: Assessor
    var datePosition: TextPosition
    var levelPosition: TextPosition
    @PackedText public var note: String?

    /// `level` fits 32 bits: the decoder refuses a level no scale could hold.
    public init(date: Day, level: Located<Int>, by: Assessor, note: String?, location: SourceLocation) {
        self.date = date
        storedLevel = Int32(clamping: level.value)
        self.by = by
        datePosition = location.position
        levelPosition = level.location.position
        self.note = note
    }
}

public struct CompetencyRecord: Sendable {
    public var id: Located<String>
    public var assessments: [Assessment]

    /// Where an assessment of the record has its date written.
    public func dateLocation(of assessment: Assessment) -> SourceLocation { assessment.datePosition.location(in: id.location.file) }
    /// Where an assessment of the record has its level written.
    public func levelLocation(of assessment: Assessment) -> SourceLocation { assessment.levelPosition.location(in: id.location.file) }
}

public struct TutoringSession: Sendable {
    public var date: Located<Day>
    public var minutes: Int?
    public var kind: SessionKind
    public var mode: SessionMode = .onsite
    /// Who took part besides the tutor and the tutee: role kinds or names.
    public var with: [String] = []
    @PackedText public var summary: String?

    public init(date: Located<Day>, minutes: Int?, kind: SessionKind, mode: SessionMode = .onsite, with: [String] = [], summary: String?) {
        self.date = date
        self.minutes = minutes
        self.kind = kind
        self.mode = mode
        self.with = with
        self.summary = summary
    }
}

public struct Evaluation: Sendable {
    public var date: Located<Day>
    public var kind: EvaluationKind
    @PackedText public var summary: String?
    @PackedText public var outcome: String?

    public init(date: Located<Day>, kind: EvaluationKind, summary: String?, outcome: String?) {
        self.date = date
        self.kind = kind
        self.summary = summary
        self.outcome = outcome
    }
}

public struct Tutee: Sendable {
    public var info: DocumentInfo
    public var name: String
    public var programme: Located<String>
    public var tutor: Located<String>
    public var substitute: Located<String>?
    /// The hierarchical superior: a tutor id or a plain name.
    public var supervisor: Located<String>?
    public var partner: String?
    public var start: Located<Day>
    public var end: Located<Day>?
    public var status: TuteeStatus
    /// The last day the progress file may be published (`retain_until`).
    public var retainUntil: Located<Day>?
    public var objectives: [Objective] = []
    public var competencies: [CompetencyRecord] = []
    public var sessions: [TutoringSession] = []
    public var evaluations: [Evaluation] = []
    public var checklist: [ChecklistMark] = []
    /// Where `checklist:` is written, for "a step is past due" (line 1 when absent).
    public var checklistLocation: SourceLocation?
    public var liaison: [Liaison] = []
    public var endReason: Located<EndReason>?
    public var endNote: String?
    public var concerns: [Concern] = []
    public var responses: [SurveyResponse] = []
    /// Where `status:` is written (line 1 when absent).
    public var statusLocation: SourceLocation?
}

extension Tutee {
    /// The last day the tutee may appear on the site: `retain_until` when
    /// written, else the end plus the site's retention period; nil (kept) when
    /// neither is known.
    public func retentionEnd(months: Int) -> Day? {
        retainUntil?.value ?? end.map { $0.value.adding(months: months) }
    }

    /// Whether the progress file is past its retention on `day`, and so left out of the site.
    public func isPastRetention(on day: Day, months: Int) -> Bool {
        retentionEnd(months: months).map { day > $0 } ?? false
    }
}

extension Sequence<Tutee> {
    /// How many tutees are in each status; a status nobody is in is absent.
    public func countedByStatus() -> [TuteeStatus: Int] {
        var counts: [TuteeStatus: Int] = [:]
        for tutee in self { counts[tutee.status, default: 0] += 1 }
        return counts
    }
}

public struct Page: Sendable {
    public var info: DocumentInfo
    public var title: String
    public var weight: Int = 0
    public var menu = false
}

/// A file under `content/assets/`, copied as it is.
public struct Asset: Sendable, Hashable {
    /// Path under `content/assets/`, with `/` separators (`documents/grille.txt`).
    public var relativePath: String
    public init(relativePath: String) { self.relativePath = relativePath }
}
