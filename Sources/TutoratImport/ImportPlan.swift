import TutoratCore
import TutoratLoad
import TutoratSite
import TutoratSource

/// What `tutorat import tutees|tutors FILE.csv` would write: one content file
/// per row, checked as `check` checks it (decoded, then resolved with the
/// rest of the site), every problem reported at the row's line and the
/// field's column in the CSV file. Pure: the files are values, the caller writes.
public struct ImportPlan: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case tutees, tutors

        var documentKind: DocumentKind { self == .tutees ? .tutee : .tutor }
    }

    public struct File: Sendable, Equatable {
        /// Relative to the site: `content/tutees/marie-dupont.md`.
        public var path: String
        public var bytes: [UInt8]
        /// The CSV line of its row.
        public var line: Int
    }

    public var files: [File]
    /// Rows already in the site: the same person under the id the row gives.
    public var alreadyThere: [(line: Int, path: String)]
    public var diagnostics: [Diagnostic]

    /// `existing` is the site's content as `check` reads it; `existingIDs` the ids of files of the kind on disk;
    /// `today` stands for `as_of` when the site sets none, as in `check`.
    public static func make(_ kind: Kind, table: CSVTable, csvPath: String, existing: ContentSet, existingIDs: Set<String>, today: Day) -> ImportPlan {
        var plan = ImportPlan(files: [], alreadyThere: [], diagnostics: [])
        // A header becomes a key of the front matter: a name, never YAML of its own (`a: b`, a line break).
        for (column, name) in table.header.enumerated() where !name.isEmpty && !isFieldName(name) {
            plan.diagnostics.append(.error("E-CSV", "'\(name)' is not a field name: use lowercase letters, digits and underscores, like end_reason",
                                           at: SourceLocation(file: csvPath, line: 1, column: column + 1)))
        }
        guard plan.diagnostics.isEmpty else { return plan }
        var taken = existingIDs
        // The next number to try for each id, so that many rows of one name stay linear.
        var nextNumber: [String: Int] = [:]
        let named = kind == .tutees ? existing.tutees.map { ($0.info, $0.name) } : existing.tutors.map { ($0.info, $0.name) }
        let people = Dictionary(named.map { ($0.0.id, (name: FoldedNames.fold($0.1), path: $0.0.path)) }, uniquingKeysWith: { first, _ in first })
        var decoded: [(file: File, document: ContentReader.Document, fields: [Int])] = []
        let idColumn = table.header.firstIndex(of: "id")
        for row in table.rows {
            // The written fields, in the sheet's order: the generated file's line 2 + k is column fields[k].
            let fields = table.header.indices.filter { $0 != idColumn && !table.header[$0].isEmpty
                && $0 < row.fields.count && !row.fields[$0].trimmingWhitespace().isEmpty }
            let name = table.header.firstIndex(of: "name").flatMap { $0 < row.fields.count ? row.fields[$0].trimmingWhitespace() : nil } ?? ""
            let given = idColumn.flatMap { $0 < row.fields.count ? row.fields[$0].trimmingWhitespace() : nil } ?? ""
            let base = given.isEmpty ? Self.id(from: name, fallback: "\(kind.rawValue.dropLast())-\(row.line)") : given
            if !given.isEmpty, !Identifier.isValid(given) {
                plan.diagnostics.append(.error("E-CSV", "'\(given)' is not a valid id: use lowercase letters, digits and single hyphens, like marie-dupont",
                                               at: SourceLocation(file: csvPath, line: row.line, column: idColumn! + 1)))
                continue
            }
            // The same person: the same id and the same folded name.
            if let same = people[base], same.name == FoldedNames.fold(name) {
                plan.alreadyThere.append((row.line, same.path))
                continue
            }
            var id = base, number = nextNumber[base] ?? 2
            while taken.contains(id) {
                id = "\(base)-\(number)"
                number += 1
            }
            nextNumber[base] = number
            taken.insert(id)
            var text = "---\n"
            for column in fields {
                text += "\(table.header[column]): \(YAMLScalar.write(row.fields[column].trimmingWhitespace()))\n"
            }
            text += "---\n"
            let path = "content/\(kind.documentKind.folder)/\(id).md"
            let file = File(path: path, bytes: Array(text.utf8), line: row.line)
            let (document, diagnostics) = ContentReader.decode(file.bytes, kind: kind.documentKind, id: id, path: path)
            plan.diagnostics += diagnostics.map { $0.moved(to: csvPath, line: row.line, columns: fields) }
            if let document { decoded.append((file, document, fields)) }
        }
        // References (programme, tutor...) are checked against the site with the new files in it, as `check` would.
        var set = existing
        for entry in decoded {
            switch entry.document {
            case .tutee(let tutee): set.tutees.append(tutee)
            case .tutor(let tutor): set.tutors.append(tutor)
            default: break
            }
        }
        let byPath = Dictionary(uniqueKeysWithValues: decoded.map { ($0.file.path, $0) })
        let resolved = SiteResolver.resolve(set, fallbackAsOf: today).diagnostics
        for diagnostic in resolved {
            guard let file = diagnostic.location?.file, let entry = byPath[file] else { continue }
            plan.diagnostics.append(diagnostic.moved(to: csvPath, line: entry.file.line, columns: entry.fields))
        }
        plan.diagnostics.sort()
        plan.files = decoded.map(\.file)
        return plan
    }

    /// An id from a name: folded as search folds it (accents, case and punctuation aside), words joined by hyphens.
    public static func id(from name: String, fallback: String) -> String {
        let words = FoldedNames.fold(name).split(separator: " ").map { word in
            String(word.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
        }.filter { !$0.isEmpty }
        let id = words.joined(separator: "-")
        return Identifier.isValid(id) ? id : fallback
    }

    /// A front-matter key as the contract writes them: a lowercase letter, then lowercase letters, digits and underscores.
    static func isFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension Diagnostic {
    /// The diagnostic of a generated file, said of the CSV row it came from: line 2 + k of the file is the row's `columns[k]`.
    func moved(to csvPath: String, line: Int, columns: [Int]) -> Diagnostic {
        var moved = self
        let fileLine = location?.line ?? 1
        let column = fileLine >= 2 && fileLine - 2 < columns.count ? columns[fileLine - 2] + 1 : 1
        moved.location = SourceLocation(file: csvPath, line: line, column: column)
        return moved
    }
}
