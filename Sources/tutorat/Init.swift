import ArgumentParser
import Foundation
import TutoratCore
import TutoratScaffold
import TutoratSource

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new site into an empty folder: a small example that builds at once.",
        discussion: """
            The example has a charter, a programme and its competency framework, two role sheets, \
            two tutors, two tutees, a free page, a .gitignore and a README, dated from today. \
            It uses the default theme built into tutorat; its README says how to change a template.
            """)

    @Argument(help: ArgumentHelp("The folder to create; it must not exist or be empty.", valueName: "dir"))
    var folder: String

    @Option(name: .long, help: ArgumentHelp("The language of the example and of the pages.", valueName: "fr|en"))
    var language: Language = .fr

    func run() throws {
        let today = try SiteOptions().fallbackAsOf()
        let files = try Console.orExit { () throws(ScaffoldFailure) in
            try SiteInit.create(at: folder, language: language.rawValue, today: today)
        }
        let english = language == .en
        print(english ? "Created a new site in \(folder) (\(files.count) files)." : "Nouveau site créé dans \(folder) (\(files.count) fichiers).")
        print(english ? "Next:" : "Ensuite :")
        print("  tutorat serve --site \(folder)          # " + (english ? "see it in the browser, updated on every save" : "le voir dans le navigateur, à jour à chaque enregistrement"))
        print("  tutorat new tutee ID --site \(folder)   # " + (english ? "add a tutee (also: tutor, programme, role, page)" : "ajouter un tutoré (aussi : tutor, programme, role, page)"))
        print("  tutorat build --site \(folder)          # " + (english ? "write the site into \(folder)/public" : "écrire le site dans \(folder)/public"))
    }
}
