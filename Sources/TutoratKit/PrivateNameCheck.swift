import TutoratCore
import TutoratSource
import TutoratViews

/// Finds the full name of a private tutee or tutor written in the Markdown of
/// a page that is not private. The pages themselves show private people by
/// initials, but a text is published as its author wrote it: a tutor's
/// presentation that mentions « Camille Roux » would name her on a public
/// page. Names are compared folded (case, accents and punctuation do not
/// matter, as in search), and each text is read once whatever the number of
/// names.
enum PrivateNameCheck {
    static func check(_ views: SiteViews) -> [Diagnostic] {
        let site = views.site
        var documents: [(DocumentInfo, Route)] = [(site.charter.info, .charter)]
        documents += site.programmes.map { ($0.info, .programme($0.info.id)) }
        documents += site.roles.map { ($0.info, .role($0.info.id)) }
        documents += site.tutors.map { ($0.info, .tutor($0.info.id)) }
        documents += site.tutees.map { ($0.info, .tutee($0.info.id)) }
        documents += site.pages.map { ($0.info, .page($0.info.id)) }
        return check(documents.filter { !views.isPrivate($0.1) }.map(\.0), naming: privatePeople(site.tutees, site.tutors))
    }

    /// The people whose names no public text may carry, with their initials for the hint.
    static func privatePeople(_ tutees: [Tutee], _ tutors: [Tutor]) -> [(name: String, initials: String)] {
        tutees.filter(\.info.isPrivate).map { ($0.name, SiteViews.initials(of: $0.name)) }
            + tutors.filter(\.info.isPrivate).map { ($0.name, SiteViews.initials(of: $0.name)) }
    }

    /// The names of `people` found in the texts of `documents` (pages that are not private).
    static func check(_ documents: [DocumentInfo], naming people: [(name: String, initials: String)]) -> [Diagnostic] {
        guard !people.isEmpty else { return [] }
        let matcher = Matcher(names: people.map(\.name))
        var diagnostics: [Diagnostic] = []
        for info in documents where !info.body.isEmpty {
            for (person, line, column) in matcher.find(in: info.body) {
                let (name, initials) = people[person]
                diagnostics.append(.warning("W-PRIVATE-NAME", "this page is not private but its text names \(name), whose page is private",
                                            at: SourceLocation(file: info.path, line: info.bodyLine + line - 1, column: column),
                                            hint: "write their initials (\(initials)) instead, or make this page private (visibility: private)"))
            }
        }
        return diagnostics
    }

    struct Matcher {
        private let names: FoldedNames

        init(names: [String]) {
            self.names = FoldedNames(names)
        }

        /// The names found in a text: which (its position in the given list), and
        /// the line and column (from 1) where each starts.
        func find(in text: String) -> [(name: Int, line: Int, column: Int)] {
            var words: [Substring] = []
            var starts: [(line: Int, column: Int)] = []
            var line = 1
            var column = 1
            var current = ""
            var start = (line: 1, column: 1)
            func flush() {
                guard !current.isEmpty else { return }
                for word in SearchIndex.fold(current).split(separator: " ") {
                    words.append(word)
                    starts.append(start)
                }
                current = ""
            }
            for character in text {
                if character.isLetter || character.isNumber {
                    if current.isEmpty { start = (line, column) }
                    current.append(character)
                } else {
                    flush()
                }
                if character.isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            flush()
            return names.matches(in: words).map { match in
                (names.spellings[match.name][0], starts[match.range.lowerBound].line, starts[match.range.lowerBound].column)
            }
        }
    }
}
