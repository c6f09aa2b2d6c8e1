import TutoratCore
import TutoratMustache
import TutoratResources

/// The script `serve` adds to every HTML page it sends (never to the files on
/// disk): it listens to the server's events, reloads the page when its file
/// changes, and shows build errors over the page until they are fixed.
enum LiveScript {
    static let path = "/__tutorat/live.js"
    static let eventsPath = "/__tutorat/events"

    /// The tag added before `</body>`; `pages` are the output files the page shows.
    static func tag(pages: [String]) -> String {
        "<script src=\"\(path)\" data-pages=\"\(MarkupEscaping.escape(pages.joined(separator: ",")))\"></script>"
    }

    /// Adds the script to an HTML page, before its last `</body>` (or at the end).
    static func inject(into html: [UInt8], pages: [String]) -> [UInt8] {
        let tag = Array(tag(pages: pages).utf8)
        let closing = Array("</body>".utf8)
        if html.count >= closing.count {
            var index = html.count - closing.count
            while index >= 0 {
                if lowercasedMatch(html, at: index, closing) {
                    return Array(html[..<index]) + tag + Array(html[index...])
                }
                index -= 1
            }
        }
        return html + tag
    }

    private static func lowercasedMatch(_ bytes: [UInt8], at index: Int, _ pattern: [UInt8]) -> Bool {
        for offset in 0..<pattern.count {
            var byte = bytes[index + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != pattern[offset] { return false }
        }
        return true
    }

    /// The script itself (`TutoratResources/files/serve/live.js`).
    static let javascript: [UInt8] = BundledFiles.read("serve/live.js") ?? []

    /// The page served instead of any page while the site has never built: the
    /// errors, each escaped, in `serve/errors.html`'s list.
    static func errorPage(_ errors: [Diagnostic]) -> [UInt8] {
        let page = String(decoding: BundledFiles.read("serve/errors.html") ?? [], as: UTF8.self)
        let items = errors.prefix(200).map { "<li><pre>\(MarkupEscaping.escape($0.description))</pre></li>\n" }.joined()
        return Array(page.replacingOccurrences(of: "<!-- errors -->\n", with: items).utf8)
    }
}
