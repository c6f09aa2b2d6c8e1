#!/usr/bin/env python3
"""Writes a synthetic tutorat site of N tutees for `make bench`.

Deterministic (seeded): the same N gives the same files. Shape per tutee, as
issue 9 describes: about 5 KB of Markdown, 12 competencies with assessments,
20 sessions, 5 objectives; 20 programmes and 200 tutors in all.
"""
import os
import datetime
import random
import sys

def main():
    count = int(sys.argv[1])
    root = sys.argv[2]
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

if __name__ == "__main__":
    main()
