import Foundation
import Testing
import TutoratCore
@testable import TutoratBuild
@testable import TutoratPublish

/// Content is personal data from many hands: no input may crash the build,
/// hang it, or make it write where it should not.
@Suite struct BadInputTests {
    func scratchSite() throws -> String { try CareHome.copy() }

    func options(_ site: String, output: String? = nil, force: Bool = false) -> BuildOptions {
        BuildOptions(site: site, output: output, force: force, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
    }

    func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func descriptions(_ site: String) -> [String] { SiteChecker.check(options(site)).map(\.description) }

    @Test func aFiftyMegabyteFileIsRefusedQuickly() throws {
        let site = try scratchSite()
        var bytes = Array("---\nname: Grand\n---\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        try write(bytes, site + "/content/pages/grand.md")
        #expect(descriptions(site).contains { $0.hasPrefix("content/pages/grand.md:1:1: error: the file is 50 MiB") })
    }

    @Test func nulBytesAreAnErrorNotACrash() throws {
        let site = try scratchSite()
        try write(Array("---\ntitle: A\u{0}B\n---\nText\u{0}more\n".utf8), site + "/content/pages/nul.md")
        let lines = descriptions(site)
        #expect(lines.contains { $0.hasPrefix("content/pages/nul.md:2:9: error: the file holds a NUL character (U+0000)") })
    }

    /// A NUL breaks an iCalendar file, and no control character is text: each
    /// is an error at its line and column, in every kind of content file, in
    /// the front matter and in the body alike. Tabs and CRLF line ends are fine.
    @Test func controlCharactersAreErrorsAtTheirPositionInEveryKindOfFile() throws {
        let site = try scratchSite()
        try write(Array("---\ntitle: Nul\n---\nText\u{0}more\n".utf8), site + "/content/pages/nul.md")
        try write(Array("---\r\ntitle: Cloche\r\n---\r\nUne\tcloche \u{7}ici\r\n".utf8), site + "/content/pages/cloche.md")
        try write(Array("---\nname: \"Paul\u{1B}[31m Roux\"\n---\n".utf8), site + "/content/tutors/paul-roux.md")
        try write(Array("---\ntitle: Fin\nsummary: \"a\\0b\"\n---\n".utf8), site + "/content/pages/echappe.md")
        try write(Array("title: Référentiel\nscale:\n  - {level: 0, label: \"Non\u{85}abordé\"}\ncompetencies: []\n".utf8), site + "/content/frameworks/controle.yml")
        let lines = descriptions(site).filter { $0.contains("E-CONTROL") || $0.contains("control character") || $0.contains("NUL") }
        let expected = [
            "content/frameworks/controle.yml:3:27: error: the file holds the control character U+0085",
            "content/pages/cloche.md:4:12: error: the file holds the control character U+0007",
            "content/pages/echappe.md:3:10: error: this value holds a NUL character (U+0000)",
            "content/pages/nul.md:4:5: error: the file holds a NUL character (U+0000)",
            "content/tutors/paul-roux.md:2:12: error: the file holds the control character U+001B",
        ]
        #expect(!expected.isEmpty)
        for prefix in expected {
            #expect(lines.contains { $0.hasPrefix(prefix) }, "\(prefix)\n\(lines)")
        }
        #expect(lines.count == expected.count, "\(lines)")
        #expect(!(try SiteBuilder.build(options(site, output: site + "/public")).succeeded))
        // site.yml stops everything when it cannot be read: a site of its own.
        let other = try scratchSite()
        let config = other + "/content/site.yml"
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "title: Tutorat des Cèdres", with: "title: Tutorat\u{7F} des Cèdres")
            .write(toFile: config, atomically: true, encoding: .utf8)
        #expect(descriptions(other).contains { $0.hasPrefix("content/site.yml:2:15: error: the file holds the control character U+007F") })
    }

    /// Bidirectional overrides and isolates, written as they are, as YAML
    /// escapes or as character references, reach no page, calendar, CSV or
    /// data file; `check` warns at the first one of each file.
    @Test func bidiControlsReachNoOutput() throws {
        let site = try scratchSite()
        let tutee = site + "/content/tutees/lina-morel.md"
        let text = try String(contentsOfFile: tutee, encoding: .utf8)
        try text.replacingOccurrences(of: "name: Lina Morel", with: "name: Lina \u{202E}Morel")
            .replacingOccurrences(of: "\nsessions:\n", with: "\nsessions:\n  - {date: 2026-10-06, minutes: 30, summary: \"\\u2067=1+1 \u{202D}x\"}\n")
            .appending("\nJournal &#x202E;renversé&#x2069; et &#1; fin.\n\u{2066}Isolé\n")
            .write(toFile: tutee, atomically: true, encoding: .utf8)
        let tutor = site + "/content/tutors/odile-ferrand.md"
        try String(contentsOfFile: tutor, encoding: .utf8).replacingOccurrences(of: "name: Odile Ferrand", with: "name: Odile \u{202B}Ferrand")
            .write(toFile: tutor, atomically: true, encoding: .utf8)
        let config = site + "/content/site.yml"
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "title: Tutorat des Cèdres", with: "title: Tutorat \u{202E}des Cèdres")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let warnings = descriptions(site).filter { $0.contains("bidirectional") }
        #expect(warnings.contains { $0.hasPrefix("content/tutees/lina-morel.md:2:12: warning:") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("content/tutors/odile-ferrand.md:2:13: warning:") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("content/site.yml:2:16: warning:") }, "\(warnings)")
        let output = site + "/public"
        #expect(try SiteBuilder.build(options(site, output: output)).succeeded)
        let enumerator = FileManager.default.enumerator(atPath: output)!
        var checked: Set<String> = []
        for case let file as String in enumerator where [".html", ".ics", ".csv", ".json", ".xml", ".js", ".txt"].contains(where: file.hasSuffix) {
            let content = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
            let bad = content.unicodeScalars.first { ControlCharacters.isBidiControl($0.value) || ControlCharacters.isForbidden($0.value) }
            #expect(bad == nil, "\(file) holds \(bad.map { ControlCharacters.name($0.value) } ?? "")")
            checked.insert(String(file.split(separator: ".").last!))
        }
        #expect(checked.isSuperset(of: ["html", "ics", "csv", "json"]), "\(checked)")
        let page = try String(contentsOfFile: output + "/tutees/lina-morel/index.html", encoding: .utf8)
        #expect(page.contains("Lina Morel") && page.contains("renversé") && page.contains("Isolé"), "the text itself stays")
    }

    @Test func invalidUTF8IsReportedAtItsPosition() throws {
        let site = try scratchSite()
        try write(Array("---\ntitle: Page\n---\nLigne un\nCaf".utf8) + [0xE9] + Array(" noir\n".utf8), site + "/content/pages/octets.md")
        #expect(descriptions(site).contains("content/pages/octets.md:5:4: error: the file is not valid UTF-8 text\n  hint: save it as UTF-8 in your editor"))
    }

    @Test func emptyFilesAndFrontMatterThatIsNotAMapping() throws {
        let site = try scratchSite()
        try write([], site + "/content/tutees/vide.md")
        try write(Array("---\n- a\n- b\n---\n".utf8), site + "/content/tutors/liste.md")
        try write(Array("---\njust text\n---\n".utf8), site + "/content/pages/texte.md")
        let lines = descriptions(site)
        #expect(lines.contains { $0.hasPrefix("content/tutees/vide.md:1:1: error: missing required field 'name'") })
        #expect(lines.contains { $0.hasPrefix("content/tutors/liste.md:2:1: error: the front matter should be a mapping of fields, found a list") })
        #expect(lines.contains { $0.hasPrefix("content/pages/texte.md:2:1: error: the front matter should be a mapping of fields, found a text") })
    }

    @Test func aliasBombAndDeepNestingAreRefused() throws {
        let site = try scratchSite()
        let bomb = "---\nname: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n"
        try write(Array(bomb.utf8), site + "/content/tutors/bombe.md")
        try write(Array(("---\nname: " + String(repeating: "[", count: 10_000) + "\n---\n").utf8), site + "/content/tutors/profond.md")
        let lines = descriptions(site)
        #expect(lines.contains { $0.hasPrefix("content/tutors/bombe.md:3:4: error: invalid YAML: anchors and aliases are not supported") })
        #expect(lines.contains { $0.hasPrefix("content/tutors/profond.md:2:") && $0.contains("nested more than 64 levels") })
    }

    @Test func byteOrderMarkAndCRLFBuild() throws {
        let site = try scratchSite()
        try write([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Fenêtres\r\nmenu: true\r\n---\r\n# Titre\r\n\r\nTexte.\r\n".utf8), site + "/content/pages/windows.md")
        let output = site + "/public"
        #expect(try SiteBuilder.build(options(site, output: output)).succeeded)
        #expect(try String(contentsOfFile: output + "/windows/index.html", encoding: .utf8).contains("<title>Fenêtres"))
    }

    @Test func symlinksAreNotFollowed() throws {
        let site = try scratchSite()
        try FileManager.default.createSymbolicLink(atPath: site + "/content/assets/passwd", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: site + "/content/tutors/lien.md", withDestinationPath: "/etc/hostname")
        let lines = descriptions(site)
        #expect(lines.contains { $0.hasPrefix("content/assets/passwd:1:1: warning: symbolic link not followed") })
        #expect(lines.contains { $0.hasPrefix("content/tutors/lien.md:1:1: warning: symbolic link not followed") })
        let output = site + "/public"
        #expect(try SiteBuilder.build(options(site, output: output)).succeeded)
        #expect(!FileManager.default.fileExists(atPath: output + "/assets/passwd"))
        #expect(!FileManager.default.fileExists(atPath: output + "/tutors/lien/index.html"))
    }

    @Test func traversalInIdsAndReferencesGoesNowhere() throws {
        let site = try scratchSite()
        let tutee = site + "/content/tutees/lina-morel.md"
        let text = try String(contentsOfFile: tutee, encoding: .utf8)
        try text.replacingOccurrences(of: "programme: apprentissage", with: "programme: ../../../etc/passwd")
            .write(toFile: tutee, atomically: true, encoding: .utf8)
        try write(Array("---\ntitle: T\n---\n[x](/../../etc/passwd) [y](../../../../etc/passwd)\n".utf8), site + "/content/pages/fuite.md")
        let lines = descriptions(site)
        #expect(lines.contains { $0.contains("error: unknown programme '../../../etc/passwd'") })
        #expect(lines.filter { $0.hasPrefix("content/pages/fuite.md:4:") && $0.contains("leads outside the site") }.count == 2)
    }

    @Test func markupInEveryFieldIsEscapedInEveryOutput() throws {
        let site = try scratchSite()
        let evil = "<script>alert(1)</script>\\\" onmouseover=\\\"x"
        let tutor = site + "/content/tutors/odile-ferrand.md"
        let text = try String(contentsOfFile: tutor, encoding: .utf8)
        try text.replacingOccurrences(of: "name: Odile Ferrand", with: "name: \"Odile \(evil)\"")
            .replacingOccurrences(of: "team: ", with: "team: \"\(evil)\" #")
            .write(toFile: tutor, atomically: true, encoding: .utf8)
        let config = site + "/content/site.yml"
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "title: Tutorat des Cèdres", with: "title: \"Tutorat \(evil)\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try write(Array("---\ntitle: \"<img src=x onerror=alert(1)>\"\n---\n<script>alert(2)</script>\n\n[a](javascript:alert(3)) ![b](data:text/html,x)\n".utf8),
                  site + "/content/pages/piege.md")
        let output = site + "/public"
        #expect(try SiteBuilder.build(options(site, output: output)).succeeded)
        let enumerator = FileManager.default.enumerator(atPath: output)!
        var checked = 0
        for case let file as String in enumerator where file.hasSuffix(".html") || file.hasSuffix(".xml") || file.hasSuffix(".js") || file.hasSuffix(".json") {
            let content = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
            #expect(!content.contains("<script>alert"), "\(file) lets a script through")
            #expect(!content.contains("<img src=x"), "\(file) lets markup through")
            #expect(!content.contains("\" onmouseover=\""), "\(file) breaks out of an attribute")
            #expect(!content.contains("javascript:alert"), "\(file) keeps a javascript: link")
            #expect(!content.contains("data:text/html"), "\(file) keeps a data: link")
            checked += 1
        }
        // Every page at least, and the search index, site.json and the sitemap.
        #expect(checked > (try FileManager.default.subpathsOfDirectory(atPath: output)).filter { $0.hasSuffix(".html") }.count)
        #expect(try String(contentsOfFile: output + "/tutors/odile-ferrand/index.html", encoding: .utf8).contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func outputThatWouldDestroyTheSiteOrMoreIsRefused() throws {
        let site = try scratchSite()
        try FileManager.default.createDirectory(atPath: site + "/themes/maison", withIntermediateDirectories: true)
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        for output in [site, site + "/content", site + "/content/public", site + "/themes/maison", "/", home] {
            #expect(throws: BuildFailure.self, "\(output)") { try SiteBuilder.build(options(site, output: output, force: true)) }
        }
        #expect(FileManager.default.fileExists(atPath: site + "/content/site.yml"))
        #expect(FileManager.default.fileExists(atPath: site + "/themes/maison"))
    }
}
