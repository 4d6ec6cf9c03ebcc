#pragma once

#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace phongthi::test {

/// A fresh directory under the system temporary directory, removed with its contents when the
/// object goes out of scope. For tests of every module.
class temp_dir {
public:
    temp_dir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("phongthi-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    std::filesystem::path const& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

} // namespace phongthi::test
