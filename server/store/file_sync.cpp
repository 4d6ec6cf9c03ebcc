#include "server/store/file_sync.hpp"

#include <cerrno>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace phongthi::store {

namespace {

void sync_opened(std::filesystem::path const& path, int flags) {
    int const fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "open " + path.string());
    int const rc = ::fsync(fd);
    int const error = errno;
    ::close(fd);
    if (rc != 0)
        throw std::system_error(error, std::generic_category(), "fsync " + path.string());
}

} // namespace

void sync_file(std::filesystem::path const& file) {
    sync_opened(file, O_RDONLY);
}

void sync_directory(std::filesystem::path const& directory) {
    sync_opened(directory, O_RDONLY | O_DIRECTORY);
}

} // namespace phongthi::store
