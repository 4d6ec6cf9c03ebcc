#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::server {

/// A command-line mistake; main prints it with the command's usage.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A setting given outside the command line, and where it came from ("PHONGTHI_PORT",
/// "config file /etc/phongthi/phongthi.json"), for error messages.
struct outside_setting {
    std::string value;
    std::string origin;
};

/// The options of one subcommand: "--name value", "--name=value" and bare "--flag". An option
/// may be given more than once: value() reads the last, values() all of them.
class command_args {
public:
    /// Parses argv[first..]; throws usage_error for an option not in `options` or `flags`.
    command_args(int argc, char** argv, int first, std::initializer_list<std::string_view> options,
                 std::initializer_list<std::string_view> flags);

    std::optional<std::string> value(std::string_view name) const;
    /// Every value of a repeatable option, in command-line order; empty when absent.
    std::vector<std::string> values(std::string_view name) const;
    /// The value, or a usage_error naming the missing option.
    std::string required(std::string_view name) const;
    bool flag(std::string_view name) const;
    /// An integer option within [low, high], or `fallback` when absent.
    long number(std::string_view name, long fallback, long low, long high) const;

    /// Whether `name` is one of this command's options or flags.
    bool accepts(std::string_view name) const;
    /// Gives each option and flag that the command line left out the setting `lookup` finds for
    /// it, if any. A flag's setting is true or false (also 1/0, yes/no); anything else is a
    /// usage_error naming where it came from.
    void fill_missing(
        std::function<std::optional<outside_setting>(std::string_view name)> const& lookup);
    /// "option --port", followed by where its value came from when not the command line.
    std::string label(std::string_view name) const;

private:
    std::vector<std::string> option_names_;
    std::vector<std::string> flag_names_;
    std::map<std::string, std::string, std::less<>> origins_;
    std::map<std::string, std::vector<std::string>, std::less<>> values_;
    std::set<std::string, std::less<>> flags_;
};

} // namespace phongthi::server
