"""axe-core 4.12 (WCAG 2.0/2.1, A and AA) on one page of every kind, in the light and the dark scheme."""
import pytest

import checks

CASES = [(site, kind) for site, kinds in checks.EXPECTED_KINDS.items() for kind in kinds]


def test_the_fixture_and_the_generated_site_have_their_kinds_of_page(sites):
    assert list(checks.page_kinds(sites["fixture"])) == checks.KINDS
    assert list(checks.page_kinds(sites["generated"])) == checks.GENERATED_KINDS
    assert len(CASES) == len(checks.KINDS) + len(checks.GENERATED_KINDS)


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


@pytest.mark.parametrize("site", ["fixture", "example"])
def test_no_axe_violation_on_any_page(page, sites, tools, site):
    """Beyond one page of each kind: every page of the fixture and of the bundled example,
    whose tutees are at every stage."""
    findings = []
    pages = checks.html_files(sites[site])
    assert len(pages) > len(checks.KINDS), f"the {site} site has only {len(pages)} pages"
    for scheme in ("light", "dark"):
        checks.set_media(page, scheme=scheme)
        for relative in pages:
            page.get(checks.file_url(sites[site], relative))
            findings += checks.run_axe(page, tools["axe"], f"{site}/{relative} ({scheme})")
    checks.STATS[f"axe-core 4.12, every page of the {site} site in light and dark"] += len(pages)
    assert not findings, "axe-core found accessibility problems:\n" + "\n".join(findings)
