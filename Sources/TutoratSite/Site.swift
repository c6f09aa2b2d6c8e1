import TutoratCore
import TutoratSource

/// The resolved site: every document sorted by id, indexes by id, and the
/// relations the pages need (whom a tutor accompanies, who follows a
/// programme). Every reference in it points to a document that exists.
public struct Site: Sendable {
    public var config: SiteConfig
    /// The day indicators and statuses are computed for.
    public var asOf: Day
    public var charter: Charter
    public var programmes: [Programme]
    public var roles: [Role]
    public var frameworks: [Framework]
    public var tutors: [Tutor]
    public var tutees: [Tutee]
    public var pages: [Page]
    public var surveys: [Survey] = []
    public var assets: [Asset]
    /// The ids of the tutees left out because their retention date is past `asOf`.
    public var retired: [String] = []

    public private(set) var programmeIndex: [String: Int] = [:]
    public private(set) var roleIndex: [String: Int] = [:]
    public private(set) var frameworkIndex: [String: Int] = [:]
    public private(set) var tutorIndex: [String: Int] = [:]
    public private(set) var tuteeIndex: [String: Int] = [:]
    public private(set) var pageIndex: [String: Int] = [:]
    public private(set) var surveyIndex: [String: Int] = [:]
    /// Tutee positions in `tutees` per tutor id (as tutor) and per programme id.
    public private(set) var tuteesByTutor: [String: [Int]] = [:]
    public private(set) var tuteesBySubstitute: [String: [Int]] = [:]
    public private(set) var tuteesByProgramme: [String: [Int]] = [:]

    init(config: SiteConfig, asOf: Day, charter: Charter, programmes: [Programme], roles: [Role], frameworks: [Framework],
         tutors: [Tutor], tutees: [Tutee], pages: [Page], surveys: [Survey] = [], assets: [Asset]) {
        self.config = config
        self.asOf = asOf
        self.charter = charter
        self.programmes = programmes.sorted { $0.info.id < $1.info.id }
        self.roles = roles.sorted { $0.info.id < $1.info.id }
        self.frameworks = frameworks.sorted { $0.info.id < $1.info.id }
        self.tutors = tutors.sorted { $0.info.id < $1.info.id }
        self.tutees = tutees.sorted { $0.info.id < $1.info.id }
        self.pages = pages.sorted { ($0.weight, $0.info.id) < ($1.weight, $1.info.id) }
        self.surveys = surveys.sorted { $0.info.id < $1.info.id }
        self.assets = assets.sorted { $0.relativePath < $1.relativePath }
        programmeIndex = Site.index(self.programmes.map(\.info.id))
        roleIndex = Site.index(self.roles.map(\.info.id))
        frameworkIndex = Site.index(self.frameworks.map(\.info.id))
        tutorIndex = Site.index(self.tutors.map(\.info.id))
        tuteeIndex = Site.index(self.tutees.map(\.info.id))
        pageIndex = Site.index(self.pages.map(\.info.id))
        surveyIndex = Site.index(self.surveys.map(\.info.id))
        for (position, tutee) in self.tutees.enumerated() {
            tuteesByTutor[tutee.tutor.value, default: []].append(position)
            if let substitute = tutee.substitute?.value { tuteesBySubstitute[substitute, default: []].append(position) }
            tuteesByProgramme[tutee.programme.value, default: []].append(position)
        }
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func programme(_ id: String) -> Programme? { programmeIndex[id].map { programmes[$0] } }
    public func role(_ id: String) -> Role? { roleIndex[id].map { roles[$0] } }
    public func framework(_ id: String) -> Framework? { frameworkIndex[id].map { frameworks[$0] } }
    public func tutor(_ id: String) -> Tutor? { tutorIndex[id].map { tutors[$0] } }
    public func tutee(_ id: String) -> Tutee? { tuteeIndex[id].map { tutees[$0] } }
    public func survey(_ id: String) -> Survey? { surveyIndex[id].map { surveys[$0] } }

    public func framework(of programme: Programme) -> Framework? { programme.framework.flatMap { framework($0.value) } }

    public func tutees(ofTutor id: String) -> [Tutee] { (tuteesByTutor[id] ?? []).map { tutees[$0] } }
    public func tutees(substitutedBy id: String) -> [Tutee] { (tuteesBySubstitute[id] ?? []).map { tutees[$0] } }
    public func tutees(inProgramme id: String) -> [Tutee] { (tuteesByProgramme[id] ?? []).map { tutees[$0] } }
}
