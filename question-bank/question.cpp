#include "question-bank/question.hpp"

#include "question-bank/html_sanitizer.hpp"
#include "question-bank/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace phongthi::bank {

namespace {

struct level_name {
    cognitive_level level;
    std::string_view key;
    std::string_view label;
    std::array<std::string_view, 4> aliases;
};

constexpr std::array<level_name, 4> level_names{{
    {cognitive_level::nhan_biet,
     "nhan_biet",
     "Nhận biết",
     {"nhận biết", "nhan biet", "nb", "remember"}},
    {cognitive_level::thong_hieu,
     "thong_hieu",
     "Thông hiểu",
     {"thông hiểu", "thong hieu", "th", "understand"}},
    {cognitive_level::van_dung, "van_dung", "Vận dụng", {"vận dụng", "van dung", "vd", "apply"}},
    {cognitive_level::van_dung_cao,
     "van_dung_cao",
     "Vận dụng cao",
     {"vận dụng cao", "van dung cao", "vdc", "analyse"}},
}};

level_name const& name_of(cognitive_level level) {
    auto const it = std::find_if(level_names.begin(), level_names.end(),
                                 [level](level_name const& name) { return name.level == level; });
    return it == level_names.end() ? level_names.front() : *it;
}

problem make_problem(std::string_view field, std::string code, std::string vi, std::string en) {
    return problem{{}, 0, std::string(field), std::move(code), std::move(vi), std::move(en)};
}

} // namespace

std::string_view level_key(cognitive_level level) {
    return name_of(level).key;
}

std::string_view level_label(cognitive_level level) {
    return name_of(level).label;
}

std::optional<cognitive_level> parse_level(std::string_view text) {
    std::string const wanted = fold_case(text);
    for (auto const& name : level_names) {
        if (wanted == name.key)
            return name.level;
        for (auto alias : name.aliases) {
            if (wanted == alias)
                return name.level;
        }
    }
    return std::nullopt;
}

bool question::is_multiple_answer() const {
    return std::count_if(options.begin(), options.end(),
                         [](option const& o) { return o.weight > 0; }) > 1;
}

std::vector<problem> validate(question const& q, std::string_view field) {
    std::vector<problem> found;
    std::string const prefix(field);
    if (q.stem.empty())
        found.push_back(make_problem(prefix + ".stem", "empty_stem", "Câu hỏi không có nội dung",
                                     "The question has no text"));
    if (q.options.size() < min_options || q.options.size() > max_options) {
        std::string const count = std::to_string(q.options.size());
        found.push_back(make_problem(prefix + ".options", "option_count",
                                     "Câu hỏi có " + count + " phương án; cần từ 2 đến 10",
                                     "The question has " + count + " options; 2 to 10 are needed"));
    }
    double positive_sum = 0;
    int positive_count = 0;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        auto const& o = q.options[i];
        std::string const where = prefix + ".options[" + std::to_string(i) + "]";
        if (o.text.empty())
            found.push_back(make_problem(where + ".text", "empty_option",
                                         "Phương án " + std::to_string(i + 1) + " để trống",
                                         "Option " + std::to_string(i + 1) + " is empty"));
        if (!std::isfinite(o.weight) || o.weight < -100 || o.weight > 100)
            found.push_back(make_problem(where + ".weight", "weight_range",
                                         "Trọng số phải nằm trong khoảng -100..100",
                                         "The weight must be between -100 and 100"));
        if (o.weight > 0) {
            positive_sum += o.weight;
            ++positive_count;
        }
    }
    if (positive_count == 0 && !q.options.empty())
        found.push_back(make_problem(prefix + ".options", "no_correct_option",
                                     "Câu hỏi chưa có đáp án đúng",
                                     "The question has no correct option"));
    else if (positive_count > 0 && std::abs(positive_sum - 100) > 0.01)
        found.push_back(make_problem(prefix + ".options", "weights_sum",
                                     "Tổng trọng số các phương án đúng phải bằng 100%",
                                     "The weights of the correct options must add up to 100%"));
    if (!(q.points > 0) || !std::isfinite(q.points))
        found.push_back(make_problem(prefix + ".points", "points_positive",
                                     "Điểm của câu hỏi phải lớn hơn 0",
                                     "The question's points must be greater than 0"));
    return found;
}

void normalize(question& q) {
    // HTML is sanitized before it is stored, so every reader may show it as HTML.
    auto const safe = [html = q.format == text_format::html](std::string const& text) {
        return html ? sanitize_html(text) : text;
    };
    q.topic = normalize_text(q.topic);
    q.stem = normalize_multiline(safe(q.stem));
    q.explanation = normalize_multiline(safe(q.explanation));
    for (auto& o : q.options) {
        o.text = normalize_text(safe(o.text));
        o.feedback = normalize_text(safe(o.feedback));
    }
    for (auto& tag : q.tags)
        tag = normalize_text(tag);
}

} // namespace phongthi::bank
