"""serve --edit in Chromium, with and without JavaScript: each form filled with the
keyboard's fields, submitted, and the entry read on the reloaded page (docs/recording.md)."""
import pathlib
import re
import shutil
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import checks
from conftest import FIXTURE, REPOSITORY

TUTEE = "nathan-lopez"


@pytest.fixture()
def server(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    binary = checks.env_path("TUTORAT_BIN", REPOSITORY / ".build/debug/tutorat")
    if not binary.is_absolute():
        binary = REPOSITORY / binary
    process = subprocess.Popen([str(binary), "serve", "--edit", "--port", "0", "--site", str(site)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = None
    deadline = time.time() + 120
    while url is None and time.time() < deadline:
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if found:
            url = found.group(1)
    assert url, "serve --edit did not say where it listens"
    yield url, site
    process.terminate()
    process.wait(timeout=10)


def fill_and_submit(driver, form, fields):
    element = driver.find_element(By.CSS_SELECTOR, f'form[action$="/{form}"]')
    for name, value in fields.items():
        field = element.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        elif field.get_attribute("type") == "radio":
            element.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').send_keys(Keys.SPACE)
        else:
            field.clear()
            field.send_keys(value)
    old = driver.find_element(By.TAG_NAME, "html")
    # With the keyboard, as a tutor without a mouse would.
    element.find_element(By.CSS_SELECTOR, 'button[type="submit"]').send_keys(Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: old != d.find_element(By.TAG_NAME, "html"))


@pytest.mark.parametrize("javascript", [True, False])
def test_each_form_records_its_entry(server, javascript, browser, browser_without_js, screenshots):
    url, site = server
    driver = browser if javascript else browser_without_js
    page = f"{url}tutees/{TUTEE}/"
    driver.get(page)
    forms = driver.find_element(By.CSS_SELECTOR, ".edit-forms")
    for field in forms.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, textarea"):
        identifier = field.get_attribute("id")
        if identifier:
            assert forms.find_elements(By.CSS_SELECTOR, f'label[for="{identifier}"]'), f"{identifier} has a label"
    if javascript:
        driver.execute_script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", forms)
        # Copied into docs/screenshots/ by `make screenshots`, like the README's.
        (screenshots / "readme").mkdir(exist_ok=True)
        # The viewport at the forms' top (an element taller than the window is slow to capture).
        driver.save_screenshot(str(screenshots / "readme" / "edit-forms.png"))

    tag = "avec JS" if javascript else "sans JS"
    fill_and_submit(driver, "session", {"minutes": "30", "kind": "observation", "mode": "remote", "summary": f"Observation {tag}"})
    assert driver.current_url == page
    assert f"Observation {tag}" in driver.page_source
    fill_and_submit(driver, "journal", {"text": f"Bonne semaine, {tag}."})
    assert f"Bonne semaine, {tag}." in driver.page_source
    fill_and_submit(driver, "concern", {"category": "organisational", "summary": f"Planning {tag}"})
    assert f"Planning {tag}" in driver.page_source
    text = (site / "content/tutees" / f"{TUTEE}.md").read_text(encoding="utf-8")
    assert f"summary: Observation {tag}" in text and f"Bonne semaine, {tag}." in text
