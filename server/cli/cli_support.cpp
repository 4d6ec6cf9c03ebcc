#include "server/cli/cli_support.hpp"

#include "server/api/api_support.hpp"

#include <cstdlib>
#include <fstream>

namespace phongthi::server {

actor cli_actor() {
    char const* user = std::getenv("USER");
    return actor{std::nullopt, std::string("cli:") + (user != nullptr ? user : "unknown"), "local"};
}

std::filesystem::path data_dir_of(command_args const& args) {
    return args.value("data").value_or("data");
}

language language_of(command_args const& args) {
    auto const lang = args.value("lang").value_or("vi");
    if (lang != "vi" && lang != "en")
        throw usage_error("--lang is vi or en");
    return lang == "en" ? language::en : language::vi;
}

std::string positional(int argc, char** argv, int index, std::string_view what) {
    if (index >= argc || std::string_view(argv[index]).starts_with("--"))
        throw usage_error(std::string(what) + " is missing");
    return argv[index];
}

std::int64_t positional_id(int argc, char** argv, int index, std::string_view what) {
    auto const text = positional(argc, argv, index, what);
    auto const id = parse_id(text);
    if (!id)
        throw usage_error(std::string(what) + " must be a number, not \"" + text + "\"");
    return *id;
}

nlohmann::json read_json_file(std::string const& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + file);
    try {
        return nlohmann::json::parse(in);
    } catch (nlohmann::json::parse_error const& e) {
        throw std::runtime_error(file + " is not JSON: " + e.what());
    }
}

} // namespace phongthi::server
