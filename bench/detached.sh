# Sourced by the load scripts of bench/.
# Runs "$@" in a session (autogroup) of its own, at NICE for the session and the process; call
# it in the background (`detached ... &`): it replaces that subshell, so $! is the program's pid.
detached() {
    exec setsid bash -c 'echo "$0" > /proc/self/autogroup 2> /dev/null; exec nice -n "$0" "$@"' \
        "${NICE:--10}" "$@"
}
