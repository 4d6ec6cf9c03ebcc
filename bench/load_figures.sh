#!/usr/bin/env bash
# The load figures of the README ("Load and fault figures"): a fresh data directory, the server
# pinned to core 0 and the load generator to core 1, each scenario run RUNS times; prints the
# load generator's `result:` JSON line of every run. Usage:
#   bench/load_figures.sh BUILD_DIR SCENARIO [RUNS]
#   SCENARIO: opening   1,000 candidates log in, join and wait; the proctor starts; 10 s of answers
#             sustained 3,900 candidates (the server's 4,000-connection cap) at 2,500 answers/s, 60 s
#             peak      3,900 candidates answering as fast as think time 0.1 s allows, 20 s
#             held      3,900 connections held waiting (memory per connection)
# Each run after the first of a sustained or peak scenario reuses the data directory and the
# session tokens, so only the first run pays the logins. N=... and DURATION=... override the
# number of candidates and the seconds of answering.
set -euo pipefail
build=${1:?build dir}
scenario=${2:?scenario}
runs=${3:-3}
case $scenario in
    opening) n=1000 args=(--rate 500 --duration 10) ;;
    sustained) n=3900 args=(--rate 2500 --duration 60 --reconnect-share 0.001 --no-submit) ;;
    peak) n=3900 args=(--rate 39000 --duration 20 --no-submit) ;;
    held) n=3900 args=(--rate 0 --duration 15 --no-start) ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
n=${N:-$n}
[ -n "${DURATION:-}" ] && args+=(--duration "$DURATION")
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
exam=$("$build/bench/phongthi-loadgen" setup --data "$work/data" --candidates $n)
for run in $(seq 1 "$runs"); do
    if [ "$scenario" = opening ] || [ "$scenario" = held ]; then
        # A fresh start every run: logins and the opening burst are what is measured.
        rm -rf "$work/data" "$work/tokens"
        exam=$("$build/bench/phongthi-loadgen" setup --data "$work/data" --candidates $n)
    fi
    taskset -c 0 "$build/server/phongthi" serve --data "$work/data" --host 127.0.0.1 --port 0 \
        --log-level warn > "$work/out" 2> "$work/log" &
    server=$!
    until grep -q "listening on" "$work/out"; do sleep 0.1; done
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1 | cut -d: -f3)
    taskset -c 1 "$build/bench/phongthi-loadgen" run --server "http://127.0.0.1:$port" \
        --exam "$exam" --candidates $n --server-pid $server --tokens "$work/tokens" \
        "${args[@]}" | grep '^result:' || true
    kill -TERM $server; wait $server || true
done
