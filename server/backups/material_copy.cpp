#include "server/backups/material_copy.hpp"

#include "server/store/file_sync.hpp"

namespace phongthi::server::material_copy {

namespace fs = std::filesystem;

namespace {

/// Links `source` as `target`, or copies it there (temporary file, fsync, rename) when the two
/// folders are on different file systems (a USB stick).
void add_file(fs::path const& source, fs::path const& target) {
    std::error_code link_error;
    fs::create_hard_link(source, target, link_error);
    if (!link_error)
        return;
    fs::path const partial = target.string() + ".part";
    fs::copy_file(source, partial, fs::copy_options::overwrite_existing);
    store::sync_file(partial);
    fs::rename(partial, target);
}

} // namespace

fs::path beside(fs::path const& backup_file) {
    return backup_file.parent_path() / "materials";
}

std::size_t add_missing(fs::path const& from, fs::path const& to) {
    if (!fs::is_directory(from))
        return 0;
    std::size_t added = 0;
    for (auto const& entry : fs::directory_iterator(from)) {
        auto const name = entry.path().filename();
        if (!entry.is_regular_file() || name.extension() == ".part")
            continue;
        if (added == 0)
            fs::create_directories(to);
        if (fs::exists(to / name))
            continue;
        add_file(entry.path(), to / name);
        ++added;
    }
    if (added > 0)
        store::sync_directory(to);
    return added;
}

} // namespace phongthi::server::material_copy
