#pragma once

#include <filesystem>
#include <stdexcept>

namespace phongthi::store {

/// Thrown when another process (a running server, a restore) holds the data directory.
class data_dir_busy : public std::runtime_error {
public:
    explicit data_dir_busy(std::filesystem::path const& data_dir);
};

/// An exclusive flock on DATA/phongthi.lock, held from construction to destruction: `serve`
/// holds it while serving and `restore` while it replaces the database, so neither runs while
/// the other does. The kernel releases it when the process dies, so a crash leaves no stale lock.
class data_dir_lock {
public:
    /// Takes the lock without waiting, creating `data_dir` when missing. Throws data_dir_busy
    /// when another process holds it, std::system_error when the lock file cannot be opened.
    explicit data_dir_lock(std::filesystem::path const& data_dir);
    ~data_dir_lock();
    data_dir_lock(data_dir_lock const&) = delete;
    data_dir_lock& operator=(data_dir_lock const&) = delete;

    /// The lock file's name in the data directory.
    static constexpr char const* file_name = "phongthi.lock";

private:
    int fd_ = -1;
};

} // namespace phongthi::store
