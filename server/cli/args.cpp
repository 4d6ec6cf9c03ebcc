#include "server/cli/args.hpp"

#include <algorithm>
#include <charconv>

namespace phongthi::server {

namespace {

bool contains(std::initializer_list<std::string_view> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

command_args::command_args(int argc, char** argv, int first,
                           std::initializer_list<std::string_view> options,
                           std::initializer_list<std::string_view> flags) {
    for (int i = first; i < argc; ++i) {
        std::string_view arg = argv[i];
        // "-o" is the one-letter spelling of "--o".
        bool const short_option = arg.size() == 2 && arg[0] == '-' && arg[1] != '-';
        if (!short_option && !arg.starts_with("--"))
            throw usage_error("unexpected argument \"" + std::string(arg) + "\"");
        arg.remove_prefix(short_option ? 1 : 2);
        auto const equals = arg.find('=');
        std::string_view const name = arg.substr(0, equals);
        if (contains(flags, name) && equals == std::string_view::npos) {
            flags_.emplace(name);
            continue;
        }
        if (!contains(options, name))
            throw usage_error("unknown option --" + std::string(name));
        if (equals != std::string_view::npos) {
            values_[std::string(name)].emplace_back(arg.substr(equals + 1));
            continue;
        }
        if (i + 1 >= argc)
            throw usage_error("option --" + std::string(name) + " needs a value");
        values_[std::string(name)].emplace_back(argv[++i]);
    }
}

std::optional<std::string> command_args::value(std::string_view name) const {
    auto const it = values_.find(name);
    if (it == values_.end())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> command_args::values(std::string_view name) const {
    auto const it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string command_args::required(std::string_view name) const {
    auto found = value(name);
    if (!found)
        throw usage_error("option --" + std::string(name) + " is required");
    return *found;
}

bool command_args::flag(std::string_view name) const {
    return flags_.contains(name);
}

long command_args::number(std::string_view name, long fallback, long low, long high) const {
    auto const text = value(name);
    if (!text)
        return fallback;
    long parsed = 0;
    auto const [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (error != std::errc{} || end != text->data() + text->size() || parsed < low || parsed > high)
        throw usage_error("option --" + std::string(name) + " must be a number from " +
                          std::to_string(low) + " to " + std::to_string(high));
    return parsed;
}

} // namespace phongthi::server
