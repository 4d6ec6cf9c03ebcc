#include "server/course/material_files.hpp"

#include "server/auth/session_token.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace phongthi::server::material_files {

namespace {

constexpr std::size_t max_file_name_bytes = 150;

/// Writes all of `bytes` to `fd` and flushes them to disk.
bool write_all_synced(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t const written = ::write(fd, bytes.data(), bytes.size());
        if (written <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return ::fsync(fd) == 0;
}

} // namespace

std::filesystem::path directory_of(std::filesystem::path const& data_directory) {
    return data_directory / "materials";
}

std::string store(std::filesystem::path const& directory, std::string_view bytes,
                  std::string_view kind) {
    std::filesystem::create_directories(directory);
    std::string const name = auth::new_token() + "." + std::string(kind);
    auto const temporary = directory / (name + ".part");
    int const fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0)
        throw std::runtime_error("cannot create " + temporary.string());
    bool const ok = write_all_synced(fd, bytes);
    ::close(fd);
    std::error_code error;
    if (ok)
        std::filesystem::rename(temporary, directory / name, error);
    if (!ok || error) {
        std::filesystem::remove(temporary, error);
        throw std::runtime_error("cannot write " + (directory / name).string());
    }
    return name;
}

std::string read(std::filesystem::path const& directory, std::string const& stored_name) {
    std::ifstream in(directory / stored_name, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + (directory / stored_name).string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

void remove(std::filesystem::path const& directory, std::string const& stored_name) {
    std::error_code ignored;
    std::filesystem::remove(directory / stored_name, ignored);
}

std::string clean_file_name(std::string_view name) {
    auto const slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    std::string clean;
    for (char const c : name) {
        auto const byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '"' || c == ':' || c == '*' || c == '?' ||
            c == '<' || c == '>' || c == '|')
            continue;
        clean += c;
    }
    while (!clean.empty() && (clean.front() == ' ' || clean.front() == '.'))
        clean.erase(clean.begin());
    while (!clean.empty() && clean.back() == ' ')
        clean.pop_back();
    if (clean.size() > max_file_name_bytes) {
        std::size_t cut = max_file_name_bytes;
        while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80)
            --cut; // never split a UTF-8 character
        clean.resize(cut);
    }
    return clean.empty() ? "tai-lieu" : clean;
}

} // namespace phongthi::server::material_files
