"""Every internal link, asset and fragment resolves; nothing is loaded from outside the site."""
import pytest

import checks


@pytest.mark.parametrize("site", ["fixture", "example", "generated"])
def test_every_internal_link_and_asset_resolves(sites, site):
    findings, pages = checks.check_links(sites[site])
    print(f"links: {pages} pages of the {site} site crawled")
    checks.STATS[f"link crawler, pages crawled ({site} site)"] += pages
    # More pages than kinds: a crawl of nothing passes nothing.
    assert pages > len(checks.KINDS) and pages == len(checks.html_files(sites[site]))
    assert not findings, "broken links:\n" + "\n".join(findings)
