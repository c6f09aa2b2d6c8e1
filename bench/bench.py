#!/usr/bin/env python3
"""make bench: tutorat against Hugo and cmark on the same generated sites.

    python3 bench/bench.py BINARY [--sizes 1000,10000] [--runs 3] [--label TEXT]

For each size it generates (once, cached in bench/out/) a tutorat site
(bench/generate.py), the equivalent Hugo site (bench/hugo_site.py) and the
Markdown bodies alone, then times, alternating the tools run after run:

  tutorat clean    `tutorat build` into a folder that does not exist
  tutorat again    `tutorat build` once more with nothing changed: it must
                   write no file (checked: every output file keeps its inode
                   and modification time)
  hugo             Hugo's clean build of the equivalent site
  libcmark         the Markdown work alone in C (bench/cmark_pages.c, built
                   against the same libcmark): read, convert and write each
                   body to its own file, one after the other on one core
  cmark            Debian's `cmark` command over all the bodies at once (one
                   process, one output): for reference

Medians are printed with the ratios the issue sets as targets and tutorat's
peak memory (maximum resident size), and appended to bench/results.md with
the label. Timings are printed and recorded, never asserted.

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

def timed(command, cwd=None):
    """Seconds and peak resident KiB of one run (GNU time)."""
    report = os.path.join(OUT, "time.txt")
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report] + command, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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

def prepare(size):
    site = os.path.join(OUT, f"site-{size}")
    if not os.path.isdir(os.path.join(site, "content")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(size), site], check=True)
    hugo = os.path.join(OUT, f"hugo-{size}")
    if not os.path.isdir(os.path.join(hugo, "content")):
        subprocess.run([sys.executable, os.path.join(HERE, "hugo_site.py"), site, hugo], check=True)
    bodies = os.path.join(OUT, f"bodies-{size}")
    if not os.path.isdir(bodies):
        os.makedirs(bodies)
        tutees = os.path.join(site, "content", "tutees")
        for name in sorted(os.listdir(tutees)):
            with open(os.path.join(tutees, name), encoding="utf-8") as handle:
                text = handle.read()
            body = text.split("\n---\n", 1)[1]
            with open(os.path.join(bodies, name), "w", encoding="utf-8") as handle:
                handle.write(body)
    return site, hugo, bodies

OUTPUT = os.environ.get("BENCH_OUTPUT") or ("/dev/shm/tutorat-bench" if os.path.isdir("/dev/shm") else os.path.join(OUT, "output"))

def measure(binary, size, runs):
    site, hugo, bodies = prepare(size)
    os.makedirs(OUTPUT, exist_ok=True)
    public = os.path.join(OUTPUT, f"public-{size}")
    hugo_public = os.path.join(OUTPUT, f"hugo-public-{size}")
    body_files = sorted(os.path.join(bodies, name) for name in os.listdir(bodies))
    results = {"clean": [], "again": [], "hugo": [], "libcmark": [], "cmark": [], "peak": 0, "rewritten": 0}
    manifest = os.path.join(OUTPUT, f".public-{size}.tutorat-manifest")
    for _ in range(runs):
        shutil.rmtree(public, ignore_errors=True)
        if os.path.exists(manifest):
            os.remove(manifest)
        seconds, kib = timed([binary, "build", "--site", site, "--output", public])
        results["clean"].append(seconds)
        results["peak"] = max(results["peak"], kib)
        before = snapshot(public)
        seconds, kib = timed([binary, "build", "--site", site, "--output", public])
        results["again"].append(seconds)
        results["peak"] = max(results["peak"], kib)
        after = snapshot(public)
        results["rewritten"] = max(results["rewritten"], sum(1 for path, stamp in after.items() if before.get(path) != stamp)
                                   + len(set(before) - set(after)))
        shutil.rmtree(hugo_public, ignore_errors=True)
        results["hugo"].append(timed(["hugo", "--quiet", "-s", hugo, "-d", hugo_public])[0])
        pages = os.path.join(OUTPUT, f"cmark-pages-{size}")
        shutil.rmtree(pages, ignore_errors=True)
        os.makedirs(pages)
        results["libcmark"].append(timed([os.path.join(OUT, "cmark_pages"), pages] + body_files)[0])
        with open(os.path.join(OUT, f"cmark-{size}.html"), "w") as sink:
            start = time.perf_counter()
            subprocess.run(["cmark"] + body_files, stdout=sink, check=True)
            results["cmark"].append(time.perf_counter() - start)
    results["pages"] = sum(len(names) for _, _, names in os.walk(public))
    for folder in [public, hugo_public, pages]:
        shutil.rmtree(folder, ignore_errors=True)
    if os.path.exists(manifest):
        os.remove(manifest)
    return {key: statistics.median(value) if isinstance(value, list) else value for key, value in results.items()}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--sizes", default="1000,10000")
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
    rows = {size: measure(os.path.abspath(options.binary), size, options.runs) for size in sizes}

    lines = ["| tutees | files | tutorat clean s | again s | rewritten | Hugo s | libcmark s | cmark s | clean/Hugo | clean/libcmark | again/clean | peak MiB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, row in rows.items():
        lines.append(f"| {size} | {row['pages']} | {row['clean']:.2f} | {row['again']:.2f} | {row['rewritten']} | {row['hugo']:.2f} | "
                     f"{row['libcmark']:.2f} | {row['cmark']:.2f} | {row['clean'] / row['hugo']:.2f} | {row['clean'] / row['libcmark']:.2f} | "
                     f"{row['again'] / row['clean']:.2f} | {row['peak'] / 1024:.0f} |")
    if 1000 in rows and 10000 in rows:
        scaling = rows[10000]["clean"] / rows[1000]["clean"]
        lines.append("")
        lines.append(f"10 000 tutees cost {scaling:.1f} times 1 000 (target: at most 11).")
    targets = ""
    if 10000 in rows:
        row = rows[10000]
        checks = [("clean build ≤ 0.2 × Hugo", row["clean"] / row["hugo"] <= 0.2),
                  ("clean build ≤ 2.5 × libcmark", row["clean"] / row["libcmark"] <= 2.5),
                  ("peak memory < 300 MiB", row["peak"] / 1024 < 300),
                  ("rebuild with nothing changed ≤ 0.3 × clean", row["again"] / row["clean"] <= 0.3),
                  ("rebuild writes no file", row["rewritten"] == 0)]
        if 1000 in rows:
            checks.append(("10 000 tutees ≤ 11 × 1 000", rows[10000]["clean"] / rows[1000]["clean"] <= 11))
        targets = "\n".join(f"- {'met' if ok else 'MISSED'}: {name}" for name, ok in checks)
    table = "\n".join(lines)
    print(table)
    if targets:
        print("\nTargets on 10 000 tutees:\n" + targets)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    entry = (f"\n## {stamp} · {commit}{' · ' + options.label if options.label else ''}\n\n"
             f"{os.cpu_count()} cores, medians of {options.runs} runs, Hugo {hugo_version}, output in {OUTPUT}.\n\n{table}\n")
    if targets:
        entry += f"\n{targets}\n"
    with open(os.path.join(HERE, "results.md"), "a", encoding="utf-8") as handle:
        handle.write(entry)
    print(f"\nAppended to {os.path.relpath(os.path.join(HERE, 'results.md'))}")

if __name__ == "__main__":
    main()
