import Foundation
import TutoratCore
import TutoratResources

/// `tutorat init DIR`: a small site that builds at once and passes `check`,
/// in French or English: a charter, one programme with its framework, two
/// role sheets, two tutors, two tutees (one active, one whose tutoring is
/// over), a free page, a `.gitignore` and a README. Dates are counted from
/// `today`, so the example is current (no `as_of`: the site follows the clock).
/// The theme is the one built into tutorat; the site's README says how to override
/// one of its templates (`tutorat theme copy`).
public enum SiteInit {
    public static let languages = ["fr", "en"]

    /// Writes the site; returns the files written, relative to `folder`.
    @discardableResult
    public static func create(at folder: String, language: String, today: Day) throws(ScaffoldFailure) -> [String] {
        guard languages.contains(language) else { throw ScaffoldFailure("the language should be fr or en, not '\(language)'") }
        let root = Disk.absolute(folder)
        switch Disk.kind(root) {
        case nil:
            do { try Disk.createDirectory(root) } catch { throw ScaffoldFailure("\(error)") }
        case .directory?:
            guard Disk.list(root).isEmpty else {
                throw ScaffoldFailure("\(root) is not empty: tutorat init writes a new site into an empty or new folder")
            }
        default:
            throw ScaffoldFailure("\(root) exists and is not a folder")
        }
        // The sample site is a folder of files built into tutorat (TutoratResources/files/init/<language>/).
        let sample = "init/" + language
        let files = Dictionary(uniqueKeysWithValues: BundledFiles.files(under: sample).map { path in
            (path, fill(String(decoding: BundledFiles.read(sample + "/" + path) ?? [], as: UTF8.self), today: today))
        })
        do {
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                let target = root + "/" + path
                try Disk.createDirectory((target as NSString).deletingLastPathComponent)
                try Disk.write(Array(text.utf8), to: target)
            }
        } catch {
            throw ScaffoldFailure("\(error)")
        }
        return files.keys.sorted()
    }

    /// Replaces `{{d+N}}` / `{{d-N}}` with the day N days from today, `{{year}}`
    /// with this year, and `{{name}}` with its value; other braces stay as they are.
    package static func fill(_ text: String, today: Day, values: [String: String] = [:]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let token = rest[open.upperBound..<close.lowerBound]
            if let value = values[String(token)] {
                out += value
            } else if token == "year" {
                out += String(today.iso.prefix(4))
            } else if token.hasPrefix("d"), let offset = Int(token.dropFirst().replacingOccurrences(of: "+", with: "")) {
                out += today.adding(days: offset).iso
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
