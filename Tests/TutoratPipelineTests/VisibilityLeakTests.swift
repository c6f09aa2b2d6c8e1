import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratPublish
import TutoratResources
import TutoratSite
import TutoratSource
import TutoratViews

/// End to end: nothing written from a private page leaves the private part of
/// the output. Every file that is not itself private (every file outside the
/// private pages' folders, which hold their exports, and outside the
/// dashboard) is searched for each private person's name and for the private
/// texts of their files.
@Suite(.serialized) struct VisibilityLeakTests {
    static let asOf = Day(iso: "2026-11-24")!

    static func options(site: String, output: String) -> BuildOptions {
        BuildOptions(site: site, output: output, fallbackAsOf: asOf, generator: "tutorat test")
    }

    /// The fixture with every level of visibility: a private tutor who
    /// tutors and stands in, a private programme, a private role sheet written
    /// the contract's way (`private: true`), an intranet page and tutor, a
    /// public tutee, and a tutee whose file is past its retention date.
    static func mixedSite() throws -> String {
        let site = try CareHome.copy()
        func edit(_ relative: String, _ transform: (String) -> String) throws {
            let path = site + "/content/" + relative
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let changed = transform(text)
            precondition(changed != text, "the edit of \(relative) changes nothing")
            try changed.write(toFile: path, atomically: true, encoding: .utf8)
        }
        func addField(_ relative: String, _ line: String) throws {
            try edit(relative) { text in
                var lines = text.components(separatedBy: "\n")
                lines.insert(line, at: 1)
                return lines.joined(separator: "\n")
            }
        }
        try addField("tutors/samir-aouad.md", "visibility: private")
        try addField("tutors/luc-perrin.md", "visibility: intranet")
        try addField("programmes/stages.md", "visibility: private")
        try addField("roles/ecole-partenaire.md", "private: true")
        try addField("pages/contacts.md", "visibility: intranet")
        try addField("tutees/manon-giraud.md", "visibility: public")
        try addField("tutees/bastien-roche.md", "retain_until: 2026-12-31")
        // A private survey, and answers on the public tutee's page to it and to a
        // public one, given by the private tutor.
        try """
            title: Point confidentiel sur l’encadrement
            visibility: private
            audience: tutor
            moment: middle
            questions:
              - {id: charge, text: "La charge de tutorat pèse-t-elle sur votre équipe ?", type: yesno}

            """.write(toFile: site + "/content/surveys/point-confidentiel.yml", atomically: true, encoding: .utf8)
        try addField("tutees/manon-giraud.md", """
            responses:
              - {survey: point-confidentiel, date: 2027-02-15, by: samir-aouad, answers: {charge: yes}}
              - {survey: fin-de-parcours, date: 2027-02-16, by: samir-aouad, answers: {utilite: 4}}
            """)
        return site
    }

    /// Every file under a folder, by path relative to it.
    static func files(under root: String) -> [String] {
        IncrementalBuildTests.files(under: root).filter { !$0.hasSuffix("/") }.sorted()
    }

    /// The folders of the private pages (each holds its page and its exports) and the dashboard's evidence.
    static func privateFolders(_ views: SiteViews) -> [String] {
        views.routes.filter { views.isPrivate($0) && $0 != .notFound }.map(\.path)
    }

    /// The ways a text can be written into a file: as is, escaped for HTML, for
    /// JSON, for iCalendar, and folded as the search index stores it.
    static func spellings(_ text: String) -> Set<String> {
        var html = ""
        for character in text {
            switch character {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            default: html.append(character)
            }
        }
        let ics = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: ";", with: "\\;")
        let json = text.replacingOccurrences(of: "\"", with: "\\\"")
        return [text, html, html.replacingOccurrences(of: "&#39;", with: "&#x27;"), ics, json, SearchIndex.fold(text)]
    }

    /// `text` occurs in `haystack` as whole words (a name inside a longer word is not a leak).
    static func occurs(_ text: String, in haystack: String) -> Bool {
        var rest = haystack[...]
        while let range = rest.range(of: text) {
            let before = range.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: range.lowerBound)]
            let after = range.upperBound == haystack.endIndex ? nil : haystack[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            rest = haystack[range.upperBound...]
        }
        return false
    }

    /// Whether `text` holds the address `path` itself or one of its page's files, not a deeper page.
    static func holdsAddress(_ path: String, in text: String) -> Bool {
        let pathCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-/")
        var rest = text[...]
        while let range = rest.range(of: path) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let tail = text[range.upperBound...]
            let startsAtSegment = before.map { !pathCharacters.contains($0) || $0 == "/" } ?? true
            let endsThere = tail.first.map { !pathCharacters.contains($0) } ?? true
            if startsAtSegment && (endsThere || tail.hasPrefix("index.html") || tail.hasPrefix("calendar.ics")) { return true }
            rest = tail
        }
        return false
    }

    /// What must never be read outside the private pages, for one site: names
    /// and the texts of private progress files and of private documents. A
    /// text that the public sources also hold (a word of the charter, a theme
    /// word) proves nothing and is left out; so are first names and family
    /// names alone when the public sources use them.
    static func secrets(_ views: SiteViews, site root: String, publicSources: String) -> [String] {
        let site = views.site
        var found: [String] = []
        func add(_ text: String?, minimumLength: Int = 10) {
            guard let text = text?.trimmingCharacters(in: .whitespaces), text.count >= minimumLength,
                  !occurs(text, in: publicSources) else { return }
            found.append(text)
        }
        func addName(_ name: String) {
            add(name, minimumLength: 1)
            for token in name.split(separator: " ") where token.count >= 4 { add(String(token), minimumLength: 4) }
        }
        for tutee in site.tutees where tutee.info.isPrivate {
            addName(tutee.name)
            for objective in tutee.objectives { add(objective.title) }
            for session in tutee.sessions { add(session.summary) }
            for evaluation in tutee.evaluations { add(evaluation.summary); add(evaluation.outcome) }
            for record in tutee.competencies { for assessment in record.assessments { add(assessment.note) } }
            // The journal's first paragraph, as written and as its first sentence.
            let paragraph = body(of: tutee.info, site: root).components(separatedBy: "\n\n").first { !$0.hasPrefix("#") && $0.count > 20 }
            add(paragraph?.components(separatedBy: "\n").first)
        }
        for tutor in site.tutors where tutor.info.isPrivate {
            addName(tutor.name)
            add(tutor.email)
            add(tutor.info.body.components(separatedBy: "\n").first { $0.count > 20 })
        }
        for programme in site.programmes where programme.info.isPrivate { add(programme.title) }
        for role in site.roles where role.info.isPrivate { add(role.title) }
        for survey in site.surveys where survey.info.isPrivate {
            add(survey.title)
            for question in survey.questions { add(question.text) }
        }
        return found
    }

    /// The text of the site's public sources: the documents that are not
    /// private (their files as written) and the theme's words.
    static func publicSources(_ views: SiteViews, site: String) -> String {
        let s = views.site
        var infos: [DocumentInfo] = [s.charter.info]
        infos += s.programmes.map(\.info) + s.roles.map(\.info) + s.frameworks.map(\.info) + s.tutors.map(\.info) + s.pages.map(\.info)
        infos += s.tutees.map(\.info) + s.surveys.map(\.info)
        var text = ""
        for info in infos where !info.isPrivate {
            text += ((try? String(contentsOfFile: site + "/" + info.path, encoding: .utf8)) ?? "") + "\n"
        }
        for language in ["fr", "en"] {
            text += String(decoding: BundledFiles.read("themes/default/strings/\(language).yml") ?? [], as: UTF8.self)
        }
        return text
    }

    /// Builds a site and checks every file outside the private folders.
    func expectNoLeak(site: String, expectedSecrets minimum: Int, retiredNames: [String] = [], publicPages: [String] = [],
                      _ location: Testing.SourceLocation = #_sourceLocation) throws {
        let output = SiteBuilderTests.temporaryFolder() + "/public"
        defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
        let report = try SiteBuilder.build(Self.options(site: site, output: output))
        #expect(report.succeeded, "\(report.diagnostics.filter { $0.severity == .error })", sourceLocation: location)
        let views = try #require(SiteBuilder.prepare(Self.options(site: site, output: output)).0)
        let secrets = Self.secrets(views, site: site, publicSources: Self.publicSources(views, site: site))
        // The test proves something only if it looks for many texts.
        #expect(secrets.count >= minimum, "only \(secrets.count) private texts to look for", sourceLocation: location)
        let privateFolders = Self.privateFolders(views)
        #expect(privateFolders.contains("tutees/") && privateFolders.contains("dashboard/"), sourceLocation: location)
        let all = Self.files(under: output)
        // A file belongs to the deepest page folder that holds it: a public tutee's
        // page is checked, though the list of tutees above it is private.
        let pageFolders = views.routes.map(\.path).filter { !$0.isEmpty }
        let open = all.filter { file in
            let folder = pageFolders.filter { file.hasPrefix($0) }.max { $0.count < $1.count }
            return folder.map { !privateFolders.contains($0) } ?? true
        }
        for page in publicPages { #expect(open.contains(page), "\(page) is not checked", sourceLocation: location) }
        #expect(open.count < all.count, "\(open.count) of \(all.count) files checked", sourceLocation: location)
        // Every public list and the files for machines are among the files checked.
        for file in ["index.html", "charter/index.html", "programmes/index.html", "roles/index.html", "frameworks/index.html",
                     "tutors/index.html", "sitemap.xml", "site.json", Route.searchIndexFile] {
            #expect(open.contains(file), "\(file) is not checked", sourceLocation: location)
        }
        var leaks: [String] = []
        for file in open {
            guard let data = FileManager.default.contents(atPath: output + "/" + file) else { continue }
            // iCalendar folds long lines: a name may straddle two of them.
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
            for secret in secrets where Self.spellings(secret).contains(where: { Self.occurs($0, in: text) }) {
                leaks.append("\(file): \(secret)")
            }
        }
        #expect(leaks.isEmpty, "private text outside the private pages:\n\(leaks.prefix(20).joined(separator: "\n"))", sourceLocation: location)

        // A tutee past retention is nowhere, not even in the private pages.
        leaks = []
        for file in all {
            let text = String(decoding: FileManager.default.contents(atPath: output + "/" + file) ?? Data(), as: UTF8.self)
            for name in retiredNames where Self.spellings(name).contains(where: { Self.occurs($0, in: text) }) {
                leaks.append("\(file): \(name)")
            }
        }
        #expect(leaks.isEmpty, "a tutee past retention is still in \(leaks.prefix(5))", sourceLocation: location)

        // The files for machines hold no private page's address (a public
        // tutee's "tutees/emma/" is not the private list's "tutees/").
        let machineFiles = ["sitemap.xml", Route.searchIndexFile, "site.json"]
        let privateAddresses = privateFolders + views.site.retired.map { Route.tutee($0).path }
        for file in machineFiles {
            let text = String(decoding: FileManager.default.contents(atPath: output + "/" + file) ?? Data(), as: UTF8.self)
            #expect(!text.isEmpty, "\(file) is missing", sourceLocation: location)
            for path in privateAddresses where Self.holdsAddress(path, in: text) {
                Issue.record("\(file) holds the private address \(path)", sourceLocation: location)
            }
        }
    }

    /// How many private texts a leak check of the fixture should look for at
    /// least: every private tutee's name, and most of their objectives and sessions.
    static var expectedSecrets: Int {
        CareHome.ids("tutees").map { CareHome.text("tutees/\($0).md").components(separatedBy: "\n  - {").count - 1 }.reduce(0, +) / 2
    }

    @Test func theFixtureShowsNoPrivateTextOutsideItsPrivatePages() throws {
        try expectNoLeak(site: CareHome.site, expectedSecrets: Self.expectedSecrets)
    }

    @Test func aSiteWithEveryVisibilityShowsNoPrivateTextOutsideItsPrivatePages() throws {
        let site = try Self.mixedSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        try expectNoLeak(site: site, expectedSecrets: Self.expectedSecrets, retiredNames: ["Bastien Roche"],
                         publicPages: ["tutees/manon-giraud/index.html"])
    }

    /// What the mixed site's levels mean page by page: the checks above only see absences.
    @Test func eachLevelOfTheMixedSiteIsWhereItShouldBe() throws {
        let site = try Self.mixedSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let output = SiteBuilderTests.temporaryFolder() + "/public"
        defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
        let report = try SiteBuilder.build(Self.options(site: site, output: output))
        #expect(report.succeeded)
        func read(_ file: String) -> String {
            String(decoding: FileManager.default.contents(atPath: output + "/" + file) ?? Data(), as: UTF8.self)
        }
        let noindex = "<meta name=\"robots\" content=\"noindex\">"
        let sitemap = read("sitemap.xml"), searchIndex = read(Route.searchIndexFile), siteData = read("site.json")

        // Intranet: listed and searched, but kept from search engines; in site.json, marked.
        #expect(read("contacts/index.html").contains(noindex))
        #expect(!sitemap.contains("contacts/") && !sitemap.contains("tutors/luc-perrin/"))
        #expect(searchIndex.contains("contacts/index.html") && searchIndex.contains("tutors/luc-perrin/index.html"))
        #expect(read("tutors/index.html").contains("Luc Perrin"))
        #expect(siteData.contains("\"id\": \"contacts\"") || siteData.contains("\"id\":\"contacts\""))
        #expect(siteData.contains("intranet"))

        // Public: a public tutee is named on her tutor's public page, with a link, and her page is in the sitemap.
        #expect(!read("tutees/manon-giraud/index.html").contains(noindex))
        #expect(sitemap.contains("tutees/manon-giraud/"))
        #expect(read("tutors/agnes-colin/index.html").contains("Manon Giraud"))

        // Private: the tutor is out of the list (counted), shown by initials and without a link elsewhere.
        #expect(read("tutors/samir-aouad/index.html").contains(noindex))
        let tutors = read("tutors/index.html")
        #expect(!tutors.contains("Samir") && tutors.contains("Une page de cette liste est confidentielle"))
        let programme = read("programmes/apprentissage/index.html")
        #expect(programme.contains("S. A.") && !programme.contains("tutors/samir-aouad/"))
        #expect(!read("roles/index.html").contains("École ou CFA partenaire"))
        #expect(read("roles/ecole-partenaire/index.html").contains(noindex))

        // Past retention: no page, no calendar, not counted, not in the evidence, and said on the report.
        #expect(!FileManager.default.fileExists(atPath: output + "/tutees/bastien-roche"))
        #expect(FileManager.default.fileExists(atPath: output + "/dashboard/audit/stages/trail.csv"))
        #expect(!read("dashboard/audit/stages/trail.csv").contains("Bastien"))
        let retention = report.diagnostics.filter { $0.code == "W-RETENTION" }
        #expect(retention.count == 1)
        #expect(retention.first?.location == SourceLocation(file: "content/tutees/bastien-roche.md", line: 2, column: 15))
        #expect(retention.first?.hint?.contains("archive") == true)
    }
}
