import ArgumentParser
import Foundation
import TutoratCore
import TutoratScaffold

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new content file with every field explained, dated today.",
        discussion: """
            The file goes to content/<kind>s/ID.md and passes tutorat check as it is: a new tutee \
            follows the site's first programme and first tutor (change them), and is refused until \
            the site has one of each. An id that is not valid, or a file that exists, is refused.
            """)

    @Argument(help: ArgumentHelp("What to create.", valueName: "kind"))
    var kind: NewFile.Kind

    @Argument(help: ArgumentHelp("Its id, the file's name: lowercase letters, digits and single hyphens (marie-dupont).", valueName: "id"))
    var id: String

    @OptionGroup var siteOptions: SiteOptions

    func run() throws {
        let today = try siteOptions.fallbackAsOf()
        let path = try Console.orExit { () throws(ScaffoldFailure) in try NewFile.create(kind, id: id, site: siteOptions.site, today: today) }
        print("Wrote \(path). Fill it in; tutorat check (or tutorat serve) shows any problem.")
    }
}
