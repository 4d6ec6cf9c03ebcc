#!/usr/bin/env bash
# The one test command: installs what is missing, builds, and runs every test twice — a normal
# build (with the browser tests; its Debian package is then built, installed, upgraded and purged),
# then the C++ suite under AddressSanitizer + UndefinedBehaviorSanitizer — and fuzzes each bank
# parser for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh

jobs=$(nproc)
run_suite() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja "$@"
    cmake --build "$dir" -j "$jobs"
    ctest --test-dir "$dir" -j "$jobs" --output-on-failure --no-tests=error
}

# Both builds compile in unity batches and without full debug information (line tables are
# enough for ASan's stack traces): the whole run must stay well inside CI's time on 2 cores.
echo "== normal build and tests"
run_suite build/release -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DPHONGTHI_WERROR=ON -DPHONGTHI_UNITY_BUILD=ON
echo "== Debian package of the normal build: contents; as root install, start, upgrade, remove, purge"
bash deploy/test-package.sh build/release
echo "== sanitized build and tests (ASan + UBSan)"
run_suite build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1" -DPHONGTHI_SANITIZE=ON \
    -DPHONGTHI_UNITY_BUILD=ON -DPHONGTHI_BUILD_BENCH=OFF -DPHONGTHI_BROWSER_TESTS=OFF
echo "== fuzzing the bank parsers (libFuzzer, bounded time)"
FUZZ_SECONDS=${FUZZ_SECONDS:-20} bash deploy/fuzz.sh

# Everything above stops the script on the first failure, so reaching here means all passed.
count() { ctest --test-dir "$1" -N | awk '/Total Tests:/ {print $3}'; }
total=$(( $(count build/release) + $(count build/asan) ))
echo "test-all: $total passed, 0 failed (normal + sanitized suites; fuzzers ran clean)"
