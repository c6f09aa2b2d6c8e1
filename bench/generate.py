#!/usr/bin/env python3
"""Writes a synthetic tutorat site of N tutees for `make bench`.

    python3 bench/generate.py N FOLDER [--corpus base|names]

Deterministic (seeded): the same N gives the same files. Two corpora:

base   as issue 9 describes: per tutee about 5 KB of Markdown, 12
       competencies with assessments, 20 sessions, 5 objectives; 20
       programmes and 200 tutors in all; a tidy site (a few warnings).
names  as issue 19 describes a French network's kept site: every tutee is
       "Tutoré N" and every tutor "Tuteur N" (names sharing their first
       word), the words "tutoré" and "tuteur" on every line of the texts,
       one tutor for 10 tutees (1 000 for 10 000), bodies (1.7 KB) shorter
       than the front matter (2.7 KB), a quarter of the tutees and most tutors
       not private and their texts naming private people now and then, and
       about 4 warnings per tutee (40 000 for 10 000: late meetings and
       objectives, duos past their end, private names on pages that are not
       private): a kept site is not always tidy.
"""
import os
import datetime
import random
import sys

def main():
    count = int(sys.argv[1])
    root = sys.argv[2]
    corpus = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--corpus" else "base"
    if corpus == "names":
        return names_corpus(count, root)
    rng = random.Random(count)
    content = os.path.join(root, "content")
    for folder in ["programmes", "roles", "frameworks", "tutors", "tutees", "pages"]:
        os.makedirs(os.path.join(content, folder), exist_ok=True)

    def write(path, text):
        with open(os.path.join(content, path), "w", encoding="utf-8") as handle:
            handle.write(text)

    write("site.yml", "title: Portail du tutorat (banc d'essai)\norganisation: Réseau Exemple\nlanguage: fr\nas_of: 2026-11-24\n"
          "rules:\n  max_tutees_per_tutor: 60\n  meeting_gap_days: 14\n")
    write("charter.md", "---\ntitle: Charte du tutorat\nversion: \"1.0\"\n---\n" + "\n\n".join(
        f"## Principe {i}\n\nLe tuteur accompagne le tutoré avec bienveillance et rigueur, dans le respect du cadre défini." for i in range(1, 8)))
    competencies = [f"competence-{i:02d}" for i in range(1, 13)]
    framework = "title: Référentiel commun\nscale:\n" + "".join(
        f"  - {{level: {level}, label: \"Niveau {level}\"}}\n" for level in range(5)) + "competencies:\n" + "".join(
        f"  - {{id: {cid}, title: \"Compétence {i + 1}\", group: \"Groupe {i % 3 + 1}\", target: 3}}\n" for i, cid in enumerate(competencies))
    write("frameworks/commun.yml", framework)
    for p in range(20):
        phases = "".join(f"  - name: Phase {k}\n    when: {when}\n    steps: [Étape un, Étape deux, Étape trois]\n"
                         for k, when in enumerate(["before", "during", "during", "after"]))
        write(f"programmes/programme-{p:02d}.md", f"---\ntitle: Dispositif {p}\nkind: integration\nframework: commun\nduration_weeks: 12\n"
              f"meeting_rhythm_days: 14\ncoordinator: Coordination {p}\npartners: [Organisme {p}]\nphases:\n{phases}---\n"
              "Un dispositif d'accompagnement des nouveaux arrivants.\n\n## Objectifs\n\nIntégrer, former, évaluer.\n")
    for kind in ["direction", "management", "tutor", "tutee", "partner"]:
        write(f"roles/{kind}.md", f"---\ntitle: Rôle {kind}\nkind: {kind}\nsummary: Fiche du rôle\nmissions:\n  - title: Mission\n"
              "    tasks: [Tâche un, Tâche deux]\ncommitments: [Engagement un, Engagement deux]\n---\nFiche de fonction.\n")
    for t in range(200):
        write(f"tutors/tuteur-{t:03d}.md", f"---\nname: Tuteur {t}\nfunction: Infirmier\nteam: Équipe {t % 10}\nsince: 2015\n"
              f"trained: 2024-03-{t % 28 + 1:02d}\nemail: tuteur{t}@example.org\n---\nUn tuteur expérimenté.\n")
    paragraph = ("Cette semaine, le tutoré a progressé sur les transmissions et la prise en charge des résidents. "
                 "Nous avons revu ensemble les protocoles d'hygiène, puis observé une toilette complète. ") * 2
    # Dated against as_of like a real site: finished duos are marked completed,
    # past objectives done, twenty sessions spread over the time so far, so the
    # site is clean for `check`, as a well-kept one is.
    as_of = datetime.date(2026, 11, 24)
    for n in range(count):
        start = datetime.date(2026, rng.randint(1, 6), 1)
        end = start + datetime.timedelta(days=210)
        day = lambda offset: (start + datetime.timedelta(days=offset)).isoformat()
        last = min(end, as_of - datetime.timedelta(days=3))
        step = (last - start).days // 19
        sessions = "".join(f"  - {{date: {day(s * step)}, minutes: {rng.choice([30, 45, 60])}, "
                           f"kind: meeting, summary: \"Point hebdomadaire {s + 1}\"}}\n" for s in range(20))
        objectives = "".join(
            f"  - {{title: \"Objectif {o + 1}\", due: {day(35 * (o + 1))}, "
            f"status: {'done' if start + datetime.timedelta(days=35 * (o + 1)) < as_of else rng.choice(['todo', 'doing'])}}}\n"
            for o in range(5))
        assessed = "".join(f"  - id: {cid}\n    assessments:\n" + "".join(
            f"      - {{date: {day(9 + 30 * a)}, level: {min(4, a + rng.randint(0, 1))}, by: {'tutee' if a == 2 else 'tutor'}}}\n"
            for a in range(3)) for cid in competencies)
        journal = "\n\n".join(f"### Semaine {w + 1}\n\n{paragraph}" for w in range(14))
        write(f"tutees/tutore-{n:05d}.md",
              f"---\nname: Tutoré {n}\nprogramme: programme-{n % 20:02d}\ntutor: tuteur-{n % 200:03d}\n"
              f"substitute: tuteur-{(n + 1) % 200:03d}\nstart: {start.isoformat()}\nend: {end.isoformat()}\n"
              f"status: {'completed' if end < as_of else 'active'}\nobjectives:\n{objectives}competencies:\n{assessed}"
              f"sessions:\n{sessions}---\n{journal}\n")

def names_corpus(count, root):
    rng = random.Random(count * 7 + 19)
    content = os.path.join(root, "content")
    for folder in ["programmes", "roles", "frameworks", "tutors", "tutees", "pages"]:
        os.makedirs(os.path.join(content, folder), exist_ok=True)

    def write(path, text):
        with open(os.path.join(content, path), "w", encoding="utf-8") as handle:
            handle.write(text)

    tutors = max(100, count // 10)
    write("site.yml", "title: Réseau régional du tutorat\norganisation: Réseau d'apprentissage\nlanguage: fr\nas_of: 2026-11-24\n"
          "rules:\n  max_tutees_per_tutor: 12\n  meeting_gap_days: 21\n")
    write("charter.md", "---\ntitle: Charte du tutorat\nversion: \"2.1\"\n---\n" + "\n\n".join(
        f"## Article {i}\n\nLe tuteur accompagne le tutoré ; le tutoré sollicite son tuteur. Chaque tutoré a un tuteur "
        "et un suppléant, et le tuteur rend compte du parcours du tutoré." for i in range(1, 11)))
    competencies = [f"competence-{i:02d}" for i in range(1, 13)]
    write("frameworks/commun.yml", "title: Référentiel commun\nscale:\n" + "".join(
        f"  - {{level: {level}, label: \"Niveau {level}\"}}\n" for level in range(5)) + "competencies:\n" + "".join(
        f"  - {{id: {cid}, title: \"Compétence {i + 1} du tutoré\", group: \"Groupe {i % 3 + 1}\", target: 3}}\n"
        for i, cid in enumerate(competencies)))
    for p in range(20):
        phases = "".join(f"  - name: Phase {k} du tutoré\n    when: {when}\n    steps: [Accueil du tutoré, Point avec le tuteur, Bilan]\n"
                         for k, when in enumerate(["before", "during", "during", "after"]))
        write(f"programmes/programme-{p:02d}.md", f"---\ntitle: Parcours {p}\nkind: alternance\nframework: commun\n"
              f"duration_weeks: 26\nmeeting_rhythm_days: 21\ncoordinator: Coordination {p}\npartners: [CFA {p}]\nphases:\n{phases}---\n"
              + "Le tutoré découvre le métier avec son tuteur. Le tuteur présente au tutoré l'équipe, puis le tutoré "
              "prend ses fonctions. " * 6 + "\n")
    for kind in ["direction", "management", "tutor", "tutee", "partner"]:
        write(f"roles/{kind}.md", f"---\ntitle: Rôle {kind}\nkind: {kind}\nsummary: Fiche du rôle auprès du tutoré\nmissions:\n"
              "  - title: Mission\n    tasks: [Accueillir le tutoré, Informer le tuteur]\ncommitments: [Engagement un, Engagement deux]\n---\n"
              + "Le tuteur et le tutoré s'engagent ensemble ; le tutoré peut demander un autre tuteur. " * 4 + "\n")
    # One tutor in ten private; the others' presentations name a private tutee now and then.
    private_tutee = lambda n: n % 4 != 0
    for t in range(tutors):
        visibility = "visibility: private\n" if t % 10 == 3 else ""
        named = t * 10 + 1
        mention = f"Cette année, Tutoré {named} a rejoint l'équipe. " if t % 10 != 3 and private_tutee(named) and named < count else ""
        write(f"tutors/tuteur-{t:05d}.md", f"---\nname: Tuteur {t}\nfunction: Technicien\nteam: Atelier {t % 40}\nsince: 2016\n"
              f"trained: 2024-0{t % 9 + 1}-{t % 28 + 1:02d}\nemail: tuteur{t}@example.org\n{visibility}---\n"
              + "Tuteur depuis dix ans, il accompagne chaque tutoré pas à pas : le tutoré observe, puis le tutoré fait, "
              "et le tuteur corrige avec le tutoré. " * 5 + mention + "\n")
    as_of = datetime.date(2026, 11, 24)
    for n in range(count):
        start = datetime.date(2026, rng.randint(1, 6), 1)
        end = start + datetime.timedelta(days=rng.choice([150, 240]))
        day = lambda offset: (start + datetime.timedelta(days=offset)).isoformat()
        # Ten sessions, the last one a month or more before as_of when the duo is still going: a late meeting.
        last = min(end, as_of) - datetime.timedelta(days=rng.choice([3, 30, 45, 60]))
        step = (last - start).days // 9
        sessions = "".join(f"  - {{date: {day(s * step)}, minutes: {rng.choice([30, 45, 60])}, kind: meeting, "
                           f"summary: \"Point {s + 1} avec le tuteur\"}}\n" for s in range(10))
        objectives = "".join(
            f"  - {{title: \"Objectif {o + 1} du tutoré\", due: {day(30 * (o + 1))}, "
            f"status: {rng.choice(['done', 'doing', 'doing', 'doing', 'doing']) if start + datetime.timedelta(days=30 * (o + 1)) < as_of else 'todo'}}}\n"
            for o in range(6))
        assessed = "".join(f"  - id: {cid}\n    assessments:\n" + "".join(
            f"      - {{date: {day(9 + 30 * a)}, level: {min(4, a + rng.randint(0, 1))}, by: {'tutee' if a == 2 else 'tutor'}}}\n"
            for a in range(3)) for cid in competencies[:8])
        # Most duos past their end are closed, some are not (a warning).
        status = "active" if end >= as_of or n % 3 == 0 else "completed"
        visibility = "" if private_tutee(n) else "visibility: intranet\n"
        others = [(n * 7919 + k) % count for k in (1, 2, 3, 4)]
        mention = "".join(f"Il a travaillé en binôme avec Tutoré {other}. " for other in others
                          if not private_tutee(n) and private_tutee(other))
        paragraph = ("Le tutoré a suivi son tuteur en atelier ; le tuteur a montré au tutoré les gestes du poste, "
                     "puis le tutoré a refait seul. Le tutoré progresse. ")
        journal = "\n\n".join(f"### Semaine {w + 1}\n\n{paragraph}{mention if w == 2 else ''}" for w in range(10))
        write(f"tutees/tutore-{n:06d}.md",
              f"---\nname: Tutoré {n}\nprogramme: programme-{n % 20:02d}\ntutor: tuteur-{n % tutors:05d}\n"
              f"substitute: tuteur-{(n + 1) % tutors:05d}\nstart: {start.isoformat()}\nend: {end.isoformat()}\n"
              f"status: {status}\n{visibility}objectives:\n{objectives}competencies:\n{assessed}"
              f"sessions:\n{sessions}---\n{journal}\n")

if __name__ == "__main__":
    main()
