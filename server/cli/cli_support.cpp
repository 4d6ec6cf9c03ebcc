#include "server/cli/cli_support.hpp"

#include <cstdlib>

namespace phongthi::server {

actor cli_actor() {
    char const* user = std::getenv("USER");
    return actor{std::nullopt, std::string("cli:") + (user != nullptr ? user : "unknown"), "local"};
}

std::filesystem::path data_dir_of(command_args const& args) {
    return args.value("data").value_or("data");
}

} // namespace phongthi::server
