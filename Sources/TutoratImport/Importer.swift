import TutoratCore
import TutoratLoad
import TutoratSite
import TutoratSource

/// `tutorat import`: reads the sheet and the site, plans, and writes the
/// files only when no row has an error, each created whole and never over
/// an existing file.
public enum Importer {
    /// Why nothing (or not everything) was written, said as diagnostics.
    public struct ImportFailure: Error, Sendable {
        public var diagnostics: [Diagnostic]
        init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    }

    public struct Outcome: Sendable {
        public var plan: ImportPlan
        /// The files written: none on a dry run or when a row has an error.
        public var written: [String]
    }

    /// The sheet parsed (with what its reading said) and the site's content as `check` reads it.
    static func read(csv: String, site root: String) throws(ImportFailure) -> (CSVTable, [Diagnostic], ContentSet) {
        let bytes: [UInt8]
        do { bytes = try Disk.read(Disk.absolute(csv)) } catch {
            throw ImportFailure([.error("E-READ", "cannot read \(csv): \(error)", at: nil)])
        }
        let (table, csvDiagnostics) = CSVTable.parse(bytes, path: csv)
        guard let table else { throw ImportFailure(csvDiagnostics) }
        let (content, loadDiagnostics) = ContentReader.load(site: root)
        guard let content else {
            throw ImportFailure(loadDiagnostics.filter { $0.severity == .error }
                                  + (loadDiagnostics.hasErrors ? [] : [.error("E-SITE", "no site in \(root): run tutorat init first, or pass --site DIR", at: nil)]))
        }
        return (table, csvDiagnostics, content)
    }

    public static func run(_ kind: ImportPlan.Kind, csv: String, site: String, today: Day, dryRun: Bool) throws(ImportFailure) -> Outcome {
        let root = Disk.absolute(site)
        let (table, csvDiagnostics, content) = try read(csv: csv, site: root)
        let folder = "content/\(kind.documentKind.folder)"
        let ids = Set(Disk.list(root + "/" + folder).compactMap { name in name.hasSuffix(".md") ? String(name.dropLast(3)) : nil })
        var plan = ImportPlan.make(kind, table: table, csvPath: csv, existing: content, existingIDs: ids, today: today)
        plan.diagnostics = csvDiagnostics + plan.diagnostics
        guard !dryRun, !plan.diagnostics.hasErrors else { return Outcome(plan: plan, written: []) }
        var written: [String] = []
        do {
            try Disk.createDirectory(root + "/" + folder)
            for file in plan.files {
                try Disk.create(file.bytes, at: root + "/" + file.path)
                written.append(file.path)
            }
        } catch {
            // Files written before the failure stay: each is whole and valid; say which.
            throw ImportFailure([.error("E-WRITE", "\(error)", at: nil,
                                          hint: written.isEmpty ? nil : "written before this: \(written.joined(separator: ", "))")])
        }
        return Outcome(plan: plan, written: written)
    }
}
