import TutoratCore
import TutoratSite

/// The full names that must not leak, in one automaton per state of the site
/// (`SiteViews.people`), built on first use and shared by whatever looks for
/// names: every tutee and every private tutor (the search index removes them
/// all), the private ones among them marked (`check` reports them on pages
/// that are not private).
public struct PeopleNames: Sendable {
    /// Every tutee's name, then every private tutor's.
    public let names: [String]
    package let finder: FoldedNames
    /// The group of every name: what the search index removes.
    package static let redacted = 0
    /// The group of private people's names: what `check` reports on pages that are not private.
    package static let privateOnly = 1

    init(_ site: Site) {
        var names: [String] = []
        var groups: [UInt8] = []
        for tutee in site.tutees {
            names.append(tutee.name)
            groups.append(tutee.info.isPrivate ? 0b11 : 0b01)
        }
        for tutor in site.tutors where tutor.info.isPrivate {
            names.append(tutor.name)
            groups.append(0b11)
        }
        self.names = names
        finder = FoldedNames(names, groups: groups)
    }
}
