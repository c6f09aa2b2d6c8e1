import TutoratCore
import TutoratViews

/// Finds the full name of a private tutee or tutor written in the Markdown of
/// a page that is not private. The pages themselves show private people by
/// initials, but a text is published as its author wrote it: a tutor's
/// presentation that mentions « Camille Roux » would name her on a public
/// page. Names are compared folded (case, accents and punctuation do not
/// matter, as in search), and each text is read once whatever the number of
/// names.
package enum PrivateNameCheck {
    package static func check(_ views: SiteViews) -> [Diagnostic] {
        let names = views.site.tutees.filter(\.info.isPrivate).map(\.name) + views.site.tutors.filter(\.info.isPrivate).map(\.name)
        guard !names.isEmpty else { return [] }
        let matcher = Matcher(names: names)
        var diagnostics: [Diagnostic] = []
        for (info, route) in views.documentPages where !views.isPrivate(route) && !info.body.isEmpty {
            for (person, line, column) in matcher.find(in: info.body) {
                diagnostics.append(.warning("W-PRIVATE-NAME", "this page is not private but its text names \(names[person]), whose page is private",
                                            at: SourceLocation(file: info.path, line: info.bodyLine + line - 1, column: column),
                                            hint: "write their initials (\(SiteViews.initials(of: names[person]))) instead, "
                                                + "or make this page private (visibility: private)"))
            }
        }
        return diagnostics
    }

    package struct Matcher {
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
                for word in FoldedNames.fold(current).split(separator: " ") {
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
