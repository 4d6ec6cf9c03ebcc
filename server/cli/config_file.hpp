#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace phongthi::server {

/// The settings of a configuration file, by option name, each as the text the command line
/// would carry ("8080", "true").
using config_settings = std::map<std::string, std::string, std::less<>>;

/// Reads a `phongthi serve` configuration file: one JSON object whose keys are the long option
/// names without dashes, and whose values are strings, integers or booleans (null: not set).
/// Throws usage_error naming the file, and the line and column or the key, when it cannot be
/// read, is not such an object, or holds another kind of value.
config_settings read_config_file(std::filesystem::path const& file);

/// The environment variable that sets an option: PHONGTHI_ and the name upper-cased, with '-'
/// as '_' ("max-connections" is PHONGTHI_MAX_CONNECTIONS).
std::string environment_name(std::string_view option);

/// The configuration file named by $PHONGTHI_CONFIG, if set and not empty.
std::optional<std::filesystem::path> config_file_from_environment();

} // namespace phongthi::server
