#!/usr/bin/env bash
# make bench: tutorat against Hugo and cmark on generated sites of 1 000 and
# 10 000 tutees, two corpora side by side (bench/bench.py), then serve's reload
# times (bench/serve.py). BENCH_NATIONAL=1 adds 100 000 tutees of each corpus
# (tutorat alone: build, rebuild, check; a few minutes more, and about 12 GB
# of output in turn on the tmpfs). Timings are printed and appended to
# bench/results.md, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/tutorat
national=0
[ "${BENCH_NATIONAL:-0}" = 1 ] && national=100000
python3 bench/bench.py "$BIN" --sizes "${SIZES:-1000,10000}" --corpora "${CORPORA:-base,names}" --national "$national" \
    --runs "${RUNS:-3}" --label "${LABEL:-}"

# tutorat serve: from saving a file to the reload event a browser receives, on
# the biggest site (bench/serve.py; SERVE_SIZE, SERVE_RUNS).
serve_size=${SERVE_SIZE:-10000}
[ -d "bench/out/site-$serve_size/content" ] || python3 bench/generate.py "$serve_size" "bench/out/site-$serve_size"
echo
python3 bench/serve.py "$BIN" "bench/out/site-$serve_size" "${SERVE_RUNS:-5}"
