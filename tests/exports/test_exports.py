"""The exports read back with real parsers: iCalendar files with the
`icalendar` package, evidence CSV with Python's RFC 4180 reader, site.json
with json, and every inline SVG as XML."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("TUTORAT_BIN", str(ROOT / ".build/debug/tutorat"))
# The fixture site these tests build (not the bundled example in content/).
FIXTURE = ROOT / "Tests/Fixtures/sites/care-home"
TUTEE = "lina-morel"  # a private tutee with sessions, on the apprentissage programme
TUTOR = "odile-ferrand"  # her tutor
PROGRAMME = "apprentissage"


def front_matter(relative):
    return (FIXTURE / "content" / relative).read_text(encoding="utf-8").split("\n---\n", 1)[0]


def sessions(relative):
    """(date, minutes) of each session written in a tutee's file, in order."""
    block = front_matter(relative).split("\nsessions:\n")[1].split("\nevaluations:")[0]
    return re.findall(r"^  - \{date: (\d{4}-\d\d-\d\d), minutes: (\d+)", block, re.M)


def field(relative, name):
    return re.search(rf"^{name}: (.+)$", front_matter(relative), re.M).group(1).strip("\"'")


@pytest.fixture(scope="module")
def site():
    output = Path(tempfile.mkdtemp(prefix="tutorat-exports-")) / "public"
    subprocess.run([BINARY, "build", "--site", str(FIXTURE), "--output", str(output)], check=True, capture_output=True)
    return output


def test_tutee_calendar_parses_with_every_session(site):
    text = (site / f"tutees/{TUTEE}/calendar.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(text)
    events = [component for component in calendar.walk("VEVENT")]
    written = sessions(f"tutees/{TUTEE}.md")
    assert len(written) >= 2
    assert sum(1 for event in events if str(event["UID"]).startswith("session-")) == len(written)
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "UIDs are unique"
    day = written[0][0]
    first = next(event for event in events if str(event["UID"]) == f"session-{TUTEE}-{day}@tutorat")
    assert first.decoded("DTSTART").isoformat() == day
    assert field(f"tutees/{TUTEE}.md", "name") in str(first["SUMMARY"])
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))


def test_tutor_calendar_names_no_private_tutee(site):
    calendar = icalendar.Calendar.from_ical((site / f"tutors/{TUTOR}/calendar.ics").read_bytes())
    summaries = " ".join(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries, "the tutor has events"
    assert field(f"tutees/{TUTEE}.md", "tutor") == TUTOR
    first, last = field(f"tutees/{TUTEE}.md", "name").split(" ")
    assert first not in summaries and f"{first[0]}. {last[0]}." in summaries


def test_evidence_csv_reads_back_as_rows(site):
    path = site / f"dashboard/audit/{PROGRAMME}/trail.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), strict=True))
    header, body = rows[0], rows[1:]
    assert len(header) == 12
    assert body and all(len(row) == 12 for row in body)
    # The path's rows: a liaison contact and a settled step, read back whole.
    kinds = {row[2] for row in body}
    assert {"Liaison", "Étape", "Séance"} <= kinds, kinds
    assert field(f"tutees/{TUTEE}.md", "programme") == PROGRAMME
    day, minutes = sessions(f"tutees/{TUTEE}.md")[0]
    name = field(f"tutees/{TUTEE}.md", "name")
    assert any(row[0] == name and row[3] == day and row[4] == minutes for row in body)
    assert path.read_bytes().endswith(b"\r\n")


def test_site_json_is_public_data_only(site):
    data = json.loads((site / "site.json").read_text(encoding="utf-8"))
    programmes = {path.stem for path in (FIXTURE / "content/programmes").glob("*.md")}
    assert programmes and {programme["id"] for programme in data["programmes"]} == programmes
    text = (site / "site.json").read_text(encoding="utf-8")
    tutees = list((FIXTURE / "content/tutees").glob("*.md"))
    assert tutees
    for tutee in tutees:
        name = re.search(r"^name: (.+)$", tutee.read_text(encoding="utf-8"), re.M).group(1).strip('"')
        assert name not in text


def test_every_inline_svg_is_well_formed_xml(site):
    count = 0
    for page in site.rglob("*.html"):
        for svg in re.findall(r"<svg\b.*?</svg>", page.read_text(encoding="utf-8"), re.S):
            ElementTree.fromstring(svg)
            count += 1
    # Each tutee page with assessments has its charts.
    charted = sum(1 for path in (FIXTURE / "content/tutees").glob("*.md") if "\ncompetencies:\n" in path.read_text(encoding="utf-8"))
    assert charted and count >= 2 * charted, f"only {count} charts found"


# Summaries a spreadsheet could take for formulas (OWASP's CSV injection list),
# as YAML double-quoted text: each must come back from the CSV reader with a
# quote mark in front, exactly as written otherwise.
FORMULA_SUMMARIES = {
    r'"=1+1"': "=1+1",
    r'"+A1"': "+A1",
    r'"-A1"': "-A1",
    r'"@SUM(A1)"': "@SUM(A1)",
    r'"\t=1+1"': "\t=1+1",
    r'"\tA1"': "\tA1",
    r'"\r=1+1"': "\r=1+1",
    r'" =1+1"': " =1+1",
    r'" A1"': " A1",
    '"\uff1d1+1"': "\uff1d1+1",
    '"\uff0b1"': "\uff0b1",
    '"\uff0d1"': "\uff0d1",
    '"\uff20SUM(A1)"': "\uff20SUM(A1)",
    r'"\u00a0+1"': "\u00a0+1",
    r'"\u3000\uff1d1+1"': "\u3000\uff1d1+1",
}


# A day with no other session of the tutee: the rows of that day are the planted ones.
FORMULA_DAY = "2026-10-06"


@pytest.fixture(scope="module")
def formula_site():
    root = Path(tempfile.mkdtemp(prefix="tutorat-formulas-"))
    shutil.copytree(FIXTURE / "content", root / "content")
    tutee = root / f"content/tutees/{TUTEE}.md"
    text = tutee.read_text(encoding="utf-8")
    added = "".join(f"  - {{date: {FORMULA_DAY}, minutes: 30, summary: {yaml}}}\n" for yaml in FORMULA_SUMMARIES)
    assert "\nsessions:\n" in text
    tutee.write_text(text.replace("\nsessions:\n", "\nsessions:\n" + added, 1), encoding="utf-8")
    subprocess.run([BINARY, "build", "--site", str(root), "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


def test_evidence_csv_disarms_every_formula_start(formula_site):
    path = formula_site / f"dashboard/audit/{PROGRAMME}/trail.csv"
    # Bytes decoded by hand: read_text would turn a carriage return inside a field into a line feed.
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""), strict=True))
    name = field(f"tutees/{TUTEE}.md", "name")
    texts = [row[9] for row in rows[1:] if row[0] == name and row[3] == FORMULA_DAY]
    assert FORMULA_SUMMARIES, "the list is not empty"
    assert len(texts) == len(FORMULA_SUMMARIES)
    for summary in FORMULA_SUMMARIES.values():
        assert "'" + summary in texts, f"{summary!r} is disarmed"
    assert all(text.startswith("'") for text in texts)
