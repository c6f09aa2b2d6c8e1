import Foundation
import Testing
import TutoratMustache
import TutoratViews

/// Counts the views a lazy list makes, from whichever thread renders.
final class MadeViews: @unchecked Sendable {
    private let lock = NSLock()
    private var made = 0
    func count() { lock.withLock { made += 1 } }
    var total: Int { lock.withLock { made } }
}

@TemplateFields
struct LazyRow: Sendable {
    var name: String
    var rank: Int
}

@TemplateFields
struct LazyListing: Sendable {
    var rows: LazyViews<LazyRow>
}

@TemplateFields
struct EagerListing: Sendable {
    var rows: [LazyRow]
}

@Suite struct LazyViewsTests {
    static let names = ["Zoé", "Amir", "Lou <3", "Inès"]

    func render<T: TemplateConvertible>(_ template: String, _ value: T) throws -> String {
        let compiled = try TemplateParser.compile(template)
        var renderer = TemplateRenderer(library: ["main": compiled], capacity: 0)
        renderer.render(compiled, object: value.templateValue)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    func lazy(_ made: MadeViews) -> LazyListing {
        LazyListing(rows: LazyViews(count: Self.names.count) { index in
            made.count()
            return LazyRow(name: Self.names[index], rank: index + 1)
        })
    }

    @Test func rendersAsTheArrayItStandsFor() throws {
        let eager = EagerListing(rows: Self.names.enumerated().map { LazyRow(name: $1, rank: $0 + 1) })
        let templates = [
            "{{#rows}}{{rank}}. {{name}}{{^last()}}, {{/last()}}{{/rows}}",
            "{{count(rows)}} {{#empty(rows)}}none{{/empty(rows)}}{{^empty(rows)}}some{{/empty(rows)}}",
            "{{#first(rows)}}{{name}}{{/first(rows)}}|{{#last(rows)}}{{name}}{{/last(rows)}}|{{#reversed(rows)}}{{rank}}{{/reversed(rows)}}",
        ]
        for template in templates {
            let expected = try render(template, eager)
            #expect(!expected.isEmpty)
            #expect(try render(template, lazy(MadeViews())) == expected, "\(template)")
        }
        #expect(try render(templates[0], lazy(MadeViews())) == "1. Zoé, 2. Amir, 3. Lou &lt;3, 4. Inès")
    }

    @Test func makesEachViewWhenReachedAndOnlyThen() throws {
        let counted = MadeViews()
        _ = try render("{{count(rows)}}{{^empty(rows)}}!{{/empty(rows)}}", lazy(counted))
        #expect(counted.total == 0, "a count or an emptiness test makes no view")

        let listed = MadeViews()
        _ = try render("{{#rows}}{{name}}{{/rows}}", lazy(listed))
        #expect(listed.total == Self.names.count, "one view per row, made once")
    }
}
