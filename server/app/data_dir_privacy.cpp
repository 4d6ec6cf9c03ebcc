#include "server/app/data_dir_privacy.hpp"

#include "server/log.hpp"

#include <cstdio>
#include <system_error>

namespace phongthi::server {

namespace {

/// The permission bits of `file` as octal text, or empty when it does not exist.
std::string shared_mode(std::filesystem::path const& file) {
    namespace fs = std::filesystem;
    std::error_code error;
    auto const perms = fs::status(file, error).permissions();
    if (error || perms == fs::perms::unknown)
        return {};
    if ((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none)
        return {};
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(perms & fs::perms::mask));
    return text;
}

} // namespace

void warn_if_data_dir_is_shared(std::filesystem::path const& data_dir) {
    for (auto const& file : {data_dir, data_dir / "phongthi.db"}) {
        auto const mode = shared_mode(file);
        if (!mode.empty())
            log(log_level::warn, "data.readable_by_others",
                {{"path", file.string()},
                 {"mode", mode},
                 {"fix", "chmod 700 " + data_dir.string() + "; chmod 600 " +
                             (data_dir / "phongthi.db*").string()}});
    }
}

} // namespace phongthi::server
