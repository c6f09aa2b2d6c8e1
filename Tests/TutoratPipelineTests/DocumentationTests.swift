import Foundation
import Testing
import TutoratCore
import TutoratCrypto
import TutoratSource

/// The guide is part of the product: its links lead somewhere, and every
/// YAML example decodes without an error with the decoder of its kind (the
/// block's info string says which: ```yaml site|framework|programme|tutee|keys).
@Suite struct DocumentationTests {
    static let root = SiteBuilderTests.repository

    struct Page {
        var path: String
        var text: String
    }

    static let pages: [Page] = {
        let docs = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/docs")) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        return (["README.md"] + docs.map { "docs/" + $0 }).map { Page(path: $0, text: (try? String(contentsOfFile: root + "/" + $0, encoding: .utf8)) ?? "") }
    }()

    /// A heading's anchor as GitHub makes it.
    static func anchor(_ heading: String) -> String {
        let text = heading.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").lowercased()
        return String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == " " || $0 == "_" }
            .map { $0 == " " ? "-" : Character($0) })
    }

    static func anchors(_ text: String) -> Set<String> {
        var found = Set<String>(), fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            if !fenced, line.hasPrefix("#"), let space = line.firstIndex(of: " ") { found.insert(anchor(String(line[line.index(after: space)...]))) }
        }
        return found
    }

    /// The fenced blocks of a text: info string and body.
    static func blocks(_ text: String) -> [(info: String, body: String)] {
        var found: [(String, String)] = [], current: (String, [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let open = current { found.append((open.0, open.1.joined(separator: "\n") + "\n")); current = nil } else { current = (String(line.dropFirst(3)), []) }
            } else if current != nil {
                current!.1.append(line)
            }
        }
        return found
    }

    @Test func everyLinkLeadsToAFileAndEveryAnchorToAHeading() throws {
        #expect(Self.pages.count > 8)
        var links = 0
        for page in Self.pages {
            let folder = (page.path as NSString).deletingLastPathComponent
            let pattern = try NSRegularExpression(pattern: #"\]\(([^)\s]+)\)|src="([^"]+)""#)
            // Links written as examples, in code, are not links of the guide.
            let text = try NSRegularExpression(pattern: "`[^`\n]*`").stringByReplacingMatches(
                in: page.text, range: NSRange(page.text.startIndex..., in: page.text), withTemplate: "``")
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let range = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
                let target = String(text[Range(range, in: text)!])
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                links += 1
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].isEmpty ? page.path : (folder.isEmpty ? String(parts[0]) : folder + "/" + parts[0])
                let path = (Self.root + "/" + file as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: path), "\(page.path): \(target) leads to no file")
                if parts.count == 2, file.hasSuffix(".md") {
                    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                    #expect(Self.anchors(text).contains(String(parts[1])), "\(page.path): \(target) leads to no heading")
                }
            }
        }
        #expect(links > 20)
    }

    @Test func everyYAMLExampleDecodesWithoutAnError() throws {
        var checked: [String] = []
        for page in Self.pages {
            for block in Self.blocks(page.text) where block.info.hasPrefix("yaml") {
                let kind = block.info.dropFirst("yaml".count).trimmingCharacters(in: .whitespaces)
                // An elided line (…) shortens an example; the rest must stand as it is.
                let body = block.body.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.trimmingCharacters(in: .whitespaces) != "…" }
                    .joined(separator: "\n")
                let diagnostics: [Diagnostic]
                switch kind {
                case "site":
                    diagnostics = DocumentDecoder.siteConfig(Array(("title: T\norganisation: O\n" + body).utf8), path: "site.yml").diagnostics
                case "framework": diagnostics = DocumentDecoder.framework(Array(body.utf8), id: "example", path: "example.yml").diagnostics
                case "tutee": diagnostics = DocumentDecoder.tutee(Array(("---\n" + body + "---\n").utf8), id: "example", path: "example.md").diagnostics
                case "programme":
                    diagnostics = DocumentDecoder.programme(Array(("---\n" + body + "---\n").utf8), id: "example", path: "example.md").diagnostics
                case "keys": diagnostics = KeysFile.parse(Array(body.utf8), path: "keys.yml").diagnostics
                case "survey": diagnostics = DocumentDecoder.survey(Array(body.utf8), id: "example", path: "example.yml").diagnostics
                // The CI recipes of docs/publishing.md are run by tests/publish, not decoded here.
                case "gitlab-ci", "github-actions": continue
                default:
                    Issue.record("\(page.path): a yaml block says no kind ('\(kind)'): write ```yaml site, framework, programme, tutee, survey, keys, gitlab-ci or github-actions")
                    continue
                }
                #expect(!diagnostics.hasErrors, "\(page.path), a \(kind) example: \(diagnostics.filter { $0.severity == .error })")
                checked.append(kind)
            }
        }
        #expect(Set(checked) == ["site", "framework", "programme", "tutee", "survey", "keys"])
    }
}
