#!/usr/bin/env bash
# Soak run (not in CI): moderate load for MINUTES (30 by default) against a fresh server, its RSS
# sampled every 30 s; prints the series, the load generator's figures and the verdict: the RSS
# growth over the last two thirds of the run (the last 20 minutes of 30), "stable" under 5 %.
#   bench/soak.sh BUILD_DIR [MINUTES]
# Load: 300 candidates (sessions made by setup --tokens), 150 answers/s, one answer in 500
# followed by a dropped and rejoined connection. The server on core 0, the generator on core 1,
# each in a session of its own at NICE (-10 by default; see load_figures.sh).
set -euo pipefail
# shellcheck source=bench/detached.sh
. "$(dirname "$0")/detached.sh"
build=${1:?build dir}
minutes=${2:-30}
n=${N:-300}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
exam=$("$build/bench/phongthi-loadgen" setup --data "$work/data" --candidates "$n" \
    --tokens "$work/tokens" 2> "$work/setup.log")
detached taskset -c 0 "$build/server/phongthi" serve --data "$work/data" --host 127.0.0.1 --port 0 \
    --max-connections-per-ip 0 --requests-per-ip-per-second 0 \
    --log-level warn > "$work/out" 2> "$work/log" &
server=$!
until grep -qs "listening on" "$work/out"; do sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1 | cut -d: -f3)
echo "soak: $n candidates, 150 answers/s, $minutes min; load average $(cut -d' ' -f1-3 /proc/loadavg)"
detached taskset -c 1 "$build/bench/phongthi-loadgen" run --server "http://127.0.0.1:$port" \
    --exam "$exam" --candidates "$n" --server-pid $server --tokens "$work/tokens" \
    --rate 150 --reconnect-share 0.002 --duration $((minutes * 60)) > "$work/run" &
loadgen=$!
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }
echo "minute  server RSS (KiB)  load average"
: > "$work/series"
start=$(date +%s)
while kill -0 $loadgen 2>/dev/null; do
    elapsed=$(($(date +%s) - start))
    echo "$elapsed $(rss)" >> "$work/series"
    awk -v s="$elapsed" -v r="$(rss)" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" \
        'BEGIN { printf "%6.1f  %16s  %s\n", s / 60, r, l }'
    for _ in $(seq 30); do kill -0 $loadgen 2>/dev/null && sleep 1; done
done
wait $loadgen || echo "soak: the load generator ended with errors (exit $?)"
grep -E '^(answers saved|errors|figures):' "$work/run" || tail -5 "$work/run"
# The verdict over the last two thirds: the first sample from minutes/3 on, against the last.
awk -v from=$((minutes * 20)) '$1 >= from && !first { first = $2 } { last = $2 } END {
    growth = last - first
    printf "verdict: RSS %d KiB at minute %d, %d KiB at the end: %+d KiB (%+.1f %%): %s\n",
        first, from / 60, last, growth, 100 * growth / first,
        (growth < 0.05 * first ? "stable" : "GROWING") }' "$work/series"
kill -TERM $server; wait $server || true
server=
