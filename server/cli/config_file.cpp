#include "server/cli/config_file.hpp"

#include "server/cli/args.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace phongthi::server {

namespace {

std::string where(std::filesystem::path const& file) {
    return "tệp cấu hình / config file " + file.string();
}

/// "line L, column C" of a byte offset, for JSON syntax errors.
std::string line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        bool const newline = text[i] == '\n';
        line += newline ? 1 : 0;
        column = newline ? 1 : column + 1;
    }
    return "dòng / line " + std::to_string(line) + ", cột / column " + std::to_string(column);
}

std::optional<std::string> setting_text(nlohmann::json const& value) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "true" : "false";
    if (value.is_number_integer())
        return value.dump();
    return std::nullopt;
}

} // namespace

config_settings read_config_file(std::filesystem::path const& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw usage_error(where(file) + ": không đọc được / cannot be read");
    std::string const text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (nlohmann::json::parse_error const& e) {
        throw usage_error(where(file) + ", " + line_and_column(text, e.byte == 0 ? 0 : e.byte - 1) +
                          ": không phải JSON hợp lệ / not valid JSON");
    }
    if (!document.is_object())
        throw usage_error(where(file) +
                          ": phải là một đối tượng JSON {…} / must be one JSON object {…}");
    config_settings settings;
    for (auto const& [key, value] : document.items()) {
        if (value.is_null())
            continue;
        auto text_value = setting_text(value);
        if (!text_value)
            throw usage_error(where(file) + ", \"" + key +
                              "\": giá trị phải là chuỗi, số nguyên hoặc true/false / the value "
                              "must be a string, an integer or true/false");
        settings.emplace(key, std::move(*text_value));
    }
    return settings;
}

std::string environment_name(std::string_view option) {
    std::string name = "PHONGTHI_";
    for (char const c : option)
        name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

std::optional<std::filesystem::path> config_file_from_environment() {
    char const* path = std::getenv("PHONGTHI_CONFIG");
    if (path == nullptr || *path == '\0')
        return std::nullopt;
    return std::filesystem::path(path);
}

} // namespace phongthi::server
