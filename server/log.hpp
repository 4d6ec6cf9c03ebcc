#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace phongthi::server {

enum class log_level { debug, info, warn, error };

/// One key=value pair of a log line.
using log_field = std::pair<std::string_view, std::string>;

/// Sets the lowest level written. Call at start-up, before other threads log.
void set_log_level(log_level level);
/// Parses "debug", "info", "warn" or "error".
std::optional<log_level> parse_log_level(std::string_view text);
/// True when a line at `level` would be written (to skip building costly fields).
bool log_enabled(log_level level);

/// Writes one line to stderr: UTC time, level, event name, then key=value fields (values
/// quoted when they hold spaces or quotes). Thread-safe: lines never interleave.
void log(log_level level, std::string_view event, std::initializer_list<log_field> fields = {});

} // namespace phongthi::server
