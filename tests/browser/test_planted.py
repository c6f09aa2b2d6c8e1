"""The checkers can fail: errors planted in copies of built pages are each reported.

A copy of the fixture site gets five extra pages, each a built page with one
kind of mistake: an accessibility error, invalid markup, broken links, a page
too wide for a phone, a page that shows nothing without JavaScript. Each
checker must report its planted page, and only planted pages."""
import shutil

import pytest

import checks

ORIGINAL = "charter/index.html"
MAIN = '<main id="main" tabindex="-1">'


@pytest.fixture(scope="module")
def planted(fixture_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(fixture_site, root)
    html = (root / ORIGINAL).read_text(encoding="utf-8")
    assert MAIN in html

    def plant(name, inside_main, replace_main=False):
        text = html
        if replace_main:
            start = text.index(MAIN)
            end = text.index("</main>")
            text = text[:start] + MAIN + inside_main + text[end:]
        else:
            text = text.replace(MAIN, MAIN + inside_main, 1)
        (root / "charter" / name).write_text(text, encoding="utf-8")
        return f"charter/{name}"

    pages = {
        "accessibility": plant("planted-accessibility.html",
                               '<p><input type="text" name="planted"></p>'
                               '<p style="color:#9a9a9a;background:#ffffff">Texte trop pâle</p>'
                               '<div class="table-wrap" tabindex="0" role="region" aria-label="Tableau"><table><caption>Tableau</caption>'
                               '<tr><th scope="row">Ligne</th><td style="color:#a0a0a0">Cellule trop pâle</td></tr></table></div>'),
        "markup": plant("planted-markup.html", '<ul><div>Élément mal placé</div></ul><p id="main">Identifiant en double</p>'),
        "links": plant("planted-links.html",
                       '<p><a href="../nowhere/index.html">Page absente</a> <a href="../roles/index.html#no-such-section">Ancre absente</a>'
                       ' <img src="missing.png" alt="Image absente"></p>'),
        "overflow": plant("planted-overflow.html", '<div style="width: 900px">Bloc trop large pour un téléphone</div>'),
        "javascript": plant("planted-javascript.html",
                            '<h1 id="planted-title"></h1><script>document.getElementById("planted-title").textContent = '
                            '"Titre écrit par un script"; document.getElementById("main").append("Texte écrit par un script, invisible sans lui.");</script>',
                            replace_main=True),
    }
    return root, pages


def test_axe_reports_the_planted_accessibility_errors(page, planted, tools):
    root, pages = planted
    page.get(checks.file_url(root, pages["accessibility"]))
    findings = checks.run_axe(page, tools["axe"], pages["accessibility"])
    print("\n".join(findings))
    assert any("[label," in finding and "input" in finding for finding in findings), findings
    assert any("[color-contrast," in finding and "(background gradients removed)" not in finding for finding in findings), findings
    # Text in a table that scrolls sideways sits over gradients: checked in a second pass.
    assert any("[color-contrast," in finding and "(background gradients removed)" in finding for finding in findings), findings
    page.get(checks.file_url(root, ORIGINAL))
    assert checks.run_axe(page, tools["axe"], ORIGINAL) == []


def test_the_nu_checker_reports_the_planted_invalid_markup(planted, tools):
    root, pages = planted
    findings = checks.check_markup(tools["vnu"], [root])
    print("\n".join(findings))
    assert findings and all(pages["markup"] in finding for finding in findings), findings
    assert any("div" in finding and "ul" in finding for finding in findings), findings
    assert any("Duplicate ID" in finding for finding in findings), findings


def test_the_crawler_reports_the_planted_broken_links(planted):
    root, pages = planted
    findings, _ = checks.check_links(root)
    print("\n".join(findings))
    assert findings and all(pages["links"] in finding for finding in findings), findings
    assert any("nowhere/index.html, which does not exist" in finding for finding in findings), findings
    assert any("no element with id 'no-such-section'" in finding for finding in findings), findings
    assert any("missing.png" in finding for finding in findings), findings


def test_the_layout_check_reports_the_planted_overflow(page, planted):
    root, pages = planted
    checks.set_viewport(page, 360, 800, mobile=True)
    page.get(checks.file_url(root, pages["overflow"]))
    findings = checks.overflow(page, pages["overflow"])
    print("\n".join(findings))
    assert len(findings) == 1 and "scrolls sideways" in findings[0] and "div" in findings[0], findings
    page.get(checks.file_url(root, ORIGINAL))
    assert checks.overflow(page, ORIGINAL) == []


def test_the_no_javascript_check_reports_the_planted_script_page(browser, browser_without_js, planted):
    root, pages = planted
    browser_without_js.get(checks.file_url(root, pages["javascript"]))
    findings = checks.without_javascript(browser_without_js, pages["javascript"])
    print("\n".join(findings))
    assert any("no visible heading" in finding for finding in findings), findings
    # With JavaScript on, the same page is fine: the check is about JavaScript.
    browser.get(checks.file_url(root, pages["javascript"]))
    assert checks.without_javascript(browser, pages["javascript"]) == []
