"""axe-core 4.12 (WCAG 2.0/2.1, A and AA) on one page of every kind, in the light and the dark scheme."""
import pytest

import checks

GENERATED_KINDS = [kind for kind in checks.KINDS if kind != "page"]  # bench/generate.py writes no free page
CASES = [("bundled", kind) for kind in checks.KINDS] + [("generated", kind) for kind in GENERATED_KINDS]


def test_the_bundled_site_has_every_kind_of_page(bundled):
    assert list(checks.page_kinds(bundled)) == checks.KINDS


@pytest.mark.parametrize("site,kind", CASES, ids=[f"{site}-{kind}" for site, kind in CASES])
def test_no_axe_violation_in_light_and_dark(page, sites, tools, site, kind):
    relative = checks.page_kinds(sites[site]).get(kind)
    assert relative, f"the {site} site has no page of kind {kind}"
    findings = []
    for scheme in ("light", "dark"):
        checks.set_media(page, scheme=scheme)
        page.get(checks.file_url(sites[site], relative))
        background = page.execute_script("return getComputedStyle(document.body).backgroundColor")
        dark = background in ("rgb(18, 22, 28)",)
        assert dark == (scheme == "dark"), f"{relative}: the {scheme} scheme did not apply (body background {background})"
        findings += checks.run_axe(page, tools["axe"], f"{site}/{relative} ({scheme})")
    checks.STATS[f"axe-core 4.12, pages checked in light and dark ({site} site)"] += 1
    assert not findings, "axe-core found accessibility problems:\n" + "\n".join(findings)


def test_no_axe_violation_on_any_page_of_the_bundled_site(page, bundled, tools):
    """Beyond one page of each kind: every page of the example, whose tutees are at every stage."""
    findings = []
    pages = checks.html_files(bundled)
    for scheme in ("light", "dark"):
        checks.set_media(page, scheme=scheme)
        for relative in pages:
            page.get(checks.file_url(bundled, relative))
            findings += checks.run_axe(page, tools["axe"], f"bundled/{relative} ({scheme})")
    checks.STATS["axe-core 4.12, every page of the bundled site in light and dark"] += len(pages)
    assert not findings, "axe-core found accessibility problems:\n" + "\n".join(findings)
