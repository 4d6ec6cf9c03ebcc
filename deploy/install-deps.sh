#!/usr/bin/env bash
# Installs every build, run and test dependency of PhòngThi from Debian 12 packages.
# Idempotent and fast when everything is present: apt runs only for what is missing.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config git
    libboost1.81-dev libsqlite3-dev sqlite3 libssl-dev nlohmann-json3-dev
    libgtest-dev libgmock-dev googletest libbenchmark-dev
    libargon2-dev libutf8proc-dev zlib1g-dev gzip
    libxlsxwriter-dev libqrencode-dev libhpdf-dev libzip-dev libpugixml-dev
    fonts-dejavu-core fonts-dejavu-extra poppler-utils libfaketime
    adduser init-system-helpers   # the .deb test installs the package: its Depends must be here
    chromium clang-14 libclang-rt-14-dev
)
# Node.js for the browser tests: the machine's own if present, else Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
else
    echo "install-deps: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core drives Debian's chromium (it never downloads a browser of its own); axe-core
# checks accessibility. npm ci runs again whenever the lockfile is newer than the installed tree.
e2e="$(dirname "$0")/../tests/e2e"
if [ ! -f "$e2e/node_modules/.package-lock.json" ] ||
    [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci in tests/e2e"
    (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
