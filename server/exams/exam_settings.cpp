#include "server/exams/exam_settings.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <utility>

namespace phongthi::server {

namespace {

using json = nlohmann::json;

constexpr std::array<std::pair<std::string_view, disclosure>, 3> disclosures{{
    {"never", disclosure::never},
    {"after_submit", disclosure::after_submit},
    {"after_close", disclosure::after_close},
}};

constexpr std::array<std::pair<std::string_view, paper_mode>, 2> paper_modes{{
    {"per_candidate", paper_mode::per_candidate},
    {"variants", paper_mode::variants},
}};

constexpr std::array<std::pair<std::string_view, multiple_scoring>, 2> multiple_rules{{
    {"partial", multiple_scoring::partial},
    {"all_or_nothing", multiple_scoring::all_or_nothing},
}};

constexpr std::array<std::pair<std::string_view, tie_rule>, 2> tie_rules{{
    {"less_time", tie_rule::less_time},
    {"earlier_submission", tie_rule::earlier_submission},
}};

template <class Enum, std::size_t N>
std::string_view key_of(std::array<std::pair<std::string_view, Enum>, N> const& table, Enum value) {
    for (auto const& [key, item] : table)
        if (item == value)
            return key;
    return table.front().first;
}

/// Reads the members one by one, collecting every error instead of stopping at the first.
class reader {
public:
    explicit reader(json const& object, std::vector<settings_error>& errors)
        : object_(object), errors_(errors) {}

    void integer(std::string_view key, int& target, int low, int high) {
        auto const* value = find(key);
        if (!value)
            return;
        if (!value->is_number_integer() || value->get<long long>() < low ||
            value->get<long long>() > high)
            return fail(key);
        target = value->get<int>();
    }

    void number(std::string_view key, double& target, double low, double high) {
        auto const* value = find(key);
        if (!value)
            return;
        if (!value->is_number() || value->get<double>() < low || value->get<double>() > high)
            return fail(key);
        target = value->get<double>();
    }

    void boolean(std::string_view key, bool& target) {
        auto const* value = find(key);
        if (!value)
            return;
        if (!value->is_boolean())
            return fail(key);
        target = value->get<bool>();
    }

    template <class Enum, std::size_t N>
    void choice(std::string_view key, Enum& target,
                std::array<std::pair<std::string_view, Enum>, N> const& table) {
        auto const* value = find(key);
        if (!value)
            return;
        if (value->is_string())
            for (auto const& [name, item] : table)
                if (name == value->get_ref<std::string const&>()) {
                    target = item;
                    return;
                }
        fail(key);
    }

    template <class Enum, std::size_t N>
    void choices(std::string_view key, std::vector<Enum>& target,
                 std::array<std::pair<std::string_view, Enum>, N> const& table) {
        auto const* value = find(key);
        if (!value)
            return;
        if (!value->is_array() || value->size() > N)
            return fail(key);
        target.clear();
        for (auto const& item : *value) {
            auto const found = std::find_if(table.begin(), table.end(), [&](auto const& entry) {
                return item.is_string() && entry.first == item.template get_ref<std::string const&>();
            });
            if (found == table.end())
                return fail(key);
            target.push_back(found->second);
        }
    }

    void reject_unknown() {
        for (auto const& [key, value] : object_.items())
            if (!known_.contains(key))
                errors_.push_back({key, "unknown_field"});
    }

private:
    json const* find(std::string_view key) {
        known_.emplace(key);
        auto const found = object_.find(key);
        return found == object_.end() ? nullptr : &*found;
    }

    void fail(std::string_view key) { errors_.push_back({std::string(key), "invalid_field"}); }

    json const& object_;
    std::vector<settings_error>& errors_;
    std::set<std::string, std::less<>> known_;
};

} // namespace

settings_parse parse_exam_settings(json const& object) {
    settings_parse result;
    if (!object.is_object()) {
        result.errors.push_back({"settings", "invalid_field"});
        return result;
    }
    auto& s = result.value;
    reader read(object, result.errors);
    read.integer("duration_minutes", s.duration_minutes, 1, 24 * 60);
    read.integer("attempts_allowed", s.attempts_allowed, 1, 20);
    read.choice("show_score", s.show_score, disclosures);
    read.choice("show_answers", s.show_answers, disclosures);
    read.number("scale", s.scale, 1, 1000);
    read.number("pass_mark", s.pass_mark, 0, 1000);
    read.choice("paper_mode", s.mode, paper_modes);
    read.integer("variant_count", s.variant_count, 2, 99);
    read.boolean("start_code", s.start_code);
    read.boolean("seat_pc_binding", s.seat_pc_binding);
    read.choice("multiple_answer", s.multiple, multiple_rules);
    read.boolean("negative_marking", s.negative_marking);
    read.number("rounding_step", s.rounding_step, 0.01, 10);
    read.choices("tie_breakers", s.tie_breakers, tie_rules);
    read.reject_unknown();
    if (s.pass_mark > s.scale)
        result.errors.push_back({"pass_mark", "invalid_field"});
    return result;
}

json to_json(exam_settings const& s) {
    return {{"duration_minutes", s.duration_minutes},
            {"attempts_allowed", s.attempts_allowed},
            {"show_score", key_of(disclosures, s.show_score)},
            {"show_answers", key_of(disclosures, s.show_answers)},
            {"pass_mark", s.pass_mark},
            {"scale", s.scale},
            {"paper_mode", key_of(paper_modes, s.mode)},
            {"variant_count", s.variant_count},
            {"start_code", s.start_code},
            {"seat_pc_binding", s.seat_pc_binding},
            {"multiple_answer", key_of(multiple_rules, s.multiple)},
            {"negative_marking", s.negative_marking},
            {"rounding_step", s.rounding_step},
            {"tie_breakers", [&] {
                 json keys = json::array();
                 for (auto const rule : s.tie_breakers)
                     keys.push_back(key_of(tie_rules, rule));
                 return keys;
             }()}};
}

} // namespace phongthi::server
