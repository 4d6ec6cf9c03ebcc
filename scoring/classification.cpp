#include "scoring/classification.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>

namespace phongthi::scoring {

namespace {

using json = nlohmann::json;

// Marks arrive rounded to steps like 0.1: a mark equal to a threshold up to binary error reaches
// it.
constexpr double tolerance = 1e-9;

std::string join(std::string const& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string at_index(std::string const& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

void only_fields(json const& object, std::string const& path,
                 std::initializer_list<std::string_view> allowed) {
    if (!object.is_object())
        throw rules_error(path, "expected an object");
    for (auto const& [name, value] : object.items())
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
            throw rules_error(join(path, name), "unknown field");
}

json const& required(json const& object, std::string const& path, std::string_view name) {
    auto const found = object.find(name);
    if (found == object.end())
        throw rules_error(join(path, name), "missing");
    return *found;
}

std::string text_field(json const& object, std::string const& path, std::string_view name) {
    json const& value = required(object, path, name);
    if (!value.is_string() || value.get_ref<std::string const&>().empty())
        throw rules_error(join(path, name), "expected a non-empty string");
    return value.get<std::string>();
}

double number_field(json const& object, std::string const& path, std::string_view name, double low,
                    double high) {
    json const& value = required(object, path, name);
    if (!value.is_number())
        throw rules_error(join(path, name), "expected a number");
    double const number = value.get<double>();
    if (number < low || number > high)
        throw rules_error(join(path, name), "expected a number from " + std::to_string(low) +
                                                " to " + std::to_string(high));
    return number;
}

grade_label label_field(json const& object, std::string const& path) {
    return {text_field(object, path, "key"), text_field(object, path, "vi"),
            text_field(object, path, "en")};
}

json const& array_field(json const& object, std::string const& path, std::string_view name) {
    json const& value = required(object, path, name);
    if (!value.is_array())
        throw rules_error(join(path, name), "expected an array");
    return value;
}

std::vector<score_band> read_bands(json const& document, double scale) {
    json const& array = array_field(document, "", "bands");
    if (array.empty())
        throw rules_error("bands", "expected at least one band");
    std::vector<score_band> bands;
    for (std::size_t i = 0; i < array.size(); ++i) {
        std::string const path = at_index("bands", i);
        only_fields(array[i], path, {"key", "vi", "en", "min_score"});
        score_band band{label_field(array[i], path),
                        number_field(array[i], path, "min_score", 0, scale)};
        if (!bands.empty() && band.min_score >= bands.back().min_score)
            throw rules_error(join(path, "min_score"), "must be below the previous band's");
        bands.push_back(std::move(band));
    }
    return bands;
}

std::vector<conduct_grade> read_conduct(json const& document) {
    json const& array = array_field(document, "", "conduct_grades");
    std::vector<conduct_grade> grades;
    for (std::size_t i = 0; i < array.size(); ++i) {
        std::string const path = at_index("conduct_grades", i);
        only_fields(array[i], path, {"key", "vi", "en", "passing"});
        json const& passing = required(array[i], path, "passing");
        if (!passing.is_boolean())
            throw rules_error(join(path, "passing"), "expected true or false");
        conduct_grade grade{label_field(array[i], path), passing.get<bool>()};
        if (std::any_of(grades.begin(), grades.end(),
                        [&](conduct_grade const& g) { return g.label.key == grade.label.key; }))
            throw rules_error(join(path, "key"), "repeats an earlier conduct grade's key");
        grades.push_back(std::move(grade));
    }
    return grades;
}

// The class keys in order, highest first, the fail class last.
std::vector<std::string> class_keys(classification_rules const& rules) {
    std::vector<std::string> keys;
    for (auto const& band : rules.bands)
        keys.push_back(band.label.key);
    keys.push_back(rules.fail.key);
    return keys;
}

std::size_t class_index(classification_rules const& rules, std::string_view key) {
    auto const keys = class_keys(rules);
    return static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
}

conduct_grade const* find_conduct(classification_rules const& rules, std::string_view key) {
    auto const found = std::find_if(rules.conduct_grades.begin(), rules.conduct_grades.end(),
                                    [&](conduct_grade const& g) { return g.label.key == key; });
    return found == rules.conduct_grades.end() ? nullptr : &*found;
}

void check_class_keys(classification_rules const& rules) {
    auto const keys = class_keys(rules);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (std::find(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(i), keys[i]) !=
            keys.begin() + static_cast<std::ptrdiff_t>(i))
            throw rules_error(i < rules.bands.size() ? join(at_index("bands", i), "key")
                                                     : std::string("fail_class.key"),
                              "repeats an earlier class's key");
}

std::vector<std::pair<std::string, std::string>> read_caps(json const& document,
                                                           classification_rules const& rules) {
    std::vector<std::pair<std::string, std::string>> caps;
    auto const found = document.find("max_class_when_conduct");
    if (found == document.end())
        return caps;
    if (!found->is_object())
        throw rules_error("max_class_when_conduct", "expected an object");
    for (auto const& [conduct, cap] : found->items()) {
        std::string const path = join("max_class_when_conduct", conduct);
        if (find_conduct(rules, conduct) == nullptr)
            throw rules_error(path, "not a key of conduct_grades");
        if (!cap.is_string() ||
            class_index(rules, cap.get<std::string>()) == rules.bands.size() + 1)
            throw rules_error(path, "expected the key of a band or of fail_class");
        caps.emplace_back(conduct, cap.get<std::string>());
    }
    return caps;
}

std::string optional_text(json const& document, std::string_view name) {
    return document.contains(name) ? text_field(document, "", name) : std::string();
}

// "4,5" (Vietnamese) or "4.5": at least one decimal, at most two.
std::string number_text(double value, char separator) {
    std::array<char, 32> buffer{};
    auto const [end, ec] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::round(value * 100) / 100,
                      std::chars_format::fixed, 2);
    std::string text = ec == std::errc() ? std::string(buffer.data(), end) : "0.00";
    if (text.ends_with('0'))
        text.pop_back();
    std::replace(text.begin(), text.end(), '.', separator);
    return text;
}

std::string percent_text(double share) {
    return std::to_string(std::lround(share * 100)) + "%";
}

} // namespace

rules_error::rules_error(std::string field, std::string const& problem)
    : std::runtime_error(field.empty() ? problem : field + ": " + problem),
      field_(std::move(field)) {}

classification_rules parse_rules(std::string_view text) {
    json document;
    try {
        document = json::parse(text);
    } catch (json::parse_error const& e) {
        throw rules_error("", std::string("not JSON: ") + e.what());
    }
    only_fields(document, "",
                {"name", "source", "scale", "pass_mark", "required_attendance", "bands",
                 "fail_class", "conduct_grades", "max_class_when_conduct"});
    classification_rules rules;
    rules.name = optional_text(document, "name");
    rules.source = optional_text(document, "source");
    if (document.contains("scale"))
        rules.scale = number_field(document, "", "scale", 1, 1000);
    rules.bands = read_bands(document, rules.scale);
    rules.pass_mark =
        number_field(document, "", "pass_mark", rules.bands.back().min_score, rules.scale);
    if (document.contains("required_attendance"))
        rules.required_attendance = number_field(document, "", "required_attendance", 0, 1);
    json const& fail = required(document, "", "fail_class");
    only_fields(fail, "fail_class", {"key", "vi", "en"});
    rules.fail = label_field(fail, "fail_class");
    check_class_keys(rules);
    rules.conduct_grades = read_conduct(document);
    rules.max_class_when_conduct = read_caps(document, rules);
    return rules;
}

classification_rules default_rules() {
    return parse_rules(default_rules_json());
}

classification classify(learner_record const& learner, classification_rules const& rules) {
    if (!(learner.scale > 0))
        throw std::invalid_argument("the learner's scale must be above 0");
    double const score = learner.score * rules.scale / learner.scale;
    std::size_t band = 0;
    while (band < rules.bands.size() && score < rules.bands[band].min_score - tolerance)
        ++band;

    classification result;
    if (score < rules.pass_mark - tolerance)
        result.reasons.push_back({"below_pass_mark",
                                  "Điểm thi " + number_text(score, ',') + " thấp hơn điểm đạt " +
                                      number_text(rules.pass_mark, ','),
                                  "Exam score " + number_text(score, '.') +
                                      " is below the pass mark " +
                                      number_text(rules.pass_mark, '.')});
    if (learner.attendance && *learner.attendance < rules.required_attendance - tolerance)
        result.reasons.push_back(
            {"attendance_below_required",
             "Thời gian tham gia học tập " + percent_text(*learner.attendance) +
                 " thấp hơn mức yêu cầu " + percent_text(rules.required_attendance),
             "Attendance " + percent_text(*learner.attendance) + " is below the required " +
                 percent_text(rules.required_attendance)});
    conduct_grade const* conduct = nullptr;
    if (learner.conduct) {
        conduct = find_conduct(rules, *learner.conduct);
        if (conduct == nullptr)
            throw std::invalid_argument("unknown conduct grade '" + *learner.conduct + "'");
        if (!conduct->passing)
            result.reasons.push_back({"conduct_failing",
                                      "Kết quả rèn luyện xếp loại " + conduct->label.vi,
                                      "Conduct graded " + conduct->label.en + ", a failing grade"});
    }
    if (!result.reasons.empty())
        band = rules.bands.size();
    else if (conduct != nullptr) {
        for (auto const& [conduct_key, cap_key] : rules.max_class_when_conduct) {
            std::size_t const cap = class_index(rules, cap_key);
            if (conduct_key != conduct->label.key || band >= cap)
                continue;
            band = cap;
            grade_label const& capped =
                cap < rules.bands.size() ? rules.bands[cap].label : rules.fail;
            result.reasons.push_back(
                {"conduct_cap",
                 "Kết quả rèn luyện " + conduct->label.vi + ": xếp loại không cao hơn " + capped.vi,
                 "Conduct " + conduct->label.en + ": class capped at " + capped.en});
        }
    }
    result.passed = band < rules.bands.size();
    result.label = result.passed ? rules.bands[band].label : rules.fail;
    return result;
}

} // namespace phongthi::scoring
