import TutoratCore
import TutoratSource
import TutoratYAML

extension EditPlanner {
    /// Adds an assessment to the competency's `assessments`, adding the competency to
    /// `competencies` when the file has none for it yet.
    public static func assessment(_ entry: AssessmentEntry, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        let front = try FrontMatter(bytes)
        let existing = front.root.value(forKey: "competencies")?.sequence?.last { $0.value(forKey: "id")?.scalar == entry.competency }
        if let existing {
            guard existing.mapping != nil else { throw EditRefusal("the competency '\(entry.competency)' is not a mapping") }
            return try front.appendItem(entry.pairs, toList: "assessments", in: existing)
        }
        let flow = "{" + entry.pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        return try front.appendItem([("id", YAMLText.scalar(entry.competency)), ("assessments", "[\(flow)]")], toList: "competencies", in: front.root)
    }

    /// Marks a step of the programme's checklist done on a day, or skipped.
    public static func checklist(_ entry: ChecklistEntry, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        let front = try FrontMatter(bytes)
        let key = YAMLText.scalar(entry.step)
        guard let pair = front.root.pair(forKey: "checklist") else {
            return try front.addPair("checklist", flow: "{\(key): \(entry.value)}", block: ["\(key): \(entry.value)"], to: front.root)
        }
        let value = pair.value
        if value.isNull, value.scalar == "", value.tag == nil {
            let keyLine = pair.key.mark.line
            return Insertion(offset: front.file.lines[keyLine].end, text: "\(front.pad(pair.key.mark.column - 1 + front.unit))\(key): \(entry.value)\(front.nl)")
        }
        guard let marks = value.mapping else { throw EditRefusal("'checklist' should be a mapping of step ids to dates, found \(value.kindName)") }
        if marks.contains(where: { $0.key.scalar == entry.step }) { throw EditRefusal("the step '\(entry.step)' is already in the checklist") }
        return try front.addPair(key, flow: entry.value, to: value)
    }

    /// Adds a concern at the end of `concerns`.
    public static func concern(_ entry: ConcernEntry, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        let front = try FrontMatter(bytes)
        return try front.appendItem(entry.pairs, toList: "concerns", in: front.root)
    }

    /// Adds an action to the concern at `entry.concern` (0-based, in the file's order).
    public static func action(_ entry: ActionEntry, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        let front = try FrontMatter(bytes)
        let concerns = front.root.value(forKey: "concerns")?.sequence ?? []
        guard concerns.indices.contains(entry.concern), concerns[entry.concern].mapping != nil else {
            throw EditRefusal("there is no concern number \(entry.concern + 1) in the file")
        }
        return try front.appendItem(entry.pairs, toList: "actions", in: concerns[entry.concern])
    }

    /// Adds a day of practice exchange to a tutor's `exchanges`.
    public static func exchange(_ day: Day, in bytes: [UInt8]) throws(EditRefusal) -> Insertion {
        let front = try FrontMatter(bytes)
        if front.root.value(forKey: "exchanges")?.sequence?.contains(where: { $0.scalar == day.iso }) == true {
            throw EditRefusal("the exchange of \(day.iso) is already recorded")
        }
        return try front.appendScalar(day.iso, toList: "exchanges", in: front.root)
    }
}
