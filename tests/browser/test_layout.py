"""Phone, zoom and desktop: no sideways scrolling at 360 px, nor at 640 px (a 1280 px
window zoomed to 200%); the layout holds at 1280 px; screenshots of every kind;
keyboard focus always visible; reduced motion respected."""
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import checks

# The README's pictures: kind, file, width, phone, height, query.
README_SHOTS = [
    ("home", "home-desktop.png", 1280, False, 1100, ""),
    ("programme", "programme-desktop.png", 1280, False, 1600, ""),
    ("tutee", "tutee-phone.png", 360, True, 1600, ""),
    ("search", "search-phone.png", 360, True, 1100, "?q=equipe"),
]

# (name, width in CSS px, emulate a phone)
WIDTHS = [("phone", 360, True), ("zoom-200", 640, False), ("desktop", 1280, False)]


@pytest.mark.parametrize("site", ["fixture", "example", "generated"])
@pytest.mark.parametrize("name,width,mobile", WIDTHS, ids=[w[0] for w in WIDTHS])
def test_no_sideways_scrolling(page, sites, site, name, width, mobile):
    checks.set_viewport(page, width, 800, mobile)
    findings = []
    # 16 kinds on the fixture, 15 on the generated site (no free page): never an empty list.
    for kind, relative in checks.kinds_of(sites, site).items():
        page.get(checks.file_url(sites[site], relative))
        findings += checks.overflow(page, f"{site}/{relative} at {width} px")
        checks.STATS[f"sideways scrolling at {width} px, pages checked ({site} site)"] += 1
    assert not findings, "\n".join(findings)


@pytest.mark.parametrize("site", ["fixture", "example"])
def test_the_layout_holds_at_1280(page, sites, site):
    checks.set_viewport(page, 1280, 900)
    findings = []
    for kind, relative in checks.kinds_of(sites, site).items():
        page.get(checks.file_url(sites[site], relative))
        box = page.execute_script("""
            const main = document.querySelector('main').getBoundingClientRect();
            const container = document.querySelector('main').parentElement.getBoundingClientRect();
            const nav = document.querySelector('.site-nav ul').getBoundingClientRect();
            const item = document.querySelector('.site-nav li').getBoundingClientRect();
            return {left: container.left, right: container.right, width: main.width,
                    navLines: Math.round(nav.height / item.height), viewport: document.documentElement.clientWidth};
        """)
        where = f"{site}/{relative} at 1280 px"
        if abs(box["left"] - (box["viewport"] - box["right"])) > 2:
            findings.append(f"{where}: the content is not centred ({box})")
        if not 900 <= box["width"] <= 1140:
            findings.append(f"{where}: the content column is {box['width']} px wide")
        if box["navLines"] > 2:
            findings.append(f"{where}: the menu takes {box['navLines']} lines")
    assert not findings, "\n".join(findings)


def test_screenshots_of_every_kind_at_phone_and_desktop_width(page, sites, example, screenshots):
    """Of the bundled example, as the README shows it."""
    written = []
    for kind, relative in checks.kinds_of(sites, "example").items():
        for name, width, mobile in (("phone", 360, True), ("desktop", 1280, False)):
            checks.set_viewport(page, width, 900, mobile)
            page.get(checks.file_url(example, relative))
            path = screenshots / f"{kind}-{name}.png"
            checks.screenshot(page, path, width, mobile)
            written.append(path)
    checks.set_media(page, scheme="dark")
    for kind in ("home", "tutee", "search"):
        checks.set_viewport(page, 360, 900, True)
        page.get(checks.file_url(example, checks.page_kinds(example)[kind]))
        path = screenshots / f"{kind}-phone-dark.png"
        checks.screenshot(page, path, 360, True)
        written.append(path)
    checks.set_media(page)
    for name, width, mobile in (("phone", 360, True), ("desktop", 1280, False)):
        checks.set_viewport(page, width, 900, mobile)
        page.get(checks.file_url(example, "search/index.html?q=equipe"))
        WebDriverWait(page, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
        path = screenshots / f"search-results-{name}.png"
        checks.screenshot(page, path, width, mobile)
        written.append(path)
    # The README's pictures (make screenshots copies them to docs/screenshots/).
    for kind, name, width, mobile, height, query in README_SHOTS:
        checks.set_viewport(page, width, 900, mobile)
        page.get(checks.file_url(example, checks.page_kinds(example)[kind] + query))
        if query:
            WebDriverWait(page, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
        path = screenshots / "readme" / name
        checks.screenshot(page, path, width, mobile, max_height=height)
        written.append(path)
    assert len(written) > 2 * len(checks.GENERATED_KINDS) + len(README_SHOTS)
    print(f"screenshots: {len(written)} PNG files in {screenshots}")
    checks.STATS[f"screenshots written to {screenshots}"] += len(written)
    for path in written:
        assert path.stat().st_size > 5000, f"{path} looks empty"


FOCUS_STYLE = """
    const e = document.activeElement, s = getComputedStyle(e);
    return {tag: e.tagName.toLowerCase(), text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40),
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor : '',
            shadow: s.boxShadow, background: s.backgroundColor, color: s.color, border: s.borderBottomColor,
            decoration: s.textDecorationLine, top: e.getBoundingClientRect().top, height: e.getBoundingClientRect().height};
"""


@pytest.mark.parametrize("kind", ["home", "search", "tutee"])
def test_keyboard_focus_is_always_visible(page, fixture_site, kind):
    page.get(checks.file_url(fixture_site, checks.page_kinds(fixture_site)[kind]))
    findings = []
    seen = 0
    for _ in range(60):
        ActionChains(page).send_keys(Keys.TAB).perform()
        focused = page.execute_script(FOCUS_STYLE)
        if focused["tag"] == "body":
            break
        seen += 1
        page.execute_script("document.activeElement.setAttribute('data-focus-probe', '1'); document.activeElement.blur();")
        unfocused = page.execute_script("""
            const e = document.querySelector('[data-focus-probe]'), s = getComputedStyle(e);
            return {outline: '', shadow: s.boxShadow, background: s.backgroundColor, color: s.color,
                    border: s.borderBottomColor, decoration: s.textDecorationLine};
        """)
        page.execute_script("const e = document.querySelector('[data-focus-probe]'); e.removeAttribute('data-focus-probe'); e.focus();")
        changed = [key for key in ("outline", "shadow", "background", "color", "border", "decoration") if focused[key] != unfocused[key]]
        label = f"{kind}: <{focused['tag']}> '{focused['text']}'"
        if not changed:
            findings.append(f"{label}: no visible focus indicator")
        if focused["height"] > 0 and focused["top"] < -focused["height"] and focused["tag"] != "main":
            findings.append(f"{label}: focused but off screen")
    assert seen >= 10, f"only {seen} elements reached with the Tab key"
    assert not findings, "\n".join(findings)


def test_reduced_motion_is_respected(page, fixture_site):
    for preference, expected in (("no-preference", "smooth"), ("reduce", "auto")):
        checks.set_media(page, reduced_motion=preference)
        page.get(checks.file_url(fixture_site, "charter/index.html"))
        state = page.execute_script("""
            let longest = 0;
            for (const e of document.querySelectorAll('*')) {
                const s = getComputedStyle(e);
                for (const d of (s.transitionDuration + ',' + s.animationDuration).split(',')) longest = Math.max(longest, parseFloat(d) || 0);
            }
            return {scroll: getComputedStyle(document.documentElement).scrollBehavior, animations: document.getAnimations().length, longest: longest};
        """)
        assert state["scroll"] == expected, state
        if preference == "reduce":
            assert state["animations"] == 0 and state["longest"] <= 0.001, state
