#pragma once

namespace phongthi::server {

/// Each runs one `phongthi` subcommand from argv[first..] and returns the exit code.
/// They throw usage_error for command-line mistakes and std::exception for failures.
int run_serve(int argc, char** argv, int first);
int run_user(int argc, char** argv, int first);
int run_unit(int argc, char** argv, int first);
int run_backup(int argc, char** argv, int first);
int run_bank(int argc, char** argv, int first);

} // namespace phongthi::server
