"""The checkers of the browser stage, shared by the tests and by the planted-error test.

Each checker returns a list of findings, one line each, "where: what". The
tests assert that the list is empty and print it otherwise; the planted-error
test asserts that the same functions report what was planted.
"""
import base64
import collections
import html.parser
import json
import os
import pathlib
import subprocess
import urllib.parse

# What the real (not planted) checks covered, for the summary at the end of the run.
STATS = collections.Counter()

# WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The page kinds, in the order of the README.
KINDS = ["home", "charter", "programmes", "programme", "roles", "role", "frameworks", "framework",
         "tutors", "tutor", "tutees", "tutee", "dashboard", "audit", "results", "survey", "page", "404", "search"]
# bench/generate.py writes no free page and no survey: the generated site has every other kind.
GENERATED_KINDS = [kind for kind in KINDS if kind not in ("page", "survey")]
# The kinds each site of the stage has: the fixture (Tests/Fixtures/sites/care-home) all 19,
# the generated site 17. The bundled example is not held to a list: its figures are its own.
EXPECTED_KINDS = {"fixture": KINDS, "generated": GENERATED_KINDS}
GENERATED = {"charter", "programmes", "roles", "frameworks", "tutors", "tutees", "dashboard", "assets", "theme", "search", "results", "surveys"}
LISTS = {"programmes": "programme", "roles": "role", "frameworks": "framework", "tutors": "tutor", "tutees": "tutee"}


def html_files(root):
    """Every HTML file under root, relative and sorted."""
    root = pathlib.Path(root)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))


def kinds_of(sites, name):
    """page_kinds of the site `name`, asserted to be the kinds that site should have, so that a
    test looping over them cannot pass on an empty or short list. The bundled example must
    have at least the kinds every complete site has (all but the free page)."""
    kinds = page_kinds(sites[name])
    assert kinds, f"the {name} site has no page of any kind"
    if name in EXPECTED_KINDS:
        assert list(kinds) == EXPECTED_KINDS[name], f"the {name} site has the kinds {list(kinds)}"
    else:
        missing = [kind for kind in GENERATED_KINDS if kind not in kinds]
        assert not missing, f"the {name} site has no page of kind {missing}"
    return kinds


def page_kinds(root):
    """One page of each kind that the site has: kind -> path relative to root.
    Where a kind has several pages, the largest file, which has the most to check."""
    root = pathlib.Path(root)
    kinds = {}

    def add(kind, path):
        if (root / path).is_file():
            kinds[kind] = path

    add("home", "index.html")
    add("charter", "charter/index.html")
    add("dashboard", "dashboard/index.html")
    add("audit", "dashboard/audit/index.html")
    add("results", "results/index.html")
    surveys = sorted((root / "surveys").glob("*/index.html"))
    if surveys:
        kinds["survey"] = str(max(surveys, key=lambda p: (p.stat().st_size, str(p))).relative_to(root))
    add("404", "404.html")
    add("search", "search/index.html")
    for folder, kind in LISTS.items():
        add(folder, f"{folder}/index.html")
        pages = [p for p in (root / folder).glob("*/index.html")]
        if pages:
            largest = max(pages, key=lambda p: (p.stat().st_size, str(p)))
            kinds[kind] = str(largest.relative_to(root))
    free = [p for p in root.glob("*/index.html") if p.parent.name not in GENERATED]
    if free:
        largest = max(free, key=lambda p: (p.stat().st_size, str(p)))
        kinds["page"] = str(largest.relative_to(root))
    return {kind: kinds[kind] for kind in KINDS if kind in kinds}


# ---------------------------------------------------------------- links


class _PageParser(html.parser.HTMLParser):
    URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("area", "href"), ("script", "src"), ("img", "src"),
                      ("source", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("iframe", "src"),
                      ("embed", "src"), ("object", "data"), ("track", "src"), ("form", "action")}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []  # (tag, attribute, value, line)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in self.URL_ATTRIBUTES:
                self.links.append((tag, name, value, line))
            if name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.links.append((tag, name, url, line))

    handle_startendtag = handle_starttag


def parse_page(path):
    parser = _PageParser()
    parser.feed(pathlib.Path(path).read_text(encoding="utf-8"))
    parser.close()
    return parser


def check_links(root):
    """Every internal link, asset and fragment of every page under root resolves.

    Links to other sites are allowed from <a> only: a page loads nothing from
    outside the site (no CDN, no web font, no script from elsewhere)."""
    root = pathlib.Path(root).resolve()
    findings = []
    parsed = {}

    def page(path):
        if path not in parsed:
            parsed[path] = parse_page(path)
        return parsed[path]

    for relative in html_files(root):
        source = root / relative
        for tag, attribute, value, line in page(source).links:
            where = f"{relative}:{line}: <{tag} {attribute}=\"{value}\">"
            url = urllib.parse.urlsplit(value)
            if url.scheme in ("http", "https") or value.startswith("//"):
                if tag not in ("a", "area") and not (tag == "link" and attribute == "href" and _is_plain_link(source, line)):
                    findings.append(f"{where}: loads a file from outside the site")
                continue
            if url.scheme in ("mailto", "tel"):
                continue
            if url.scheme:
                findings.append(f"{where}: '{url.scheme}:' link")
                continue
            if value.strip() == "":
                findings.append(f"{where}: empty link")
                continue
            if url.path == "":
                target = source
            else:
                target = (source.parent / urllib.parse.unquote(url.path)).resolve()
                if root not in target.parents and target != root:
                    findings.append(f"{where}: leads outside the site")
                    continue
                if target.is_dir():
                    findings.append(f"{where}: leads to a folder; opened from disk, a browser shows no page there")
                    continue
                if not target.is_file():
                    findings.append(f"{where}: leads to {target.relative_to(root)}, which does not exist")
                    continue
            if url.fragment and target.suffix == ".html":
                fragment = urllib.parse.unquote(url.fragment)
                if fragment not in page(target).ids:
                    findings.append(f"{where}: no element with id '{fragment}' in {target.relative_to(root)}")
            elif value == "#":
                findings.append(f"{where}: link to '#' leads nowhere")
    return findings, len(parsed)


def _is_plain_link(source, line):
    """A <link rel=canonical> (with base_url) names the page's address; it loads nothing."""
    text = pathlib.Path(source).read_text(encoding="utf-8").splitlines()[line - 1]
    return 'rel="canonical"' in text


# ---------------------------------------------------------------- Nu HTML checker


def check_markup(vnu_jar, folders):
    """Nu HTML checker errors on every HTML file in the folders (one JVM for all)."""
    command = ["java", "-Xss16m", "-jar", str(vnu_jar), "--errors-only", "--format", "json", "--skip-non-html",
               *[str(folder) for folder in folders]]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    output = result.stdout.strip() or result.stderr.strip()
    try:
        messages = json.loads(output)["messages"]
    except (ValueError, KeyError):
        return [f"the Nu HTML checker failed (exit {result.returncode}): {result.stderr.strip()[:2000]}"]
    findings = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        path = urllib.parse.unquote(url[len("file:"):]) if url.startswith("file:") else url
        line = message.get("lastLine", "?")
        findings.append(f"{path}:{line}: {message.get('message', '')} [{message.get('extract', '').strip()[:80]!r}]")
    return findings


# ---------------------------------------------------------------- browser


def file_url(root, relative):
    """The file:// address of a page, as a double click on it opens it; keeps a ?query."""
    path, mark, query = relative.partition("?")
    return pathlib.Path(root, path).resolve().as_uri() + mark + query


def set_viewport(driver, width, height=900, mobile=False):
    """The size of the page's viewport in CSS pixels; mobile honours the viewport meta, as a phone does."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def set_media(driver, scheme="light", reduced_motion="no-preference"):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": [
        {"name": "prefers-color-scheme", "value": scheme},
        {"name": "prefers-reduced-motion", "value": reduced_motion},
    ]})


def run_axe(driver, axe_source, label):
    """axe-core on the page as it is now: WCAG 2.1 A and AA violations, one finding per node."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source)
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
           .then(r => done(JSON.stringify({violations: r.violations, gradients: r.incomplete.some(
               i => i.id === 'color-contrast' && i.nodes.some(n => JSON.stringify(n).indexOf('gradient') >= 0))})))
           .catch(e => done(JSON.stringify({error: String(e)})));
    """, AXE_TAGS)
    data = json.loads(result)
    if "error" in data:
        return [f"{label}: axe failed: {data['error']}"]
    violations = data["violations"]
    if data["gradients"]:
        # axe cannot read the contrast of text over a gradient (the shadows of
        # tables that scroll sideways): check that text again, gradients removed,
        # against the colours it sits on.
        result = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const style = document.createElement('style');
            style.textContent = '* { background-image: none !important; }';
            document.head.appendChild(style);
            axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}, resultTypes: ['violations']})
               .then(r => { style.remove(); done(JSON.stringify(r.violations)); })
               .catch(e => { style.remove(); done(JSON.stringify([{id: 'axe-error', impact: 'error', help: String(e), nodes: [{}]}])); });
        """)
        reported = {(v["id"], json.dumps(n.get("target"))) for v in violations for n in v["nodes"]}
        for violation in json.loads(result):
            nodes = [n for n in violation["nodes"] if (violation["id"], json.dumps(n.get("target"))) not in reported]
            if nodes:
                violations.append(dict(violation, nodes=nodes, help=violation["help"] + " (background gradients removed)"))
    findings = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:300]
            findings.append(f"{label}: [{violation['id']}, {violation['impact']}] {violation['help']} at {target}: {summary}")
    return findings


def overflow(driver, label):
    """Horizontal scrolling of the page: the page is wider than the viewport.
    Names the widest elements that stick out (not those inside a scrolling box)."""
    data = driver.execute_script("""
        const root = document.documentElement;
        const width = root.clientWidth;
        const culprits = [];
        if (root.scrollWidth > width) {
            for (const element of document.body.querySelectorAll('*')) {
                const box = element.getBoundingClientRect();
                if (box.right <= width + 0.5 || box.width === 0) continue;
                let scroller = element.parentElement, inside = false;
                while (scroller && scroller !== document.body) {
                    const style = getComputedStyle(scroller);
                    if (style.overflowX !== 'visible' && style.overflowX !== 'clip') { inside = true; break; }
                    scroller = scroller.parentElement;
                }
                if (inside) continue;
                let name = element.tagName.toLowerCase();
                if (element.id) name += '#' + element.id;
                if (element.classList.length) name += '.' + Array.from(element.classList).join('.');
                culprits.push(name + ' (right edge at ' + Math.round(box.right) + ' px)');
                if (culprits.length >= 5) break;
            }
        }
        return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits};
    """)
    if data["scrollWidth"] <= data["clientWidth"]:
        return []
    return [f"{label}: scrolls sideways: the page is {data['scrollWidth']} px wide in a {data['clientWidth']} px viewport; "
            f"sticking out: {', '.join(data['culprits']) or 'unknown'}"]


def screenshot(driver, path, width, mobile, max_height=2400):
    """A PNG of the page from the top, as tall as the page up to max_height."""
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    height = max(300, min(int(height), max_height))
    set_viewport(driver, width, height, mobile)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": False,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(path).write_bytes(base64.b64decode(shot["data"]))
    set_viewport(driver, width, 900, mobile)


def without_javascript(driver, label):
    """What is missing from the page as loaded (by a browser with JavaScript off):
    main content, a visible heading, the stylesheet, the menu."""
    state = driver.execute_script("""
        const main = document.querySelector('main');
        const h1 = main && main.querySelector('h1');
        return {main: main ? main.innerText.trim().length : -1, h1: h1 ? h1.innerText.trim() : '',
                visible: h1 ? h1.getBoundingClientRect().height > 0 : false,
                styled: getComputedStyle(document.body).fontFamily.indexOf('system-ui') >= 0,
                links: document.querySelectorAll('nav a[href]').length};
    """)
    findings = []
    if state["main"] < 20:
        findings.append(f"{label}: no main content without JavaScript ({state['main']} characters)")
    if not state["h1"] or not state["visible"]:
        findings.append(f"{label}: no visible heading without JavaScript")
    if not state["styled"]:
        findings.append(f"{label}: the stylesheet did not apply")
    if state["links"] < 5:
        findings.append(f"{label}: the menu has {state['links']} links")
    return findings


def env_path(name, default):
    return pathlib.Path(os.environ.get(name) or default)
