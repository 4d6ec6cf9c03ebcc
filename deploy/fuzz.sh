#!/usr/bin/env bash
# Builds the libFuzzer targets of the bank parsers and the HTML sanitizer with clang (ASan + UBSan)
# and runs each one for a bounded time (FUZZ_SECONDS, default 30), seeded with the shared fixtures
# when they exist.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
fixtures=${PHONGTHI_FIXTURES_DIR:-../shared/fixtures}

CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPHONGTHI_FUZZ=ON -DPHONGTHI_UNITY_BUILD=ON -DPHONGTHI_BUILD_TESTS=OFF -DPHONGTHI_BUILD_BENCH=OFF
cmake --build build/fuzz -j "$(nproc)" --target fuzzers

seed_dir() {
    case $1 in
        json) echo server/demo ;;
        gift) echo "$fixtures/gift" ;;
        aiken) echo "$fixtures/aiken" ;;
        moodle_xml | html_sanitizer) echo "$fixtures/moodlexml" ;;
        csv) echo "$fixtures/csv" ;;
        *) echo "" ;;
    esac
}

# One fuzzer per core at a time; each prints its summary when it ends, and any failure fails all.
fuzz_one() {
    local fuzzer=$1 format corpus seeds status=0
    format=${fuzzer##*/fuzz_}
    corpus=$(mktemp -d)
    seeds=$(seed_dir "$format")
    if [ -n "$seeds" ] && [ -d "$seeds" ]; then
        find "$seeds" -type f ! -name '*.md' -exec cp {} "$corpus"/ \;
    fi
    "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        "$corpus" >"$corpus.log" 2>&1 || status=$?
    echo "== fuzzed $format for ${seconds}s (exit $status)"
    tail -n 12 "$corpus.log"
    rm -rf "$corpus" "$corpus.log"
    return "$status"
}
export -f fuzz_one seed_dir
export seconds fixtures
ls build/fuzz/tests/fuzz/fuzz_* | xargs -P "$(nproc)" -I{} bash -c 'fuzz_one "$1"' _ {}
echo "fuzz: every target ran ${seconds}s without a crash"
