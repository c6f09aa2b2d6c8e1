import Foundation
import Mustache
import Testing
import TutoratResources
import TutoratCore
@testable import TutoratBuild
@testable import TutoratPublish
@testable import TutoratRender
@testable import TutoratMustache
import TutoratViews

/// A small object both renderers can read (ours through `@TemplateFields`,
/// swift-mustache by reflection), for templates written to probe the corners
/// of Mustache: whitespace, partials, parents, transforms, the stack.
@TemplateFields
struct Sample {
    var name: String
    var count: Int
    var flag: Bool
    var items: [Sample]
    var note: String?
    var t: [String: String]

    static let example = Sample(name: "Tom & <Jerry>", count: 2, flag: true, items: [
        Sample(name: "un", count: 0, flag: false, items: [], note: "l'\"une\"", t: [:]),
        Sample(name: "deux", count: 1, flag: true, items: [], note: nil, t: [:]),
        Sample(name: "trois", count: 5, flag: false, items: [], note: nil, t: [:]),
    ], note: nil, t: ["hello": "Bonjour", "unit": "jours"])
}

@Suite struct TemplateEngineTests {
    /// Renders `templates["main"]` with both engines.
    func both(_ templates: [String: String], _ object: Sample = .example) throws -> (ours: String, reference: String) {
        var library = MustacheLibrary()
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in templates {
            try library.register(text, named: name)
            compiled[name] = try TemplateParser.compile(text)
        }
        var renderer = TemplateRenderer(library: compiled, capacity: 0)
        renderer.render(compiled["main"]!, object: object.templateValue)
        return (String(decoding: renderer.output, as: UTF8.self), library.render(object, withTemplate: "main") ?? "")
    }

    static let cases: [[String: String]] = [
        ["main": "Hello {{name}} {{{name}}} {{&name}} {{count}} {{flag}} {{missing}}!"],
        ["main": "{{#items}}\n  <li>{{name}} of {{count}}</li>\n{{/items}}\n"],
        ["main": "  {{#flag}}  \nyes\n  {{/flag}}\n{{^flag}}no{{/flag}}|{{^items}}none{{/items}}|{{^missing}}absent{{/missing}}"],
        ["main": "{{#items}}{{name}}{{#note}}={{note}}{{/note}}{{^note}}[{{name}}]{{/note}}{{^last()}}, {{/last()}}{{/items}}"],
        ["main": "{{#items}}{{#first()}}<{{/first()}}{{index()}}{{#even()}}e{{/even()}}{{/items}}"],
        ["main": "{{#empty(items)}}empty{{/empty(items)}}{{^empty(items)}}{{count(items)}} items{{/empty(items)}}"],
        ["main": "{{#items}}{{#equalzero(count)}}zero {{/equalzero(count)}}{{#equalzero(minusone(count))}}one {{/equalzero(minusone(count))}}{{/items}}"],
        ["main": "{{#items}}{{t.hello}} {{t.unit}} {{.name}}/{{name}}{{/items}} {{#first(items)}}{{name}}{{/first(items)}}{{#last(items)}}{{name}}{{/last(items)}}"],
        ["main": "<ul>\n  {{> item}}\n</ul>\n{{#items}}\n    {{> item}}\n{{/items}}\n", "item": "<li>\n{{name}}\n</li>\n"],
        ["main": "a {{> inline}} b\n", "inline": "x\ny\n"],
        ["main": "<ul>\n  {{> list}}\n</ul>\n", "list": "{{#items}}\n<li>{{name}}</li>\n{{/items}}\n"],
        ["main": "{{<layout}}\n  {{$title}}Page {{name}}{{/title}}\n  {{$body}}\n    <p>{{count}}</p>\n  {{/body}}\n{{/layout}}\n",
         "layout": "<h1>{{$title}}Default{{/title}}</h1>\n<main>\n  {{$body}}nothing{{/body}}\n</main>\n{{$foot}}foot{{/foot}}\n"],
        ["main": "{{! a comment }}\n  {{! standalone }}\nline {{! inline }} end\r\n{{#flag}}\r\ncrlf\r\n{{/flag}}\r\n"],
        ["main": "{{#items}}{{#flag}}{{name}} is flagged in {{count}}{{/flag}}{{/items}} {{#count}}{{.}}{{/count}} {{#name}}{{.}}{{/name}}"],
        ["main": "{{#items}}{{#items}}never{{/items}}{{^items}}{{name}} has none {{/items}}{{/items}}"],
        ["main": "é {{name}} \u{2028}{{#flag}}\n{{/flag}} ß"],
        ["main": "{{#reversed(items)}}{{name}}{{/reversed(items)}} {{uppercased(name)}} {{#empty(note)}}x{{/empty(note)}}"],
    ]

    @Test(arguments: Self.cases.indices)
    func rendersLikeSwiftMustache(_ index: Int) throws {
        let (ours, reference) = try both(Self.cases[index])
        #expect(ours == reference)
        #expect(!ours.isEmpty)
    }

    /// Renders `templates["main"]` handing the output over every `piece` bytes.
    func pieces(_ templates: [String: String], piece: Int) throws -> (pieces: [[UInt8]], rest: [UInt8]) {
        let compiled = try templates.mapValues { try TemplateParser.compile($0) }
        var renderer = TemplateRenderer(library: compiled, capacity: 0)
        var pieces: [[UInt8]] = []
        let rest = renderer.render(compiled["main"]!, object: Sample.example.templateValue, piece: piece) { pieces.append(Array($0)) }
        return (pieces, rest)
    }

    @Test(arguments: Self.cases.indices)
    func rendersTheSameInPieces(_ index: Int) throws {
        let (ours, _) = try both(Self.cases[index])
        let (pieces, rest) = try pieces(Self.cases[index], piece: 1)
        #expect(String(decoding: pieces.joined() + rest, as: UTF8.self) == ours)
    }

    /// A long list is handed over between its elements, once a piece is full;
    /// inside an indented partial it is kept, as its lines may still take the indentation.
    @Test func aListIsHandedOverBetweenItsElements() throws {
        let list = ["main": "<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>"]
        let (small, rest) = try pieces(list, piece: 1)
        #expect(small.map { String(decoding: $0, as: UTF8.self) } == ["<ul><li>un</li>", "<li>deux</li>", "<li>trois</li>"])
        #expect(String(decoding: rest, as: UTF8.self) == "</ul>")
        #expect(try pieces(list, piece: 20).pieces.count == 1)
        #expect(try pieces(list, piece: 1000).pieces.isEmpty)
        let indented = ["main": "<ul>\n  {{> list}}\n</ul>\n", "list": "{{#items}}\n<li>{{name}}</li>\n{{/items}}\n"]
        let (none, whole) = try pieces(indented, piece: 1)
        #expect(none.isEmpty)
        #expect(String(decoding: whole, as: UTF8.self) == (try both(indented).ours))
    }

    @Test func escapesTheFiveCharactersOfHTML() throws {
        var sample = Sample.example
        sample.name = "<a href=\"x\">Tom & 'Jerry'</a>"
        let (ours, _) = try both(["main": "{{name}}|{{{name}}}"], sample)
        #expect(ours == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;|<a href=\"x\">Tom & 'Jerry'</a>")
    }

    /// The macro hashes names when it expands; a template's names are hashed when it compiles.
    @Test func namesHashAsTheMacroDoes() {
        #expect(TemplateName("").hash == 0xcbf2_9ce4_8422_2325)
        #expect(TemplateName("a").hash == 0xaf63_dc4c_8601_ec8c)
        #expect(TemplateName("foobar").hash == 0x85944171f73967e8)
        let sample = Sample.example
        // The expansion's hash literals meet the hashes of compiled names.
        guard case .number(2) = sample.templateValue(TemplateName("count")) else { Issue.record("count not found"); return }
        guard case .null = sample.templateValue(TemplateName("counts")) else { Issue.record("a name it lacks found"); return }
    }

    /// The theme's words are found by the hash of the name the template wrote:
    /// every key of a table large enough for probes to collide, none other.
    @Test func aTableOfWordsFindsEachKeyByItsHash() {
        let words = Dictionary(uniqueKeysWithValues: (0..<600).map { ("key_\($0)", "mot \($0)") })
        let table = TemplateTable(words)
        var found = 0
        for (key, word) in words {
            guard case .text(let text) = table.templateValue(TemplateName(key)), text == word else {
                Issue.record("\(key) not found as \(word)")
                continue
            }
            found += 1
        }
        #expect(found == 600)
        for missing in ["key_600", "", "Key_1", "key_1 "] {
            guard case .null = table.templateValue(TemplateName(missing)) else { Issue.record("\(missing) found"); continue }
        }
        guard case .null = TemplateTable([:]).templateValue(TemplateName("key_1")) else { Issue.record("found in an empty table"); return }
        #expect(table["key_7"] == "mot 7")
        #expect(table == TemplateTable(words) && table != TemplateTable([:]))
    }

    /// After the save of one template, serve compiles that one again and takes
    /// the others as they were: the same tags, not a copy compiled anew.
    @Test func aThemeCompiledAgainReusesTheTemplatesWhoseTextIsTheSame() throws {
        var templates = Dictionary(uniqueKeysWithValues: Route.templates.map { ($0, (path: "\($0).mustache", text: "<p>{{\($0)}}</p>")) })
        let first = try #require(Theme.compile(templates).theme)
        templates["tutee"]!.text = "<h1>{{name}}</h1>"
        let texts = Dictionary(uniqueKeysWithValues: Route.templates.map { ($0, "<p>{{\($0)}}</p>") })
        let again = try #require(Theme.compile(templates, reusing: (first, texts)).theme)
        func tag(_ theme: Theme, _ name: String) -> UnsafeMutableRawPointer? {
            guard case .variable(let tag) = theme.library[name]?.plan[1] else { return nil }
            return tag.toOpaque()
        }
        #expect(Route.templates.count > 2)
        for name in Route.templates where name != "tutee" {
            #expect(tag(again, name) != nil && tag(again, name) == tag(first, name), "\(name) compiled again")
        }
        #expect(tag(again, "tutee") != nil && tag(again, "tutee") != tag(first, "tutee"))
        #expect(String(decoding: try #require(again.render(.object(TemplateObjectBox(Sample.example)), template: "tutee")), as: UTF8.self)
                == "<h1>Tom &amp; &lt;Jerry&gt;</h1>")
    }

    @Test func syntaxErrorsArePositioned() {
        #expect(throws: TemplateSyntaxError.self) { try TemplateParser.compile("ok\n{{#items}}\n") }
        do {
            _ = try TemplateParser.compile("line one\n  {{#items}}{{/item}}\n")
            Issue.record("a mismatched closing tag compiled")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 16)
            #expect(error.message.contains("{{/items}}"))
        }
        for unsupported in ["{{=<% %>=}}", "{{% CONTENT_TYPE: TEXT}}", "{{>*dynamic}}", "{{name"] {
            #expect(throws: TemplateSyntaxError.self) { try TemplateParser.compile(unsupported) }
        }
    }

    // MARK: Whole sites

    static let repository: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/")
    }()

    /// The fixture site these tests render, `Tests/Fixtures/sites/care-home/`.
    static let fixture = repository + "/Tests/Fixtures/sites/care-home"

    /// The fixture as it is, a year later (every alert firing), and in English.
    static func variant(_ index: Int, of config: String) -> String {
        switch index {
        case 1:
            // as_of: YYYY-MM-DD, one year on.
            let lines = config.components(separatedBy: "\n").map { line -> String in
                guard line.hasPrefix("as_of: "), let year = Int(line.dropFirst(7).prefix(4)) else { return line }
                return "as_of: \(year + 1)" + line.dropFirst(11)
            }
            precondition(lines != config.components(separatedBy: "\n"), "the fixture has an as_of")
            return lines.joined(separator: "\n")
        case 2: return config.replacingOccurrences(of: "language: fr", with: "language: en") + "base_url: https://intranet.example/tutorat\n"
        default: return config
        }
    }

    @Test(arguments: 0..<3)
    func everyPageRendersLikeSwiftMustache(_ index: Int) throws {
        let site = NSTemporaryDirectory() + "tutorat-render-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: site) }
        try FileManager.default.copyItem(atPath: Self.fixture + "/content", toPath: site + "/content")
        let config = site + "/content/site.yml"
        try Self.variant(index, of: String(contentsOfFile: config, encoding: .utf8)).write(toFile: config, atomically: true, encoding: .utf8)

        let options = BuildOptions(site: site, fallbackAsOf: Day(iso: "2026-11-24")!, generator: "tutorat test")
        let prepared = SiteBuilder.prepare(options)
        #expect(!prepared.2.hasErrors)
        let views = try #require(prepared.0)
        let theme = try #require(prepared.1)

        var reference = MustacheLibrary()
        let templates = BundledFiles.files(under: "themes/default/templates").filter { $0.hasSuffix(".mustache") }
        #expect(templates.count > 20)
        for file in templates {
            try reference.register(String(decoding: BundledFiles.read("themes/default/templates/" + file)!, as: UTF8.self), named: String(file.dropLast(9)))
        }
        var compared = 0
        // Every kind of page is compared: the fixture has each of the 19.
        #expect(Set(views.routes.map(\.template)).count == 19, "\(Set(views.routes.map(\.template)).sorted())")
        let renderer = OutputRenderer(views: views, theme: theme, root: site)
        for route in views.routes {
            let page = try renderer.pageView(route)
            let ours = try #require(theme.theme.render(page, template: route.template))
            let expected = try #require(reference.render(ReferencePage(page: page), withTemplate: route.template))
            #expect(String(decoding: ours, as: UTF8.self) == expected, "\(route)")
            compared += 1
        }
        #expect(compared > 16, "more pages than kinds")
    }
}
