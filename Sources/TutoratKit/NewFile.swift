import Foundation
import TutoratCore
import TutoratSite
import TutoratSource

/// `tutorat new tutee|tutor|programme|role|page ID`: a content file with every
/// field of its kind written out and explained in a comment, dated today, in
/// the site's language. The file passes `check` as it is: a new tutee follows
/// the first programme and the first tutor of the site (and `new tutee`
/// refuses to run before there is one of each), a new programme uses the
/// first framework.
public enum NewFile {
    public enum Kind: String, CaseIterable, Sendable {
        case tutee, tutor, programme, role, page

        var documentKind: DocumentKind {
            switch self {
            case .tutee: return .tutee
            case .tutor: return .tutor
            case .programme: return .programme
            case .role: return .role
            case .page: return .page
            }
        }
    }

    /// Writes the file; returns its path relative to the site.
    @discardableResult
    public static func create(_ kind: Kind, id: String, site: String, today: Day) throws(ScaffoldFailure) -> String {
        guard Identifier.isValid(id) else {
            throw ScaffoldFailure("'\(id)' is not a valid id: use lowercase letters, digits and single hyphens, like marie-dupont")
        }
        if kind == .page, SiteResolver.reservedPaths.contains(id) {
            throw ScaffoldFailure("'\(id)' is the address of a page tutorat writes itself (/\(id)/): choose another id")
        }
        let root = Disk.absolute(site)
        let content = root + "/content"
        guard Disk.kind(content) == .directory else {
            throw ScaffoldFailure("no content folder in \(root): run tutorat init first, or pass --site DIR")
        }
        let folder = "content/\(kind.documentKind.folder)"
        let relative = "\(folder)/\(id).md"
        guard !Disk.exists(root + "/" + relative) else { throw ScaffoldFailure("\(relative) already exists") }
        let language = (try? Disk.read(content + "/site.yml")).flatMap { DocumentDecoder.siteConfig($0, path: "content/site.yml").value?.language }
        let english = language == .en
        let text: String
        switch kind {
        case .tutee:
            let programmes = ids(in: root, .programme)
            let tutors = ids(in: root, .tutor)
            guard let programme = programmes.first else {
                throw ScaffoldFailure("a tutee follows a programme, and the site has none yet: tutorat new programme ID first")
            }
            guard let tutor = tutors.first else {
                throw ScaffoldFailure("a tutee has a tutor, and the site has none yet: tutorat new tutor ID first")
            }
            let weeks = (try? Disk.read(root + "/content/programmes/\(programme).md"))
                .flatMap { DocumentDecoder.programme($0, id: programme, path: "").value?.durationWeeks } ?? 12
            text = tutee(english: english, programme: programme, tutor: tutor, substitute: tutors.dropFirst().first,
                         today: today, end: today.adding(days: weeks * 7))
        case .tutor: text = tutor(english: english, today: today)
        case .programme: text = programme(english: english, framework: ids(in: root, .framework).first)
        case .role: text = role(english: english)
        case .page: text = page(english: english, today: today)
        }
        do {
            try Disk.createDirectory(root + "/" + folder)
            // O_EXCL-like: refuse to overwrite a file created in the meantime.
            guard !Disk.exists(root + "/" + relative) else { throw ScaffoldFailure("\(relative) already exists") }
            try Disk.write(Array(text.utf8), to: root + "/" + relative)
        } catch let failure as ScaffoldFailure {
            throw failure
        } catch {
            throw ScaffoldFailure("\(error)")
        }
        return relative
    }

    /// The valid ids of a kind's files, sorted.
    static func ids(in root: String, _ kind: DocumentKind) -> [String] {
        Disk.list(root + "/content/" + kind.folder).compactMap { name -> String? in
            guard !ContentLoader.ignored(name), let ext = kind.extensions.first(where: { name.hasSuffix($0) }) else { return nil }
            let id = String(name.dropLast(ext.count))
            return Identifier.isValid(id) ? id : nil
        }.sorted()
    }

    static func tutee(english: Bool, programme: String, tutor: String, substitute: String?, today: Day, end: Day) -> String {
        let substituteLine = substitute.map { "substitute: \($0)" } ?? "substitute:"
        if english {
            return """
                ---
                # The tutee's full name, as their page shows it.
                name: First Last
                # The programme they follow: the id of a file in content/programmes/.
                programme: \(programme)
                # Their tutor: the id of a file in content/tutors/.
                tutor: \(tutor)
                # Who stands in when the tutor is away: another tutor's id, or nothing.
                \(substituteLine)
                # Their line manager: a name, or a tutor's id (never the tutor).
                supervisor:
                # The partner training body (school, training centre), if any.
                partner:
                # When the tutoring starts and is planned to end (YYYY-MM-DD).
                start: \(today.iso)
                end: \(end.iso)
                # planned, active, completed or interrupted.
                status: active
                # Tutee pages are private unless this says public or intranet.
                visibility: private
                # The last day this file may be published; by default the end plus the site's retention_months.
                # retain_until: YYYY-MM-DD
                # Objectives: {title, due: YYYY-MM-DD, status: todo | doing | done | dropped}.
                objectives:
                  - {title: "A first objective", due: \(today.adding(days: 14).iso), status: todo}
                # Competencies of the programme's framework, by id, each with its assessments:
                #   - id: safety
                #     assessments:
                #       - {date: YYYY-MM-DD, level: 1, by: tutor, note: "..."}   # by: tutor | tutee | supervisor | partner
                competencies: []
                # Meetings: {date, minutes, kind: welcome | meeting | observation | training | evaluation | other, summary}.
                #   - {date: \(today.iso), minutes: 60, kind: welcome, summary: "Welcome and tour"}
                sessions: []
                # Reviews: {date, kind: formative | final, summary, outcome}.
                evaluations: []
                ---

                ### \(today.iso)

                The journal of the tutoring: what was done, what comes next.

                """
        }
        return """
            ---
            # Prénom et nom de la personne accompagnée, tels que sa page les affiche.
            name: Prénom Nom
            # Le dispositif suivi : l’identifiant d’un fichier de content/programmes/.
            programme: \(programme)
            # Le tuteur ou la tutrice : l’identifiant d’un fichier de content/tutors/.
            tutor: \(tutor)
            # Qui remplace le tuteur en son absence : l’identifiant d’un autre tuteur, ou rien.
            \(substituteLine)
            # Le ou la responsable hiérarchique : un nom, ou l’identifiant d’un tuteur (jamais le tuteur lui-même).
            supervisor:
            # L’organisme de formation partenaire (école, CFA), s’il y en a un.
            partner:
            # Début et fin prévue de l’accompagnement (AAAA-MM-JJ).
            start: \(today.iso)
            end: \(end.iso)
            # planned (prévu), active (en cours), completed (terminé) ou interrupted (interrompu).
            status: active
            # Les pages des tutorés sont privées (private), sauf si ce champ vaut public ou intranet.
            visibility: private
            # Le dernier jour où ce fichier peut être publié ; par défaut la fin plus retention_months (site.yml).
            # retain_until: AAAA-MM-JJ
            # Les objectifs : {title, due: AAAA-MM-JJ, status: todo | doing | done | dropped}.
            objectives:
              - {title: "Un premier objectif", due: \(today.adding(days: 14).iso), status: todo}
            # Les compétences du référentiel du dispositif, par identifiant, avec leurs évaluations :
            #   - id: securite
            #     assessments:
            #       - {date: AAAA-MM-JJ, level: 1, by: tutor, note: "..."}   # by: tutor | tutee | supervisor | partner
            competencies: []
            # Les rencontres : {date, minutes, kind: welcome | meeting | observation | training | evaluation | other, summary}.
            #   - {date: \(today.iso), minutes: 60, kind: welcome, summary: "Accueil et visite"}
            sessions: []
            # Les évaluations : {date, kind: formative | final, summary, outcome}.
            evaluations: []
            ---

            ### \(today.iso)

            Le journal de l’accompagnement : ce qui a été fait, ce qui vient ensuite.

            """
    }

    static func tutor(english: Bool, today: Day) -> String {
        let year = today.iso.prefix(4)
        if english {
            return """
                ---
                # The tutor's full name.
                name: First Last
                # Their job and team.
                function: Job title
                team: Team or unit
                # Since when they tutor (a year or a date).
                since: \(year)
                # The date of their tutor training (YYYY-MM-DD); check warns until it is there.
                trained:
                # How many tutees at once, if not the site's max_tutees_per_tutor.
                capacity:
                email:
                # public: listed, searched, in the sitemap; intranet: the same, but kept from search engines;
                # private: never named on a page that is not private itself.
                visibility: public
                ---

                A few words about the tutor: their experience, what they like to pass on.

                """
        }
        return """
            ---
            # Prénom et nom du tuteur ou de la tutrice.
            name: Prénom Nom
            # Son métier et son équipe.
            function: Métier
            team: Équipe ou unité
            # Depuis quand il ou elle est tuteur (une année ou une date).
            since: \(year)
            # La date de sa formation de tuteur (AAAA-MM-JJ) ; check avertit tant qu’elle manque.
            trained:
            # Combien de tutorés à la fois, si ce n’est pas le max_tutees_per_tutor du site.
            capacity:
            email:
            # public : listée, trouvée par la recherche, dans le plan du site ; intranet : de même, mais hors des moteurs
            # de recherche ; private : jamais nommée sur une page qui n’est pas privée elle-même.
            visibility: public
            ---

            Quelques mots sur le tuteur : son parcours, ce qu’il aime transmettre.

            """
    }

    static func programme(english: Bool, framework: String?) -> String {
        let frameworkLine = framework.map { "framework: \($0)" } ?? "framework:"
        if english {
            return """
                ---
                # The programme's name.
                title: New programme
                # integration, alternance (work-study), internship, reintegration, mobility or other.
                kind: integration
                # The competency framework tutees are assessed on: the id of a file in content/frameworks/.
                \(frameworkLine)
                # The usual length, and the longest expected gap between two meetings.
                duration_weeks: 12
                meeting_rhythm_days: 14
                # Who runs it, and the partner bodies (training centre, school...).
                coordinator: Name, role
                partners: []
                # The phases: before, during or after the tutoring, each with its steps.
                phases:
                  - name: Before the first day
                    when: before
                    steps: [Choose the tutor, Prepare the arrival]
                  - name: During
                    when: during
                    steps: [Welcome day, A meeting every two weeks]
                  - name: After
                    when: after
                    steps: [Final review]
                # public: listed, searched, in the sitemap; intranet: the same, but kept from search engines;
                # private: never named on a page that is not private itself.
                visibility: public
                ---

                What the programme is for and how it goes.

                """
        }
        return """
            ---
            # Le nom du dispositif.
            title: Nouveau dispositif
            # integration, alternance, internship (stage), reintegration, mobility ou other.
            kind: integration
            # Le référentiel sur lequel les tutorés sont évalués : l’identifiant d’un fichier de content/frameworks/.
            \(frameworkLine)
            # La durée habituelle, et l’écart le plus long attendu entre deux rencontres.
            duration_weeks: 12
            meeting_rhythm_days: 14
            # Qui le pilote, et les organismes partenaires (CFA, école…).
            coordinator: Nom, fonction
            partners: []
            # Les phases : before (avant), during (pendant) ou after (après) l’accompagnement, avec leurs étapes.
            phases:
              - name: Préparer l’arrivée
                when: before
                steps: [Désigner le tuteur, Préparer le poste]
              - name: Accompagner
                when: during
                steps: [Journée d’accueil, Une rencontre toutes les deux semaines]
              - name: Conclure
                when: after
                steps: [Bilan final]
            # public : listée, trouvée par la recherche, dans le plan du site ; intranet : de même, mais hors des moteurs
            # de recherche ; private : jamais nommée sur une page qui n’est pas privée elle-même.
            visibility: public
            ---

            À quoi sert le dispositif et comment il se déroule.

            """
    }

    static func role(english: Bool) -> String {
        if english {
            return """
                ---
                # The role's name.
                title: New role
                # direction, management, tutor, tutee, partner or other.
                kind: other
                # One sentence that sums the role up.
                summary: What this role is about, in one sentence.
                # Missions, each with its tasks.
                missions:
                  - title: A mission
                    tasks: [A task, Another task]
                # What the person commits to.
                commitments: [A commitment]
                # public: listed, searched, in the sitemap; intranet: the same, but kept from search engines;
                # private: never named on a page that is not private itself.
                visibility: public
                ---

                The role sheet.

                """
        }
        return """
            ---
            # Le nom du rôle.
            title: Nouveau rôle
            # direction, management (encadrement), tutor, tutee, partner ou other.
            kind: other
            # Une phrase qui résume le rôle.
            summary: Ce que fait ce rôle, en une phrase.
            # Les missions, chacune avec ses tâches.
            missions:
              - title: Une mission
                tasks: [Une tâche, Une autre tâche]
            # Ce à quoi la personne s’engage.
            commitments: [Un engagement]
            # public : listée, trouvée par la recherche, dans le plan du site ; intranet : de même, mais hors des moteurs
            # de recherche ; private : jamais nommée sur une page qui n’est pas privée elle-même.
            visibility: public
            ---

            La fiche du rôle.

            """
    }

    static func page(english: Bool, today: Day) -> String {
        if english {
            return """
                ---
                # The page's title.
                title: New page
                # Its order in menus (lower first), and whether the main menu shows it.
                weight: 0
                menu: false
                # public: listed, searched, in the sitemap; intranet: the same, but kept from search engines;
                # private: never named on a page that is not private itself.
                visibility: public
                ---

                Written on \(today.iso). Links to other pages start from the site root, like [the charter](/charter/).

                """
        }
        return """
            ---
            # Le titre de la page.
            title: Nouvelle page
            # Son rang dans les menus (le plus petit d’abord), et si le menu principal l’affiche.
            weight: 0
            menu: false
            # public : listée, trouvée par la recherche, dans le plan du site ; intranet : de même, mais hors des moteurs
            # de recherche ; private : jamais nommée sur une page qui n’est pas privée elle-même.
            visibility: public
            ---

            Écrite le \(today.iso). Les liens vers les autres pages partent de la racine du site, comme [la charte](/charter/).

            """
    }
}
