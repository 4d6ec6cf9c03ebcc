#!/usr/bin/env bash
# Tests the Debian package of a Release build folder: builds it with CPack and checks its control
# data and files; then, as root with dpkg, installs it on this machine, starts the server, upgrades
# to a higher version over it, removes and purges it, and leaves the machine as it found it.
# Usage: deploy/test-package.sh BUILD_DIR   (called by deploy/test-all.sh after the Release tests)
set -euo pipefail

build=$(cd "${1:?usage: deploy/test-package.sh BUILD_DIR}" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/phongthi-test-package.XXXXXX)
marker=/etc/phongthi/.installed-by-test-package
unit_links=(/etc/systemd/system/multi-user.target.wants/phongthi.service
    /etc/systemd/system/phongthi.service
    /var/lib/systemd/deb-systemd-helper-enabled/phongthi.service.dsh-also
    /var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/phongthi.service
    /var/lib/systemd/deb-systemd-helper-masked/phongthi.service)
dropin=/run/systemd/system/phongthi.service.d
installed_here=0
server_pid=
runner_pid=

say() { echo "test-package: $*"; }
fail() {
    echo "test-package: FAIL: $*" >&2
    exit 1
}
systemd_runs() { [ -d /run/systemd/system ] && [ "$(cat /proc/1/comm)" = systemd ]; }

cleanup() {
    local status=$?
    set +e
    trap '' PIPE # a closed stdout (| head) must not stop the cleanup half-way
    if [ -n "$server_pid" ] && ! systemd_runs; then
        kill -TERM "$server_pid"
        wait "$runner_pid"
    fi
    if [ "$installed_here" = 1 ]; then
        systemd_runs && systemctl stop phongthi.service
        dpkg -P phongthi >/dev/null
        rm -rf "$dropin"
        systemd_runs && systemctl daemon-reload
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || fail "$build/CPackConfig.cmake names no CPACK_PACKAGE_VERSION"
arch=$(dpkg --print-architecture)

# --- The package, as files -----------------------------------------------------------------------

say "cpack -G DEB (version $version)"
(cd "$build" && cpack -G DEB -B "$work/v1" >"$work/cpack.log") || {
    cat "$work/cpack.log"
    fail "cpack failed"
}
deb="$work/v1/phongthi_${version}_${arch}.deb"
[ -f "$deb" ] || fail "cpack made no $deb"

field() { dpkg-deb --field "$1" "$2"; }
[ "$(field "$deb" Package)" = phongthi ] || fail "package name is not phongthi"
[ "$(field "$deb" Version)" = "$version" ] || fail "package version is not $version"
depends=$(field "$deb" Depends)
for needed in libc6 libstdc++6 libsqlite3-0 libssl3 libargon2-1 fonts-dejavu-core \
    fonts-dejavu-extra adduser init-system-helpers; do
    [[ ", $depends," == *", $needed"[\ ,]* ]] || fail "Depends lacks $needed: $depends"
done
dpkg-deb --contents "$deb" >"$work/contents"
for file in ./usr/bin/phongthi ./lib/systemd/system/phongthi.service ./etc/phongthi/phongthi.json \
    ./usr/share/doc/phongthi/DEPLOY.md; do
    grep -q " $file\$" "$work/contents" || fail "the package lacks $file"
done
grep -q '^-rwxr-xr-x root/root .* ./usr/bin/phongthi$' "$work/contents" ||
    fail "/usr/bin/phongthi is not an executable owned by root"
dpkg-deb --control "$deb" "$work/control"
[ "$(cat "$work/control/conffiles")" = /etc/phongthi/phongthi.json ] ||
    fail "conffiles is not exactly /etc/phongthi/phongthi.json"
for script in postinst prerm postrm; do
    [ -x "$work/control/$script" ] || fail "the package has no executable $script"
done
dpkg-deb --extract "$deb" "$work/root"
"$work/root/usr/bin/phongthi" version | grep -q '^phongthi ' || fail "the packaged binary does not run"
cmp -s "$work/root/etc/phongthi/phongthi.json" "$source_dir/deploy/phongthi.json" ||
    fail "the packaged config is not deploy/phongthi.json"
# verify exits 0 on unknown keys and bad values, so any word from it fails; the unit is checked
# with its ExecStart pointed at the extracted binary.
if command -v systemd-analyze >/dev/null; then
    mkdir "$work/unit"
    sed "s|/usr/bin/phongthi|$work/root/usr/bin/phongthi|" \
        "$work/root/lib/systemd/system/phongthi.service" >"$work/unit/phongthi.service"
    if ! report=$(systemd-analyze verify "$work/unit/phongthi.service" 2>&1) || [ -n "$report" ]; then
        fail "systemd-analyze verify phongthi.service: $report"
    fi
else
    say "systemd-analyze is missing: the unit was not verified"
fi
say "package checked: $(basename "$deb"), Depends: $depends"

# --- Installed on this machine -------------------------------------------------------------------

if [ "$(id -u)" -ne 0 ]; then
    say "NOT RUN: install, start, upgrade, remove and purge need root (running as uid $(id -u));" \
        "only the package files were checked"
    exit 0
fi

# Never touch a real installation: only a leftover of an interrupted run of this test is purged.
state=$(dpkg-query -W -f='${db:Status-Status}' phongthi 2>/dev/null || true)
if [ -n "$state" ] && [ "$state" != not-installed ]; then
    [ -f "$marker" ] || fail "phongthi is already on this machine (dpkg: $state), not installed by" \
        "this test: refusing to touch it"
    say "purging phongthi left by an interrupted run of this test"
    dpkg -P phongthi >/dev/null
fi
if getent passwd phongthi >/dev/null; then fail "a user phongthi exists already: refusing to run"; fi
for path in /var/lib/phongthi /etc/phongthi "$dropin" "${unit_links[@]}"; do
    if [ -e "$path" ] || [ -L "$path" ]; then fail "$path exists already: refusing to run"; fi
done

db=/var/lib/phongthi/phongthi.db
sql() { runuser -u phongthi -- sqlite3 "$db" "$1"; }

# Starts the installed server on a port the kernel picks and waits until /healthz answers 200.
start_server() {
    local log="$work/serve-$1.log" deadline=$((SECONDS + 60))
    port=
    if systemd_runs; then
        systemctl restart phongthi.service
        # This run's lines only: the postinst's own start printed another port.
        local run
        run=$(systemctl show -p InvocationID --value phongthi.service)
        while [ -z "$port" ] && ((SECONDS < deadline)); do
            sleep 0.2
            journalctl "_SYSTEMD_INVOCATION_ID=$run" -o cat >"$log"
            port=$(sed -n 's|^phongthi: listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$log")
        done
        server_pid=$(systemctl show -p MainPID --value phongthi.service)
        [ "$server_pid" != 0 ] || server_pid=
    else
        runuser -u phongthi -- /usr/bin/phongthi serve --config /etc/phongthi/phongthi.json \
            --port 0 >"$log" 2>&1 &
        runner_pid=$!
        while [ -z "$port" ] && ((SECONDS < deadline)); do
            kill -0 "$runner_pid" 2>/dev/null || {
                cat "$log"
                fail "the server exited at start"
            }
            sleep 0.2
            port=$(sed -n 's|^phongthi: listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$log")
        done
        # runuser forks the server: its one child (read from /proc: procps may be absent).
        server_pid=$(cat "/proc/$runner_pid/task/$runner_pid/children" 2>/dev/null || true)
        server_pid=${server_pid// /}
    fi
    [ -n "$port" ] && [ -n "$server_pid" ] || {
        cat "$log"
        fail "the server did not start"
    }
    until [ "$(healthz "$port")" = 200 ]; do
        ((SECONDS < deadline)) || fail "/healthz on port $port never answered 200"
        sleep 0.2
    done
    [ "$(stat -c %U "/proc/$server_pid")" = phongthi ] || fail "the server does not run as phongthi"
    say "server up as user phongthi on 127.0.0.1:$port, /healthz 200"
}

# The status code of GET /healthz, by bash's own /dev/tcp (no curl needed).
healthz() {
    local reply
    reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" &&
        printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3) 2>/dev/null ||
        true)
    reply=${reply#HTTP/1.? }
    echo "${reply%% *}"
}

# SIGTERM: the server finishes its queued writes and exits 0.
stop_server() {
    if systemd_runs; then
        systemctl stop phongthi.service
    else
        kill -TERM "$server_pid"
        wait "$runner_pid" || fail "the server did not exit cleanly (status $?)"
    fi
    server_pid=
}

# From here on the cleanup purges whatever this test installs, even half-way.
installed_here=1
# Under systemd the postinst starts the service: on a port the kernel picks, never on 8080.
if systemd_runs; then
    mkdir -p "$dropin"
    printf '[Service]\nEnvironment=PHONGTHI_PORT=0\n' >"$dropin/test-port.conf"
fi
say "dpkg -i (first install)"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || {
    cat "$work/dpkg.log"
    fail "dpkg -i failed"
}
touch "$marker"
getent passwd phongthi | grep -q '^phongthi:x:[0-9]*:[0-9]*:.*:/var/lib/phongthi:/usr/sbin/nologin$' ||
    fail "no system user phongthi with home /var/lib/phongthi: $(getent passwd phongthi)"
getent group phongthi >/dev/null || fail "no group phongthi"
[ "$(stat -c '%U:%G %a' /var/lib/phongthi)" = "phongthi:phongthi 700" ] ||
    fail "/var/lib/phongthi is $(stat -c '%U:%G %a' /var/lib/phongthi), not phongthi:phongthi 700"
[ -x /usr/bin/phongthi ] && [ -f /lib/systemd/system/phongthi.service ] ||
    fail "installed files missing"
dpkg-query -W -f='${Conffiles}\n' phongthi | grep -q '^ /etc/phongthi/phongthi.json [0-9a-f]\{32\}$' ||
    fail "/etc/phongthi/phongthi.json is not registered as a conffile"
[ -L /etc/systemd/system/multi-user.target.wants/phongthi.service ] ||
    fail "the unit is not enabled (no multi-user.target.wants link)"

start_server install
[ "$(stat -c %U "$db")" = phongthi ] || fail "$db is missing or not owned by phongthi"
stop_server
schema=$(sql 'PRAGMA user_version')
[ "$schema" -gt 0 ] || fail "the database has schema version $schema"
runuser -u phongthi -- /usr/bin/phongthi user add --data /var/lib/phongthi --username goikiemthu \
    --name "Kiểm thử gói" --role proctor --password 'Goi-kiem-thu-2026' >/dev/null
runuser -u phongthi -- /usr/bin/phongthi user list --data /var/lib/phongthi | grep -q goikiemthu ||
    fail "phongthi user add as the service user did not add the proctor"
say "installed: user, folders, conffile, enabled unit; database schema $schema with a proctor added"

# --- Upgrade ------------------------------------------------------------------------------------
# Both packages hold the same binary, so to prove that the upgraded server migrates the data an
# older phongthi left, the database is replaced by one at the schema before this one (made by
# tests/tools), holding one unit, which must be there, migrated, after the upgrade.

old_schema_tool="$build/tests/tools/phongthi_old_schema_database"
[ -x "$old_schema_tool" ] || fail "$old_schema_tool is missing (the Release build makes it)"
rm -f "$db" "$db-wal" "$db-shm"
[ "$("$old_schema_tool" "$db" $((schema - 1)))" = $((schema - 1)) ] ||
    fail "could not make a database at schema $((schema - 1))"
chown phongthi:phongthi "$db"*
sql "INSERT INTO units(code, name, created_at) VALUES ('CB-CU', 'Chi bộ trước nâng cấp', 0)"
say "database replaced by one at schema $((schema - 1)) holding unit CB-CU"

upgrade="$version+upgradetest"
(cd "$build" && cpack -G DEB -B "$work/v2" -D CPACK_PACKAGE_VERSION="$upgrade" >"$work/cpack2.log") ||
    fail "cpack of version $upgrade failed"
deb2="$work/v2/phongthi_${upgrade}_${arch}.deb"
[ "$(field "$deb2" Version)" = "$upgrade" ] || fail "the upgrade package is not version $upgrade"
echo '{"data": "/var/lib/phongthi", "host": "127.0.0.1", "port": 8080, "tls": "off"}' \
    >/etc/phongthi/phongthi.json
cp /etc/phongthi/phongthi.json "$work/edited.json"
say "dpkg -i version $upgrade over $version (config edited by the admin)"
dpkg -i "$deb2" </dev/null >"$work/dpkg2.log" 2>&1 || {
    cat "$work/dpkg2.log"
    fail "dpkg -i of the upgrade failed"
}
[ "$(dpkg-query -W -f='${Version}' phongthi)" = "$upgrade" ] || fail "dpkg does not list $upgrade"
cmp -s /etc/phongthi/phongthi.json "$work/edited.json" || fail "the upgrade replaced the edited config"
start_server upgrade
stop_server
[ "$(sql 'PRAGMA user_version')" = "$schema" ] ||
    fail "the upgraded server did not migrate schema $((schema - 1)) to $schema"
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity_check failed after the upgrade"
[ "$(sql "SELECT name FROM units WHERE code = 'CB-CU'")" = "Chi bộ trước nâng cấp" ] ||
    fail "the unit of the older database is gone after the upgrade"
say "upgraded: config kept, schema $((schema - 1)) migrated to $schema with its data, integrity ok"

# --- Remove, then purge ---------------------------------------------------------------------------

dpkg -r phongthi >/dev/null
[ ! -e /usr/bin/phongthi ] && [ ! -e /lib/systemd/system/phongthi.service ] ||
    fail "dpkg -r left the program"
[ -f "$db" ] && [ -f /etc/phongthi/phongthi.json ] && getent passwd phongthi >/dev/null ||
    fail "dpkg -r removed data, config or user"
say "removed: data, config and user kept"
dpkg -P phongthi >/dev/null
for path in /var/lib/phongthi /etc/phongthi "${unit_links[@]}"; do
    if [ -e "$path" ] || [ -L "$path" ]; then fail "dpkg -P left $path"; fi
done
if getent passwd phongthi >/dev/null; then fail "dpkg -P left the user phongthi"; fi
if getent group phongthi >/dev/null; then fail "dpkg -P left the group phongthi"; fi
[ "$(dpkg-query -W -f='${db:Status-Status}' phongthi 2>/dev/null || echo not-installed)" = \
    not-installed ] || fail "dpkg still knows phongthi after purge"
say "purged: data, config, user, group and unit links gone"
rm -rf "$dropin"
installed_here=0
say "passed (install, start, upgrade, remove, purge)"
