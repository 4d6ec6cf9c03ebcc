#pragma once

#include "tests/integration/server_process.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace phongthi::test {

/// A data directory prepared by `phongthi-loadgen setup` and the load generator as a child
/// process; the server itself is started by each test.
class LoadgenData : public ::testing::Test {
protected:
    /// Runs `phongthi-loadgen setup` for `candidates`; returns the exam id.
    std::int64_t prepare(int candidates) {
        int out = -1;
        auto const pid = spawn_program(
            PHONGTHI_LOADGEN,
            {"setup", "--data", data_dir().string(), "--candidates", std::to_string(candidates)},
            scratch_ / "setup.err", out);
        std::string text;
        char buffer[256];
        for (ssize_t n; (n = ::read(out, buffer, sizeof buffer)) > 0;)
            text.append(buffer, static_cast<std::size_t>(n));
        ::close(out);
        EXPECT_EQ(wait_exit(pid), 0) << "setup failed";
        return std::stoll(text);
    }

    /// Starts `phongthi-loadgen run` against `port` with `args` added; its output goes to
    /// files of the scratch directory. Returns the pid.
    pid_t start_loadgen(unsigned short port, std::vector<std::string> args) {
        args.insert(args.begin(), {"run", "--server", "http://127.0.0.1:" + std::to_string(port),
                                   "--tokens", (scratch_ / "tokens").string()});
        int out = -1;
        auto const pid = spawn_program(PHONGTHI_LOADGEN, args, scratch_ / "loadgen.err", out);
        // Its stdout holds a few lines: let them fill the pipe's buffer, read them at the end.
        loadgen_out_ = out;
        return pid;
    }

    /// Waits up to `limit` for the load generator to end (then kills it); returns its exit code
    /// and leaves its report in `loadgen_report`.
    int wait_loadgen(pid_t pid, std::chrono::seconds limit) {
        auto const until = std::chrono::steady_clock::now() + limit;
        int status = 0;
        while (waitpid(pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() >= until) {
                ADD_FAILURE() << "the load generator did not stop within " << limit.count() << " s";
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        loadgen_report.clear();
        char buffer[4096];
        for (ssize_t n; (n = ::read(loadgen_out_, buffer, sizeof buffer)) > 0;)
            loadgen_report.append(buffer, static_cast<std::size_t>(n));
        ::close(loadgen_out_);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    std::filesystem::path data_dir() const { return scratch_.path() / "data"; }
    std::filesystem::path scratch_file(std::string const& name) const { return scratch_ / name; }

    std::string loadgen_report;

private:
    temp_dir scratch_;
    int loadgen_out_ = -1;
};

} // namespace phongthi::test
