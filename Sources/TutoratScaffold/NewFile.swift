import Foundation
import TutoratCore
import TutoratLoad
import TutoratResources
import TutoratSite
import TutoratSource

/// `tutorat new tutee|tutor|programme|role|page ID`: a content file with every
/// field of its kind written out and explained in a comment, dated today, in
/// the site's language. The file passes `check` as it is: a new tutee follows
/// the first programme and the first tutor of the site (and `new tutee`
/// refuses to run before there is one of each), a new programme uses the
/// first framework.
public enum NewFile {
    public enum Kind: String, CaseIterable, Sendable {
        case tutee, tutor, programme, role, page

        var documentKind: DocumentKind {
            switch self {
            case .tutee: return .tutee
            case .tutor: return .tutor
            case .programme: return .programme
            case .role: return .role
            case .page: return .page
            }
        }
    }

    /// Writes the file; returns its path relative to the site.
    @discardableResult
    public static func create(_ kind: Kind, id: String, site: String, today: Day) throws(ScaffoldFailure) -> String {
        guard Identifier.isValid(id) else {
            throw ScaffoldFailure("'\(id)' is not a valid id: use lowercase letters, digits and single hyphens, like marie-dupont")
        }
        if kind == .page, SiteResolver.reservedPaths.contains(id) {
            throw ScaffoldFailure("'\(id)' is the address of a page tutorat writes itself (/\(id)/): choose another id")
        }
        let root = Disk.absolute(site)
        let content = root + "/content"
        guard Disk.kind(content) == .directory else {
            throw ScaffoldFailure("no content folder in \(root): run tutorat init first, or pass --site DIR")
        }
        let folder = "content/\(kind.documentKind.folder)"
        let relative = "\(folder)/\(id).md"
        guard !Disk.exists(root + "/" + relative) else { throw ScaffoldFailure("\(relative) already exists") }
        let language = (try? Disk.read(content + "/site.yml")).flatMap { DocumentDecoder.siteConfig($0, path: "content/site.yml").value?.language }
        var values: [String: String] = [:]
        switch kind {
        case .tutee:
            let programmes = ids(in: root, .programme)
            let tutors = ids(in: root, .tutor)
            guard let programme = programmes.first else {
                throw ScaffoldFailure("a tutee follows a programme, and the site has none yet: tutorat new programme ID first")
            }
            guard let tutor = tutors.first else {
                throw ScaffoldFailure("a tutee has a tutor, and the site has none yet: tutorat new tutor ID first")
            }
            let decoded = (try? Disk.read(root + "/content/programmes/\(programme).md"))
                .flatMap { DocumentDecoder.programme($0, id: programme, path: "").value }
            let end = today.adding(days: (decoded?.durationWeeks ?? 12) * 7)
            values = ["programme": programme, "tutor": tutor, "end": end.iso,
                      "substitute-line": tutors.dropFirst().first.map { "substitute: \($0)" } ?? "substitute:",
                      "checklist-lines": checklistLines(decoded?.trackedSteps ?? [], start: today, end: end)]
        case .programme:
            values = ["framework-line": ids(in: root, .framework).first.map { "framework: \($0)" } ?? "framework:"]
        case .tutor, .role, .page: break
        }
        // The file templates are files built into tutorat (TutoratResources/files/new/<language>/<kind>.md).
        let template = BundledFiles.read("new/\(language == .en ? "en" : "fr")/\(kind.rawValue).md") ?? []
        let text = SiteInit.fill(String(decoding: template, as: UTF8.self), today: today, values: values)
        do {
            try Disk.createDirectory(root + "/" + folder)
            // O_EXCL-like: refuse to overwrite a file created in the meantime.
            guard !Disk.exists(root + "/" + relative) else { throw ScaffoldFailure("\(relative) already exists") }
            try Disk.write(Array(text.utf8), to: root + "/" + relative)
        } catch let failure as ScaffoldFailure {
            throw failure
        } catch {
            throw ScaffoldFailure("\(error)")
        }
        return relative
    }

    /// The programme's steps as commented lines, each with the day it falls due.
    static func checklistLines(_ steps: [Step], start: Day, end: Day) -> String {
        guard !steps.isEmpty else { return "  # (no step with an id in the programme yet)" }
        return steps.map { step in
            "  # \(step.id!): \(step.due(start: start, end: end)?.iso ?? "YYYY-MM-DD")   # \(step.title)"
        }.joined(separator: "\n")
    }

    /// The valid ids of a kind's files, sorted.
    package static func ids(in root: String, _ kind: DocumentKind) -> [String] {
        Disk.list(root + "/content/" + kind.folder).compactMap { name -> String? in
            guard !ContentReader.ignored(name), let ext = kind.extensions.first(where: { name.hasSuffix($0) }) else { return nil }
            let id = String(name.dropLast(ext.count))
            return Identifier.isValid(id) ? id : nil
        }.sorted()
    }

}
