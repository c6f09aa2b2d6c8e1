#!/usr/bin/env bash
# make bench: pages per second and peak memory of `tutorat build` on synthetic
# sites of 1 000 and 10 000 tutees. Timings are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/tutorat
OUT=bench/out
RUNS=${RUNS:-3}
mkdir -p "$OUT"
printf '%-8s %8s %10s %12s %12s\n' tutees pages "median s" "pages/s" "peak MiB"
for n in ${SIZES:-1000 10000}; do
    site="$OUT/site-$n"
    [ -d "$site/content" ] || python3 bench/generate.py "$n" "$site"
    times=()
    peak=0
    pages=0
    for _ in $(seq "$RUNS"); do
        log=$(mktemp)
        /usr/bin/time -f "%e %M" -o "$log.time" "$BIN" build --site "$site" --output "$OUT/public-$n" > "$log" 2> "$OUT/diagnostics-$n.txt"
        pages=$(sed -E 's/^Built ([0-9]+) pages.*/\1/' "$log")
        read -r seconds kib < "$log.time"
        times+=("$seconds")
        (( kib > peak )) && peak=$kib
        rm -f "$log" "$log.time"
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rate=$(awk -v p="$pages" -v s="$median" 'BEGIN {printf "%.0f", (s > 0 ? p / s : 0)}')
    printf '%-8s %8s %10s %12s %12s\n' "$n" "$pages" "$median" "$rate" "$((peak / 1024))"
done

# tutorat serve: from saving a file to the reload event a browser receives, on
# the biggest site (bench/serve.py; SERVE_SIZE, SERVE_RUNS).
serve_size=${SERVE_SIZE:-10000}
[ -d "$OUT/site-$serve_size/content" ] || python3 bench/generate.py "$serve_size" "$OUT/site-$serve_size"
echo
python3 bench/serve.py "$BIN" "$OUT/site-$serve_size" "${SERVE_RUNS:-5}"
