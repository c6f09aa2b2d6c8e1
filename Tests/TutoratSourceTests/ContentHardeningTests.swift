import Testing
import TutoratCore
@testable import TutoratSource

/// `base_url` starts every link of every page: only an absolute http(s)
/// address of a host is accepted, and anything else is an error at its value.
@Suite struct BaseURLTests {
    static func decode(_ value: String) -> Decoded<SiteConfig> {
        DocumentDecoder.siteConfig(Array("title: T\norganisation: O\nbase_url: \(value)\n".utf8), path: "content/site.yml")
    }

    static let refused = [
        "\"javascript:alert(1)//\"", "\"JavaScript:alert(1)//\"", "\"data:text/html,x\"", "\"//evil.example/\"", "/tutorat/",
        "\"https://\"", "\"https:///x\"", "\"https://user:pass@intranet.example/\"", "\"https://evil.example@intranet.example/\"",
        "\"https://intra net.example/\"", "\"https://intranet.example/\\ttutorat/\"", "\"https://intranet.example/a\\u200B\"",
        "\"https:\\\\\\\\evil.example\"", "\"ftp://intranet.example/\"", "\"https://intranet.example/?a=b\"",
        "\"https://intranet.example:99999/\"", "\"https://intranet.example:/\"", "\"https://-bad.example/\"",
        "\"https://intranet.example/\\u200Ftutorat/\"", "\" https://intranet.example/\"",
    ]

    static let accepted = [
        "https://intranet.example/tutorat/", "https://intranet.example/tutorat", "http://localhost:8080/",
        "HTTPS://Intranet.Example/", "https://[::1]:8443/tutorat/", "https://xn--intranet-9za.example./", "https://intranét.example/",
    ]

    @Test func anythingButAnAbsoluteHTTPAddressIsAnErrorAtItsValue() throws {
        #expect(!Self.refused.isEmpty)
        for value in Self.refused {
            let decoded = Self.decode(value)
            let error = try #require(decoded.diagnostics.first { $0.code == "E-URL" }, "\(value) is refused")
            #expect(error.severity == .error)
            #expect(error.location == SourceLocation(file: "content/site.yml", line: 3, column: 11), "at the value: \(value)")
            #expect(error.hint?.contains("base_url: https://") == true, "the hint shows a valid example")
            #expect(decoded.value?.baseURL == nil, "\(value) never reaches the links")
        }
    }

    @Test func absoluteHTTPAddressesAreKept() throws {
        #expect(!Self.accepted.isEmpty)
        for value in Self.accepted {
            let decoded = Self.decode(value)
            #expect(decoded.diagnostics.isEmpty, "\(value): \(decoded.diagnostics)")
            #expect(decoded.value?.baseURL == value)
        }
    }
}

/// Control characters are refused at their line and column; bidirectional
/// controls are removed, with a warning at the first.
@Suite struct ControlCharacterTests {
    static let forbidden: [UInt32] = [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F]
    static let bidi: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    static func page(_ text: String) -> Decoded<Page> {
        DocumentDecoder.page(Array(text.utf8), id: "p", path: "content/pages/p.md")
    }

    @Test func everyControlCharacterIsAnErrorAtItsPosition() throws {
        #expect(!Self.forbidden.isEmpty)
        for value in Self.forbidden {
            let control = String(Character(Unicode.Scalar(value)!))
            for (text, line, column) in [("---\ntitle: Ti\(control)tre\n---\nTexte\n", 2, 10), ("---\r\ntitle: Titre\r\n---\r\nUn\ttexte\(control)\r\n", 4, 9),
                                         ("Sans champs, é\(control)\n", 1, 15)] {
                let decoded = Self.page(text)
                let error = try #require(decoded.diagnostics.first { $0.code == "E-CONTROL" }, "U+\(String(value, radix: 16)) in \(text.debugDescription)")
                #expect(error.severity == .error)
                #expect(error.location == SourceLocation(file: "content/pages/p.md", line: line, column: column), "U+\(String(value, radix: 16))")
                #expect(decoded.value == nil)
            }
            let config = DocumentDecoder.siteConfig(Array("title: T\norganisation: O\(control)\n".utf8), path: "content/site.yml")
            #expect(config.diagnostics.map(\.code) == ["E-CONTROL"])
            #expect(config.diagnostics.first?.location == SourceLocation(file: "content/site.yml", line: 2, column: 16))
        }
    }

    @Test func escapesThatWriteAControlCharacterAreAnErrorAtTheValue() throws {
        for escape in ["\\0", "\\a", "\\x07", "\\u001B", "\\N", "\\e", "\\x7F"] {
            let decoded = Self.page("---\ntitle: Titre\nnote: \"a\(escape)b\"\n---\n")
            let error = try #require(decoded.diagnostics.first { $0.code == "E-CONTROL" }, "\(escape)")
            #expect(error.location == SourceLocation(file: "content/pages/p.md", line: 3, column: 7))
        }
    }

    @Test func tabsLineEndsAndOrdinaryInvisiblesAreFine() {
        let decoded = Self.page("---\r\ntitle: \"Un\\ttitre\\u00A0!\"\r\n---\r\nUn\ttexte\u{200E} \u{A0}!\r\rFin\n")
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        #expect(decoded.value?.title == "Un\ttitre\u{A0}!")
    }

    @Test func bidiControlsAreRemovedFromValuesAndBodiesWithAWarning() throws {
        #expect(!Self.bidi.isEmpty)
        for value in Self.bidi {
            let control = String(Character(Unicode.Scalar(value)!))
            let decoded = Self.page("---\ntitle: Ti\(control)tre\nnote: \"x\\u\(String(value, radix: 16))y\"\n---\nTe\(control)xte\n")
            let page = try #require(decoded.value)
            #expect(page.title == "Titre")
            #expect(page.info.extra["note"].map { "\($0)".unicodeScalars.contains { ControlCharacters.isBidiControl($0.value) } } == false)
            #expect(page.info.body == "Texte\n")
            #expect(decoded.diagnostics.map(\.code) == ["W-BIDI"])
            #expect(decoded.diagnostics.first?.location == SourceLocation(file: "content/pages/p.md", line: 2, column: 10))
            let framework = DocumentDecoder.framework(Array("title: R\(control)éf\nscale: []\ncompetencies: []\n".utf8), id: "f", path: "content/frameworks/f.yml")
            #expect(framework.value?.title == "Réf")
            #expect(framework.diagnostics.first { $0.code == "W-BIDI" }?.location == SourceLocation(file: "content/frameworks/f.yml", line: 1, column: 9))
        }
    }
}
