"""The release archive from the outside (docs/publishing.md, "The release
archive"): what `make dist` packs, and the executable run from an empty
folder in a mount namespace where the Swift toolchain, the checkout and the
shared libraries it must not need are hidden. `make dist-test` builds the
archive and passes it as TUTORAT_TARBALL."""
import hashlib
import os
import re
import shutil
import socket
import subprocess
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TARBALL = Path(os.environ.get("TUTORAT_TARBALL", ""))
VERSION = re.search(r'static let version = "([^"]+)"', (ROOT / "Sources/tutorat/Tutorat.swift").read_text()).group(1)
NAME = f"tutorat-{VERSION}-linux-{os.uname().machine}"
# The C library and its companions: what a Linux machine without Swift always has.
ALLOWED_LIBRARIES = {"linux-vdso.so.1", "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
                     "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}
# Shared libraries the dynamic build needs and the static one must not: hidden in the namespace. Not
# libgcc_s.so.1: glibc itself loads it when a thread ends (pthread_exit), and libc6 depends on it.
SHARED_LIBRARIES = ["libcmark.so*", "libyaml-0.so*", "libstdc++.so*"]


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory):
    assert TARBALL.name == NAME + ".tar.gz", f"TUTORAT_TARBALL should name {NAME}.tar.gz, not '{TARBALL}' (run make dist-test)"
    folder = tmp_path_factory.mktemp("outside")
    with tarfile.open(TARBALL) as archive:
        archive.extractall(folder, filter="tar")
    return folder / NAME


def toolchain():
    swift = shutil.which("swift")
    assert swift, "swift is not on the PATH: nothing to hide"
    return Path(os.path.realpath(swift)).parents[2]  # /opt/swift/usr/bin/swift -> /opt/swift


def hidden(command, cwd):
    """The command in a new mount namespace where the toolchain and the checkout are empty folders
    and the shared libraries above are empty files."""
    if os.geteuid() != 0:
        pytest.fail("the outside test binds folders in a mount namespace (unshare --mount): run it as root, as CI does")
    folder = Path("/usr/lib") / f"{os.uname().machine}-linux-gnu"
    libraries = [str(path) for pattern in SHARED_LIBRARIES for path in folder.glob(pattern) if path.is_file() and not path.is_symlink()]
    assert any("libcmark" in path for path in libraries) and any("libstdc++" in path for path in libraries)
    script = "\n".join(["set -e", "empty=$(mktemp -d)"]
                       + [f"mount --bind \"$empty\" '{folder}'" for folder in (toolchain(), ROOT)]
                       + [f"mount --bind /dev/null '{library}'" for library in libraries]
                       + ['exec "$@"'])
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh"] + command


def run_hidden(command, cwd):
    return subprocess.run(hidden(command, cwd), cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "NO_COLOR": "1"})


def test_the_archive_holds_the_executable_its_man_page_completions_readme_and_licence():
    with tarfile.open(TARBALL) as archive:
        members = {member.name: member for member in archive.getmembers()}
    files = sorted(name for name, member in members.items() if member.isfile())
    assert files == sorted(f"{NAME}/{path}" for path in [
        "bin/tutorat", "share/man/man1/tutorat.1", "share/bash-completion/completions/tutorat",
        "share/zsh/site-functions/_tutorat", "share/fish/vendor_completions.d/tutorat.fish",
        "share/doc/tutorat/third-party-licences.txt", "README.md", "LICENSE"])
    assert members[f"{NAME}/bin/tutorat"].mode & 0o777 == 0o755
    assert all(member.uid == 0 and member.uname in ("", "root") for member in members.values())
    sums = (TARBALL.parent / (TARBALL.name + ".sha256")).read_text().split()
    assert sums == [hashlib.sha256(TARBALL.read_bytes()).hexdigest(), TARBALL.name]


def test_the_readme_and_licence_are_the_checkouts(unpacked):
    assert (unpacked / "README.md").read_bytes() == (ROOT / "README.md").read_bytes()
    assert (unpacked / "LICENSE").read_bytes() == (ROOT / "LICENSE").read_bytes()
    notices = (unpacked / "share/doc/tutorat/third-party-licences.txt").read_text()
    for linked in ["swift-nio", "swift-crypto", "swift-argument-parser", "hummingbird", "libcmark", "libyaml"]:
        assert f"==== {linked}" in notices or f"/{linked}" in notices, linked
    # Used only to build (the macro) or to test: not in the binary, not in its notices.
    assert "==== swift-syntax" not in notices and "==== swift-mustache" not in notices


def test_ldd_names_only_the_c_library(unpacked):
    output = subprocess.run(["ldd", str(unpacked / "bin/tutorat")], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].rsplit("/", 1)[-1] for line in output.splitlines() if line.strip()}
    assert "libc.so.6" in names
    assert names <= ALLOWED_LIBRARIES, output


def test_version_names_the_release_and_the_commit_built(unpacked):
    result = subprocess.run([str(unpacked / "bin/tutorat"), "--version"], capture_output=True, text=True, check=True)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert re.fullmatch(rf"{re.escape(VERSION)} \(commit {head}(-modified)?\)\n", result.stdout), result.stdout


def test_the_man_page_documents_every_command_and_option_of_the_help(unpacked):
    binary = str(unpacked / "bin/tutorat")
    page = (unpacked / "share/man/man1/tutorat.1").read_text()
    assert page.startswith('.\\" "Generated by swift-argument-parser"') and ".Sh NAME" in page and ".Dt TUTORAT 1" in page
    root_help = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    commands = re.findall(r"^  ([a-z]+) ", root_help.split("SUBCOMMANDS:")[1], re.M)
    assert {"build", "check", "serve", "init", "new", "theme", "keys"} <= set(commands)
    for command in commands:
        if command == "help":
            continue
        assert f".It Em {command}\n" in page, command
        help_text = subprocess.run([binary, command, "--help"], capture_output=True, text=True, check=True).stdout
        for option in set(re.findall(r"^\s+(?:-\w, )?--([a-z][a-z-]*)", help_text, re.M)):
            assert f"Fl -{option}" in page, f"{command} --{option}"


def test_bash_completes_commands_and_options(unpacked):
    script = unpacked / "share/bash-completion/completions/tutorat"
    probe = f"""
        source '{script}'
        complete -p tutorat
        COMP_LINE="tutorat bu"; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=(tutorat bu); COMP_CWORD=1
        _tutorat tutorat bu tutorat; echo "words: ${{COMPREPLY[*]}}"
        COMP_LINE="tutorat build --server-c"; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=(tutorat build --server-c); COMP_CWORD=2
        _tutorat tutorat --server-c build; echo "options: ${{COMPREPLY[*]}}"
    """
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True,
                            env={"PATH": f"{unpacked}/bin:/usr/bin:/bin"})
    assert "complete -o filenames -F _tutorat tutorat" in result.stdout, result.stdout + result.stderr
    assert re.search(r"^words: build$", result.stdout, re.M), result.stdout
    assert re.search(r"^options: .*--server-config\b", result.stdout, re.M), result.stdout


@pytest.mark.parametrize("shell,path", [("zsh", "share/zsh/site-functions/_tutorat"), ("fish", "share/fish/vendor_completions.d/tutorat.fish")])
def test_zsh_and_fish_completions_name_every_command(unpacked, shell, path):
    text = (unpacked / path).read_text()
    for command in ["build", "check", "serve", "init", "new", "theme", "keys"]:
        assert command in text
    assert "server-config" in text
    if shutil.which(shell):  # neither shell is on a new machine: the syntax is checked where one is
        assert subprocess.run([shell, "-n", str(unpacked / path)]).returncode == 0


def test_the_namespace_hides_the_toolchain_the_checkout_and_the_shared_libraries(tmp_path):
    probe = run_hidden(["sh", "-c", f"ls -A '{ROOT}' | wc -l; test -x '{toolchain()}/usr/bin/swift' && echo swift || echo no-swift;"
                        f" cat /usr/lib/{os.uname().machine}-linux-gnu/libcmark.so.* 2>/dev/null | wc -c"], tmp_path)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == ["0", "no-swift", "0"]
    # The dynamic build, had it been packed, would not start there.
    dynamic = ROOT / ".build/debug/tutorat"
    if dynamic.exists():
        copy = tmp_path / "tutorat-dynamic"
        shutil.copy(dynamic, copy)
        assert run_hidden([str(copy), "--version"], tmp_path).returncode != 0


def test_init_check_build_and_serve_from_an_empty_folder_without_swift_or_the_checkout(unpacked, tmp_path):
    binary = str(unpacked / "bin/tutorat")
    created = run_hidden([binary, "init", "portal", "--language", "en"], tmp_path)
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("Created a new site in portal (")
    checked = run_hidden([binary, "check", "--strict", "--site", "portal"], tmp_path)
    assert (checked.returncode, checked.stdout) == (0, "0 errors, 0 warnings\n"), checked.stderr
    built = run_hidden([binary, "build", "--site", "portal"], tmp_path)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built ") and (tmp_path / "portal/public/index.html").is_file()
    # The theme came from inside the binary: the site has no themes/ of its own.
    assert not (tmp_path / "portal/themes").exists()
    assert (tmp_path / "portal/public/theme/site.css").stat().st_size > 1000

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(hidden([binary, "serve", "--site", "portal", "--port", str(port)], tmp_path), cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NO_COLOR": "1"})
    try:
        page = None
        deadline = time.monotonic() + 60
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = (response.status, response.headers.get("Content-Type"), response.read().decode())
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert page is not None, f"serve did not answer: {server.poll()}"
        assert page[0] == 200 and page[1].startswith("text/html")
        title = re.search(r"^title: *\"?([^\"\n]+)", (tmp_path / "portal/content/site.yml").read_text(), re.M).group(1)
        assert f"<title>{title}</title>" in page[2] or f"{title}</title>" in page[2], page[2][:500]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no/such/page/", timeout=5)
        assert missing.value.code == 404
    finally:
        server.terminate()
        server.communicate(timeout=20)


def test_the_commit_read_at_build_time_is_unknown_outside_a_clone_or_without_git(tmp_path):
    """The BuildCommit plugin's script, as written in the plugin: HEAD in this clone, `unknown` in a folder
    that is no clone, and `unknown` where git is not installed; the build goes on in every case."""
    source = (ROOT / "Plugins/BuildCommit/BuildCommit.swift").read_text()
    body = re.search(r'#"""\n(.*?)\n\s*"""#', source, re.S).group(1)
    script = "\n".join(line.removeprefix(" " * 12) for line in body.split("\n"))
    no_git = tmp_path / "bin"
    no_git.mkdir()
    for tool in ("mkdir", "cmp", "mv", "rm"):
        (no_git / tool).symlink_to(shutil.which(tool))
    (tmp_path / "not-a-clone").mkdir()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    for package, path, expected in [(ROOT, "/usr/bin:/bin", rf"{head}(-modified)?"), (tmp_path / "not-a-clone", "/usr/bin:/bin", "unknown"),
                                    (ROOT, str(no_git), "unknown")]:
        subprocess.run(["/bin/sh", "-c", script, "sh", str(package), str(tmp_path / "out")], env={"PATH": path}, check=True)
        written = (tmp_path / "out/BuildCommit.swift").read_text()
        assert re.search(rf'static let id = "{expected}"\n', written), (package, path, written)


def test_make_install_lays_out_the_archive_under_prefix_and_uninstall_removes_it(tmp_path, unpacked):
    prefix = tmp_path / "prefix"
    make = ["make", "--no-print-directory", "-C", str(ROOT)]
    installed = subprocess.run(make + ["install-files", f"DIST={TARBALL.parent.resolve()}", f"PREFIX={prefix}"], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    files = {str(path.relative_to(prefix)) for path in prefix.rglob("*") if path.is_file()}
    packed = {str(path.relative_to(unpacked)) for path in unpacked.rglob("*") if path.is_file()}
    assert files == {path if path.startswith(("bin/", "share/")) else f"share/doc/tutorat/{path}" for path in packed}
    for path in packed:
        target = prefix / (path if path.startswith(("bin/", "share/")) else f"share/doc/tutorat/{path}")
        assert target.read_bytes() == (unpacked / path).read_bytes(), path
    assert os.access(prefix / "bin/tutorat", os.X_OK)
    assert subprocess.run([str(prefix / "bin/tutorat"), "--version"], capture_output=True, text=True).stdout.startswith(f"{VERSION} (commit ")
    if shutil.which("man"):
        page = subprocess.run(["man", "-l", str(prefix / "share/man/man1/tutorat.1")], capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin", "MANPAGER": "cat", "MANWIDTH": "100", "LANG": "C.UTF-8"})
        assert page.returncode == 0 and "SYNOPSIS" in page.stdout and "--server-config" in page.stdout, page.stderr
    removed = subprocess.run(make + ["uninstall", f"PREFIX={prefix}"], capture_output=True, text=True)
    assert removed.returncode == 0, removed.stderr
    assert [path for path in prefix.rglob("*") if path.is_file()] == []
