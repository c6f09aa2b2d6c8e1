/// The closed value lists of the content format. Each raw value is what authors
/// write; `allowed` lists them for "expected one of" messages.
public protocol ContentEnum: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension ContentEnum {
    public static var allowed: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

public enum Language: String, ContentEnum { case fr, en }

public enum ProgrammeKind: String, ContentEnum {
    case integration, alternance, internship, reintegration, mobility, other
}

public enum PhaseTime: String, ContentEnum { case before, during, after }

public enum RoleKind: String, ContentEnum { case direction, management, tutor, tutee, partner, other }

public enum TuteeStatus: String, ContentEnum { case planned, active, completed, interrupted }

public enum ObjectiveStatus: String, ContentEnum { case todo, doing, done, dropped }

public enum Assessor: String, ContentEnum { case tutor, tutee, supervisor, partner }

public enum SessionKind: String, ContentEnum { case welcome, meeting, observation, training, evaluation, other }

public enum EvaluationKind: String, ContentEnum { case formative, final }

/// Who may see a page. `public` pages are listed, searched and in the sitemap;
/// `intranet` pages are listed and searched on the site but kept from search
/// engines (noindex, no sitemap); `private` pages are never named anywhere
/// that is not private itself.
public enum Visibility: String, ContentEnum, Comparable {
    case `public`, intranet, `private`

    /// Ordered from the most open to the most closed, so the stricter of two is their max.
    public static func < (a: Visibility, b: Visibility) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
