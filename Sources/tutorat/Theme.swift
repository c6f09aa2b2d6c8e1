import ArgumentParser
import Foundation
import TutoratKit

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Copy files of the built-in theme into the site, to change them.",
        subcommands: [List.self, Copy.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the files of the built-in theme.")

        func run() {
            for path in ThemeCopy.files() { print(path) }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy files of the built-in theme into themes/default/ of the site.",
            discussion: """
                The copy replaces the built-in file for this site; every other file still comes from \
                tutorat. Without a file, the whole theme is copied. A file the site has is never replaced.
                """)

        @Argument(help: ArgumentHelp("Files of the theme, as `tutorat theme list` shows them (templates/tutor.mustache).", valueName: "file"))
        var files: [String] = []

        @OptionGroup var siteOptions: SiteOptions

        func run() throws {
            let written = try Console.orExit { () throws(ScaffoldFailure) in try ThemeCopy.copy(files, site: siteOptions.site) }
            for path in written { print("Wrote \(path)") }
        }
    }
}
