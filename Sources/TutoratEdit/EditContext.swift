import TutoratCore
import TutoratSource

/// What the forms offer for one tutee, read from its file, its programme and the
/// programme's framework: the competencies and scale, the steps not yet marked, the open concerns.
public struct EditContext: Sendable {
    public struct Item: Sendable {
        public var id: String
        public var title: String
    }

    public var competencies: [Item] = []
    public var scale: [ScaleLevel] = []
    public var steps: [Item] = []
    public var openConcerns: [(index: Int, label: String)] = []

    public init() {}

    /// Reads `content/` of `site` for the tutee whose file is `bytes`; labels in `strings`.
    public init(site: String, id: String, bytes: [UInt8], strings: [String: String]) {
        guard let tutee = DocumentDecoder.tutee(bytes, id: id, path: "content/tutees/\(id).md").value else { return }
        openConcerns = tutee.concerns.enumerated().filter { $0.element.isOpen }.map { index, concern in
            (index, "\(concern.date.value.iso) — \(strings["concern_\(concern.category.rawValue)"] ?? concern.category.rawValue)")
        }
        let programmeID = tutee.programme.value
        guard Identifier.isValid(programmeID),
              let programmeBytes = try? Disk.read(site + "/content/programmes/\(programmeID).md"),
              let programme = DocumentDecoder.programme(programmeBytes, id: programmeID, path: "content/programmes/\(programmeID).md").value
        else { return }
        let marked = Set(tutee.checklist.map(\.step.value))
        steps = programme.trackedSteps.compactMap { step in step.id.flatMap { marked.contains($0) ? nil : Item(id: $0, title: step.title) } }
        // A framework is read under each name the loader accepts (`.yml`, `.yaml`).
        guard let frameworkID = programme.framework?.value, Identifier.isValid(frameworkID),
              let (path, frameworkBytes) = DocumentKind.framework.extensions.lazy.compactMap({ ext -> (String, [UInt8])? in
                  let path = "content/frameworks/\(frameworkID)\(ext)"
                  return (try? Disk.read(site + "/" + path)).map { (path, $0) }
              }).first,
              let framework = DocumentDecoder.framework(frameworkBytes, id: frameworkID, path: path).value
        else { return }
        competencies = framework.competencies.map { Item(id: $0.id, title: $0.title) }
        scale = framework.scale
    }
}
