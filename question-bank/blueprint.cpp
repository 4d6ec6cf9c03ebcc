#include "question-bank/blueprint.hpp"

#include "question-bank/text.hpp"

#include <array>
#include <cmath>
#include <string_view>
#include <utility>

namespace phongthi::bank {

namespace {

using json = nlohmann::json;

/// Collects the problems of one parse; each names its field.
class problem_list {
public:
    void add(std::string field, std::string code, std::string vi, std::string en) {
        problem p;
        p.field = std::move(field);
        p.code = std::move(code);
        p.message_vi = std::move(vi);
        p.message_en = std::move(en);
        found_.push_back(std::move(p));
    }
    bool empty() const { return found_.empty(); }
    std::vector<problem> take() { return std::move(found_); }

private:
    std::vector<problem> found_;
};

/// Reports every key of `object` that is not one of `known`.
template <std::size_t N>
void check_keys(json const& object, std::array<std::string_view, N> const& known,
                std::string const& prefix, problem_list& problems) {
    for (auto const& [key, value] : object.items()) {
        bool is_known = false;
        for (auto k : known)
            is_known = is_known || key == k;
        if (!is_known) {
            std::string const field = prefix.empty() ? key : prefix + "." + key;
            problems.add(field, "unknown_key", "Khóa không hợp lệ: \"" + key + "\"",
                         "Unknown key: \"" + key + "\"");
        }
    }
}

/// Reads an optional boolean flag, true when absent.
bool read_flag(json const& spec, std::string const& key, problem_list& problems) {
    auto const it = spec.find(key);
    if (it == spec.end())
        return true;
    if (!it->is_boolean()) {
        problems.add(key, "not_boolean", "\"" + key + "\" phải là true hoặc false",
                     "\"" + key + "\" must be true or false");
        return true;
    }
    return it->get<bool>();
}

std::string read_topic(json const& cell, std::string const& prefix, problem_list& problems) {
    auto const it = cell.find("topic");
    if (it == cell.end() || it->is_null())
        return {};
    if (!it->is_string()) {
        problems.add(prefix + ".topic", "topic_type", "Chủ đề phải là chuỗi",
                     "The topic must be a string");
        return {};
    }
    auto const& text = it->get_ref<std::string const&>();
    if (!is_valid_utf8(text)) {
        problems.add(prefix + ".topic", "topic_utf8", "Chủ đề không phải UTF-8 hợp lệ",
                     "The topic is not valid UTF-8");
        return {};
    }
    return normalize_text(text);
}

std::optional<cognitive_level> read_level(json const& cell, std::string const& prefix,
                                          problem_list& problems) {
    auto const it = cell.find("level");
    if (it == cell.end()) {
        problems.add(prefix + ".level", "level_missing", "Thiếu mức độ nhận thức",
                     "The cognitive level is missing");
        return std::nullopt;
    }
    auto const level = it->is_string() ? parse_level(it->get_ref<std::string const&>())
                                       : std::optional<cognitive_level>{};
    if (!level)
        problems.add(prefix + ".level", "level",
                     "Mức độ không hợp lệ (Nhận biết, Thông hiểu, Vận dụng, Vận dụng cao)",
                     "Unknown level (nhan_biet, thong_hieu, van_dung, van_dung_cao)");
    return level;
}

int read_count(json const& cell, std::string const& prefix, problem_list& problems) {
    auto const it = cell.find("count");
    std::string const limit = std::to_string(max_cell_questions);
    if (it == cell.end() || !it->is_number_integer()) {
        problems.add(prefix + ".count", "count_type", "Số câu phải là số nguyên từ 1 đến " + limit,
                     "The count must be a whole number from 1 to " + limit);
        return 0;
    }
    // As a double, so that huge unsigned values compare correctly too.
    double const count = it->get<double>();
    if (count < 1 || count > max_cell_questions) {
        problems.add(prefix + ".count", "count_range", "Số câu phải từ 1 đến " + limit,
                     "The count must be from 1 to " + limit);
        return 0;
    }
    return static_cast<int>(count);
}

std::optional<double> read_points(json const& cell, std::string const& prefix,
                                  problem_list& problems) {
    auto const it = cell.find("points");
    if (it == cell.end() || it->is_null())
        return std::nullopt;
    double const points = it->is_number() ? it->get<double>() : -1;
    if (!std::isfinite(points) || points < 0 || points > max_question_points) {
        problems.add(prefix + ".points", "points_range", "Điểm mỗi câu phải là số từ 0 đến 100",
                     "The points of each question must be a number from 0 to 100");
        return std::nullopt;
    }
    return points;
}

} // namespace

blueprint_parse parse_blueprint(json const& spec) {
    problem_list problems;
    if (!spec.is_object()) {
        problems.add("", "not_object", "Ma trận đề phải là một đối tượng JSON",
                     "The blueprint must be a JSON object");
        return {std::nullopt, problems.take()};
    }
    check_keys(spec,
               std::array<std::string_view, 3>{"cells", "shuffle_questions", "shuffle_options"}, "",
               problems);
    blueprint plan;
    plan.shuffle_questions = read_flag(spec, "shuffle_questions", problems);
    plan.shuffle_options = read_flag(spec, "shuffle_options", problems);

    auto const cells = spec.find("cells");
    if (cells == spec.end() || !cells->is_array() || cells->empty()) {
        problems.add("cells", "no_cells", "Ma trận đề phải có ít nhất một ô",
                     "The blueprint needs at least one cell");
        return {std::nullopt, problems.take()};
    }
    int total = 0;
    std::vector<std::size_t> source; // source[k] = index in "cells" of plan.cells[k]
    for (std::size_t i = 0; i < cells->size(); ++i) {
        json const& item = (*cells)[i];
        std::string const prefix = "cells[" + std::to_string(i) + "]";
        if (!item.is_object()) {
            problems.add(prefix, "cell_type", "Mỗi ô phải là một đối tượng JSON",
                         "Each cell must be a JSON object");
            continue;
        }
        check_keys(item, std::array<std::string_view, 4>{"topic", "level", "count", "points"},
                   prefix, problems);
        blueprint_cell cell;
        cell.topic = read_topic(item, prefix, problems);
        auto const level = read_level(item, prefix, problems);
        cell.count = read_count(item, prefix, problems);
        cell.points = read_points(item, prefix, problems);
        if (!level)
            continue;
        cell.level = *level;
        total += cell.count;
        for (std::size_t j = 0; j < plan.cells.size(); ++j) {
            if (plan.cells[j].topic == cell.topic && plan.cells[j].level == cell.level) {
                problems.add(prefix, "duplicate_cell",
                             "Ô trùng chủ đề và mức độ với ô cells[" + std::to_string(source[j]) +
                                 "]",
                             "Same topic and level as cells[" + std::to_string(source[j]) + "]");
                break;
            }
        }
        plan.cells.push_back(std::move(cell));
        source.push_back(i);
    }
    if (total > max_paper_questions) {
        std::string const limit = std::to_string(max_paper_questions);
        problems.add("cells", "too_many_questions",
                     "Đề có " + std::to_string(total) + " câu; tối đa " + limit,
                     "The paper has " + std::to_string(total) + " questions; at most " + limit);
    }
    if (!problems.empty())
        return {std::nullopt, problems.take()};
    return {std::move(plan), {}};
}

json to_json(blueprint const& plan) {
    json cells = json::array();
    for (auto const& cell : plan.cells) {
        json item = {{"topic", cell.topic},
                     {"level", std::string(level_key(cell.level))},
                     {"count", cell.count}};
        if (cell.points)
            item["points"] = *cell.points;
        cells.push_back(std::move(item));
    }
    return {{"cells", std::move(cells)},
            {"shuffle_questions", plan.shuffle_questions},
            {"shuffle_options", plan.shuffle_options}};
}

int total_questions(blueprint const& plan) {
    int total = 0;
    for (auto const& cell : plan.cells)
        total += cell.count;
    return total;
}

} // namespace phongthi::bank
