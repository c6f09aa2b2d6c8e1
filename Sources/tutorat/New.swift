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

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case tutee, tutor, programme, role, page
    }

    @Argument(help: ArgumentHelp("What to create: tutee, tutor, programme, role or page.", valueName: "kind"))
    var kind: Kind

    @Argument(help: ArgumentHelp("Its id, the file's name: lowercase letters, digits and single hyphens (marie-dupont).", valueName: "id"))
    var id: String

    @OptionGroup var siteOptions: SiteOptions

    func run() throws {
        let path: String
        do {
            path = try NewFile.create(NewFile.Kind(rawValue: kind.rawValue)!, id: id, site: siteOptions.site, today: try siteOptions.fallbackAsOf())
        } catch let failure as ScaffoldFailure {
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            throw ExitCode.failure
        }
        print("Wrote \(path). Fill it in; tutorat check (or tutorat serve) shows any problem.")
    }
}
