import TutoratCore
import TutoratSite
import TutoratSource
import TutoratViews
import TutoratPublish
import TutoratLoad

/// Which files of the output a change makes stale. Every rule reads the site
/// before and after the change, so a reference that moved (a tutee handed to
/// another tutor) re-renders both ends. When in doubt a rule re-renders more:
/// rendering a page that did not change costs time, missing one would leave a
/// stale page, and the live build never rewrites a file whose bytes are the same.
package enum DependencyGraph {
    /// The pages that list or count documents: any document change renders them again.
    package static let aggregates: [OutputFile] = [
        .page(.home), .page(.programmes), .page(.roles), .page(.frameworks), .page(.tutors), .page(.tutees), .page(.dashboard),
        .page(.results), .page(.audit), .export(.auditTutors), .export(.auditSurveys), .export(.siteData), .sitemap,
    ]

    /// The stale files among `new`'s outputs, by path (files that only `old` had
    /// are removed by the caller). Files found by walking `newOutputs` keep the
    /// path they have there: on a template's change that is every page of a kind,
    /// and working out 10 000 paths again cost more than the rest of the pass.
    package static func affected(by change: ContentChange, old: SiteViews?, new: SiteViews,
                         newOutputs: [String: OutputFile], oldOutputs: [String: OutputFile],
                         templates: [String: String]) -> [String: OutputFile] {
        guard let old, !change.config, !change.strings, !change.everything else { return newOutputs }
        var stale: [String: OutputFile] = [:]
        // Files that did not exist before.
        if newOutputs.count != oldOutputs.count || !change.documents.isEmpty || change.contentAssets || change.themeAssets {
            for (path, file) in newOutputs where oldOutputs[path] == nil { stale[path] = file }
        }

        // What the rules name, which may be gone from the new site.
        var named = Set<OutputFile>()
        if !change.documents.isEmpty || change.charter { named.formUnion(aggregates) }
        if change.charter {
            named.formUnion([.page(.charter), .searchIndex])
        }
        if needsSearchIndex(change, old: old.site, new: new.site) { named.insert(.searchIndex) }
        var menuChanged = false
        for key in change.documents {
            for site in [old.site, new.site] {
                documentRule(key, in: site, into: &named, menuChanged: &menuChanged)
            }
        }
        if menuChanged { return newOutputs }
        for file in named {
            let path = file.path
            if newOutputs[path] != nil { stale[path] = file }
        }

        if !change.templates.isEmpty {
            let used = templatesUsing(change.templates, texts: templates)
            for (path, file) in newOutputs {
                switch file {
                case .page(let route) where used?.contains(route.template) != false: stale[path] = file
                // sitemap.xml and robots.txt are rendered by the templates of their names.
                case .sitemap where used?.contains(path) != false, .robots where used?.contains(path) != false: stale[path] = file
                default: break
                }
            }
        }
        if change.themeAssets {
            for (path, file) in newOutputs { if case .themeAsset = file { stale[path] = file } }
        }
        if change.contentAssets {
            for (path, file) in newOutputs { if case .contentAsset = file { stale[path] = file } }
        }
        return stale
    }

    /// The search index holds the public documents and, to remove them, the names of the tutees.
    package static func needsSearchIndex(_ change: ContentChange, old: Site, new: Site) -> Bool {
        for key in change.documents {
            guard key.kind == .tutee else { return true }
            let before = old.tutee(key.id)?.name, after = new.tutee(key.id)?.name
            if before != after { return true }
        }
        return false
    }

    /// What one document's page and the pages that show it are, in one site.
    private static func documentRule(_ key: DocumentKey, in site: Site, into stale: inout Set<OutputFile>, menuChanged: inout Bool) {
        switch key.kind {
        case .tutee:
            stale.formUnion([.page(.tutee(key.id)), .export(.tuteeCalendar(key.id))])
            guard let tutee = site.tutee(key.id) else { return }
            tuteeNeighbours(tutee, in: site, into: &stale)
        case .tutor:
            stale.formUnion([.page(.tutor(key.id)), .export(.tutorCalendar(key.id))])
            // Their tutees show the tutor's name; the pages listing those tutees show it too.
            let related = site.tutees(ofTutor: key.id) + site.tutees(substitutedBy: key.id)
                + site.tutees.filter { $0.supervisor?.value == key.id }
            for tutee in related {
                stale.formUnion([.page(.tutee(tutee.info.id)), .export(.tuteeCalendar(tutee.info.id))])
                tuteeNeighbours(tutee, in: site, into: &stale)
            }
        case .programme:
            stale.formUnion([.page(.programme(key.id)), .export(.evidence(key.id))])
            guard let programme = site.programme(key.id) else { return }
            if let framework = programme.framework?.value { stale.insert(.page(.framework(framework))) }
            for tutee in site.tutees(inProgramme: key.id) {
                stale.formUnion([.page(.tutee(tutee.info.id)), .export(.tuteeCalendar(tutee.info.id))])
                tuteeNeighbours(tutee, in: site, into: &stale)
            }
        case .framework:
            stale.insert(.page(.framework(key.id)))
            for programme in site.programmes where programme.framework?.value == key.id {
                documentRule(DocumentKey(kind: .programme, id: programme.info.id), in: site, into: &stale, menuChanged: &menuChanged)
            }
        case .role:
            stale.insert(.page(.role(key.id)))
            // Every programme page lists the role sheets.
            for programme in site.programmes { stale.insert(.page(.programme(programme.info.id))) }
            // A step owned by the role shows its title on the tutees' pages, and its kind picks the calendar.
            for programme in site.programmes where programme.phases.contains(where: { $0.steps.contains { $0.owner?.value == key.id } }) {
                documentRule(DocumentKey(kind: .programme, id: programme.info.id), in: site, into: &stale, menuChanged: &menuChanged)
            }
        case .page:
            stale.insert(.page(.page(key.id)))
            // A page in the menu is named on every page.
            if let index = site.pageIndex[key.id], site.pages[index].menu { menuChanged = true }
        case .survey:
            stale.insert(.page(.survey(key.id)))
            // The tutees who answered it show their responses with its questions.
            for tutee in site.tutees where tutee.responses.contains(where: { $0.survey.value == key.id }) {
                stale.insert(.page(.tutee(tutee.info.id)))
            }
        }
    }

    /// The pages and files that show a tutee besides their own: their tutor's,
    /// their substitute's, a supervisor who is a tutor, their programme's.
    private static func tuteeNeighbours(_ tutee: Tutee, in site: Site, into stale: inout Set<OutputFile>) {
        for tutor in [tutee.tutor.value, tutee.substitute?.value, tutee.supervisor?.value].compactMap({ $0 }) where site.tutor(tutor) != nil {
            stale.formUnion([.page(.tutor(tutor)), .export(.tutorCalendar(tutor))])
        }
        let programme = tutee.programme.value
        if site.programme(programme) != nil {
            stale.formUnion([.page(.programme(programme)), .export(.evidence(programme))])
        }
    }

    /// The templates that include one of `changed`, directly or through a
    /// partial or a parent (`{{> name}}`, `{{< name}}`), `changed` included;
    /// nil when a template includes something this cannot follow.
    package static func templatesUsing(_ changed: Set<String>, texts: [String: String]) -> Set<String>? {
        var includes: [String: Set<String>] = [:]
        for (name, text) in texts {
            guard let found = references(in: text) else { return nil }
            includes[name] = found
        }
        var result = changed
        var grew = true
        while grew {
            grew = false
            for (name, targets) in includes where !result.contains(name) && !targets.isDisjoint(with: result) {
                result.insert(name)
                grew = true
            }
        }
        return result
    }

    /// The names a template includes, or nil for a dynamic partial or a change of delimiters.
    /// One walk over the bytes: it runs on every template at each save of one.
    package static func references(in text: String) -> Set<String>? {
        var names = Set<String>()
        let bytes = Array(text.utf8)
        let brace = UInt8(ascii: "{"), closing = UInt8(ascii: "}")
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == brace, bytes[index + 1] == brace else { index += 1; continue }
            var start = index + 2
            var end = start
            while end + 1 < bytes.count, !(bytes[end] == closing && bytes[end + 1] == closing) { end += 1 }
            guard end + 1 < bytes.count else { break }
            index = end + 2
            while start < end, isBlank(bytes[start]) { start += 1 }
            guard start < end else { continue }
            let sigil = bytes[start]
            if sigil == UInt8(ascii: "=") { return nil }
            guard sigil == UInt8(ascii: ">") || sigil == UInt8(ascii: "<") else { continue }
            start += 1
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            if start == end || bytes[start] == UInt8(ascii: "*") { return nil }
            names.insert(String(decoding: bytes[start..<end], as: UTF8.self))
        }
        return names
    }
}
