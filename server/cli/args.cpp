#include "server/cli/args.hpp"

#include <algorithm>
#include <charconv>

namespace phongthi::server {

namespace {

template <typename Names> bool contains(Names const& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// A flag's setting from a file or the environment: true, false or nothing sensible.
std::optional<bool> flag_value(std::string_view text) {
    if (text == "true" || text == "1" || text == "yes")
        return true;
    if (text == "false" || text == "0" || text == "no" || text.empty())
        return false;
    return std::nullopt;
}

} // namespace

command_args::command_args(int argc, char** argv, int first,
                           std::initializer_list<std::string_view> options,
                           std::initializer_list<std::string_view> flags)
    : option_names_(options.begin(), options.end()), flag_names_(flags.begin(), flags.end()) {
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
        throw usage_error(label(name) + " must be a number from " + std::to_string(low) + " to " +
                          std::to_string(high));
    return parsed;
}

bool command_args::accepts(std::string_view name) const {
    return contains(option_names_, name) || contains(flag_names_, name);
}

void command_args::fill_missing(
    std::function<std::optional<outside_setting>(std::string_view name)> const& lookup) {
    for (auto const& name : option_names_) {
        if (values_.contains(name))
            continue;
        if (auto setting = lookup(name)) {
            values_[name].push_back(std::move(setting->value));
            origins_[name] = std::move(setting->origin);
        }
    }
    for (auto const& name : flag_names_) {
        if (flags_.contains(name))
            continue;
        auto const setting = lookup(name);
        if (!setting)
            continue;
        auto const on = flag_value(setting->value);
        if (!on)
            throw usage_error("--" + name + " (" + setting->origin + ") must be true or false");
        if (*on)
            flags_.insert(name);
    }
}

std::string command_args::label(std::string_view name) const {
    std::string text = "option --" + std::string(name);
    if (auto const it = origins_.find(name); it != origins_.end())
        text += " (" + it->second + ")";
    return text;
}

} // namespace phongthi::server
