import TutoratCore
import TutoratViews

/// Finds the full name of a private tutee or tutor written in the Markdown of
/// a page that is not private. The pages themselves show private people by
/// initials, but a text is published as its author wrote it: a tutor's
/// presentation that mentions « Camille Roux » would name her on a public
/// page. Names are compared folded (case, accents and punctuation do not
/// matter, as in search), and each text is read once, in time linear in its
/// words whatever the names (`FoldedNames`, the build's one automaton of
/// people's names, `SiteViews.people`).
package enum PrivateNameCheck {
    package static func check(_ views: SiteViews) -> [Diagnostic] {
        guard views.site.tutees.contains(where: \.info.isPrivate) || views.site.tutors.contains(where: \.info.isPrivate) else { return [] }
        let people = views.people
        let names = people.names
        let matcher = Matcher(people.finder, group: PeopleNames.privateOnly)
        // Each text on its own, on every core.
        let texts = views.documentPages.filter { !views.isPrivate($0.route) && !$0.info.body.isEmpty }.map(\.info)
        let found = parallelMap(texts, chunkSize: 8) { info in matcher.find(in: info.body) }
        var diagnostics: [Diagnostic] = []
        for (info, matches) in zip(texts, found) {
            for (person, line, column) in matches {
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
        private let group: Int

        init(names: [String]) {
            self.names = FoldedNames(names)
            group = 0
        }

        init(_ names: FoldedNames, group: Int) {
            self.names = names
            self.group = group
        }

        /// The names found in a text: which (its position in the given list), and
        /// the line and column (from 1) where each starts.
        func find(in text: String) -> [(name: Int, line: Int, column: Int)] {
            // Words as Characters make them (a letter or a digit each), folded into one buffer, each with where it starts.
            var folded: [UInt8] = []
            folded.reserveCapacity(text.utf8.count)
            var starts: [(line: Int, column: Int)] = []
            var line = 1
            var column = 1
            var wordStart: String.Index?
            var start = (line: 1, column: 1)
            func flush(_ end: String.Index) {
                guard let first = wordStart else { return }
                for _ in 0..<FoldedNames.fold(text[first..<end], into: &folded) { starts.append(start) }
                wordStart = nil
            }
            let utf8 = text.utf8
            var index = utf8.startIndex
            while index < utf8.endIndex {
                let byte = utf8[index]
                var after = utf8.index(after: index)
                let isWord: Bool
                let isNewline: Bool
                // An ASCII byte before another (but CR before LF) is a Character of its own.
                if byte < 0x80, after == utf8.endIndex || (utf8[after] < 0x80 && !(byte == 13 && utf8[after] == 10)) {
                    isWord = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                    isNewline = byte >= 10 && byte <= 13
                } else {
                    let character = text[index]
                    isWord = character.isLetter || character.isNumber
                    isNewline = character.isNewline
                    after = text.index(after: index)
                }
                if isWord {
                    if wordStart == nil {
                        wordStart = index
                        start = (line, column)
                    }
                } else {
                    flush(index)
                }
                if isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index = after
            }
            flush(text.endIndex)
            let all = String(decoding: folded, as: UTF8.self)
            let words = all.split(separator: " ")
            return names.matches(in: words, group: group).map { match in
                (names.spellings(of: match.name, in: group)[0], starts[match.range.lowerBound].line, starts[match.range.lowerBound].column)
            }
        }
    }
}
