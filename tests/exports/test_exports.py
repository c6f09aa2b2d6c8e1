"""The exports read back with real parsers: iCalendar files with the
`icalendar` package, evidence CSV with Python's RFC 4180 reader, site.json
with json, and every inline SVG as XML."""
import csv
import io
import json
import os
import re
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
