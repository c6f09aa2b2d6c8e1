"""The Nu HTML checker on every page of the three sites."""
import checks


def test_no_nu_checker_error_on_any_page(sites, tools):
    folders = [sites["fixture"], sites["example"], sites["generated"]]
    for folder in folders:
        assert len(checks.html_files(folder)) > len(checks.KINDS), f"{folder} has too few pages to check"
    count = sum(len(checks.html_files(folder)) for folder in folders)
    findings = checks.check_markup(tools["vnu"], folders)
    print(f"Nu HTML checker: {count} pages checked, {len(findings)} errors")
    checks.STATS["Nu HTML checker, pages checked (three sites)"] += count
    assert not findings, "the Nu HTML checker found errors:\n" + "\n".join(findings)
