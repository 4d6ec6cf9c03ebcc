#include "tests/integration/server_process.hpp"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace phongthi::test {

namespace {

std::string read_file(std::filesystem::path const& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

pid_t spawn_program(std::string const& binary, std::vector<std::string> const& args,
                    std::filesystem::path const& err_file, int& stdout_read,
                    std::vector<std::string> const& environment) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0)
        throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> argv;
    std::string program = binary;
    argv.push_back(program.data());
    std::vector<std::string> copies = args;
    for (auto& arg : copies)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> added = environment;
    std::vector<char*> envp; // ours first: getenv() finds the first entry of a name
    for (auto& entry : added)
        envp.push_back(entry.data());
    for (char** entry = environ; *entry != nullptr; ++entry)
        envp.push_back(*entry);
    envp.push_back(nullptr);
    pid_t pid = -1;
    int const rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (rc != 0) {
        close(pipe_fds[0]);
        throw std::runtime_error("cannot start " + binary);
    }
    stdout_read = pipe_fds[0];
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

command_result run_phongthi(std::vector<std::string> const& args,
                            std::vector<std::string> const& environment) {
    temp_dir scratch;
    int out_fd = -1;
    pid_t const pid =
        spawn_program(PHONGTHI_BINARY, args, scratch.path() / "stderr", out_fd, environment);
    command_result result;
    char buffer[4096];
    for (ssize_t n; (n = read(out_fd, buffer, sizeof buffer)) > 0;)
        result.out.append(buffer, static_cast<std::size_t>(n));
    close(out_fd);
    result.exit_code = wait_exit(pid);
    result.err = read_file(scratch.path() / "stderr");
    return result;
}

server_process::server_process(std::filesystem::path const& data_dir, bool demo,
                               std::vector<std::string> const& extra_args,
                               std::vector<std::string> const& environment)
    : log_file_(data_dir.parent_path() / (data_dir.filename().string() + ".server.log")) {
    std::vector<std::string> args{"serve",  "--data", data_dir.string(), "--host", "127.0.0.1",
                                  "--port", "0",      "--threads",       "2",      "--log-level",
                                  "debug"};
    if (demo)
        args.emplace_back("--demo");
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    int out_fd = -1;
    pid_ = spawn_program(PHONGTHI_BINARY, args, log_file_, out_fd, environment);
    // Read stdout until the listening line; the server prints it only once it accepts.
    std::string output;
    std::string const marker = "://127.0.0.1:"; // after "listening on http" or "https"
    char buffer[1024];
    while (true) {
        ssize_t const n = read(out_fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        output.append(buffer, static_cast<std::size_t>(n));
        auto const listening = output.find("listening on ");
        auto const at = listening == std::string::npos ? listening : output.find(marker, listening);
        if (at != std::string::npos && output.find('/', at + marker.size()) != std::string::npos) {
            port_ = static_cast<unsigned short>(std::stoi(output.substr(at + marker.size())));
            break;
        }
    }
    // Keep draining stdout in the background would need a thread; closing is fine because the
    // server prints nothing more to stdout after the banner.
    close(out_fd);
    if (port_ == 0) {
        int const code = wait_exit(pid_);
        pid_ = -1;
        throw std::runtime_error("phongthi serve did not start (exit " + std::to_string(code) +
                                 "): " + read_file(log_file_));
    }
}

server_process::~server_process() {
    if (pid_ > 0)
        stop(SIGKILL);
}

int server_process::stop(int signal) {
    if (pid_ <= 0)
        return -1;
    kill(pid_, signal);
    int const code = wait_exit(pid_);
    pid_ = -1;
    return code;
}

std::string server_process::log() const {
    return read_file(log_file_);
}

} // namespace phongthi::test
