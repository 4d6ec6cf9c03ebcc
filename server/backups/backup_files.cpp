#include "server/backups/backup_files.hpp"

#include "server/api/api_support.hpp"
#include "server/backups/material_copy.hpp"
#include "server/course/material_files.hpp"
#include "server/store/backup.hpp"

#include <algorithm>
#include <chrono>
#include <regex>
#include <utility>

namespace phongthi::server::backup_files {

namespace fs = std::filesystem;

namespace {

/// "20261126-061027" from the ISO time "2026-11-26T06:10:27Z".
std::string stamp(std::int64_t now_ms) {
    std::string out;
    for (char const c : iso_utc(now_ms)) {
        if (c >= '0' && c <= '9')
            out += c;
        else if (c == 'T')
            out += '-';
    }
    return out;
}

std::int64_t modified_ms(fs::path const& file) {
    auto const written = fs::last_write_time(file);
    auto const system = std::chrono::file_clock::to_sys(written);
    return std::chrono::duration_cast<std::chrono::milliseconds>(system.time_since_epoch()).count();
}

/// Sorts backups by time: the stamp, then the same second's "-2", "-3"... after the first.
std::pair<std::string, int> order_key(std::string const& name) {
    std::string const stamp_part = name.substr(0, std::string("phongthi-YYYYMMDD-HHMMSS").size());
    auto const dash = name.find('-', stamp_part.size());
    int const n = dash == std::string::npos ? 1 : std::stoi(name.substr(dash + 1));
    return {stamp_part, n};
}

backup_info info_of(fs::path const& file) {
    return {file.filename().string(), fs::file_size(file), modified_ms(file)};
}

} // namespace

bool valid_name(std::string_view name) {
    static std::regex const pattern(R"(phongthi-\d{8}-\d{6}(-\d{1,3})?\.db)");
    return std::regex_match(name.begin(), name.end(), pattern);
}

backup_info create(fs::path const& database_file, fs::path const& folder, std::int64_t now_ms) {
    fs::create_directories(folder);
    std::string const base = "phongthi-" + stamp(now_ms);
    fs::path target = folder / (base + ".db");
    for (int n = 2; fs::exists(target) && n < 1000; ++n)
        target = folder / (base + "-" + std::to_string(n) + ".db");
    store::backup_database(database_file, target);
    // After the snapshot: every material it names was stored before it, so is copied too.
    auto info = info_of(target);
    info.materials_added = material_copy::add_missing(
        material_files::directory_of(database_file.parent_path()), material_copy::beside(target));
    return info;
}

std::vector<backup_info> list(fs::path const& folder) {
    std::vector<backup_info> found;
    std::error_code error;
    for (auto const& entry : fs::directory_iterator(folder, error)) {
        if (entry.is_regular_file() && valid_name(entry.path().filename().string()))
            found.push_back(info_of(entry.path()));
    }
    std::sort(found.begin(), found.end(), [](backup_info const& a, backup_info const& b) {
        return order_key(a.name) > order_key(b.name);
    });
    return found;
}

std::vector<std::string> prune(fs::path const& folder, std::size_t keep) {
    std::vector<std::string> removed;
    auto const backups = list(folder);
    for (std::size_t i = keep; i < backups.size(); ++i) {
        fs::remove(folder / backups[i].name);
        removed.push_back(backups[i].name);
    }
    return removed;
}

std::optional<fs::path> find(fs::path const& folder, std::string_view name) {
    if (!valid_name(name))
        return std::nullopt;
    fs::path const file = folder / std::string(name);
    if (!fs::is_regular_file(file))
        return std::nullopt;
    return file;
}

} // namespace phongthi::server::backup_files
