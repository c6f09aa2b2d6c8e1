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
