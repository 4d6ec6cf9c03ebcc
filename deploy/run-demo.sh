#!/usr/bin/env bash
# The one run command: installs what is missing, builds, and starts the server with the demo
# course (data in ./data, demo accounts printed at start). Extra arguments go to `phongthi serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPHONGTHI_WERROR=ON
cmake --build build/release -j "$(nproc)" --target phongthi
exec build/release/server/phongthi serve --data ./data --demo "$@"
