#include "bench/loadgen/proc_stats.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace phongthi::bench {

namespace {

/// The socket inode listening on `port` in /proc/net/tcp, or "".
std::string listening_inode(unsigned short port) {
    std::ifstream table("/proc/net/tcp");
    std::string line;
    std::getline(table, line); // header
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
        fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
            timeout >> inode;
        auto const colon = local.find(':');
        if (state != "0A" || colon == std::string::npos)
            continue;
        if (std::stoul(local.substr(colon + 1), nullptr, 16) == port)
            return inode;
    }
    return {};
}

} // namespace

pid_t find_listener_pid(unsigned short port) {
    auto const inode = listening_inode(port);
    if (inode.empty())
        return -1;
    auto const wanted = "socket:[" + inode + "]";
    std::error_code ec;
    for (auto const& process : std::filesystem::directory_iterator("/proc", ec)) {
        auto const name = process.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::error_code fd_ec;
        for (auto const& fd : std::filesystem::directory_iterator(process.path() / "fd", fd_ec)) {
            std::error_code link_ec;
            if (std::filesystem::read_symlink(fd.path(), link_ec).string() == wanted)
                return static_cast<pid_t>(std::stol(name));
        }
    }
    return -1;
}

proc_sample sample_process(pid_t pid) {
    proc_sample sample;
    auto const base = "/proc/" + std::to_string(pid);
    std::ifstream status(base + "/status");
    std::string line;
    while (std::getline(status, line)) {
        std::istringstream fields(line);
        std::string key;
        fields >> key;
        if (key == "VmRSS:")
            fields >> sample.rss_kib;
        else if (key == "VmHWM:")
            fields >> sample.hwm_kib;
        else if (key == "Threads:")
            fields >> sample.threads;
    }
    std::ifstream stat(base + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    auto const close = text.rfind(')');
    if (close == std::string::npos)
        return sample;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int number = 3; number <= 15 && rest >> field; ++number) {
        if (number == 14)
            utime = std::stoll(field);
        else if (number == 15)
            stime = std::stoll(field);
    }
    sample.cpu_seconds =
        static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    return sample;
}

} // namespace phongthi::bench
