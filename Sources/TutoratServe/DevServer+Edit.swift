import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import TutoratCore
import TutoratEdit
import TutoratMustache
import TutoratResources
import TutoratSource

/// `serve --edit`: the forms on tutee and tutor pages and the posts they send
/// (docs/recording.md). Off unless asked; every post is checked for its
/// `Host`, its `Origin`, its size, the run's secret token and the file's hash
/// before anything is written, and only files under `content/tutees/` (and
/// `content/tutors/` for an exchange), by real path, are ever written.
extension DevServer {
    static let recording = NSLock()

    /// A per-run secret: 32 random bytes, in hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares in a time that does not depend on where the texts differ.
    static func sameSecret(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }

    /// The site's language and strings and "today" (its `as_of`, else the build's own day), read at each request.
    func editSettings() -> (strings: [String: String], today: Day, language: Language) {
        let path = Disk.absolute(options.site) + "/content/site.yml"
        let config = (try? Disk.read(path)).flatMap { DocumentDecoder.siteConfig($0, path: "content/site.yml").value }
        let language = config?.language ?? .fr
        return (EditForms.strings(language), config?.asOf ?? options.fallbackAsOf, language)
    }

    /// The folder (`tutees` or `tutors`) and id of a served file `<folder>/<id>/index.html`, if it is one.
    static func editablePage(_ file: String) -> (folder: String, id: String)? {
        let parts = file.split(separator: "/")
        guard parts.count == 3, parts[0] == "tutees" || parts[0] == "tutors", parts[2] == "index.html", Identifier.isValid(String(parts[1]))
        else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// The exchange form for the tutor `id`, or nil when its file is not one `--edit` may write.
    func exchangeForm(id: String) -> [UInt8]? {
        guard let path = Recorder.progressFile(site: Disk.absolute(options.site), id: id, folder: "tutors"), let bytes = try? Disk.read(path) else { return nil }
        let context = editSettings()
        return EditForms.exchangeHTML(id: id, token: editToken, hash: Recorder.hash(bytes), today: context.today, strings: context.strings)
    }

    /// The forms for the tutee `id`, or nil when its file is not one `--edit` may write.
    func forms(id: String, typed: [String: String] = [:], form: EditForm? = nil, errors: [String] = [], message: String? = nil) -> [UInt8]? {
        guard let path = Recorder.progressFile(site: Disk.absolute(options.site), id: id), let bytes = try? Disk.read(path) else { return nil }
        let context = editSettings()
        var forms = EditForms(id: id, token: editToken, hash: Recorder.hash(bytes), today: context.today, strings: context.strings,
                              typed: typed, form: form)
        forms.fill(from: EditContext(site: Disk.absolute(options.site), id: id, bytes: bytes, strings: context.strings), typed: typed, form: form)
        forms.errors = errors
        forms.message = message
        return forms.html()
    }

    /// Adds the forms to a tutee page, before the end of its `<main>` (or of its body).
    func withForms(_ html: [UInt8], file: String) -> [UInt8] {
        guard configuration.edit, let page = Self.editablePage(file),
              let forms = page.folder == "tutors" ? exchangeForm(id: page.id) : forms(id: page.id) else { return html }
        for closing in ["</main>", "</body>"] {
            if let range = html.lastRange(of: Array(closing.utf8)) {
                return Array(html[..<range.lowerBound]) + forms + Array(html[range.lowerBound...])
            }
        }
        return html + forms
    }

    /// A post of one of the forms.
    func handleEdit(_ request: Request, id: String, form: EditForm) async -> Response {
        // A page of another site may post here from the user's browser: its Origin says so.
        if let origin = request.headers[.origin] {
            let host = request.head.authority ?? ""
            guard origin == "http://" + host else {
                return Self.text(.forbidden, "refused: a form of this server is posted from its own pages only, not from '\(HostCheck.printable(origin))'\n")
            }
        }
        let cap = configuration.limits.formBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > cap {
            return Self.text(.contentTooLarge, "refused: a form is at most \(cap) bytes\n")
        }
        var body: [UInt8] = []
        do {
            for try await chunk in request.body {
                body += chunk.readableBytesView
                if body.count > cap { return Self.text(.contentTooLarge, "refused: a form is at most \(cap) bytes\n") }
            }
        } catch {
            return Self.text(.badRequest, "bad request: the form could not be read\n")
        }
        let fields = FormBody.parse(body)
        guard let token = fields["token"], Self.sameSecret(token, editToken) else {
            return Self.text(.forbidden, "refused: the form has no valid token (reload the page: each run of serve --edit has its own)\n")
        }
        let site = Disk.absolute(options.site)
        // One post at a time: two forms sent together cannot both pass the hash and then overwrite each other.
        let outcome = await Self.offload { Self.recording.withLock { Recorder.record(site: site, id: id, form: form, fields: fields) } }
        let folder = form.folder
        switch outcome {
        case .written:
            if let path = Recorder.progressFile(site: site, id: id, folder: folder) {
                let live = self.live
                _ = await Self.offload {
                    live?.changed([path, site + "/content/\(folder)/\(id).md"])
                    return live?.waitUntilIdle(timeout: .seconds(10)) ?? false
                }
            }
            return Response(status: .seeOther, headers: Self.fields([
                (.location, "/\(folder)/\(id)/"), (.contentType, "text/plain; charset=utf-8"), (.cacheControl, "no-store"),
            ]))
        case .stale where folder == "tutors":
            return Self.text(.conflict, (editSettings().strings["edit_stale"] ?? "The file changed on disk: nothing was written.") + "\n")
        case .invalid(let errors) where folder == "tutors":
            return Self.text(.unprocessableContent, (editSettings().strings["edit_errors"] ?? "Nothing was written.") + "\n" + errors.joined(separator: "\n") + "\n")
        case .forbidden(let message):
            return Self.text(.forbidden, "refused: \(message)\n")
        case .stale:
            return answer(request, status: .conflict, id: id, form: form, fields: fields, errors: [],
                          message: editSettings().strings["edit_stale"] ?? "The file changed on disk: nothing was written.")
        case .invalid(let errors):
            return answer(request, status: .unprocessableContent, id: id, form: form, fields: fields, errors: errors, message: nil)
        }
    }

    /// The forms again, with the values typed and what went wrong, on a page of their own.
    private func answer(_ request: Request, status: HTTPResponse.Status, id: String, form: EditForm, fields: [String: String],
                        errors: [String], message: String?) -> Response {
        var typed = fields
        typed["token"] = nil
        typed["hash"] = nil
        let forms = forms(id: id, typed: typed, form: form, errors: errors, message: message) ?? []
        let settings = editSettings()
        let template = String(decoding: BundledFiles.read("serve/edit.html") ?? [], as: UTF8.self)
            .replacingOccurrences(of: "{id}", with: id)
            .replacingOccurrences(of: "{lang}", with: settings.language.rawValue)
            .replacingOccurrences(of: "{back}", with: MarkupEscaping.escape(settings.strings["edit_back"] ?? "Back"))
        let page = Array(template.replacingOccurrences(of: "<!-- forms -->", with: String(decoding: forms, as: UTF8.self)).utf8)
        return Self.respond(request, status: status, type: "text/html; charset=utf-8", body: page)
    }
}

extension Array where Element == UInt8 {
    /// The last place `pattern` occurs, compared without case for ASCII letters.
    fileprivate func lastRange(of pattern: [UInt8]) -> Range<Int>? {
        guard count >= pattern.count else { return nil }
        var index = count - pattern.count
        while index >= 0 {
            var matches = true
            for offset in 0..<pattern.count {
                var byte = self[index + offset]
                if byte >= 65 && byte <= 90 { byte += 32 }
                if byte != pattern[offset] { matches = false; break }
            }
            if matches { return index..<(index + pattern.count) }
            index -= 1
        }
        return nil
    }
}
