import Foundation

/// The fixture site the end-to-end tests build, `Tests/Fixtures/sites/care-home/`:
/// a complete site with every kind of file, owned by the tests, so that editing
/// the bundled example (`content/`) changes no test. Figures the tests expect
/// are read from the fixture's files where they can be.
///
/// A target of its own (Foundation only), shared by the pipeline, serve and
/// command-line tests.
public enum CareHome {
    /// The repository's root folder.
    public static let repository: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/")
    }()

    public static let site = repository + "/Tests/Fixtures/sites/care-home"
    public static let content = site + "/content"

    /// The ids of the files in one folder of the fixture's content (`tutees`, `tutors`…), sorted.
    public static func ids(_ folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: content + "/" + folder)) ?? []
        return files.filter { $0.hasSuffix(".md") || $0.hasSuffix(".yml") }.map { String($0.split(separator: ".")[0]) }.sorted()
    }

    /// The names of the files in one folder of the fixture's content (`assets/documents`…), sorted.
    public static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: content + "/" + folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The text of one file of the fixture (path under `content/`).
    public static func text(_ relative: String) -> String {
        (try? String(contentsOfFile: content + "/" + relative, encoding: .utf8)) ?? ""
    }

    /// The lines of one file of the fixture.
    public static func lines(_ relative: String) -> [String] {
        text(relative).components(separatedBy: "\n")
    }

    /// The value of a top-level `field:` of a file's front matter, as written.
    public static func field(_ field: String, of relative: String) -> String? {
        text(relative).split(separator: "\n").first { $0.hasPrefix(field + ": ") }
            .map { String($0.dropFirst(field.count + 2)).trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
    }

    /// The 1-based number of the first line of a file that starts with `prefix`.
    public static func lineNumber(of prefix: String, in relative: String) -> Int? {
        lines(relative).firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
    }

    /// The lines of a Markdown file's body (after its front matter), as written.
    public static func body(_ relative: String) -> [String] {
        let all = lines(relative)
        guard all.first == "---", let end = all.dropFirst().firstIndex(of: "---") else { return all }
        return Array(all[(end + 1)...])
    }

    /// The first line of prose in a Markdown file's body: not blank, not a
    /// heading, not a list or a quote, and made of letters, spaces and plain
    /// punctuation only, so that it reads the same in the page as in the file.
    public static func proseLine(of relative: String) -> String? {
        let plain = CharacterSet.letters.union(.decimalDigits).union(CharacterSet(charactersIn: " .,;:’-()"))
        return body(relative).first { line in
            guard let first = line.unicodeScalars.first, CharacterSet.letters.contains(first) else { return false }
            return line.unicodeScalars.allSatisfy { plain.contains($0) } && !line.hasSuffix(" ")
        }
    }

    /// The first `## ` heading of a Markdown file, as written.
    public static func heading(of relative: String) -> String? {
        body(relative).first { $0.hasPrefix("## ") }
    }

    /// A tutee of the fixture as the tests that open and edit its page see it.
    public struct Tutee: Sendable {
        public var id: String
        public var name: String
        public var tutor: String
        /// A line of its journal, as written in its file and shown in its page.
        public var proseLine: String
        /// The file under `content/`.
        public var file: String { "tutees/\(id).md" }
        /// The 1-based line of its `tutor:` field in its file.
        public var tutorLine: Int { CareHome.lineNumber(of: "tutor: ", in: file) ?? 0 }
    }

    /// The first tutee of the fixture (by id) with a name, a tutor and a line of
    /// plain prose in its journal; nil only if the fixture has none.
    public static var editableTutee: Tutee? {
        ids("tutees").lazy.compactMap { id -> Tutee? in
            let file = "tutees/\(id).md"
            guard let name = field("name", of: file), let tutor = field("tutor", of: file), let line = proseLine(of: file) else { return nil }
            return Tutee(id: id, name: name, tutor: tutor, proseLine: line)
        }.first
    }

    /// A new empty temporary folder.
    public static func temporaryFolder(_ prefix: String = "tutorat-tests-") -> String {
        let path = NSTemporaryDirectory() + prefix + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A copy of the fixture in a new temporary folder, for a test that edits it.
    public static func copy(_ prefix: String = "tutorat-tests-") throws -> String {
        let site = temporaryFolder(prefix)
        try FileManager.default.copyItem(atPath: content, toPath: site + "/content")
        return site
    }
}

extension String {
    /// The text with every `existing` replaced by `new`; nil when `existing` is not
    /// in it, so that a test editing a file cannot go on with an edit that changed nothing.
    public func replacing(existing: String, with new: String) -> String? {
        contains(existing) ? replacingOccurrences(of: existing, with: new) : nil
    }
}
