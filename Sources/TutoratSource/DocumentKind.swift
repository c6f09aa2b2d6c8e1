/// The kinds of document file in `content/`: their folder and extensions, for
/// `ContentReader`, for `build`, `check` and `serve` alike.
public enum DocumentKind: Int, CaseIterable, Hashable, Sendable {
    case programme, role, framework, tutor, tutee, page, survey

    public var folder: String {
        switch self {
        case .programme: return "programmes"
        case .role: return "roles"
        case .framework: return "frameworks"
        case .tutor: return "tutors"
        case .tutee: return "tutees"
        case .page: return "pages"
        case .survey: return "surveys"
        }
    }

    public var extensions: [String] { self == .framework || self == .survey ? [".yml", ".yaml"] : [".md"] }

    public static func forFolder(_ name: Substring) -> DocumentKind? { allCases.first { $0.folder == name } }
}

