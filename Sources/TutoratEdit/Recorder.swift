import Foundation
import TutoratCore
import TutoratSource

/// Records a posted entry in the file of the person it is about (a tutee's progress
/// file, a tutor's file for an exchange): finds the file by its real path under its
/// content folder, refuses a file changed since the form was served, plans the
/// insertion, decodes the result and writes it only when it adds no error.
public enum Recorder {
    public enum Outcome: Sendable, Equatable {
        case written
        /// The entry is not valid, or would add these errors: nothing was written.
        case invalid([String])
        /// The file changed on disk since the form was served.
        case stale
        /// Not a file `serve --edit` may write.
        case forbidden(String)
    }

    /// The hash a form carries of the file it was served with.
    public static func hash(_ bytes: [UInt8]) -> String {
        StableHash.hex(StableHash.of(bytes))
    }

    /// The file of `id` in `site` (a tutee's, or a tutor's with `folder: "tutors"`), by its
    /// real path, if it is a regular file under the real `content/<folder>/`.
    public static func progressFile(site: String, id: String, folder name: String = "tutees") -> String? {
        guard Identifier.isValid(id), let folder = Disk.realPath(site + "/content/" + name),
              let real = Disk.realPath(folder + "/" + id + ".md"), real.hasPrefix(folder + "/"), Disk.kind(real) == .file
        else { return nil }
        return real
    }

    /// A competency, level or step that the tutee's programme does not have (checked here:
    /// the decoder alone does not know the programme).
    static func outsideProgramme(site: String, id: String, form: EditForm, fields: [String: String], bytes: [UInt8]) -> String? {
        guard form == .assessment || form == .checklist else { return nil }
        let context = EditContext(site: site, id: id, bytes: bytes, strings: [:])
        // Trimmed as the entry will be (PostedEntry.read).
        func field(_ name: String) -> String { (fields[name] ?? "").trimmingWhitespace() }
        if form == .checklist {
            let step = field("step")
            return context.steps.contains { $0.id == step } ? nil : "'\(step)' is not a step of the programme left to mark"
        }
        // Without a framework read, nothing says which competency or level is right: refused rather than guessed.
        guard !context.competencies.isEmpty, !context.scale.isEmpty else {
            return "the programme's framework cannot be read (tutorat check says why): record the assessment in the file"
        }
        let competency = field("competency")
        if !context.competencies.contains(where: { $0.id == competency }) {
            return "'\(competency)' is not a competency of the programme's framework"
        }
        let level = field("level")
        if !context.scale.contains(where: { String($0.level) == level }) {
            return "level '\(level)' is not on the framework's scale"
        }
        return nil
    }

    public static func record(site: String, id: String, form: EditForm, fields: [String: String]) -> Outcome {
        let tutor = form == .exchange
        guard let path = progressFile(site: site, id: id, folder: form.folder) else {
            return .forbidden("only files under content/tutees/ (and content/tutors/ for exchanges) are written, and '\(id)' is not one")
        }
        guard let bytes = try? Disk.read(path) else { return .forbidden("cannot read the progress file of '\(id)'") }
        guard fields["hash"] == hash(bytes) else { return .stale }
        if let refusal = outsideProgramme(site: site, id: id, form: form, fields: fields, bytes: bytes) { return .invalid([refusal]) }
        let insertion: Insertion
        do {
            switch PostedEntry.read(form: form, fields) {
            case .failure(let refusal): return .invalid([refusal.message])
            case .success(.session(let entry)): insertion = try EditPlanner.session(entry, in: bytes)
            case .success(.journal(let entry)): insertion = try EditPlanner.journal(entry, in: bytes)
            case .success(.assessment(let entry)): insertion = try EditPlanner.assessment(entry, in: bytes)
            case .success(.checklist(let entry)): insertion = try EditPlanner.checklist(entry, in: bytes)
            case .success(.concern(let entry)): insertion = try EditPlanner.concern(entry, in: bytes)
            case .success(.action(let entry)): insertion = try EditPlanner.action(entry, in: bytes)
            case .success(.exchange(let day)): insertion = try EditPlanner.exchange(day, in: bytes)
            }
        } catch {
            return .invalid([error.message])
        }
        let checked = EditCheck.check(insertion, in: bytes, id: id, path: "content/\(form.folder)/\(id).md", tutor: tutor)
        guard checked.isValid else { return .invalid(checked.newErrors.map(\.description)) }
        // Read again just before writing: a save in an editor since is never overwritten.
        guard let again = try? Disk.read(path), again == bytes else { return .stale }
        do { try Disk.replace(checked.bytes, at: path, keepingPermissions: true) } catch { return .invalid(["cannot write the file: \(error)"]) }
        return .written
    }
}
