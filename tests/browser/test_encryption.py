"""Encrypted private pages (tutorat build --keys) in headless Chromium.

The bundled site is built with a keys file written by `tutorat keys generate`
and served over http://127.0.0.1, a secure context where WebCrypto works; the
pages are opened as a tutee and as the coordinator would, with what they type.
"""
import functools
import http.server
import pathlib
import re
import shutil
import subprocess
import threading
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import checks
from conftest import REPOSITORY, chromium

TUTEE = "camille-roux"
TUTEE_NAME = "Camille Roux"
OTHER = "lucas-moreau"
WRONG = "Cette phrase de passe n’ouvre pas cette page. Vérifiez-la et réessayez."
DAMAGED = "La page ne peut pas être déchiffrée : le fichier a été modifié ou abîmé. Prévenez la coordination du tutorat."
INSECURE = "Votre navigateur ne peut pas déchiffrer cette page ici"


def binary():
    path = checks.env_path("TUTORAT_BIN", REPOSITORY / ".build/debug/tutorat")
    return path if path.is_absolute() else REPOSITORY / path


def passphrases(keys):
    """id -> passphrase, read from the keys file (`coordinator` and each tutee)."""
    found, current = {}, None
    for line in keys.read_text(encoding="utf-8").splitlines():
        if line == "coordinator:":
            current = "coordinator"
        elif re.fullmatch(r"  [a-z0-9-]+:", line):
            current = line.strip(" :")
        elif line.strip().startswith("passphrase: ") and current:
            found[current] = line.split('"')[1]
    return found


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory):
    """(output folder, passphrases, base URL) of the bundled site built with --keys and served on 127.0.0.1."""
    base = tmp_path_factory.mktemp("encrypted")
    keys = base / "tutorat-keys.yml"
    output = base / "public"
    for command in (["keys", "generate", "--site", str(REPOSITORY), "--keys", str(keys)],
                    ["build", "--site", str(REPOSITORY), "--output", str(output), "--keys", str(keys), "--require-encryption"]):
        result = subprocess.run([str(binary()), *command], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"tutorat {' '.join(command)}:\n{result.stdout}\n{result.stderr}"
    # A copy of the tutee's page with one byte of its ciphertext changed.
    page = (output / f"tutees/{TUTEE}/index.html").read_text(encoding="utf-8")
    data = re.search(r'"data":"([A-Za-z0-9+/]{20})', page)
    flipped = data.group(1)[:10] + ("B" if data.group(1)[10] != "B" else "C") + data.group(1)[11:]
    (output / f"tutees/{TUTEE}/tampered.html").write_text(page.replace(data.group(1), flipped, 1), encoding="utf-8")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield output, passphrases(keys), f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def unlock(driver, url, passphrase, timeout=60):
    driver.get(url)
    field = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "locked-passphrase"))
    WebDriverWait(driver, 10).until(lambda d: field.is_displayed())
    field.send_keys(passphrase)
    driver.find_element(By.CSS_SELECTOR, "#locked-form button[type=submit]").click()
    # Either the page is replaced (the form is gone) or an error is announced.
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "return !document.getElementById('locked-form') || document.getElementById('locked-error').textContent !== ''"))


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def test_the_locked_page_names_no_one(encrypted, page):
    output, _, base = encrypted
    page.get(base + f"tutees/{TUTEE}/index.html")
    assert TUTEE_NAME not in page.title and TUTEE_NAME not in page.page_source
    assert heading(page) == "Page protégée"
    assert page.find_element(By.ID, "locked-form").is_displayed(), "127.0.0.1 is a secure context: the form shows"
    assert page.execute_script("return window.isSecureContext")


def test_the_tutee_opens_their_page_with_their_passphrase(encrypted, page):
    _, keys, base = encrypted
    unlock(page, base + f"tutees/{TUTEE}/index.html", keys[TUTEE])
    assert heading(page) == TUTEE_NAME
    assert TUTEE_NAME in page.title
    # The decrypted page is the whole page: its stylesheet and links work.
    assert page.execute_script("return getComputedStyle(document.body).fontFamily").find("system-ui") >= 0
    assert len(page.find_element(By.CSS_SELECTOR, "main").text) > 1000


def test_a_wrong_passphrase_is_refused_with_a_message(encrypted, page):
    _, keys, base = encrypted
    unlock(page, base + f"tutees/{TUTEE}/index.html", keys[OTHER])
    error = page.find_element(By.ID, "locked-error")
    assert error.text == WRONG
    assert error.get_attribute("role") == "alert"
    assert page.find_element(By.ID, "locked-passphrase").get_attribute("aria-invalid") == "true"
    assert TUTEE_NAME not in page.page_source
    unlock(page, base + f"tutees/{TUTEE}/index.html", keys[TUTEE] + "x")
    assert page.find_element(By.ID, "locked-error").text == WRONG


def test_the_coordinator_passphrase_opens_every_private_page(encrypted, page):
    output, keys, base = encrypted
    private = [f"tutees/{TUTEE}/index.html", f"tutees/{OTHER}/index.html", "tutees/index.html", "dashboard/index.html"]
    for relative in private:
        unlock(page, base + relative, keys["coordinator"])
        assert page.execute_script("return !document.getElementById('locked-form')"), f"{relative} did not open"
    unlock(page, base + "dashboard/index.html", keys["coordinator"])
    assert heading(page) == "Tableau de bord"
    # Every private page of the site is locked, and the coordinator's passphrase is in each.
    locked = [p for p in checks.html_files(output) if 'id="tutorat-envelope"' in (output / p).read_text(encoding="utf-8")]
    assert set(private) <= set(locked) and len(locked) == 13  # 10 tutees, the list, the dashboard, the tampered copy


def test_a_tutee_passphrase_does_not_open_the_dashboard(encrypted, page):
    _, keys, base = encrypted
    unlock(page, base + "dashboard/index.html", keys[TUTEE])
    assert page.find_element(By.ID, "locked-error").text == WRONG


def test_a_tampered_ciphertext_is_rejected(encrypted, page):
    _, keys, base = encrypted
    unlock(page, base + f"tutees/{TUTEE}/tampered.html", keys[TUTEE])
    assert page.find_element(By.ID, "locked-error").text == DAMAGED
    assert TUTEE_NAME not in page.page_source


def test_the_decrypted_page_downloads_its_encrypted_calendar(encrypted, page, tmp_path):
    _, keys, base = encrypted
    page.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    unlock(page, base + f"tutees/{TUTEE}/index.html", keys[TUTEE])
    link = page.find_element(By.CSS_SELECTOR, "a[href$='calendar.ics']")
    page.execute_script("arguments[0].click()", link)
    deadline = time.time() + 20
    target = tmp_path / "calendar.ics"
    while time.time() < deadline and not target.exists():
        time.sleep(0.1)
    assert target.exists(), f"no download in {list(tmp_path.iterdir())}"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and TUTEE_NAME in text


def test_the_locked_page_is_accessible_and_fits_a_phone(encrypted, page, tools):
    _, keys, base = encrypted
    findings = []
    for scheme in ("light", "dark"):
        checks.set_media(page, scheme=scheme)
        page.get(base + f"tutees/{TUTEE}/index.html")
        findings += checks.run_axe(page, tools["axe"], f"locked page ({scheme})")
        unlock(page, base + f"tutees/{TUTEE}/index.html", "faux")
        findings += checks.run_axe(page, tools["axe"], f"locked page with its error ({scheme})")
    checks.set_media(page)
    checks.set_viewport(page, 360, 800, mobile=True)
    page.get(base + f"tutees/{TUTEE}/index.html")
    findings += checks.overflow(page, "locked page at 360 px")
    checks.STATS["encrypted pages: axe-core on the locked page, light and dark"] += 1
    assert not findings, "\n".join(findings)


def test_the_locked_pages_are_valid_html(encrypted, tools, tmp_path):
    output, _, _ = encrypted
    folder = tmp_path / "locked"
    folder.mkdir()
    for relative in ("tutees/index.html", "dashboard/index.html", f"tutees/{TUTEE}/index.html"):
        shutil.copy(output / relative, folder / relative.replace("/", "-"))
    findings = checks.check_markup(tools["vnu"], [folder])
    assert not findings, "\n".join(findings)


def test_outside_a_secure_context_the_page_says_why(encrypted):
    """Over plain http on an address other than this computer's, WebCrypto is
    missing: the page says so instead of showing a form that cannot work."""
    _, _, base = encrypted
    port = base.rstrip("/").rsplit(":", 1)[1]
    driver = chromium(javascript=True, extra=["--host-resolver-rules=MAP intranet.test 127.0.0.1"])
    try:
        driver.get(f"http://intranet.test:{port}/tutees/{TUTEE}/index.html")
        assert driver.execute_script("return window.isSecureContext") is False
        message = driver.find_element(By.ID, "locked-insecure")
        assert message.is_displayed() and message.text.startswith(INSECURE)
        assert not driver.find_element(By.ID, "locked-form").is_displayed()
    finally:
        driver.quit()


def test_without_javascript_the_locked_page_says_it_needs_it(encrypted, browser_without_js):
    _, _, base = encrypted
    browser_without_js.get(base + f"tutees/{TUTEE}/index.html")
    assert "JavaScript est nécessaire" in browser_without_js.find_element(By.TAG_NAME, "main").text
