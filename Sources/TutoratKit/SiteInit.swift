import Foundation
import TutoratCrypto
import TutoratCore

/// A problem with `init` or `new`: the folder is not empty, the id is not valid, the file exists...
public struct ScaffoldFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// `tutorat init DIR`: a small site that builds at once and passes `check`,
/// in French or English: a charter, one programme with its framework, two
/// role sheets, two tutors, two tutees (one active, one whose tutoring is
/// over), a free page, a `.gitignore` and a README. Dates are counted from
/// `today`, so the example is current (no `as_of`: the site follows the clock).
/// The theme is the bundled one, found by `build` and `serve`; the README says
/// how to override one of its templates.
public enum SiteInit {
    public static let languages = ["fr", "en"]

    /// Writes the site; returns the files written, relative to `folder`.
    @discardableResult
    public static func create(at folder: String, language: String, today: Day) throws(ScaffoldFailure) -> [String] {
        guard languages.contains(language) else { throw ScaffoldFailure("the language should be fr or en, not '\(language)'") }
        let root = Disk.absolute(folder)
        switch Disk.kind(root) {
        case nil:
            do { try Disk.createDirectory(root) } catch { throw ScaffoldFailure("\(error)") }
        case .directory?:
            guard Disk.list(root).isEmpty else {
                throw ScaffoldFailure("\(root) is not empty: tutorat init writes a new site into an empty or new folder")
            }
        default:
            throw ScaffoldFailure("\(root) exists and is not a folder")
        }
        let files = (language == "en" ? english : french).mapValues { dated($0, today: today) }
            .merging(["README.md": readme(language: language), ".gitignore": "# Written by tutorat build and tutorat serve --output, with the build's manifest beside it.\npublic/\n.public.tutorat-manifest\n# The passphrases of the encrypted pages (tutorat keys generate): secret, never in git.\n/\(KeysFile.defaultName)\n"]) { $1 }
        do {
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                let target = root + "/" + path
                try Disk.createDirectory((target as NSString).deletingLastPathComponent)
                try Disk.write(Array(text.utf8), to: target)
            }
        } catch {
            throw ScaffoldFailure("\(error)")
        }
        return files.keys.sorted()
    }

    /// Replaces `{{d+N}}` / `{{d-N}}` with the day N days from today, and `{{year}}`.
    static func dated(_ text: String, today: Day) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let token = rest[open.upperBound..<close.lowerBound]
            if token == "year" {
                out += String(today.iso.prefix(4))
            } else if token.hasPrefix("d"), let offset = Int(token.dropFirst().replacingOccurrences(of: "+", with: "")) {
                out += today.adding(days: offset).iso
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func readme(language: String) -> String {
        let themes = Disk.absolute(ThemeLoader.bundledThemes) + "/default"
        if language == "en" {
            return """
                # Tutoring portal

                The content of the portal is in `content/` (see tutorat's README, "Writing the content").

                    tutorat serve            # see the site at http://127.0.0.1:1414/, updated on every save
                    tutorat check            # list every problem
                    tutorat build            # write the site into public/
                    tutorat new tutee ID     # a new file, also: tutor, programme, role, page

                The pages use tutorat's default theme (\(themes)). To change one
                template, copy it into `themes/default/templates/` here and edit the copy: the
                other files still come from the bundled theme. The same goes for the words, in
                `themes/default/strings/en.yml`.

                """
        }
        return """
            # Portail du tutorat

            Le contenu du portail est dans `content/` (voir le README de tutorat, « Writing the content »).

                tutorat serve            # voir le site sur http://127.0.0.1:1414/, à jour à chaque enregistrement
                tutorat check            # lister les problèmes
                tutorat build            # écrire le site dans public/
                tutorat new tutee ID     # un nouveau fichier, aussi : tutor, programme, role, page

            Les pages utilisent le thème par défaut de tutorat (\(themes)). Pour
            modifier un gabarit, copiez-le dans `themes/default/templates/` ici et modifiez la
            copie : les autres fichiers viennent toujours du thème fourni. De même pour les
            mots, dans `themes/default/strings/fr.yml`.

            """
    }

    // MARK: - The example, in French

    static let french: [String: String] = [
        "content/site.yml": """
            # Les réglages du portail. Sans as_of, les statuts et retards sont calculés au jour de la construction.
            title: Portail du tutorat
            organisation: Votre organisation
            language: fr
            theme: default
            # base_url: https://intranet.example/tutorat/   # l'adresse de publication, si elle est connue
            rules:
              max_tutees_per_tutor: 2   # combien de tutorés un tuteur accompagne à la fois
              meeting_gap_days: 14      # l'écart le plus long attendu entre deux rencontres
            # Combien de mois une fiche de suivi reste publiée après la fin du tutorat (retain_until la remplace).
            retention_months: 36

            """,
        "content/charter.md": """
            ---
            title: Charte du tutorat
            version: "1.0"
            adopted: {{d-30}}
            approved_by:
              - La direction
              - Les représentants du personnel
            ---

            ## Pourquoi cette charte

            Chaque nouvelle ou nouveau collègue est accompagné par un professionnel
            expérimenté et volontaire : son tuteur ou sa tutrice. Cette charte fixe le
            cadre commun de cet accompagnement.

            ## Nos principes

            - **Le volontariat** : un tuteur a choisi cette mission.
            - **La formation des tuteurs** avant leur premier accompagnement.
            - **La progressivité** : découvrir, observer, faire avec, puis faire seul.
            - **La confidentialité** des échanges entre le tuteur et le tutoré.

            ## Les engagements de l’organisation

            Elle libère du temps pour les rencontres, forme les tuteurs et reconnaît
            leur mission. Voir la fiche du [tuteur](/roles/tuteur/).

            """,
        "content/programmes/accueil.md": """
            ---
            title: Accueil des nouveaux salariés
            kind: integration
            framework: socle
            duration_weeks: 8
            meeting_rhythm_days: 14
            coordinator: La référente tutorat
            partners: []
            phases:
              - name: Préparer l’arrivée
                when: before
                steps:
                  - Désigner le tuteur et son suppléant
                  - Préparer le poste, les accès et le livret d’accueil
              - name: Accueillir et accompagner
                when: during
                steps:
                  - Journée d’accueil avec le tuteur
                  - Une rencontre au moins toutes les deux semaines
                  - Bilan à mi-parcours avec le responsable
              - name: Conclure
                when: after
                steps:
                  - Bilan final à trois voix
            ---

            Huit semaines pour connaître l’organisation, ses règles et son équipe.

            """,
        "content/frameworks/socle.yml": """
            # Le socle commun à toute personne qui arrive.
            title: Socle d’accueil
            description: Ce que chacun doit savoir à la fin de son accueil.
            scale:
              - {level: 0, label: Non abordé}
              - {level: 1, label: Découverte}
              - {level: 2, label: En cours d’acquisition}
              - {level: 3, label: Acquis}
            competencies:
              - {id: organisation, title: "Connaître l’organisation et ses interlocuteurs", group: Organisation, target: 3}
              - {id: securite, title: "Appliquer les consignes de sécurité", group: Sécurité, target: 3}
              - {id: confidentialite, title: "Respecter la confidentialité", group: Communication, target: 3}
              - {id: equipe, title: "Travailler en équipe et transmettre", group: Organisation, target: 2}

            """,
        "content/roles/tuteur.md": """
            ---
            title: Tuteur ou tutrice
            kind: tutor
            summary: Un professionnel volontaire qui accompagne un collègue dans l’apprentissage de son métier, sans être son supérieur.
            missions:
              - title: Accueillir
                tasks:
                  - Préparer l’arrivée et accueillir le premier jour
                  - Présenter l’équipe et les lieux
              - title: Accompagner
                tasks:
                  - Montrer, faire avec, puis laisser faire
                  - Tenir une rencontre régulière et noter les progrès
            commitments:
              - Suivre la formation de tuteur
              - Respecter la confidentialité des échanges
            ---

            Le tuteur transmet un savoir-faire ; il n’évalue pas le travail du tutoré à la
            place de son responsable.

            """,
        "content/roles/tutore.md": """
            ---
            title: Tutoré ou tutorée
            kind: tutee
            summary: La personne accompagnée, actrice de son parcours.
            missions:
              - title: Apprendre
                tasks:
                  - Préparer les rencontres avec ses questions
                  - S’auto-évaluer sur le référentiel
            commitments:
              - Signaler au plus tôt une difficulté
            ---

            Le tutoré peut demander un changement de tuteur à la référente tutorat.

            """,
        "content/tutors/jeanne-martin.md": """
            ---
            name: Jeanne Martin
            function: Aide-soignante
            team: Unité Les Lilas
            since: 2015
            trained: {{d-400}}
            email: jeanne.martin@example.org
            ---

            Jeanne accompagne surtout les nouveaux arrivants de l’équipe de soins.

            """,
        "content/tutors/paul-leroy.md": """
            ---
            name: Paul Leroy
            function: Infirmier
            team: Unité Les Glycines
            since: 2018
            trained: {{d-200}}
            ---

            Paul remplace Jeanne quand elle est absente.

            """,
        "content/tutees/marie-dupont.md": """
            ---
            name: Marie Dupont
            programme: accueil
            tutor: jeanne-martin
            substitute: paul-leroy
            supervisor: Claire Dubois, cadre de santé
            start: {{d-20}}
            end: {{d+36}}
            status: active
            objectives:
              - {title: "Connaître les consignes d’évacuation", due: {{d-6}}, status: done}
              - {title: "Rédiger ses transmissions seule", due: {{d+14}}, status: doing}
            competencies:
              - id: securite
                assessments:
                  - {date: {{d-18}}, level: 1, by: tutor}
                  - {date: {{d-4}}, level: 3, by: tutor, note: "Exercice d’évacuation réussi"}
              - id: equipe
                assessments:
                  - {date: {{d-4}}, level: 2, by: tutee}
            sessions:
              - {date: {{d-20}}, minutes: 120, kind: welcome, summary: "Accueil et visite"}
              - {date: {{d-13}}, minutes: 45, kind: meeting, summary: "Premier point"}
              - {date: {{d-4}}, minutes: 45, kind: meeting, summary: "Point sur les transmissions"}
            evaluations:
              - {date: {{d-4}}, kind: formative, summary: "Bonne intégration dans l’équipe", outcome: "Objectifs maintenus"}
            ---

            ### Première semaine

            Marie découvre l’équipe et pose beaucoup de questions : c’est bon signe.

            """,
        "content/tutees/lucas-moreau.md": """
            ---
            name: Lucas Moreau
            programme: accueil
            tutor: paul-leroy
            start: {{d-120}}
            end: {{d-64}}
            status: completed
            objectives:
              - {title: "Connaître l’organisation", due: {{d-90}}, status: done}
            competencies:
              - id: organisation
                assessments:
                  - {date: {{d-110}}, level: 1, by: tutor}
                  - {date: {{d-66}}, level: 3, by: tutor}
            sessions:
              - {date: {{d-120}}, minutes: 90, kind: welcome, summary: "Accueil"}
              - {date: {{d-106}}, minutes: 30, kind: meeting}
              - {date: {{d-92}}, minutes: 30, kind: meeting}
              - {date: {{d-78}}, minutes: 30, kind: meeting}
              - {date: {{d-66}}, minutes: 60, kind: evaluation, summary: "Bilan final"}
            evaluations:
              - {date: {{d-66}}, kind: final, summary: "Accueil réussi", outcome: "Période d’essai validée"}
            ---

            Un accueil sans difficulté.

            """,
        "content/pages/a-propos.md": """
            ---
            title: À propos
            menu: true
            weight: 1
            ---

            Ce portail rassemble la [charte du tutorat](/charter/), les dispositifs et le
            suivi de chaque accompagnement. Les pages des tutorés sont privées.

            """,
    ]

    // MARK: - The example, in English

    static let english: [String: String] = [
        "content/site.yml": """
            # The portal's settings. Without as_of, statuses and lateness are computed for the day of the build.
            title: Tutoring portal
            organisation: Your organisation
            language: en
            theme: default
            # base_url: https://intranet.example/tutoring/   # where the site is published, once known
            rules:
              max_tutees_per_tutor: 2   # how many tutees a tutor accompanies at once
              meeting_gap_days: 14      # the longest expected gap between two meetings
            # How many months a progress file stays published after the tutoring ends (retain_until overrides it).
            retention_months: 36

            """,
        "content/charter.md": """
            ---
            title: Tutoring charter
            version: "1.0"
            adopted: {{d-30}}
            approved_by:
              - The management
              - The staff representatives
            ---

            ## Why this charter

            Every new colleague is accompanied by an experienced volunteer: their
            tutor. This charter sets the common frame of that support.

            ## Our principles

            - **Volunteering**: a tutor chose this role.
            - **Trained tutors**, before their first tutee.
            - **Step by step**: discover, watch, do together, then do alone.
            - **Confidentiality** of what tutor and tutee say to each other.

            ## What the organisation commits to

            It gives time for the meetings, trains the tutors and recognises their
            role. See the [tutor's role sheet](/roles/tutor/).

            """,
        "content/programmes/onboarding.md": """
            ---
            title: Onboarding new staff
            kind: integration
            framework: essentials
            duration_weeks: 8
            meeting_rhythm_days: 14
            coordinator: The tutoring coordinator
            partners: []
            phases:
              - name: Before the first day
                when: before
                steps:
                  - Choose the tutor and a substitute
                  - Prepare the workstation, the accounts and the welcome booklet
              - name: Welcome and support
                when: during
                steps:
                  - A welcome day with the tutor
                  - A meeting at least every two weeks
                  - A mid-term review with the line manager
              - name: Conclude
                when: after
                steps:
                  - A final review, tutor, tutee and line manager together
            ---

            Eight weeks to get to know the organisation, its rules and its people.

            """,
        "content/frameworks/essentials.yml": """
            # What everyone who joins should know.
            title: Onboarding essentials
            description: What everyone knows at the end of their onboarding.
            scale:
              - {level: 0, label: Not started}
              - {level: 1, label: Discovered}
              - {level: 2, label: Learning}
              - {level: 3, label: Acquired}
            competencies:
              - {id: organisation, title: "Know the organisation and whom to ask", group: Organisation, target: 3}
              - {id: safety, title: "Follow the safety instructions", group: Safety, target: 3}
              - {id: confidentiality, title: "Respect confidentiality", group: Communication, target: 3}
              - {id: teamwork, title: "Work in a team and hand over", group: Organisation, target: 2}

            """,
        "content/roles/tutor.md": """
            ---
            title: Tutor
            kind: tutor
            summary: A volunteer who helps a colleague learn their job, without being their manager.
            missions:
              - title: Welcome
                tasks:
                  - Prepare the arrival and welcome on the first day
                  - Introduce the team and the premises
              - title: Support
                tasks:
                  - Show, do together, then let do
                  - Hold regular meetings and note the progress
            commitments:
              - Follow the tutor training
              - Keep what is said confidential
            ---

            The tutor passes on know-how; judging the tutee's work is the line manager's job.

            """,
        "content/roles/tutee.md": """
            ---
            title: Tutee
            kind: tutee
            summary: The person accompanied, who leads their own learning.
            missions:
              - title: Learn
                tasks:
                  - Prepare each meeting with questions
                  - Assess oneself against the framework
            commitments:
              - Say early when something goes wrong
            ---

            A tutee may ask the tutoring coordinator for another tutor.

            """,
        "content/tutors/jane-martin.md": """
            ---
            name: Jane Martin
            function: Care assistant
            team: Lilac unit
            since: 2015
            trained: {{d-400}}
            email: jane.martin@example.org
            ---

            Jane mostly accompanies newcomers to the care team.

            """,
        "content/tutors/paul-lee.md": """
            ---
            name: Paul Lee
            function: Nurse
            team: Wisteria unit
            since: 2018
            trained: {{d-200}}
            ---

            Paul stands in for Jane when she is away.

            """,
        "content/tutees/mary-smith.md": """
            ---
            name: Mary Smith
            programme: onboarding
            tutor: jane-martin
            substitute: paul-lee
            supervisor: Claire Dubois, head nurse
            start: {{d-20}}
            end: {{d+36}}
            status: active
            objectives:
              - {title: "Know the evacuation instructions", due: {{d-6}}, status: done}
              - {title: "Write handover notes alone", due: {{d+14}}, status: doing}
            competencies:
              - id: safety
                assessments:
                  - {date: {{d-18}}, level: 1, by: tutor}
                  - {date: {{d-4}}, level: 3, by: tutor, note: "Evacuation drill passed"}
              - id: teamwork
                assessments:
                  - {date: {{d-4}}, level: 2, by: tutee}
            sessions:
              - {date: {{d-20}}, minutes: 120, kind: welcome, summary: "Welcome and tour"}
              - {date: {{d-13}}, minutes: 45, kind: meeting, summary: "First meeting"}
              - {date: {{d-4}}, minutes: 45, kind: meeting, summary: "Handover notes"}
            evaluations:
              - {date: {{d-4}}, kind: formative, summary: "Settled well into the team", outcome: "Objectives kept"}
            ---

            ### First week

            Mary is getting to know the team and asks many questions: a good sign.

            """,
        "content/tutees/luke-brown.md": """
            ---
            name: Luke Brown
            programme: onboarding
            tutor: paul-lee
            start: {{d-120}}
            end: {{d-64}}
            status: completed
            objectives:
              - {title: "Know the organisation", due: {{d-90}}, status: done}
            competencies:
              - id: organisation
                assessments:
                  - {date: {{d-110}}, level: 1, by: tutor}
                  - {date: {{d-66}}, level: 3, by: tutor}
            sessions:
              - {date: {{d-120}}, minutes: 90, kind: welcome, summary: "Welcome"}
              - {date: {{d-106}}, minutes: 30, kind: meeting}
              - {date: {{d-92}}, minutes: 30, kind: meeting}
              - {date: {{d-78}}, minutes: 30, kind: meeting}
              - {date: {{d-66}}, minutes: 60, kind: evaluation, summary: "Final review"}
            evaluations:
              - {date: {{d-66}}, kind: final, summary: "A smooth onboarding", outcome: "Probation confirmed"}
            ---

            An onboarding without trouble.

            """,
        "content/pages/about.md": """
            ---
            title: About
            menu: true
            weight: 1
            ---

            This portal gathers the [tutoring charter](/charter/), the programmes and the
            follow-up of each tutee. Tutee pages are private.

            """,
    ]
}
