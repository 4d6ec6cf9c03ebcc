#pragma once

#include <cstdint>

#include <sys/types.h>

namespace phongthi::bench {

/// What /proc says about a process at one moment.
struct proc_sample {
    std::int64_t rss_kib = 0; ///< VmRSS
    std::int64_t hwm_kib = 0; ///< VmHWM, the peak resident set
    double cpu_seconds = 0;   ///< user + system time so far
    int threads = 0;
};

/// The pid of the process listening on 127.0.0.1/0.0.0.0 TCP `port`, from /proc/net/tcp and
/// the processes' fd tables; -1 when none is found (or it belongs to another user).
pid_t find_listener_pid(unsigned short port);

/// Reads /proc/<pid>/status and /proc/<pid>/stat; all zero when the process is gone.
proc_sample sample_process(pid_t pid);

} // namespace phongthi::bench
