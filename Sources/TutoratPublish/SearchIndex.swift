import Foundation
import TutoratMarkdown
import TutoratSite
import TutoratSource
import TutoratViews
import TutoratCore

/// The index the search page reads, written at build time.
///
/// Only the site's own pages are indexed: the charter, the programmes, the
/// role sheets, the frameworks, the tutors and the free pages, public or
/// intranet, each unless it is private. Tutee pages, the tutee list and the
/// dashboard never are, and no entry holds a tutee's name: programme and
/// tutor entries leave out the duos, and any tutee's full name met in a text
/// is removed, and so is a private tutor's.
///
/// It is written as a script assigning a global (`search/search-index.js`),
/// because a page opened from disk may load a script but not fetch a file.
public enum SearchIndex {
    public struct Entry: Codable, Equatable, Sendable {
        /// The page's title.
        public var title: String
        /// The page from the site root: `roles/tuteur/index.html`, or
        /// `roles/tuteur/` when the site has a `base_url`.
        public var url: String
        /// What kind of page it is, in the site's language ("Fiche rôle").
        public var kind: String
        /// A short plain-text excerpt shown under the title.
        public var excerpt: String
        /// Everything searchable on the page, folded (see `fold`).
        public var text: String
    }

    /// The kinds of page that are searched.
    package static func isSearchable(_ route: Route) -> Bool {
        switch route {
        case .charter, .programme, .role, .framework, .tutor, .page: return true
        default: return false
        }
    }

    public static func entries(_ views: SiteViews) -> [Entry] {
        let site = views.site
        let strings = views.strings
        let redactor = NameRedactor(views.people)
        let markdownOptions = MarkdownOptions(unsafeHTML: site.config.unsafeHTML)
        let root = Linker(baseURL: nil, from: "")
        let pretty = site.config.baseURL != nil

        func document(_ info: DocumentInfo) -> MarkdownDocument { MarkdownDocument(info.body, options: markdownOptions) }

        return views.routes.filter { isSearchable($0) && !views.isPrivate($0) }.compactMap { route -> Entry? in
            var title = ""
            var excerpt = ""
            var parts: [String] = []
            switch route {
            case .charter:
                let charter = site.charter
                let body = document(charter.info)
                title = charter.title
                excerpt = body.summary(maxLength: 200)
                parts = [charter.version ?? ""] + charter.approvedBy + [body.plainText]
            case .programme(let id):
                guard let programme = site.programme(id) else { return nil }
                let body = document(programme.info)
                title = programme.title
                excerpt = body.summary(maxLength: 200)
                parts = [programme.kind.map { strings.label("programme_kind", $0.rawValue) } ?? "", programme.coordinator ?? ""]
                parts += programme.partners
                parts += site.framework(of: programme).flatMap { $0.info.isPrivate ? nil : [$0.title] } ?? []
                for phase in programme.phases { parts += [phase.name] + phase.steps.map(\.title) }
                parts.append(body.plainText)
            case .role(let id):
                guard let role = site.role(id) else { return nil }
                let body = document(role.info)
                title = role.title
                excerpt = role.summary ?? body.summary(maxLength: 200)
                parts = [role.kind.map { strings.label("role_kind", $0.rawValue) } ?? "", role.summary ?? ""]
                for mission in role.missions { parts += [mission.title] + mission.tasks }
                parts += role.commitments
                parts.append(body.plainText)
            case .framework(let id):
                guard let framework = site.framework(id) else { return nil }
                title = framework.title
                excerpt = framework.description ?? framework.competencies.prefix(4).map(\.title).joined(separator: " · ")
                parts = [framework.description ?? ""] + framework.scale.map(\.label)
                for competency in framework.competencies { parts += [competency.group ?? "", competency.title] }
            case .tutor(let id):
                guard let tutor = site.tutor(id) else { return nil }
                let body = document(tutor.info)
                title = tutor.name
                excerpt = [tutor.function, tutor.team].compactMap { $0 }.joined(separator: " · ")
                if excerpt.isEmpty { excerpt = body.summary(maxLength: 200) }
                parts = [tutor.function ?? "", tutor.team ?? "", body.plainText]
            case .page(let id):
                guard let index = site.pageIndex[id] else { return nil }
                let page = site.pages[index]
                let body = document(page.info)
                title = page.title
                excerpt = body.summary(maxLength: 200)
                parts = [body.plainText]
            default:
                return nil
            }
            let text = fold(([title] + parts).joined(separator: " "))
            return Entry(title: title, url: pretty ? route.path : root.href(route), kind: strings.label("search_kind", route.template),
                         excerpt: redactor.redact(excerpt),
                         text: redactor.redactFolded(text))
        }
    }

    /// The file written at `search/search-index.js`. The same site gives the same bytes.
    public static func javascript(_ views: SiteViews) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = (try? encoder.encode(entries(views))).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // Markup characters only occur inside JSON strings: escaped there, the
        // file holds no "<script>" or "&" from the content, whatever it says.
        for (character, escaped) in [("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029")] {
            json = json.replacing(character, with: escaped)
        }
        return "/* The search index of the public pages, written by tutorat build. */\nwindow.TUTORAT_SEARCH_INDEX = \(json);\n"
    }

    /// Folds a text for searching: decomposed (NFD), combining marks removed,
    /// lowercased, œ and æ spelt out, and every run of characters that are
    /// neither letters nor digits turned into one space. "L’Équipe" gives
    /// "l equipe". search.js folds the query the same way.
    public static func fold(_ text: String) -> String { FoldedNames.fold(text) }

    /// Takes tutees' full names out of public text (`FoldedNames` finds them:
    /// the build's one automaton of people's names, `SiteViews.people`).
    package struct NameRedactor {
        private let names: FoldedNames
        private let originals: [String]

        init(names: [String]) {
            self.names = FoldedNames(names)
            originals = names
        }

        init(_ people: PeopleNames) {
            names = people.finder
            originals = people.names
        }

        /// Removes every tutee's folded full name from folded text, on word boundaries.
        func redactFolded(_ text: String) -> String {
            let words = text.split(separator: " ")
            let hidden = names.matches(in: words)
            guard !hidden.isEmpty else { return text }
            var kept: [Substring] = []
            var next = 0
            for match in hidden {
                kept += words[next..<match.range.lowerBound]
                next = match.range.upperBound
            }
            kept += words[next...]
            return kept.joined(separator: " ")
        }

        /// Replaces every tutee's full name in a text shown in the results with "…".
        func redact(_ text: String) -> String {
            let found = names.matches(in: SearchIndex.fold(text).split(separator: " "))
            guard !found.isEmpty else { return text }
            var text = text
            for name in Set(found.map(\.name)).sorted() {
                for original in names.spellings[name].map({ originals[$0] }) where text.contains(original) {
                    text = text.replacing(original, with: "…")
                }
            }
            return text
        }
    }
}
