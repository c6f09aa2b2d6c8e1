#!/usr/bin/env python3
"""make bench: tutorat against Hugo and cmark on the same generated sites.

    python3 bench/bench.py BINARY [--sizes 1000,10000] [--corpora base,names]
                           [--national 100000] [--runs 3] [--label TEXT]

For each size and corpus (bench/generate.py: `base`, the tidy site of issue
9, and `names`, a kept French network's site where every tutee is "Tutoré N"
and texts say "tutoré" on every line, with 40 000 warnings for 10 000 tutees)
it generates (once, cached in bench/out/) a tutorat site, the equivalent
Hugo site (bench/hugo_site.py) and the Markdown bodies alone, then times,
alternating the tools run after run:

  tutorat clean    `tutorat build` into a folder that does not exist
  tutorat again    `tutorat build` once more with nothing changed: it must
                   write no file (checked: every output file keeps its inode
                   and modification time)
  tutorat check    `tutorat check` (every diagnostic printed)
  hugo             Hugo's clean build of the equivalent site
  libcmark         the Markdown work alone in C (bench/cmark_pages.c, built
                   against the same libcmark): read, convert and write each
                   body to its own file, one after the other on one core
  cmark            Debian's `cmark` command over all the bodies at once (one
                   process, one output): for reference

With --national N, N tutees of each corpus too, one run, tutorat alone
(clean build, again, check: Hugo would need gigabytes and minutes).

Medians are printed, both corpora side by side, with the bytes written and
the time per MB, the ratios the issues set as targets and tutorat's peak
memory (maximum resident size), and appended to bench/results.md with the
label and the machine's load average before the run (other builds share
this machine: a load above the cores means the figures were measured under
contention). Timings are printed and recorded, never asserted.

Both tools write into a tmpfs (/dev/shm; BENCH_OUTPUT picks another folder).
On this machine's disk, ext4 without a journal skips every inode freed in the
last minutes when it allocates one (`recently_deleted`, seen at the top of
perf profiles), so each clean build after deleting the previous output was
slower than the last, for Hugo and tutorat alike: the figures measured the
allocator's history, not the tools.
"""
import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")

def timed(command, cwd=None, ok_statuses=(0,)):
    """Seconds and peak resident KiB of one run (GNU time)."""
    report = os.path.join(OUT, "time.txt")
    start = time.perf_counter()
    status = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report] + command, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if status not in ok_statuses:
        raise subprocess.CalledProcessError(status, command)
    seconds = time.perf_counter() - start
    with open(report) as handle:
        kib = int(handle.read().split()[-1])
    return seconds, kib

def snapshot(folder):
    """Inode and modification time of every file: a rebuild that writes nothing keeps both."""
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            status = os.stat(path)
            files[os.path.relpath(path, folder)] = (status.st_ino, status.st_mtime_ns)
    return files

CORPORA = ("base", "names")

def prepare(corpus, size, hugo_too=True):
    prefix = "site" if corpus == "base" else corpus
    site = os.path.join(OUT, f"{prefix}-{size}")
    if not os.path.isdir(os.path.join(site, "content")):
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(size), site, "--corpus", corpus], check=True)
    if not hugo_too:
        return site, None, None
    hugo = os.path.join(OUT, f"hugo-{prefix}-{size}" if corpus != "base" else f"hugo-{size}")
    if not os.path.isdir(os.path.join(hugo, "content")):
        subprocess.run([sys.executable, os.path.join(HERE, "hugo_site.py"), site, hugo], check=True)
    bodies = os.path.join(OUT, f"bodies-{prefix}-{size}" if corpus != "base" else f"bodies-{size}")
    if not os.path.isdir(bodies):
        os.makedirs(bodies + ".partial", exist_ok=True)
        tutees = os.path.join(site, "content", "tutees")
        for name in sorted(os.listdir(tutees)):
            with open(os.path.join(tutees, name), encoding="utf-8") as handle:
                text = handle.read()
            body = text.split("\n---\n", 1)[1]
            with open(os.path.join(bodies + ".partial", name), "w", encoding="utf-8") as handle:
                handle.write(body)
        os.rename(bodies + ".partial", bodies)
    return site, hugo, bodies

OUTPUT = os.environ.get("BENCH_OUTPUT") or ("/dev/shm/tutorat-bench" if os.path.isdir("/dev/shm") else os.path.join(OUT, "output"))

def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder) for name in names)

def diagnostics(binary, site):
    """How many warnings and errors `check` reports (its last line says)."""
    result = subprocess.run([binary, "check", "--site", site], capture_output=True, text=True)
    counts = {"warnings": 0, "errors": 0}
    for line in result.stdout.splitlines() + result.stderr.splitlines():
        for kind in ["warning", "error"]:
            if line.startswith("warning:") or line.startswith("error:"):
                continue
            if f": {kind}: " in line:
                counts[kind + "s"] += 1
    return counts

def measure(binary, corpus, size, runs, hugo_too=True):
    site, hugo, bodies = prepare(corpus, size, hugo_too)
    os.makedirs(OUTPUT, exist_ok=True)
    public = os.path.join(OUTPUT, f"public-{corpus}-{size}")
    hugo_public = os.path.join(OUTPUT, f"hugo-public-{corpus}-{size}")
    pages = os.path.join(OUTPUT, f"cmark-pages-{corpus}-{size}")
    body_files = sorted(os.path.join(bodies, name) for name in os.listdir(bodies)) if bodies else []
    results = {"clean": [], "again": [], "check": [], "hugo": [], "libcmark": [], "cmark": [],
               "peak": 0, "peak_check": 0, "rewritten": 0, "bytes": 0, "hugo_bytes": 0}
    manifest = os.path.join(OUTPUT, f".public-{corpus}-{size}.tutorat-manifest")
    for _ in range(runs):
        shutil.rmtree(public, ignore_errors=True)
        if os.path.exists(manifest):
            os.remove(manifest)
        seconds, kib = timed([binary, "build", "--site", site, "--output", public])
        results["clean"].append(seconds)
        results["peak"] = max(results["peak"], kib)
        results["bytes"] = folder_bytes(public)
        before = snapshot(public)
        seconds, kib = timed([binary, "build", "--site", site, "--output", public])
        results["again"].append(seconds)
        results["peak"] = max(results["peak"], kib)
        after = snapshot(public)
        results["rewritten"] = max(results["rewritten"], sum(1 for path, stamp in after.items() if before.get(path) != stamp)
                                   + len(set(before) - set(after)))
        seconds, kib = timed([binary, "check", "--site", site], ok_statuses=(0, 1))
        results["check"].append(seconds)
        results["peak_check"] = max(results["peak_check"], kib)
        if not hugo_too:
            continue
        shutil.rmtree(hugo_public, ignore_errors=True)
        results["hugo"].append(timed(["hugo", "--quiet", "-s", hugo, "-d", hugo_public])[0])
        results["hugo_bytes"] = folder_bytes(hugo_public)
        shutil.rmtree(pages, ignore_errors=True)
        os.makedirs(pages)
        results["libcmark"].append(timed([os.path.join(OUT, "cmark_pages"), pages] + body_files)[0])
        with open(os.path.join(OUT, f"cmark-{corpus}-{size}.html"), "w") as sink:
            start = time.perf_counter()
            subprocess.run(["cmark"] + body_files, stdout=sink, check=True)
            results["cmark"].append(time.perf_counter() - start)
    results["files"] = sum(len(names) for _, _, names in os.walk(public))
    results.update(diagnostics(binary, site))
    for folder in [public, hugo_public, pages]:
        shutil.rmtree(folder, ignore_errors=True)
    if os.path.exists(manifest):
        os.remove(manifest)
    return {key: (statistics.median(value) if value else float("nan")) if isinstance(value, list) else value
            for key, value in results.items()}

def ratio(a, b):
    return a / b if b and b == b and a == a else float("nan")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--national", type=int, default=0, help="also this size (100000), tutorat only, one run")
    parser.add_argument("--corpora", default=",".join(CORPORA))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--label", default="")
    options = parser.parse_args()
    for tool in ["hugo", "cmark"]:
        if shutil.which(tool) is None:
            sys.exit(f"bench: `{tool}` is missing (make bench installs Debian's hugo and cmark)")
    os.makedirs(OUT, exist_ok=True)
    subprocess.run(["gcc", "-O2", "-o", os.path.join(OUT, "cmark_pages"), os.path.join(HERE, "cmark_pages.c"), "-lcmark"], check=True)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    sizes = [int(size) for size in options.sizes.split(",")]
    corpora = options.corpora.split(",")
    binary = os.path.abspath(options.binary)
    load_before = os.getloadavg()[0]
    rows = {}
    # Alternating the corpora size by size, so a slow spell of the machine falls on both.
    for size in sizes:
        for corpus in corpora:
            rows[(corpus, size)] = measure(binary, corpus, size, options.runs)
    if options.national:
        for corpus in corpora:
            rows[(corpus, options.national)] = measure(binary, corpus, options.national, 1, hugo_too=False)

    header = ("| corpus | tutees | files | MB written | tutorat clean s | ms per MB | again s | rewritten | check s | warnings | Hugo s | Hugo MB "
              "| libcmark s | cmark s | clean/Hugo | again/clean | peak MiB | check peak MiB |")
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for (corpus, size), row in rows.items():
        megabytes = row["bytes"] / 1e6
        lines.append(f"| {corpus} | {size} | {row['files']} | {megabytes:.0f} | {row['clean']:.2f} | {row['clean'] / megabytes * 1000:.1f} "
                     f"| {row['again']:.2f} | {row['rewritten']} | {row['check']:.2f} | {row['warnings']} | {row['hugo']:.2f} "
                     f"| {row['hugo_bytes'] / 1e6:.0f} | {row['libcmark']:.2f} | {row['cmark']:.2f} | {ratio(row['clean'], row['hugo']):.2f} "
                     f"| {ratio(row['again'], row['clean']):.2f} | {row['peak'] / 1024:.0f} | {row['peak_check'] / 1024:.0f} |")
    checks = []
    for corpus in corpora:
        def get(size):
            return rows.get((corpus, size))
        scales = [(small, large) for small, large in [(1000, 10000), (10000, 100000)] if get(small) and get(large)]
        for small, large in scales:
            lines.append("")
            lines.append(f"{corpus}: {large:,} tutees cost {ratio(get(large)['clean'], get(small)['clean']):.1f} times {small:,} "
                         "(target: at most 11).".replace(",", " "))
        if get(10000):
            row = get(10000)
            checks += [(f"{corpus}: clean build ≤ 0.5 × Hugo (10 000)", ratio(row["clean"], row["hugo"]) <= 0.5),
                       (f"{corpus}: peak memory < 300 MiB (10 000)", row["peak"] / 1024 < 300),
                       (f"{corpus}: rebuild with nothing changed ≤ 0.3 × clean (10 000)", ratio(row["again"], row["clean"]) <= 0.3),
                       (f"{corpus}: rebuild writes no file (10 000)", row["rewritten"] == 0)]
        for small, large in scales:
            checks.append((f"{corpus}: {large} tutees ≤ 11 × {small}", ratio(get(large)["clean"], get(small)["clean"]) <= 11))
        if get(100000):
            checks.append((f"{corpus}: peak memory < 1 GiB (100 000)", max(get(100000)["peak"], get(100000)["peak_check"]) / 1024 < 1024))
            checks.append((f"{corpus}: rebuild writes no file (100 000)", get(100000)["rewritten"] == 0))
    targets = "\n".join(f"- {'met' if ok else 'MISSED'}: {name}" for name, ok in checks)
    table = "\n".join(lines)
    print(table)
    if targets:
        print("\nTargets:\n" + targets)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    national = f" ({options.national} tutees: one run, tutorat only)" if options.national else ""
    national += f"; load average before the run {load_before:.1f}, after {os.getloadavg()[0]:.1f}"
    entry = (f"\n## {stamp} · {commit}{' · ' + options.label if options.label else ''}\n\n"
             f"{os.cpu_count()} cores, medians of {options.runs} runs{national}, Hugo {hugo_version}, output in {OUTPUT}.\n\n{table}\n")
    if targets:
        entry += f"\n{targets}\n"
    with open(os.path.join(HERE, "results.md"), "a", encoding="utf-8") as handle:
        handle.write(entry)
    print(f"\nAppended to {os.path.relpath(os.path.join(HERE, 'results.md'))}")

if __name__ == "__main__":
    main()
