#include "server/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace phongthi::server {

namespace {

std::atomic<log_level> threshold{log_level::info};
std::mutex output_mutex;

constexpr std::string_view level_names[] = {"debug", "info", "warn", "error"};

void append_value(std::string& line, std::string_view value) {
    bool const quote = value.empty() || value.find_first_of(" \"=\t\n") != std::string_view::npos;
    if (!quote) {
        line += value;
        return;
    }
    line += '"';
    for (char const c : value) {
        if (c == '"' || c == '\\')
            line += '\\';
        line += c == '\n' ? ' ' : c;
    }
    line += '"';
}

std::string utc_now() {
    auto const now = std::chrono::system_clock::now();
    auto const seconds = std::chrono::system_clock::to_time_t(now);
    auto const millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[64]; // room for any int the compiler cannot rule out
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(millis));
    return text;
}

} // namespace

void set_log_level(log_level level) {
    threshold = level;
}

std::optional<log_level> parse_log_level(std::string_view text) {
    for (std::size_t i = 0; i < std::size(level_names); ++i) {
        if (level_names[i] == text)
            return static_cast<log_level>(i);
    }
    return std::nullopt;
}

bool log_enabled(log_level level) {
    return level >= threshold.load(std::memory_order_relaxed);
}

void log(log_level level, std::string_view event, std::initializer_list<log_field> fields) {
    if (!log_enabled(level))
        return;
    std::string line = utc_now();
    line += ' ';
    line += level_names[static_cast<int>(level)];
    line += ' ';
    line += event;
    for (auto const& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        append_value(line, value);
    }
    line += '\n';
    std::lock_guard lock(output_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace phongthi::server
