"""Every kind of page works with JavaScript turned off: a second Chromium, scripts disabled."""
import pytest

import checks


@pytest.mark.parametrize("site", ["fixture", "example", "generated"])
def test_every_kind_of_page_works_without_javascript(browser_without_js, sites, site):
    driver = browser_without_js
    checks.set_viewport(driver, 360, 800, mobile=True)
    findings = []
    # 16 kinds on the fixture, 15 on the generated site (no free page): never an empty list.
    kinds = checks.kinds_of(sites, site)
    for kind, relative in kinds.items():
        driver.get(checks.file_url(sites[site], relative))
        findings += checks.without_javascript(driver, f"{site}/{relative}")
        checks.STATS[f"JavaScript off, pages loaded ({site} site)"] += 1
    assert not findings, "\n".join(findings)


def test_the_search_page_says_it_needs_javascript_and_offers_the_lists(browser_without_js, fixture_site):
    driver = browser_without_js
    checks.set_viewport(driver, 1280, 900)
    driver.get(checks.file_url(fixture_site, "search/index.html?q=equipe"))
    state = driver.execute_script("""
        const box = document.querySelector('.search-noscript');
        return {form: document.getElementById('search-form').hidden,
                results: document.querySelectorAll('#search-results li').length,
                notice: box ? box.innerText : '', shown: box ? box.getBoundingClientRect().height > 0 : false,
                links: box ? Array.from(box.querySelectorAll('a')).map(a => a.getAttribute('href')) : []};
    """)
    # search.js did not run: the form it reveals is still hidden, no result is listed.
    assert state["form"] is True and state["results"] == 0
    assert state["shown"] and "JavaScript" in state["notice"], state
    assert "../charter/index.html" in state["links"] and "../roles/index.html" in state["links"], state["links"]
