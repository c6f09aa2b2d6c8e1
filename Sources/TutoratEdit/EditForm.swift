import TutoratCore

/// The forms of `serve --edit`, each named in the path it posts to.
public enum EditForm: String, CaseIterable, Sendable {
    case session, assessment, journal, checklist, concern, action, exchange

    /// The content folder of the file it writes: the exchange form is on a tutor's page.
    public var folder: String { self == .exchange ? "tutors" : "tutees" }
}

/// The paths the forms post to: `/__tutorat/edit/<id>/<form>`, the id a tutee's
/// (a tutor's for the exchange form).
public enum EditRoute {
    public static let prefix = "/__tutorat/edit/"

    /// The id and form of a path, if it is one of them.
    public static func parse(_ path: String) -> (id: String, form: EditForm)? {
        guard path.hasPrefix(prefix) else { return nil }
        let parts = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let form = EditForm(rawValue: String(parts[1])), Identifier.isValid(String(parts[0])) else { return nil }
        return (String(parts[0]), form)
    }
}
