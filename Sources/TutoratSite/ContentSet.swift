import TutoratCore
import TutoratSource

/// Everything decoded from `content/`, before references are resolved. Each
/// list holds one document per file; order does not matter, the resolver sorts.
public struct ContentSet: Sendable {
    public var config: SiteConfig
    public var charter: Charter?
    public var programmes: [Programme] = []
    public var roles: [Role] = []
    public var frameworks: [Framework] = []
    public var tutors: [Tutor] = []
    public var tutees: [Tutee] = []
    public var pages: [Page] = []
    public var surveys: [Survey] = []
    public var assets: [Asset] = []

    public init(config: SiteConfig) {
        self.config = config
    }
}
