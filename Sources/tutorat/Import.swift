import ArgumentParser
import TutoratCore
import TutoratImport

extension ImportPlan.Kind: ExpressibleByArgument {}

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
            """)

    @Argument(help: ArgumentHelp("What the rows are.", valueName: "kind"))
    var kind: ImportPlan.Kind

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @OptionGroup var siteOptions: SiteOptions

    @Flag(name: .long, help: "List what would be written, and write nothing.")
    var dryRun = false

    func run() throws {
        let today = try siteOptions.fallbackAsOf()
        let outcome: Importer.Outcome
        do {
            outcome = try Importer.run(kind, csv: file, site: siteOptions.site, today: today, dryRun: dryRun)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode.failure
        }
        let plan = outcome.plan
        Console.report(plan.diagnostics)
        for skipped in plan.alreadyThere {
            print("\(file):\(skipped.line): already in the site as \(skipped.path), skipped")
        }
        if plan.diagnostics.hasErrors {
            print("Nothing written: \(Console.summary(plan.diagnostics)). Fix the rows named above and import again.")
            throw ExitCode.failure
        }
        if dryRun {
            for planned in plan.files { print("would write \(planned.path) (\(file):\(planned.line))") }
            print("Dry run: \(plan.files.count) file\(plan.files.count == 1 ? "" : "s") would be written.")
        } else {
            for path in outcome.written { print("wrote \(path)") }
            print("Imported \(outcome.written.count) \(kind.rawValue.dropLast())\(outcome.written.count == 1 ? "" : "s"). tutorat check shows the site as a whole.")
        }
    }
}
