#include "server/cli/cli_support.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/classes/class_store.hpp"
#include "server/cli/config_file.hpp"
#include "server/store/data_store.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace phongthi::server {

actor cli_actor() {
    char const* user = std::getenv("USER");
    return actor{std::nullopt, std::string("cli:") + (user != nullptr ? user : "unknown"), "local"};
}

std::filesystem::path data_dir_of(command_args const& args) {
    if (auto const given = args.value("data"))
        return *given;
    if (char const* value = std::getenv("PHONGTHI_DATA"); value != nullptr && *value != '\0')
        return value;
    // The server's own configuration file, so that on an installed server `phongthi user add`
    // works on the same data as the service.
    if (auto const file = config_file_from_environment()) {
        auto const settings = read_config_file(*file);
        if (auto const it = settings.find("data"); it != settings.end())
            return it->second;
    }
    return "data";
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

user_record account_named(store::data_store& data, std::string const& username) {
    auto const found = data.read_side().with(
        [&](store::database& db) { return account_store::find_credentials(db, username); });
    if (!found)
        throw std::runtime_error("no account named \"" + username + "\"");
    return found->user;
}

std::int64_t class_id_named(store::database& db, std::string const& name) {
    auto const slash = name.find('/');
    std::vector<class_store::class_record> matches;
    for (auto& c : class_store::list_classes(db)) {
        bool const match = slash == std::string::npos ? c.code == name
                                                      : c.course_code == name.substr(0, slash) &&
                                                            c.code == name.substr(slash + 1);
        if (match)
            matches.push_back(std::move(c));
    }
    if (matches.empty())
        throw std::runtime_error("no class \"" + name + "\"");
    if (matches.size() > 1) {
        std::string choices;
        for (auto const& c : matches)
            choices += (choices.empty() ? "" : ", ") + c.course_code + "/" + c.code;
        throw std::runtime_error("class \"" + name +
                                 "\" is in several courses; name one: " + choices);
    }
    return matches.front().id;
}

std::int64_t course_id_named(store::database& db, std::string const& code) {
    for (auto const& c : class_store::list_courses(db))
        if (c.code == code)
            return c.id;
    throw std::runtime_error("no course \"" + code + "\"");
}

void save_file(std::string const& bytes, std::string const& out) {
    std::string const part = out + ".part";
    {
        std::ofstream stream(part, std::ios::binary | std::ios::trunc);
        stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!stream.flush()) {
            std::filesystem::remove(part);
            throw std::runtime_error("cannot write " + out);
        }
    }
    std::filesystem::rename(part, out);
}

std::string read_file_bytes(std::string const& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + file);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
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
