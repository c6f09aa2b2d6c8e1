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
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

import checks
from conftest import FIXTURE, REPOSITORY

TUTEE = "nathan-lopez"
TUTOR = "agnes-colin"


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


def replaced(element):
    """True once the page holding `element` is gone (Chromium says so in two ways
    while a navigation commits)."""
    try:
        element.tag_name
        return False
    except (StaleElementReferenceException, WebDriverException):
        return True


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
    WebDriverWait(driver, 30).until(lambda d: replaced(old))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def first_option(driver, form, name):
    select = driver.find_element(By.CSS_SELECTOR, f'form[action$="/{form}"] select[name="{name}"]')
    values = [option.get_attribute("value") for option in Select(select).options if option.get_attribute("value")]
    assert values, f"the {form} form offers a {name}"
    return values[0]


def shoot(driver, screenshots, form):
    """The viewport at the form's top (an element taller than the window is slow to
    capture), copied into docs/screenshots/ by `make screenshots` like the README's."""
    element = driver.find_element(By.CSS_SELECTOR, f'form[action$="/{form}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", element)
    (screenshots / "readme").mkdir(exist_ok=True)
    driver.save_screenshot(str(screenshots / "readme" / f"edit-{form}.png"))


def section(driver, heading_id):
    return driver.find_element(By.CSS_SELECTOR, f'section[aria-labelledby="{heading_id}"]').get_attribute("innerHTML")


@pytest.mark.parametrize("javascript", [True, False])
def test_each_form_records_its_entry(server, javascript, browser, browser_without_js, screenshots):
    url, site = server
    driver = browser if javascript else browser_without_js
    page = f"{url}tutees/{TUTEE}/"
    driver.get(page)
    forms = driver.find_element(By.CSS_SELECTOR, ".edit-forms")
    fields = forms.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, textarea")
    assert len(fields) >= 15, "the six forms have their fields"
    for field in fields:
        identifier = field.get_attribute("id")
        labelled = (identifier and forms.find_elements(By.CSS_SELECTOR, f'label[for="{identifier}"]')) \
            or field.find_elements(By.XPATH, "ancestor::label")
        assert labelled, f"{field.get_attribute('name')} has a label"
    if javascript:
        for form in ["session", "assessment", "checklist", "concern", "journal"]:
            shoot(driver, screenshots, form)

    tag = "avec JS" if javascript else "sans JS"
    fill_and_submit(driver, "session", {"minutes": "30", "kind": "observation", "mode": "remote", "summary": f"Observation {tag}"})
    assert driver.current_url == page
    assert f"Observation {tag}" in driver.page_source

    fill_and_submit(driver, "journal", {"text": f"Bonne semaine, {tag}."})
    assert f"Bonne semaine, {tag}." in driver.page_source

    competency = first_option(driver, "assessment", "competency")
    fill_and_submit(driver, "assessment", {"competency": competency, "level": "3", "note": f"Progrès net {tag}"})
    assert f"Progrès net {tag}" in driver.page_source

    step = first_option(driver, "checklist", "step")
    title = driver.find_element(By.CSS_SELECTOR, f'form[action$="/checklist"] option[value="{step}"]').text
    fill_and_submit(driver, "checklist", {"step": step})
    assert step not in [o.get_attribute("value") for o in Select(driver.find_element(
        By.CSS_SELECTOR, 'form[action$="/checklist"] select[name="step"]')).options], "a step marked is no longer offered"

    fill_and_submit(driver, "concern", {"category": "organisational", "summary": f"Planning {tag}"})
    assert f"Planning {tag}" in section(driver, "s-concerns")

    if javascript:
        shoot(driver, screenshots, "action")
    concern = first_option(driver, "action", "concern")
    fill_and_submit(driver, "action", {"concern": concern, "action": f"Planning revu {tag}"})
    assert f"Planning revu {tag}" in section(driver, "s-concerns")

    text = (site / "content/tutees" / f"{TUTEE}.md").read_text(encoding="utf-8")
    for written in [f"summary: Observation {tag}", f"Bonne semaine, {tag}.", f"note: Progrès net {tag}",
                    f"{step}: ", f"summary: Planning {tag}", f"action: Planning revu {tag}"]:
        assert written in text, f"{written!r} in the progress file"
    assert title, "the step has a title"


@pytest.mark.parametrize("javascript", [True, False])
def test_a_tutor_records_an_exchange(server, javascript, browser, browser_without_js, screenshots):
    url, site = server
    driver = browser if javascript else browser_without_js
    page = f"{url}tutors/{TUTOR}/"
    driver.get(page)
    date = driver.find_element(By.CSS_SELECTOR, 'form[action$="/exchange"] input[name="date"]').get_attribute("value")
    assert date and f'datetime="{date}"' not in section(driver, "s-exchanges")
    if javascript:
        shoot(driver, screenshots, "exchange")
    fill_and_submit(driver, "exchange", {})
    assert driver.current_url == page
    assert f'datetime="{date}"' in section(driver, "s-exchanges")
    assert date in (site / "content/tutors" / f"{TUTOR}.md").read_text(encoding="utf-8")
