import TutoratCore
import TutoratEdit
import TutoratLoad
import TutoratSite
import TutoratSource
import TutoratYAML

/// `tutorat import responses FILE.csv --survey ID`: an export from a form
/// tool, one row per filled-in form (columns `tutee`, `date`, optionally
/// `by`, then one column per question id), added to each tutee's
/// `responses`, every answer checked against its question first.
public enum ResponseImport {
    public struct Plan: Sendable {
        /// Each changed progress file, whole, with the bytes it had when read.
        public var files: [(path: String, before: [UInt8], after: [UInt8])]
        public var added: Int
        /// Rows whose response the file already holds (the same survey, date, person and
        /// answers): a form tool exports every answer so far, so a sheet is often imported again.
        public var alreadyThere: [(line: Int, path: String)] = []
        public var diagnostics: [Diagnostic]
    }

    /// Pure: `read` gives the bytes of a progress file by path relative to the site.
    public static func plan(_ table: CSVTable, survey: Survey, csvPath: String, site: Site,
                            read: (String) -> [UInt8]?) -> Plan {
        var plan = Plan(files: [], added: 0, diagnostics: [])
        func report(_ message: String, line: Int, column: Int = 1) {
            plan.diagnostics.append(.error("E-CSV", message, at: SourceLocation(file: csvPath, line: line, column: column)))
        }
        let known = ["tutee", "date", "by"] + survey.questions.map(\.id)
        for (index, name) in table.header.enumerated() where !name.isEmpty && !known.contains(name) {
            let guess = Suggestion.closest(to: name, among: known)
            report("column '\(name)' is not a question of survey '\(survey.info.id)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""),
                  line: 1, column: index + 1)
        }
        for required in ["tutee", "date"] where !table.header.contains(required) {
            report("the first row names no '\(required)' column", line: 1)
        }
        guard !plan.diagnostics.hasErrors else { return plan }
        // Each file as read, as edited so far, and that edited text decoded (once per state).
        var edited: [String: (before: [UInt8], after: [UInt8], decoded: Decoded<Tutee>)] = [:]
        var order: [String] = []
        let columns = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for row in table.rows {
            func cell(_ name: String) -> (String, Int)? {
                guard let column = columns[name], column < row.fields.count else { return nil }
                let text = row.fields[column].trimmingWhitespace()
                return text.isEmpty ? nil : (text, column + 1)
            }
            guard let (id, idColumn) = cell("tutee") else { report("no tutee id on this row", line: row.line); continue }
            guard let tutee = site.tutee(id) else {
                let guess = Suggestion.closest(to: id, among: site.tutees.map(\.info.id))
                report("unknown tutee '\(id)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""), line: row.line, column: idColumn)
                continue
            }
            guard let (dateText, dateColumn) = cell("date") else { report("no date on this row", line: row.line); continue }
            guard let date = Day(iso: dateText) else {
                report("'\(dateText)' is not a date written YYYY-MM-DD", line: row.line, column: dateColumn)
                continue
            }
            var answers: [String] = []
            var values: [String: SurveyAnswerValue] = [:]
            var bad = false
            for question in survey.questions {
                guard let (text, column) = cell(question.id) else { continue }
                guard SurveyAnswerValue(text, type: question.type) != nil else {
                    report("the answer to '\(question.id)' should be \(question.type.rawValue), found '\(text)'", line: row.line, column: column)
                    bad = true
                    continue
                }
                values[question.id] = SurveyAnswerValue(text, type: question.type)
                // A text, never a list: `[sic]` is an answer, not YAML.
                answers.append("\(question.id): \(YAMLText.scalar(text, leadingDigit: true))")
            }
            guard !bad else { continue }
            let by = cell("by")?.0
            let entry = [("survey", survey.info.id), ("date", date.iso)] + (by.map { [("by", YAMLText.scalar($0, leadingDigit: true))] } ?? [])
                + [("answers", "{\(answers.joined(separator: ", "))}")]
            let path = tutee.info.path
            if edited[path] == nil {
                guard let bytes = read(path) else { report("cannot read \(path)", line: row.line, column: idColumn); continue }
                edited[path] = (bytes, bytes, DocumentDecoder.tutee(bytes, id: tutee.info.id, path: path))
                order.append(path)
            }
            let old = edited[path]!.decoded
            if old.value?.responses.contains(where: { Self.isSame($0, survey: survey, date: date, by: by, values: values) }) == true {
                plan.alreadyThere.append((row.line, path))
                continue
            }
            do {
                let after = try EditPlanner.appending(entry, toList: "responses", in: edited[path]!.after).applied(to: edited[path]!.after)
                // The file must read back as before plus this response, with no new problem.
                let new = DocumentDecoder.tutee(after, id: tutee.info.id, path: path)
                guard let value = new.value, value.responses.count == (old.value?.responses.count ?? 0) + 1,
                      new.diagnostics.filter({ $0.severity == .error }).count <= old.diagnostics.filter({ $0.severity == .error }).count else {
                    report("the response would not read back from \(path): nothing is written", line: row.line)
                    continue
                }
                edited[path]!.after = after
                edited[path]!.decoded = new
                plan.added += 1
            } catch let refusal {
                report("\(path): \(refusal.message)", line: row.line, column: idColumn)
            }
        }
        plan.files = order.compactMap { path in
            edited[path].flatMap { $0.after == $0.before ? nil : (path, $0.before, $0.after) }
        }
        return plan
    }

    /// Whether `response` is this row: the same survey, date and person, and the same answers read as their types.
    static func isSame(_ response: SurveyResponse, survey: Survey, date: Day, by: String?, values: [String: SurveyAnswerValue]) -> Bool {
        guard response.survey.value == survey.info.id, response.date.value == date, response.by == by,
              response.answers.count == values.count else { return false }
        return response.answers.allSatisfy { answer in
            survey.question(answer.question.value).flatMap { SurveyAnswerValue(answer.value, type: $0.type) } == values[answer.question.value]
        }
    }

    /// Reads the sheet and the site, plans, and writes each changed file atomically, refusing a file changed meanwhile.
    public static func run(csv: String, survey id: String, site root: String, today: Day, dryRun: Bool) throws(Importer.ImportFailure) -> Plan {
        let root = Disk.absolute(root)
        let (table, csvDiagnostics, content) = try Importer.read(csv: csv, site: root)
        guard let site = SiteResolver.resolve(content, fallbackAsOf: today).site else {
            throw Importer.ImportFailure([.error("E-SITE", "the site in \(root) cannot be read: tutorat check says why", at: nil)])
        }
        guard let survey = site.survey(id) else {
            let guess = Suggestion.closest(to: id, among: site.surveys.map(\.info.id))
            throw Importer.ImportFailure([.error("E-REF", "unknown survey '\(id)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""), at: nil)])
        }
        var plan = plan(table, survey: survey, csvPath: csv, site: site) { try? Disk.read(root + "/" + $0) }
        plan.diagnostics = csvDiagnostics + plan.diagnostics
        guard !dryRun, !plan.diagnostics.hasErrors else { return plan }
        for file in plan.files {
            do {
                guard try Disk.read(root + "/" + file.path) == file.before else {
                    throw Importer.ImportFailure([.error("E-CHANGED", "\(file.path) changed while importing: it is left as it is; import again", at: nil)])
                }
                try Disk.replace(file.after, at: root + "/" + file.path, keepingPermissions: true)
            } catch let failure as Importer.ImportFailure {
                throw failure
            } catch {
                throw Importer.ImportFailure([.error("E-WRITE", "\(error)", at: nil)])
            }
        }
        return plan
    }
}
