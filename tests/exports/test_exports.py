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


@pytest.fixture(scope="module")
def site():
    output = Path(tempfile.mkdtemp(prefix="tutorat-exports-")) / "public"
    subprocess.run([BINARY, "build", "--site", str(ROOT), "--output", str(output)], check=True, capture_output=True)
    return output


def test_tutee_calendar_parses_with_every_session(site):
    text = (site / "tutees/camille-roux/calendar.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(text)
    events = [component for component in calendar.walk("VEVENT")]
    content = (ROOT / "content/tutees/camille-roux.md").read_text(encoding="utf-8")
    sessions = len(re.findall(r"^  - \{date: ", content.split("sessions:")[1].split("evaluations:")[0], re.M))
    assert sum(1 for event in events if str(event["UID"]).startswith("session-")) == sessions
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "UIDs are unique"
    first = next(event for event in events if str(event["UID"]) == "session-camille-roux-2026-09-07@tutorat")
    assert first.decoded("DTSTART").isoformat() == "2026-09-07"
    assert "Camille Roux" in str(first["SUMMARY"])
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))


def test_tutor_calendar_names_no_private_tutee(site):
    calendar = icalendar.Calendar.from_ical((site / "tutors/jeanne-martin/calendar.ics").read_bytes())
    summaries = " ".join(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries, "the tutor has events"
    assert "Camille" not in summaries and "C. R." in summaries


def test_evidence_csv_reads_back_as_rows(site):
    path = site / "dashboard/evidence/apprentis-alternance.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), strict=True))
    header, body = rows[0], rows[1:]
    assert len(header) == 10
    assert all(len(row) == 10 for row in body)
    assert any(row[0] == "Camille Roux" and row[3] == "2026-09-07" and row[4] == "120" for row in body)
    assert path.read_bytes().endswith(b"\r\n")


def test_site_json_is_public_data_only(site):
    data = json.loads((site / "site.json").read_text(encoding="utf-8"))
    assert {programme["id"] for programme in data["programmes"]} == {
        "accueil-nouveaux-salaries", "apprentis-alternance", "stages-ecoles"}
    text = (site / "site.json").read_text(encoding="utf-8")
    for tutee in (ROOT / "content/tutees").glob("*.md"):
        name = re.search(r"^name: (.+)$", tutee.read_text(encoding="utf-8"), re.M).group(1).strip('"')
        assert name not in text


def test_every_inline_svg_is_well_formed_xml(site):
    count = 0
    for page in site.rglob("*.html"):
        for svg in re.findall(r"<svg\b.*?</svg>", page.read_text(encoding="utf-8"), re.S):
            ElementTree.fromstring(svg)
            count += 1
    assert count >= 30, f"only {count} charts found"


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


@pytest.fixture(scope="module")
def formula_site():
    root = Path(tempfile.mkdtemp(prefix="tutorat-formulas-"))
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "themes", root / "themes")
    tutee = root / "content/tutees/camille-roux.md"
    text = tutee.read_text(encoding="utf-8")
    sessions = "".join(f"  - {{date: 2026-09-08, minutes: 30, summary: {yaml}}}\n" for yaml in FORMULA_SUMMARIES)
    assert "\nsessions:\n" in text
    tutee.write_text(text.replace("\nsessions:\n", "\nsessions:\n" + sessions, 1), encoding="utf-8")
    subprocess.run([BINARY, "build", "--site", str(root), "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


def test_evidence_csv_disarms_every_formula_start(formula_site):
    path = formula_site / "dashboard/evidence/apprentis-alternance.csv"
    # Bytes decoded by hand: read_text would turn a carriage return inside a field into a line feed.
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""), strict=True))
    texts = [row[9] for row in rows[1:] if row[0] == "Camille Roux" and row[3] == "2026-09-08"]
    assert FORMULA_SUMMARIES, "the list is not empty"
    assert len(texts) == len(FORMULA_SUMMARIES)
    for summary in FORMULA_SUMMARIES.values():
        assert "'" + summary in texts, f"{summary!r} is disarmed"
    assert all(text.startswith("'") for text in texts)
