import ArgumentParser
import TutoratCore
import TutoratImport

/// What the rows of the sheet are: people to add, or filled-in forms of a survey.
enum ImportKind: String, CaseIterable, ExpressibleByArgument {
    case tutees, tutors, responses
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one content file per row of a spreadsheet export (CSV).",
        discussion: """
            The first row names the front-matter fields (name, programme, tutor, start...; an id column \
            is optional: ids come from names, accents and spaces folded, a taken id numbered). UTF-8 \
            with or without BOM, comma or semicolon between fields, quoted fields. Each row is checked \
            as tutorat check checks a file, and a bad row is reported at FILE.csv:LINE:COLUMN; nothing \
            is written while a row has an error. A row whose person is already in the site (same id \
            and name) is skipped; no file is ever overwritten.

            import responses FILE.csv --survey ID reads a form tool's export, one row per filled-in \
            form: a tutee column (the tutee's id), a date column, optionally by, then one column per \
            question id. Each row becomes one line under responses: in that tutee's progress file, \
            which changes by that line only; every answer is checked against its question first.
            """)

    @Argument(help: ArgumentHelp("What the rows are.", valueName: "kind"))
    var kind: ImportKind

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("With responses: the survey the forms answer.", valueName: "id"))
    var survey: String?

    @Flag(name: .long, help: "List what would be written, and write nothing.")
    var dryRun = false

    func run() throws {
        let today = try siteOptions.fallbackAsOf()
        guard let kind = ImportPlan.Kind(rawValue: kind.rawValue) else { return try importResponses(today: today) }
        let outcome: Importer.Outcome
        do {
            outcome = try Importer.run(kind, csv: file, site: siteOptions.site, today: today, dryRun: dryRun)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode.failure
        }
        let plan = outcome.plan
        try report(plan.diagnostics, skipped: plan.alreadyThere.map { ($0.line, "already in the site as \($0.path)") })
        if dryRun {
            for planned in plan.files { print("would write \(planned.path) (\(file):\(planned.line))") }
            print("Dry run: \(plan.files.count) file\(plan.files.count == 1 ? "" : "s") would be written.")
        } else {
            for path in outcome.written { print("wrote \(path)") }
            print("Imported \(outcome.written.count) \(kind.rawValue.dropLast())\(outcome.written.count == 1 ? "" : "s"). tutorat check shows the site as a whole.")
        }
    }

    func importResponses(today: Day) throws {
        guard let survey else { throw ValidationError("import responses needs --survey ID: the survey the forms answer") }
        let plan: ResponseImport.Plan
        do {
            plan = try ResponseImport.run(csv: file, survey: survey, site: siteOptions.site, today: today, dryRun: dryRun)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode.failure
        }
        try report(plan.diagnostics, skipped: plan.alreadyThere.map { ($0.line, "this response is already in \($0.path)") })
        for changed in plan.files { print("\(dryRun ? "would add to" : "added to") \(changed.path)") }
        print("\(dryRun ? "Dry run: " : "")\(plan.added) response\(plan.added == 1 ? "" : "s") \(dryRun ? "would be added" : "added") to \(plan.files.count) progress file\(plan.files.count == 1 ? "" : "s").")
    }

    /// The problems, then the rows left out; stops before anything is written while a row has an error.
    private func report(_ diagnostics: [Diagnostic], skipped: [(line: Int, reason: String)]) throws {
        Console.report(diagnostics)
        for row in skipped { print("\(file):\(row.line): \(row.reason), skipped") }
        if diagnostics.hasErrors {
            print("Nothing written: \(Console.summary(diagnostics)). Fix the rows named above and import again.")
            throw ExitCode.failure
        }
    }
}
