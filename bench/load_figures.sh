#!/usr/bin/env bash
# The load figures of the README ("Load and fault figures"): for each run a fresh data directory,
# the server pinned to core 0 and the load generator to core 1; each scenario run RUNS times;
# prints every run's `figures:` line, then the median [min–max] of each figure. Usage:
#   bench/load_figures.sh BUILD_DIR SCENARIO [RUNS]
#   SCENARIO: opening   1,000 candidates log in (Argon2id), join and wait; the proctor starts;
#                       10 s of answers: logins/s and the opening burst
#             sustained 5,000 candidates at 2,500 answers/s for 60 s, some reconnects
#             peak      2,000 candidates answering every ~0.17 s (asked: 12,000 answers/s), 20 s
#             held      10,000 candidates connected, the exam started (papers delivered), no
#                       answers, 20 s: RSS and memory per connection
#             all       the four, one after the other
# Apart from `opening`, the candidates' sessions are made by `phongthi-loadgen setup --tokens`
# (no logins: these scenarios measure answers and connections). N=..., DURATION=... and
# THREADS=... (the load generator's I/O threads, 2 by default) override the scenario's
# candidates, seconds of answering and threads; SERVER_ARGS=... adds to `phongthi serve`.
# Both processes run at NICE (-10 by default, as root), each in a session of its own: an exam
# server has its PC to itself, so builds or other jobs on a shared machine only get what the two
# leave. (With scheduler autogroups, Debian's default, nice orders only the processes of one
# session and every session gets an equal share of a core: without their own sessions the server
# and the generator together got as much as one compiler's terminal.)
set -euo pipefail
build=${1:?build dir}
scenario=${2:?scenario}
runs=${3:-3}
if [ "$scenario" = all ]; then
    for s in opening sustained peak held; do "$0" "$build" $s "$runs"; done
    exit 0
fi
tokens=yes
case $scenario in
    opening) n=1000 tokens=no args=(--rate 500 --duration 10) ;;
    sustained) n=5000 args=(--rate 2500 --duration 60 --reconnect-share 0.001) ;;
    peak) n=2000 args=(--rate 12000 --duration 20) ;;
    held) n=10000 args=(--rate 0 --duration 20) ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
n=${N:-$n}
[ -n "${DURATION:-}" ] && args+=(--duration "$DURATION")
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
# shellcheck source=bench/detached.sh
. "$(dirname "$0")/detached.sh"
echo "== $scenario: $n candidates, ${args[*]}, $runs runs, nice ${NICE:--10}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
    rm -rf "$work/data" "$work/tokens"
    setup=(--data "$work/data" --candidates "$n")
    [ $tokens = yes ] && setup+=(--tokens "$work/tokens")
    if ! exam=$("$build/bench/phongthi-loadgen" setup "${setup[@]}" 2> "$work/setup.log"); then
        echo "   run $run: setup failed: $(tail -2 "$work/setup.log")"
        continue
    fi
    # shellcheck disable=SC2086 # SERVER_ARGS is a list of words
    detached taskset -c 0 "$build/server/phongthi" serve --data "$work/data" --host 127.0.0.1 --port 0 \
        --max-connections-per-ip 0 --requests-per-ip-per-second 0 \
        --log-level warn ${SERVER_ARGS:-} > "$work/out" 2> "$work/log" &
    server=$!
    until grep -qs "listening on" "$work/out"; do sleep 0.1; done
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1 | cut -d: -f3)
    detached taskset -c 1 "$build/bench/phongthi-loadgen" run --server "http://127.0.0.1:$port" \
        --exam "$exam" --candidates "$n" --server-pid $server --tokens "$work/tokens" \
        --sources 8 --threads "${THREADS:-2}" "${args[@]}" > "$work/run" &
    wait $! || true
    grep '^errors:' "$work/run" || tail -3 "$work/run"
    grep '^figures:' "$work/run" | tee -a "$work/figures" || true
    echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
    kill -TERM $server; wait $server || true
    server=
done
# Median [min–max] of each figure over the runs.
[ -s "$work/figures" ] || exit 1
for name in $(head -1 "$work/figures" | tr ' ' '\n' | grep = | cut -d= -f1); do
    grep -o " $name=[^ ]*" "$work/figures" | cut -d= -f2 | sort -g |
        awk -v name="$name" '{ v[NR] = $1 } END {
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "   %-30s %g [%g-%g]\n", name, m, v[1], v[NR] }'
done
