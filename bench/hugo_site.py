#!/usr/bin/env python3
"""Writes the Hugo site equivalent to a generated tutorat site, for `make bench`.

    python3 bench/hugo_site.py TUTORAT_SITE HUGO_SITE

The same files (front matter and Markdown bodies, byte for byte) go into the
Hugo site's content/, with templates in bench/hugo-layouts/ that print the same
fields as a tutee's progress page: identity, objectives, competencies with
their assessments, sessions and the journal. Hugo has no charts, indicators,
calendars or search index to compute, so the comparison favours Hugo.
"""
import os
import shutil
import sys

def main():
    source, target = sys.argv[1], sys.argv[2]
    shutil.rmtree(target, ignore_errors=True)
    for folder in ["programmes", "tutors", "tutees"]:
        os.makedirs(os.path.join(target, "content", folder))
        for name in sorted(os.listdir(os.path.join(source, "content", folder))):
            shutil.copyfile(os.path.join(source, "content", folder, name), os.path.join(target, "content", folder, name))
    shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo-layouts"), os.path.join(target, "layouts"))
    with open(os.path.join(target, "config.toml"), "w", encoding="utf-8") as handle:
        handle.write('baseURL = "http://intranet.example/"\nlanguageCode = "fr"\ntitle = "Portail du tutorat (banc d\'essai)"\n'
                     'disableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n')

if __name__ == "__main__":
    main()
