#pragma once

#include "server/accounts/user.hpp"
#include "server/cli/args.hpp"

#include <filesystem>

namespace phongthi::server {

/// CLI actions are audited under the operating-system user who ran them.
actor cli_actor();

/// The --data directory, ./data by default.
std::filesystem::path data_dir_of(command_args const& args);

} // namespace phongthi::server
