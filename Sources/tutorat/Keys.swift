import ArgumentParser
import Foundation
import TutoratCore
import TutoratPublish

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write and change the passphrases that open encrypted private pages (tutorat build --keys).",
        discussion: """
            The keys file is the one secret of an encrypted site: keep it out of content/, out of the \
            published folder and out of git. Its default place is tutorat-keys.yml beside content/, \
            which the .gitignore of tutorat init leaves out.
            """,
        subcommands: [Generate.self, Rotate.self])

    struct FileOptions: ParsableArguments {
        @OptionGroup var siteOptions: SiteOptions

        @Option(name: .long, help: ArgumentHelp("The keys file (default: <site>/tutorat-keys.yml).", valueName: "file"))
        var keys: String?

        @Option(name: .long, help: ArgumentHelp("The output folder the site is built into, which must not hold the keys file (default: <site>/public).",
                                                valueName: "dir"))
        var output: String?

        var path: String { keys ?? KeysStore.defaultPath(site: siteOptions.site) }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the keys file, or add a passphrase for every tutee (and the coordinator) who has none.",
            discussion: "Existing passphrases are kept. The key derived from each passphrase is cached in the file, so builds need not derive it.")

        @OptionGroup var file: FileOptions

        func run() throws {
            let outcome = try Console.orExit { () throws(BuildFailure) in
                try KeysStore.generate(site: file.siteOptions.site, keys: file.path, output: file.output)
            }
            Console.report(outcome.warnings)
            let added = outcome.changed.isEmpty ? "no new passphrase" : "new passphrases for \(outcome.changed.joined(separator: ", "))"
            print("\(outcome.created ? "Wrote" : "Updated") \(outcome.path): \(added); \(outcome.tutees) tutee\(outcome.tutees == 1 ? "" : "s") in all.")
            print("Keep it secret: it opens every private page. Build with: tutorat build --keys \(outcome.path)")
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give one tutee (or the coordinator) a new passphrase.",
            discussion: "The old passphrase opens nothing of the next build: the page keys change with it. Hand the new one over, then rebuild.")

        @Argument(help: ArgumentHelp("A tutee id, or 'coordinator'.", valueName: "id"))
        var id: String

        @OptionGroup var file: FileOptions

        func run() throws {
            let outcome = try Console.orExit { () throws(BuildFailure) in
                try KeysStore.rotate(id, site: file.siteOptions.site, keys: file.path, output: file.output)
            }
            print("Gave \(id) a new passphrase in \(outcome.path). Rebuild with --keys, then hand it over.")
        }
    }
}
