"""Search in a real browser: type a word, see the results, follow one. Public pages only."""
import json
import pathlib
import re

import checks
from conftest import FIXTURE
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def index_entries(root):
    text = pathlib.Path(root, "search/search-index.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("["):text.rindex("]") + 1])


def tutee_names():
    names = []
    for path in sorted((FIXTURE / "content/tutees").glob("*.md")):
        match = re.search(r"^name:\s*(.+?)\s*$", path.read_text(encoding="utf-8"), re.M)
        names.append(match.group(1).strip("\"'"))
    assert names, "the fixture has tutees"
    return names


def public_pages():
    """What the fixture's search index should hold: the charter and every programme,
    role sheet, framework, tutor and free page (all public in the fixture)."""
    pages = ["charter/index.html"]
    for folder in ("programmes", "roles", "frameworks", "tutors"):
        pages += [f"{folder}/{path.stem}/index.html" for path in (FIXTURE / "content" / folder).iterdir()]
    pages += [f"{path.stem}/index.html" for path in (FIXTURE / "content/pages").glob("*.md")]
    return pages


def front_field(relative, name):
    text = (FIXTURE / "content" / relative).read_text(encoding="utf-8")
    return re.search(rf"^{name}: (.+)$", text, re.M).group(1).strip()


def results(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result-title a")


def type_query(driver, text):
    field = driver.find_element(By.ID, "search-q")
    field.clear()
    field.send_keys(text)
    WebDriverWait(driver, 5).until(lambda d: text.strip() in d.find_element(By.ID, "search-status").text)


def test_the_index_holds_public_pages_only_and_no_tutee_name(fixture_site):
    entries = index_entries(fixture_site)
    urls = [entry["url"] for entry in entries]
    assert len(public_pages()) > 10
    assert sorted(urls) == sorted(public_pages()), urls
    for url in urls:
        assert not url.startswith(("tutees/", "dashboard/")), url
        assert (pathlib.Path(fixture_site) / url).is_file(), f"the index names {url}, which does not exist"
        assert 'name="robots" content="noindex"' not in (pathlib.Path(fixture_site) / url).read_text(encoding="utf-8"), url
    text = json.dumps(entries, ensure_ascii=False).lower()
    for name in tutee_names():
        assert name.lower() not in text, f"the search index names the tutee {name}"
        assert checks_fold(name) not in text, f"the search index names the tutee {name} (folded)"


def checks_fold(text):
    import unicodedata
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M")).lower()
    return re.sub(r"[^\w]+|_", " ", text).strip()


def test_type_a_word_see_results_follow_one(page, fixture_site, tools):
    page.get(checks.file_url(fixture_site, "search/index.html"))
    assert page.find_element(By.ID, "search-form").is_displayed()
    type_query(page, "equipe")
    found = results(page)
    titles = [link.text for link in found]
    assert len(found) >= 3, titles
    status = page.find_element(By.ID, "search-status").text
    assert re.match(rf"{len(found)} résultats pour « equipe »", status), status
    # The accent is folded: the pages found say "équipe".
    first = found[0]
    title, href = first.text, first.get_attribute("href")
    assert href.startswith("file://") and href.endswith("/index.html"), href
    # The results page is accessible too, in both schemes.
    findings = checks.run_axe(page, tools["axe"], "search results (light)")
    checks.set_media(page, scheme="dark")
    findings += checks.run_axe(page, tools["axe"], "search results (dark)")
    checks.set_media(page)
    assert not findings, "\n".join(findings)
    first = results(page)[0]
    first.click()
    WebDriverWait(page, 5).until(lambda d: d.current_url == href)
    assert page.find_element(By.CSS_SELECTOR, "main h1").text == title
    assert "équipe" in page.find_element(By.TAG_NAME, "main").text.lower()


def test_accents_case_and_several_words(page, fixture_site):
    page.get(checks.file_url(fixture_site, "search/index.html"))
    type_query(page, "ÉQUIPE")
    upper = [link.text for link in results(page)]
    type_query(page, "equipe")
    assert upper == [link.text for link in results(page)] and upper
    type_query(page, "referentiel soins quotidien")
    assert results(page)[0].text == front_field("frameworks/soins-quotidiens.yml", "title") == "Référentiel des soins au quotidien"
    type_query(page, "zzzqqq")
    assert results(page) == []
    assert "Aucun résultat pour « zzzqqq »" in page.find_element(By.ID, "search-status").text


def test_the_header_form_leads_to_the_results(page, fixture_site):
    page.get(checks.file_url(fixture_site, "roles/tuteur/index.html"))
    field = page.find_element(By.ID, "site-search-q")
    field.send_keys("charte")
    field.send_keys(Keys.ENTER)
    WebDriverWait(page, 5).until(lambda d: "/search/index.html?q=charte" in d.current_url)
    WebDriverWait(page, 5).until(lambda d: results(d))
    assert page.find_element(By.ID, "search-q").get_attribute("value") == "charte"
    assert front_field("charter.md", "title") in [link.text for link in results(page)]


def test_no_tutee_is_ever_found(page, fixture_site):
    page.get(checks.file_url(fixture_site, "search/index.html"))
    for name in tutee_names():
        type_query(page, name)
        for link in results(page):
            assert "/tutees/" not in link.get_attribute("href") and "/dashboard/" not in link.get_attribute("href")
        assert name not in page.find_element(By.ID, "search-results").text


def test_search_sends_no_request_outside_the_site(page, fixture_site):
    page.get_log("performance")  # forget what came before
    page.get(checks.file_url(fixture_site, "search/index.html?q=tuteur"))
    WebDriverWait(page, 5).until(lambda d: results(d))
    urls = []
    for entry in page.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert urls, "no request seen at all"
    outside = [url for url in urls if not url.startswith("file://")]
    assert not outside, outside
