"""The Nu HTML checker on every page of both sites."""
import checks


def test_no_nu_checker_error_on_any_page(sites, tools):
    folders = [sites["bundled"], sites["generated"]]
    count = sum(len(checks.html_files(folder)) for folder in folders)
    assert count > 300
    findings = checks.check_markup(tools["vnu"], folders)
    print(f"Nu HTML checker: {count} pages checked, {len(findings)} errors")
    checks.STATS["Nu HTML checker, pages checked (both sites)"] += count
    assert not findings, "the Nu HTML checker found errors:\n" + "\n".join(findings)
