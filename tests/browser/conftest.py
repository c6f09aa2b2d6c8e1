"""Fixtures of the browser stage: the three sites, built once; the tools; two Chromiums.

Environment (the Makefile sets them):
  TUTORAT_BIN        the tutorat binary (default .build/debug/tutorat)
  BROWSER_TOOLS      where install.sh put axe.min.js and vnu.jar (default .cache/browser-tools)
  SCREENSHOTS        where screenshots go (default .cache/screenshots)
"""
import pathlib
import shutil
import subprocess
import sys

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import checks  # noqa: E402

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
# The site the tests that rely on particular pages, words and names build (not content/).
FIXTURE = REPOSITORY / "Tests/Fixtures/sites/care-home"
GENERATED_TUTEES = 60


def pytest_report_header(config):
    tools = checks.env_path("BROWSER_TOOLS", REPOSITORY / ".cache/browser-tools")
    lines = []
    for name in ("axe.min.js", "vnu.jar"):
        origin = tools / (name + ".from")
        lines.append(f"{name}: {origin.read_text().strip() if origin.exists() else 'missing'}")
    return "browser tools: " + "; ".join(lines)


def pytest_terminal_summary(terminalreporter):
    if checks.STATS:
        terminalreporter.section("what the browser checks covered")
        for key, count in sorted(checks.STATS.items()):
            terminalreporter.write_line(f"{key}: {count}")


@pytest.fixture(scope="session")
def tools():
    folder = checks.env_path("BROWSER_TOOLS", REPOSITORY / ".cache/browser-tools")
    if not folder.is_absolute():
        folder = REPOSITORY / folder
    axe, vnu = folder / "axe.min.js", folder / "vnu.jar"
    for path in (axe, vnu):
        assert path.is_file(), f"{path} is missing: run `make browser-tools`"
    return {"axe": axe.read_text(encoding="utf-8"), "vnu": vnu}


def build(site, output):
    binary = checks.env_path("TUTORAT_BIN", REPOSITORY / ".build/debug/tutorat")
    if not binary.is_absolute():
        binary = REPOSITORY / binary
    assert binary.is_file(), f"{binary} is missing: build tutorat first (swift build --product tutorat)"
    result = subprocess.run([str(binary), "build", "--site", str(site), "--output", str(output)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"tutorat build --site {site} failed:\n{result.stdout}\n{result.stderr}"
    return output


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """name -> output folder: the fixture site (Tests/Fixtures/sites/care-home), the bundled
    example (content/, for the checks that hold on any site and the README's pictures),
    and a generated site of 60 tutees."""
    base = tmp_path_factory.mktemp("sites")
    fixture = build(FIXTURE, base / "fixture")
    example = build(REPOSITORY, base / "example")
    generated_source = base / "generated-source"
    subprocess.run([sys.executable, str(REPOSITORY / "bench/generate.py"), str(GENERATED_TUTEES), str(generated_source)],
                   check=True, capture_output=True, timeout=120)
    generated = build(generated_source, base / "generated")
    return {"fixture": fixture, "example": example, "generated": generated}


@pytest.fixture(scope="session")
def fixture_site(sites):
    """The built fixture site, whose pages, words and names the tests may rely on."""
    return sites["fixture"]


@pytest.fixture(scope="session")
def example(sites):
    """The built bundled example (content/): no test relies on its figures."""
    return sites["example"]


@pytest.fixture(scope="session")
def screenshots():
    folder = checks.env_path("SCREENSHOTS", REPOSITORY / ".cache/screenshots")
    if not folder.is_absolute():
        folder = REPOSITORY / folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def chromium(javascript=True, extra=()):
    options = webdriver.ChromeOptions()
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--window-size=1280,900", "--lang=fr-FR", "--disable-extensions",
                     "--no-first-run", "--disable-background-networking", "--force-color-profile=srgb", *extra]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver_path = shutil.which("chromedriver")
    service = Service(driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture(scope="session")
def browser():
    driver = chromium(javascript=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def browser_without_js():
    driver = chromium(javascript=False)
    yield driver
    driver.quit()


@pytest.fixture()
def page(browser):
    """The JavaScript browser, reset to a desktop viewport in the light scheme."""
    checks.set_viewport(browser, 1280, 900)
    checks.set_media(browser)
    yield browser
    checks.set_viewport(browser, 1280, 900)
    checks.set_media(browser)
