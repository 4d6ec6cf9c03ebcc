#pragma once

#include "tests/support/temp_dir.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace phongthi::test {

/// The output and exit code of a finished `phongthi` command.
struct command_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the phongthi binary with `args` to completion, stdin from /dev/null, with `environment`
/// ("NAME=value" entries) added to this process's environment.
command_result run_phongthi(std::vector<std::string> const& args,
                            std::vector<std::string> const& environment = {});

/// Starts `binary` with `args`, stdout to a pipe (its read end in `stdout_read`), stderr to
/// `err_file`, stdin from /dev/null and `environment` ("NAME=value") added to ours.
pid_t spawn_program(std::string const& binary, std::vector<std::string> const& args,
                    std::filesystem::path const& err_file, int& stdout_read,
                    std::vector<std::string> const& environment = {});

/// Waits for `pid` to end; returns its exit code, 128+signal when killed.
int wait_exit(pid_t pid);

/// `serve` options that switch off the per-address connection and request limits, for the tests
/// that connect hundreds or thousands of clients from 127.0.0.1 and measure the server itself.
inline std::vector<std::string> const without_per_address_limits{
    "--max-connections-per-ip", "0", "--requests-per-ip-per-second", "0"};

/// The real `phongthi serve` in a child process, on 127.0.0.1 and a free port. The constructor
/// returns once the server has printed its listening line (no sleeps); the destructor kills it.
class server_process {
public:
    /// `extra_args` are added to the serve command (e.g. {"--tls", "both"}), `environment`
    /// ("NAME=value") to its environment.
    server_process(std::filesystem::path const& data_dir, bool demo,
                   std::vector<std::string> const& extra_args = {},
                   std::vector<std::string> const& environment = {});
    ~server_process();
    server_process(server_process const&) = delete;
    server_process& operator=(server_process const&) = delete;

    unsigned short port() const { return port_; }
    pid_t pid() const { return pid_; }
    /// Sends `signal` and waits for the exit; returns the exit code (128+signal if killed).
    int stop(int signal);
    /// What the server wrote to stderr so far (its log).
    std::string log() const;

private:
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    std::filesystem::path log_file_;
};

} // namespace phongthi::test
