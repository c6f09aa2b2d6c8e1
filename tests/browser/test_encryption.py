"""Encrypted private pages (tutorat build --keys) in headless Chromium.

The care-home fixture (Tests/Fixtures/sites/care-home) is built with a keys file
written by `tutorat keys generate` and served over http://127.0.0.1, a secure
context where WebCrypto works; the pages are opened as a tutee and as the
coordinator would, with what they type. The tutees and their names are read
from the fixture's files.
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
from conftest import FIXTURE, REPOSITORY, chromium


def front_field(relative, name):
    """A top-level field of a fixture file's front matter, as written."""
    text = (FIXTURE / "content" / relative).read_text(encoding="utf-8")
    return re.search(rf"^{name}: (.+)$", text, re.M).group(1).strip().strip("\"'")


# The fixture's tutees, by id; the tests need four of them.
TUTEES = sorted(path.stem for path in (FIXTURE / "content/tutees").glob("*.md"))
assert len(TUTEES) >= 4, f"the fixture has {len(TUTEES)} tutees, these tests need four"
TUTEE, OTHER, THIRD, FOURTH = TUTEES[:4]
TUTEE_NAME = front_field(f"tutees/{TUTEE}.md", "name")
OTHER_NAME = front_field(f"tutees/{OTHER}.md", "name")
FOURTH_NAME = front_field(f"tutees/{FOURTH}.md", "name")
# The titles of TUTEE's objectives, which its decrypted page shows.
TUTEE_OBJECTIVES = re.findall(r'^  - \{title: "([^"]+)"', (FIXTURE / f"content/tutees/{TUTEE}.md").read_text(encoding="utf-8"), re.M)
ELSEWHERE = "Cette page ne peut pas être ouverte à cette adresse : elle a été publiée pour une autre page du site. Prévenez la coordination du tutorat."
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


def serve(directory, port=0):
    """A server on 127.0.0.1 (loopback only) for `directory`; returns (server, port)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def tutorat(*command):
    result = subprocess.run([str(binary()), *command], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"tutorat {' '.join(command)}:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory):
    """(output folder, passphrases, base URL) of the fixture site built with --keys and served on
    127.0.0.1 under a sub-path (/public/), beside two altered copies of it:
    - tampered/: the tutee's page with one byte of its ciphertext changed;
    - copied/: the tutee's locked page copied over another tutee's (OTHER's address, TUTEE's envelope),
      and over a third one's with the envelope's path edited to match its new address."""
    base = tmp_path_factory.mktemp("encrypted")
    keys = base / "tutorat-keys.yml"
    output = base / "public"
    tutorat("keys", "generate", "--site", str(FIXTURE), "--keys", str(keys))
    tutorat("build", "--site", str(FIXTURE), "--output", str(output), "--keys", str(keys), "--require-encryption")
    page = (output / f"tutees/{TUTEE}/index.html").read_text(encoding="utf-8")
    data = re.search(r'"data":"([A-Za-z0-9+/]{20})', page)
    flipped = data.group(1)[:10] + ("B" if data.group(1)[10] != "B" else "C") + data.group(1)[11:]
    shutil.copytree(output, base / "tampered")
    (base / f"tampered/tutees/{TUTEE}/index.html").write_text(page.replace(data.group(1), flipped, 1), encoding="utf-8")
    shutil.copytree(output, base / "copied")
    (base / f"copied/tutees/{OTHER}/index.html").write_text(page, encoding="utf-8")
    (base / f"copied/tutees/{THIRD}/index.html").write_text(
        page.replace(f'"path":"tutees/{TUTEE}/index.html"', f'"path":"tutees/{THIRD}/index.html"', 1), encoding="utf-8")
    server, port = serve(base)
    yield output, passphrases(keys), f"http://127.0.0.1:{port}/public/"
    server.shutdown()
    server.server_close()


def unlock(driver, url, passphrase, timeout=60):
    driver.get(url)
    field = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "locked-passphrase"))
    WebDriverWait(driver, 10).until(lambda d: field.is_displayed())
    field.send_keys(passphrase)
    submit = driver.find_element(By.CSS_SELECTOR, "#locked-form button[type=submit]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", submit)
    submit.click()
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
    main = page.find_element(By.CSS_SELECTOR, "main").text
    assert TUTEE_OBJECTIVES and all(title in main for title in TUTEE_OBJECTIVES), main


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
    assert set(private) <= set(locked) and len(locked) == len(TUTEES) + 3  # every tutee, the list, the dashboard, the audit pack


def test_a_tutee_passphrase_does_not_open_the_dashboard(encrypted, page):
    _, keys, base = encrypted
    unlock(page, base + "dashboard/index.html", keys[TUTEE])
    assert page.find_element(By.ID, "locked-error").text == WRONG


def test_a_tampered_ciphertext_is_rejected(encrypted, page):
    _, keys, base = encrypted
    unlock(page, base.replace("/public/", "/tampered/") + f"tutees/{TUTEE}/index.html", keys[TUTEE])
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
    driver = chromium(javascript=True, extra=["--host-resolver-rules=MAP intranet.test 127.0.0.1"])
    try:
        driver.get(base.replace("127.0.0.1", "intranet.test") + f"tutees/{TUTEE}/index.html")
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


# A page bound to its address (issue 16, item 6) -------------------------------------------------

def fresh_browser():
    """A Chromium of its own (its own tab and sessionStorage), sized like the `page` fixture's."""
    driver = chromium(javascript=True)
    checks.set_viewport(driver, 1280, 900)
    checks.set_media(driver)
    return driver


def refused_here(driver, url):
    """Loads a locked page that must not open at its address: says so, shows no form, names no one."""
    driver.get(url)
    message = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "locked-elsewhere"))
    WebDriverWait(driver, 10).until(lambda d: message.is_displayed())
    assert message.text == ELSEWHERE
    assert not driver.find_element(By.ID, "locked-form").is_displayed()
    assert TUTEE_NAME not in driver.page_source


def opens(driver, url, passphrase, name):
    unlock(driver, url, passphrase)
    assert driver.execute_script("return !document.getElementById('locked-form')"), f"{url} did not open"
    assert heading(driver) == name


def test_a_page_copied_to_another_tutees_address_does_not_open(encrypted, page):
    """TUTEE's locked page copied over OTHER's: the coordinator's passphrase opens both pages'
    envelopes, yet at OTHER's address the copy refuses to open (served under a sub-path)."""
    _, keys, base = encrypted
    copied = base.replace("/public/", "/copied/")
    refused_here(page, copied + f"tutees/{OTHER}/index.html")
    # A passphrase cannot get past it: the form is not there to take one.
    assert not page.find_element(By.ID, "locked-passphrase").is_displayed()
    # With the envelope's path edited to match the new address, the content's
    # additional data no longer matches: damaged, not opened.
    unlock(page, copied + f"tutees/{THIRD}/index.html", keys["coordinator"])
    assert page.find_element(By.ID, "locked-error").text == DAMAGED
    assert TUTEE_NAME not in page.page_source
    # The genuine pages of the same copy still open, by their index.html and their folder.
    opens(page, copied + f"tutees/{TUTEE}/index.html", keys[TUTEE], TUTEE_NAME)
    opens(page, copied + f"tutees/{TUTEE}/", keys["coordinator"], TUTEE_NAME)


def test_a_copied_page_does_not_open_from_disk(encrypted, tmp_path):
    """The same from file://, where the page's path is computed from the file's."""
    output, keys, _ = encrypted
    driver = fresh_browser()
    try:
        refused_here(driver, (output.parent / f"copied/tutees/{OTHER}/index.html").as_uri())
        opens(driver, (output.parent / f"copied/tutees/{TUTEE}/index.html").as_uri(), keys[TUTEE], TUTEE_NAME)
        opens(driver, (output / f"tutees/{OTHER}/index.html").as_uri(), keys[OTHER], OTHER_NAME)
    finally:
        driver.quit()


def test_a_copied_page_does_not_open_under_a_base_url(encrypted, tmp_path):
    """A site built with base_url http://127.0.0.1:PORT/tutorat/ (absolute links, pretty URLs)."""
    output, keys, _ = encrypted
    served = tmp_path / "served"
    site = tmp_path / "site"
    served.mkdir()
    shutil.copytree(FIXTURE / "content", site / "content")
    server, port = serve(served)
    try:
        config = site / "content/site.yml"
        config.write_text(config.read_text(encoding="utf-8") + f"base_url: http://127.0.0.1:{port}/tutorat/\n", encoding="utf-8")
        tutorat("build", "--site", str(site), "--output", str(served / "tutorat"), "--keys",
                str(output.parent / "tutorat-keys.yml"), "--require-encryption")
        page = (served / f"tutorat/tutees/{TUTEE}/index.html").read_text(encoding="utf-8")
        assert f'"http://127.0.0.1:{port}/tutorat/theme/decrypt.js"' in page
        (served / f"tutorat/tutees/{OTHER}/index.html").write_text(page, encoding="utf-8")
        driver = fresh_browser()
        try:
            base = f"http://127.0.0.1:{port}/tutorat/"
            refused_here(driver, base + f"tutees/{OTHER}/")
            opens(driver, base + f"tutees/{TUTEE}/", keys[TUTEE], TUTEE_NAME)
            opens(driver, base + "dashboard/", keys["coordinator"], "Tableau de bord")
        finally:
            driver.quit()
    finally:
        server.shutdown()
        server.server_close()


# One passphrase per visit (issue 16, item 10) -------------------------------------------------

@pytest.fixture()
def tab(encrypted):
    """A browser of its own, so that what a test keeps in its tab cannot open the pages of another."""
    driver = fresh_browser()
    yield driver
    driver.quit()


def unlock_keeping(driver, url, passphrase):
    driver.get(url)
    field = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "locked-passphrase"))
    WebDriverWait(driver, 10).until(lambda d: field.is_displayed())
    box = driver.find_element(By.ID, "locked-keep")
    assert box.is_displayed() and not box.is_selected(), "keeping the key is opt-in"
    # By keyboard: Tab from the field reaches the "show" box, then this one; Space ticks it.
    label = driver.find_element(By.CSS_SELECTOR, "label[for=locked-keep]")
    assert label.text == "Garder la session ouverte sur cet onglet"
    box.send_keys(" ")
    assert box.is_selected()
    field.send_keys(passphrase)
    submit = driver.find_element(By.CSS_SELECTOR, "#locked-form button[type=submit]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", submit)
    submit.click()
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !document.getElementById('locked-form')"))


def opened_silently(driver, url, name):
    """Loads a locked page and waits: it must open by itself, without the form being shown."""
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !document.getElementById('locked-form')"))
    assert heading(driver) == name


def asks(driver, url):
    """Loads a locked page: it shows the form (after trying what the tab keeps) and stays locked."""
    driver.get(url)
    field = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "locked-passphrase"))
    WebDriverWait(driver, 10).until(lambda d: field.is_displayed())
    time.sleep(0.3)
    assert driver.execute_script("return !!document.getElementById('locked-form')")
    assert heading(driver) == "Page protégée"


def storage(driver):
    return driver.execute_script("""
        var out = {};
        [['session', sessionStorage], ['local', localStorage]].forEach(function (pair) {
          for (var i = 0; i < pair[1].length; i++) out[pair[0] + ':' + pair[1].key(i)] = pair[1].getItem(pair[1].key(i));
        });
        return out;""")


def assert_no_passphrase_stored(driver, keys):
    import base64
    kept = storage(driver)
    text = " ".join(list(kept) + list(kept.values()))
    for who, passphrase in keys.items():
        for form in (passphrase, passphrase.replace("-", ""), base64.b64encode(passphrase.encode()).decode()):
            assert form not in text, f"{who}'s passphrase is in the browser's storage"
    return kept


def test_one_passphrase_opens_the_dashboard_and_then_tutee_pages(encrypted, tab):
    _, keys, base = encrypted
    unlock_keeping(tab, base + "dashboard/index.html", keys["coordinator"])
    assert heading(tab) == "Tableau de bord"
    kept = assert_no_passphrase_stored(tab, keys)
    assert [k for k in kept if k.startswith("session:tutorat-keys")], kept
    assert not [k for k in kept if k.startswith("local:")], "nothing outlives the tab"
    start = time.time()
    for tutee, name in ((TUTEE, TUTEE_NAME), (OTHER, OTHER_NAME), (FOURTH, FOURTH_NAME)):
        opened_silently(tab, base + f"tutees/{tutee}/index.html", name)
    # No PBKDF2: three pages in much less than three derivations' time (0.6 s each in this browser).
    assert time.time() - start < 10
    opened_silently(tab, base + "tutees/index.html", "Suivi des tutorés")
    assert_no_passphrase_stored(tab, keys)
    # The opened page offers to lock, as a real button that the keyboard reaches.
    lock = tab.find_element(By.ID, "locked-lock")
    assert lock.is_displayed() and lock.tag_name == "button" and lock.text == "Verrouiller les pages protégées"


def test_lock_forgets_the_kept_keys(encrypted, tab):
    _, keys, base = encrypted
    unlock_keeping(tab, base + "dashboard/index.html", keys["coordinator"])
    opened_silently(tab, base + f"tutees/{TUTEE}/index.html", TUTEE_NAME)
    tab.find_element(By.ID, "locked-lock").send_keys("\n")  # Enter on the focused button
    WebDriverWait(tab, 10).until(lambda d: d.execute_script("return !!document.getElementById('locked-form')"))
    assert not [k for k in storage(tab) if "tutorat" in k]
    assert heading(tab) == "Page protégée"
    asks(tab, base + f"tutees/{OTHER}/index.html")
    asks(tab, base + "dashboard/index.html")


def test_without_the_box_the_next_page_asks(encrypted, tab):
    _, keys, base = encrypted
    unlock(tab, base + "dashboard/index.html", keys["coordinator"])
    assert heading(tab) == "Tableau de bord"
    assert not [k for k in storage(tab) if "tutorat" in k]
    assert not tab.find_elements(By.ID, "locked-lock")
    asks(tab, base + f"tutees/{TUTEE}/index.html")


def test_a_tutees_kept_key_never_opens_another_tutees_page(encrypted, tab):
    output, keys, base = encrypted
    unlock_keeping(tab, base + f"tutees/{TUTEE}/index.html", keys[TUTEE])
    assert heading(tab) == TUTEE_NAME
    assert_no_passphrase_stored(tab, keys)
    asks(tab, base + f"tutees/{OTHER}/index.html")
    asks(tab, base + "dashboard/index.html")
    asks(tab, base + "tutees/index.html")
    opened_silently(tab, base + f"tutees/{TUTEE}/index.html", TUTEE_NAME)
    # Even presented as OTHER's (the kept key relabelled with each salt of OTHER's page), it opens nothing.
    other = (output / f"tutees/{OTHER}/index.html").read_text(encoding="utf-8")
    salts = re.findall(r'"salt":"([A-Za-z0-9+/=]+)"', other)
    assert len(salts) == 2
    tab.execute_script("""
        var name = Object.keys(sessionStorage).filter(function (k) { return k.indexOf('tutorat-keys') === 0; })[0];
        var kept = JSON.parse(sessionStorage.getItem(name));
        var key = kept[0].key;
        arguments[0].forEach(function (salt) { kept.push({salt: salt, key: key}); });
        sessionStorage.setItem(name, JSON.stringify(kept));""", salts)
    asks(tab, base + f"tutees/{OTHER}/index.html")
    assert OTHER_NAME not in tab.page_source


def test_a_kept_key_does_not_open_a_copied_page(encrypted, tab):
    """The coordinator's key, kept in the tab, opens TUTEE's envelope: not at OTHER's address."""
    _, keys, base = encrypted
    copied = base.replace("/public/", "/copied/")
    unlock_keeping(tab, copied + "dashboard/index.html", keys["coordinator"])
    opened_silently(tab, copied + f"tutees/{TUTEE}/index.html", TUTEE_NAME)
    refused_here(tab, copied + f"tutees/{OTHER}/index.html")


def test_the_keep_box_is_accessible(encrypted, tab, tools):
    _, keys, base = encrypted
    tab.get(base + f"tutees/{TUTEE}/index.html")
    box = WebDriverWait(tab, 10).until(lambda d: d.find_element(By.ID, "locked-keep"))
    WebDriverWait(tab, 10).until(lambda d: box.is_displayed())
    assert box.get_attribute("type") == "checkbox"
    hint = tab.find_element(By.ID, box.get_attribute("aria-describedby"))
    assert "onglet" in hint.text
    # Tab order: passphrase, show, keep, button.
    tab.find_element(By.ID, "locked-passphrase").click()
    order = []
    for _ in range(3):
        tab.switch_to.active_element.send_keys("\t")
        order.append(tab.switch_to.active_element.get_attribute("id") or tab.switch_to.active_element.tag_name)
    assert order == ["locked-show", "locked-keep", "button"], order
    findings = checks.run_axe(tab, tools["axe"], "locked page with the keep box")
    unlock_keeping(tab, base + f"tutees/{TUTEE}/index.html", keys[TUTEE])
    findings += checks.run_axe(tab, tools["axe"], "opened page with its lock button")
    assert not findings, "\n".join(findings)
