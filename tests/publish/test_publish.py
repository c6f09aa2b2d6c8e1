"""The recipes of docs/publishing.md, run as they are written there: the GitLab
job and the GitHub workflow fetch the archive that `make dist` wrote (from a
server on loopback) and check and build a site with it; deploy.sh copies a
site with rsync; the nginx and Apache configurations, with only addresses,
paths and certificate replaced, serve the built fixture site over HTTPS on
loopback with the rules of `build --server-config`. `make dist-test` passes
the archive as TUTORAT_TARBALL."""
import base64
import hashlib
import http.client
import http.server
import os
import re
import shutil
import socket
import ssl
import subprocess
import tarfile
import threading
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs/publishing.md").read_text(encoding="utf-8")
TARBALL = Path(os.environ.get("TUTORAT_TARBALL", ""))
VERSION = re.search(r'static let version = "([^"]+)"', (ROOT / "Sources/tutorat/Tutorat.swift").read_text()).group(1)
FIXTURE = ROOT / "Tests/Fixtures/sites/care-home"
USER, PASSWORD = "coordinator", "tilleul-2026"
CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"


def block(info):
    """The body of the one fenced block of docs/publishing.md whose info string is `info`."""
    found = re.findall(rf"^```{re.escape(info)}\n(.*?)^```$", DOC, re.S | re.M)
    assert len(found) == 1, f"docs/publishing.md should have one ```{info} block, has {len(found)}"
    return found[0]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server stopped: {process.returncode}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def copy_site(folder):
    shutil.copytree(FIXTURE / "content", folder / "content")
    return folder


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory):
    """The archive unpacked: its binary runs the recipes that are not about fetching it."""
    assert TARBALL.is_file(), f"TUTORAT_TARBALL should name the archive make dist wrote, not '{TARBALL}' (run make dist-test)"
    folder = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(TARBALL) as archive:
        archive.extractall(folder, filter="tar")
    return folder / TARBALL.name.removesuffix(".tar.gz")


@pytest.fixture(scope="session")
def releases(tmp_path_factory):
    """A release download server on loopback: /v<version>/<archive> and its .sha256, as make dist wrote them."""
    folder = tmp_path_factory.mktemp("releases")
    (folder / f"v{VERSION}").mkdir()
    for source in (TARBALL, TARBALL.parent / (TARBALL.name + ".sha256")):
        shutil.copy(source, folder / f"v{VERSION}" / source.name)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def clean_environment(site):
    """What a CI runner has: a shell and curl, no Swift and no tutorat on the PATH."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(site), "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795564800"}


def run_gitlab_job(site, releases_url):
    job = yaml.safe_load(block("yaml gitlab-ci"))
    variables = dict(job["variables"], TUTORAT_RELEASES=releases_url)
    # The image's own packages (curl) are what this machine has already.
    lines = [line for line in job["site"]["before_script"] + job["site"]["script"] if not line.startswith("apt-get ")]
    script = "set -e\n" + "".join(f"export {name}='{value}'\n" for name, value in variables.items()) + "\n".join(lines) + "\ncommand -v tutorat\n"
    return subprocess.run(["bash", "-c", script], cwd=site, capture_output=True, text=True, timeout=300, env=clean_environment(site))


def test_the_recipes_name_the_current_release():
    for info in ("yaml gitlab-ci", "yaml github-actions"):
        assert re.search(rf'TUTORAT_VERSION: "{re.escape(VERSION)}"', block(info)), info
    assert f"tutorat-{VERSION}-linux-x86_64" in DOC


def test_gitlab_job_fetches_the_release_checks_and_builds(tmp_path, releases):
    site = copy_site(tmp_path)
    result = run_gitlab_job(site, releases[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{VERSION} (commit " in result.stdout and "0 errors, 0 warnings" in result.stdout
    assert result.stdout.strip().endswith(str(site / ".tutorat/bin/tutorat")), result.stdout
    assert (site / "public/index.html").is_file() and (site / "public/tutees").is_dir()
    assert ": OK" in result.stdout  # sha256sum -c


def test_gitlab_job_fails_on_an_error_in_the_content_and_writes_nothing(tmp_path, releases):
    site = copy_site(tmp_path)
    tutee = next((site / "content/tutees").glob("*.md"))
    tutee.write_text(re.sub(r"^tutor: .*$", "tutor: nobody-at-all", tutee.read_text(), count=1, flags=re.M))
    result = run_gitlab_job(site, releases[1])
    assert result.returncode != 0
    assert "error: unknown tutor 'nobody-at-all'" in result.stderr
    assert not (site / "public").exists()


def test_gitlab_job_refuses_an_archive_whose_sum_differs(tmp_path, releases):
    folder, url = releases
    tampered = tmp_path / "releases" / f"v{VERSION}"
    shutil.copytree(folder / f"v{VERSION}", tampered)
    with open(tampered / TARBALL.name, "ab") as archive:
        archive.write(b"\0")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path / "releases"), **k))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        site = copy_site(tmp_path / "site")
        result = run_gitlab_job(site, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
    assert result.returncode != 0 and "FAILED" in result.stdout + result.stderr
    assert not (site / ".tutorat/bin/tutorat").exists()


def test_github_workflow_fetches_the_release_checks_and_builds(tmp_path, releases):
    workflow = yaml.safe_load(block("yaml github-actions"))
    site = copy_site(tmp_path)
    environment = clean_environment(site) | workflow["env"] | {"TUTORAT_RELEASES": releases[1]}
    github_path = tmp_path / "github_path"
    github_path.touch()
    environment["GITHUB_PATH"] = str(github_path)
    steps = workflow["jobs"]["site"]["steps"]
    assert [step["uses"].split("@")[0] for step in steps if "uses" in step] == ["actions/checkout", "actions/upload-artifact"]
    outputs = []
    for step in steps:
        if "run" not in step:
            continue
        # As the runner does: each step in its own bash -e, the folders added to GITHUB_PATH before the next.
        added = [line for line in github_path.read_text().splitlines() if line]
        step_environment = dict(environment, PATH=":".join(list(reversed(added)) + [environment["PATH"]]))
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=site, capture_output=True, text=True, timeout=300, env=step_environment)
        assert result.returncode == 0, f"{step['run']}\n{result.stdout}{result.stderr}"
        outputs.append(result.stdout)
    assert github_path.read_text().strip() == str(site / ".tutorat/bin")
    assert any(f"{VERSION} (commit " in output for output in outputs)
    assert "0 errors, 0 warnings\n" in outputs
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert (site / upload["with"]["path"] / "index.html").is_file()


def test_deploy_script_copies_the_site_and_its_rules_and_removes_what_is_gone(tmp_path, unpacked):
    site = copy_site(tmp_path / "site")
    (site / "deploy.sh").write_text(block("sh deploy"))
    target = tmp_path / "server/srv/tutorat"
    (target / "public").mkdir(parents=True)
    environment = clean_environment(site) | {"PATH": f"{unpacked}/bin:/usr/bin:/bin", "TARGET": str(target)}

    def deploy():
        result = subprocess.run(["sh", "deploy.sh"], cwd=site, capture_output=True, text=True, timeout=300, env=environment)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    deploy()
    built = sorted(str(path.relative_to(site / "public")) for path in (site / "public").rglob("*"))
    copied = sorted(str(path.relative_to(target / "public")) for path in (target / "public").rglob("*"))
    assert copied == built and len(built) > 40
    for path in (site / "public").rglob("*.html"):
        assert (target / "public" / path.relative_to(site / "public")).read_bytes() == path.read_bytes()
    assert (target / "tutorat-private.conf").read_text() == (site / "tutorat-private.conf").read_text()
    assert "location ^~ \"/tutees/\"" in (target / "tutorat-private.conf").read_text()
    assert oct((target / "public/index.html").stat().st_mode & 0o777) == "0o644"

    gone = sorted((site / "content/tutees").glob("*.md"))[0]
    gone.unlink()
    deploy()
    assert not (target / "public/tutees" / gone.stem).exists()
    assert (target / "public/index.html").is_file()


@pytest.fixture(scope="module")
def built_site(tmp_path_factory, unpacked):
    """The fixture site built by the archive's binary, with both servers' rules, a password file and a certificate."""
    folder = copy_site(tmp_path_factory.mktemp("served"))
    binary = str(unpacked / "bin/tutorat")
    environment = clean_environment(folder)
    for server in ("nginx", "apache"):
        subprocess.run([binary, "build", "--site", str(folder), "--server-config", server, "--server-config-output", str(folder / f"{server}-private.conf")],
                       check=True, capture_output=True, env=environment)
    digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
    (folder / "htpasswd").write_text(f"{USER}:{{SHA}}{digest}\n")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=tutorat.intranet.example",
                    "-keyout", str(folder / "tls.key"), "-out", str(folder / "tls.pem")], check=True, capture_output=True)
    return folder


def configured(text, folder, server, http_port, https_port):
    """The documented configuration with the test's addresses and paths; the rest is as written."""
    paths = {"/etc/ssl/certs/tutorat.pem": str(folder / "tls.pem"), "/etc/ssl/private/tutorat.key": str(folder / "tls.key"),
             "/srv/tutorat/public": str(folder / "public"), "/srv/tutorat/tutorat-private.conf": str(folder / f"{server}-private.conf")}
    addresses = ({"listen 80;": f"listen 127.0.0.1:{http_port};", "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;"} if server == "nginx" else
                 {"<VirtualHost *:80>": f"<VirtualHost 127.0.0.1:{http_port}>", "<VirtualHost *:443>": f"<VirtualHost 127.0.0.1:{https_port}>"})
    for old, new in (paths | addresses).items():
        assert old in text, f"the {server} configuration no longer says {old}"
        text = text.replace(old, new)
    # The admin writes the password file's path into the rules, as their comment asks.
    rules = folder / f"{server}-private.conf"
    rules.write_text(re.sub(r"/etc/(nginx|apache2)/tutorat\.htpasswd", str(folder / "htpasswd"), rules.read_text()))
    return text


def start_nginx(folder, http_port, https_port):
    conf = folder / "nginx"
    conf.mkdir(exist_ok=True)
    shutil.copy("/etc/nginx/mime.types", conf / "mime.types")
    (conf / "tutorat.conf").write_text(configured(block("nginx"), folder, "nginx", http_port, https_port))
    (conf / "nginx.conf").write_text(f"""
user root;
pid {conf}/nginx.pid;
error_log {conf}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    include {conf}/tutorat.conf;
}}
""")
    command = ["/usr/sbin/nginx", "-p", str(conf), "-c", str(conf / "nginx.conf"), "-e", str(conf / "error.log")]
    checked = subprocess.run(command + ["-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    return subprocess.Popen(command + ["-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


APACHE_MODULES = ["mpm_event", "authz_core", "authz_user", "authn_core", "authn_file", "auth_basic", "mime", "dir", "alias", "headers",
                  "ssl", "socache_shmcb"]


def start_apache(folder, http_port, https_port):
    conf = folder / "apache"
    conf.mkdir(exist_ok=True)
    (conf / "tutorat.conf").write_text(configured(block("apache"), folder, "apache", http_port, https_port))
    modules = "\n".join(f"LoadModule {name}_module /usr/lib/apache2/modules/mod_{name}.so" for name in APACHE_MODULES)
    (conf / "apache.conf").write_text(f"""
ServerRoot {conf}
ServerName localhost
PidFile {conf}/apache.pid
ErrorLog {conf}/error.log
Mutex file:{conf}
Listen 127.0.0.1:{http_port}
Listen 127.0.0.1:{https_port}
{modules}
TypesConfig /etc/mime.types
DirectoryIndex index.html
{block("apache server-wide")}
Include {conf}/tutorat.conf
""")
    command = ["/usr/sbin/apache2", "-f", str(conf / "apache.conf")]
    checked = subprocess.run(command + ["-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    return subprocess.Popen(command + ["-DFOREGROUND"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module", params=["nginx", "apache"])
def server(request, built_site):
    http_port, https_port = free_port(), free_port()
    process = (start_nginx if request.param == "nginx" else start_apache)(built_site, http_port, https_port)
    try:
        wait_for(https_port, process)
        yield request.param, built_site, http_port, https_port
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(port, path, tls=True, login=None):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "tutorat.intranet.example"}
    if login:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{login[0]}:{login[1]}".encode()).decode()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers, body


def assert_security_headers(headers, what):
    assert headers["X-Content-Type-Options"] == "nosniff", what
    assert headers["Referrer-Policy"] == "same-origin", what
    assert headers["X-Frame-Options"] == "DENY", what
    assert headers["Content-Security-Policy"] == CSP, what
    assert headers["Strict-Transport-Security"] == "max-age=31536000", what
    assert not re.search(r"\d", headers.get("Server", "")), f"{what}: the server says its version: {headers['Server']}"


# JavaScript is text/javascript (RFC 9239) in /etc/mime.types, application/javascript in nginx's list, and XML
# application/xml or text/xml: a browser and a sitemap reader take either.
JAVASCRIPT = {"text/javascript; charset=utf-8", "application/javascript; charset=utf-8"}
PUBLIC_TYPES = {
    "/": "text/html; charset=utf-8",
    "/charter/index.html": "text/html; charset=utf-8",
    "/theme/site.css": "text/css; charset=utf-8",
    "/theme/search.js": JAVASCRIPT,
    "/search/search-index.js": JAVASCRIPT,
    "/site.json": "application/json; charset=utf-8",
    "/sitemap.xml": {"text/xml; charset=utf-8", "application/xml; charset=utf-8"},
    "/robots.txt": "text/plain; charset=utf-8",
}


def tutee():
    return sorted(path.stem for path in (FIXTURE / "content/tutees").glob("*.md"))[0]


def test_public_files_have_their_type_utf8_revalidation_and_security_headers(server):
    name, site, _, port = server
    assert set(PUBLIC_TYPES) <= {"/"} | {"/" + str(path.relative_to(site / "public")) for path in (site / "public").rglob("*")}
    for path, content_type in PUBLIC_TYPES.items():
        status, headers, body = get(port, path)
        assert status == 200, f"{name} {path}"
        accepted = content_type if isinstance(content_type, set) else {content_type}
        assert headers["Content-Type"].lower().replace('"', "") in accepted, f"{name} {path}: {headers['Content-Type']}"
        assert headers["Cache-Control"] == "no-cache", f"{name} {path}"
        assert headers["ETag"] or headers["Last-Modified"]
        assert_security_headers(headers, f"{name} {path}")
        expected = site / "public" / (path.lstrip("/") or "index.html")
        assert body == expected.read_bytes(), f"{name} {path}"


def test_an_unchanged_file_is_answered_304(server):
    name, _, _, port = server
    _, headers, _ = get(port, "/theme/site.css")
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    connection.request("GET", "/theme/site.css", headers={"If-None-Match": headers["ETag"]})
    response = connection.getresponse()
    response.read()
    assert response.status == 304, name


def test_a_private_page_asks_for_a_login(server):
    name, site, _, port = server
    for path in (f"/tutees/{tutee()}/", f"/tutees/{tutee()}/calendar.ics", "/dashboard/", "/tutees/"):
        status, headers, body = get(port, path)
        assert status == 401, f"{name} {path}"
        assert headers["WWW-Authenticate"] == 'Basic realm="Tutorat: private pages"', f"{name} {path}"
        assert_security_headers(headers, f"{name} {path} 401")
        assert tutee().encode() not in body
        assert get(port, path, login=(USER, "wrong"))[0] == 401, f"{name} {path}"


def test_a_private_page_with_the_login_is_served_and_never_stored(server):
    name, site, _, port = server
    trail = next((site / "public/dashboard/audit").glob("*/trail.csv")).relative_to(site / "public")
    for path, content_type in [(f"/tutees/{tutee()}/", "text/html; charset=utf-8"),
                               (f"/tutees/{tutee()}/calendar.ics", "text/calendar; charset=utf-8"),
                               (f"/{trail}", "text/csv; charset=utf-8")]:
        status, headers, body = get(port, path, login=(USER, PASSWORD))
        assert status == 200, f"{name} {path}"
        assert headers["Content-Type"].lower() == content_type, f"{name} {path}: {headers['Content-Type']}"
        assert headers["Cache-Control"] == "private, no-store", f"{name} {path}"
        assert_security_headers(headers, f"{name} {path}")
        assert body == (site / "public" / path.lstrip("/") / ("index.html" if path.endswith("/") else "")).read_bytes()


def test_a_missing_page_is_the_sites_404_and_hidden_files_are_missing(server):
    name, site, _, port = server
    page = (site / "public/404.html").read_bytes()
    for path in ("/no/such/page/", "/missing.html", "/.tutorat-output"):
        status, headers, body = get(port, path)
        assert status == 404, f"{name} {path}"
        assert body == page, f"{name} {path}"
        assert headers["Content-Type"].lower() == "text/html; charset=utf-8"
        assert_security_headers(headers, f"{name} {path} 404")
    assert (site / "public/.tutorat-output").exists()


def test_plain_http_is_sent_to_https(server):
    name, _, http_port, _ = server
    status, headers, _ = get(http_port, "/charter/", tls=False)
    assert status == 301, name
    assert headers["Location"].startswith("https://tutorat.intranet.example/"), headers["Location"]


def test_the_pages_need_nothing_the_content_security_policy_forbids(built_site):
    """No inline script, event handler or javascript: URL, no frame or plugin, nothing from elsewhere: what
    script-src 'self' (from default-src) and object-src 'none' would block. Style attributes are allowed."""
    pages = list((built_site / "public").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            assert "src=" in script[0] or 'type="application/json"' in script[0], f"{page}: inline script"
        assert not re.search(r"\son[a-z]+=", text), f"{page}: an event handler attribute"
        assert "javascript:" not in text and "<iframe" not in text and "<object" not in text and "<embed" not in text
        assert not re.search(r'\ssrc="(?:https?:)?//', text), f"{page}: a file from elsewhere"
