#include "server/store/data_dir_lock.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <system_error>
#include <unistd.h>

namespace phongthi::store {

data_dir_busy::data_dir_busy(std::filesystem::path const& data_dir)
    : std::runtime_error("thư mục dữ liệu " + data_dir.string() +
                         " đang được một tiến trình phongthi khác dùng (máy chủ đang chạy?); hãy "
                         "dừng nó trước / the data directory " +
                         data_dir.string() +
                         " is in use by another phongthi process (a running server?); stop it "
                         "first") {}

data_dir_lock::data_dir_lock(std::filesystem::path const& data_dir) {
    std::filesystem::create_directories(data_dir);
    auto const file = data_dir / file_name;
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "open " + file.string());
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        int const error = errno;
        ::close(fd_);
        if (error == EWOULDBLOCK)
            throw data_dir_busy(data_dir);
        throw std::system_error(error, std::generic_category(), "flock " + file.string());
    }
}

data_dir_lock::~data_dir_lock() {
    ::close(fd_); // releases the flock
}

} // namespace phongthi::store
