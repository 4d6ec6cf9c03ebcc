#include "server/reports/report_data.hpp"

#include "question-bank/html_sanitizer.hpp"
#include "server/accounts/account_store.hpp"
#include "server/reports/report_format.hpp"
#include "server/reports/report_settings.hpp"
#include "server/results/exam_results.hpp"
#include "server/store/database.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace phongthi::server::report_data {

namespace {

using nlohmann::json;

/// What a row shows instead of a score: why the learner has none.
std::string status_of(std::string const& state) {
    if (state == "absent")
        return "Vắng";
    if (state == "voided")
        return "Huỷ bài";
    if (state == "submitted" || state == "auto_submitted")
        return "Chưa chấm";
    return "Chưa nộp";
}

scoring::class_report_row row_of(json const& row, int position) {
    scoring::class_report_row out;
    auto const list_number = row["list_number"].get<int>();
    out.list_number = list_number > 0 ? list_number : position;
    out.full_name = row["full_name"].get<std::string>();
    out.birth_date = report_format::date_text(row["birth_date"].get<std::string>());
    auto const unit = row["unit"].get<std::string>();
    out.unit = unit.empty() ? row["unit_code"].get<std::string>() : unit;
    out.variant = row["variant"].is_string() ? row["variant"].get<std::string>() : "";
    out.graded = row["classification"].is_object() && row["score"].is_number();
    if (out.graded) {
        out.score = row["score"].get<double>();
        out.classification = row["classification"]["vi"].get<std::string>();
        out.rank = row["class_rank"].get<int>();
        out.time_used_ms = row["time_used_ms"].get<std::int64_t>();
    } else {
        out.status = status_of(row["state"].get<std::string>());
    }
    return out;
}

scoring::class_report_summary summary_of(json const& s) {
    scoring::class_report_summary out;
    out.learners = s["learners"].get<int>();
    out.graded = s["graded"].get<int>();
    out.absent = s["absent"].get<int>();
    out.mean =
        s["mean"].is_number() ? s["mean"].get<double>() : std::numeric_limits<double>::quiet_NaN();
    out.passed = s["passed"].get<int>();
    out.pass_rate = out.learners > 0 ? static_cast<double>(out.passed) / out.learners : 0;
    for (auto const& c : s["per_class"])
        out.per_class.push_back({c["vi"].get<std::string>(), c["count"].get<int>()});
    return out;
}

/// The party cell a unit belongs to: the unit or the nearest above it named "Chi bộ …".
unit_record const* cell_of(std::map<std::string, unit_record> const& units,
                           std::string const& code) {
    auto found = units.find(code);
    if (found == units.end())
        return nullptr;
    auto const* unit = &found->second;
    constexpr int max_depth = 16; // a cycle of parents ends here
    auto const* at = unit;
    for (int depth = 0; at && depth < max_depth; ++depth) {
        if (at->name.starts_with("Chi bộ"))
            return at;
        auto const parent = at->parent_code ? units.find(*at->parent_code) : units.end();
        at = parent == units.end() ? nullptr : &parent->second;
    }
    return unit;
}

std::string plain(std::string const& text, json const& question) {
    return question.value("format", "plain") == "html" ? bank::html_to_text(text) : text;
}

std::optional<double> optional_number(json const& value) {
    return value.is_number() ? std::optional(value.get<double>()) : std::nullopt;
}

std::optional<scoring::item_flag> flag_of(std::string const& key) {
    for (auto const flag :
         {scoring::item_flag::too_easy, scoring::item_flag::too_hard,
          scoring::item_flag::negative_discrimination, scoring::item_flag::weak_discrimination,
          scoring::item_flag::unused_distractor, scoring::item_flag::distractor_beats_key})
        if (scoring::flag_key(flag) == key)
            return flag;
    return std::nullopt;
}

scoring::item_statistics item_of(json const& q) {
    scoring::item_statistics item;
    item.difficulty = optional_number(q["difficulty"]);
    item.point_biserial = optional_number(q["point_biserial"]);
    item.corrected_point_biserial = optional_number(q["corrected_point_biserial"]);
    item.upper_lower = optional_number(q["upper_lower"]);
    item.unanswered_share = q["unanswered_share"].get<double>();
    for (auto const& o : q["options"])
        item.options.push_back({o["key"].get<bool>(), o["chosen"].get<int>(),
                                o["share"].get<double>(), optional_number(o["point_biserial"])});
    for (auto const& key : q["flags"])
        if (auto const flag = flag_of(key.get<std::string>()))
            item.flags.push_back(*flag);
    return item;
}

} // namespace

std::optional<exam_context> find_context(store::database& db, std::int64_t exam_id) {
    auto exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        return std::nullopt;
    auto query = db.prepare("SELECT c.code, c.name, co.name FROM classes c "
                            "JOIN courses co ON co.id = c.course_id WHERE c.id = ?1");
    query.bind(1, exam->class_id);
    if (!query.step())
        return std::nullopt;
    auto settings = parse_exam_settings(exam->settings).value;
    return exam_context{std::move(*exam), std::move(settings), query.column_text(0),
                        query.column_text(1), query.column_text(2)};
}

std::optional<exam_report> load(store::database& db, std::int64_t exam_id,
                                std::optional<nlohmann::json> (*report)(store::database&,
                                                                        std::int64_t)) {
    auto context = find_context(db, exam_id);
    auto data = context ? report(db, exam_id) : std::nullopt;
    if (!data)
        return std::nullopt;
    return exam_report{std::move(*context), std::move(*data)};
}

scoring::report_header header_of(store::database& db, exam_context const& context,
                                 std::int64_t now) {
    auto const settings = report_settings::read_header(db);
    auto const& exam = context.exam;
    auto const day = exam.started_at.value_or(exam.opens_at.value_or(exam.created_at));
    return {settings.organisation,
            settings.school,
            context.course_name,
            context.class_name,
            exam.title,
            report_format::date_text(report_format::iso_day_in_vietnam(day)),
            report_format::place_and_date(settings.place, now),
            settings.signer_title,
            settings.signer_name};
}

std::optional<scoring::class_report> class_report(store::database& db, std::int64_t exam_id,
                                                  std::int64_t now) {
    auto const loaded = load(db, exam_id, exam_results::results);
    if (!loaded)
        return std::nullopt;
    auto const& context = loaded->context;
    auto const& results = loaded->data;
    scoring::class_report report;
    report.header = header_of(db, context, now);
    report.scale = context.settings.scale;
    int position = 0;
    for (auto const& row : results["rows"])
        report.rows.push_back(row_of(row, ++position));
    report.summary = summary_of(results["summary"]);
    return report;
}

std::optional<notices> unit_notices(store::database& db, std::int64_t exam_id, std::int64_t now) {
    auto const loaded = load(db, exam_id, exam_results::results);
    if (!loaded)
        return std::nullopt;
    auto const& context = loaded->context;
    auto const& results = loaded->data;
    std::map<std::string, unit_record> units;
    for (auto& unit : account_store::list_units(db))
        units.emplace(unit.code, std::move(unit));
    notices out{header_of(db, context, now), {}};
    std::map<std::string, std::size_t> notice_of; // by cell code; "" for no unit
    int position = 0;
    for (auto const& row : results["rows"]) {
        auto const* cell = cell_of(units, row["unit_code"].get<std::string>());
        std::string const code = cell ? cell->code : "";
        auto [at, added] = notice_of.emplace(code, out.units.size());
        if (added) {
            scoring::unit_notice notice;
            notice.unit_code = cell ? cell->code : "khac";
            notice.unit_name = cell ? cell->name : "Chưa xác định đơn vị";
            if (cell)
                notice.addressee = cell->name.starts_with("Chi bộ")
                                       ? "Kính gửi: Chi uỷ " + cell->name
                                       : "Kính gửi: " + cell->name;
            out.units.push_back(std::move(notice));
        }
        out.units[at->second].rows.push_back(row_of(row, ++position));
    }
    // Learners without a unit last.
    if (auto const none = notice_of.find(""); none != notice_of.end() && out.units.size() > 1) {
        auto orphan = std::move(out.units[none->second]);
        out.units.erase(out.units.begin() + static_cast<std::ptrdiff_t>(none->second));
        out.units.push_back(std::move(orphan));
    }
    return out;
}

std::optional<scoring::item_report> item_report(store::database& db, std::int64_t exam_id,
                                                std::int64_t now) {
    auto const loaded = load(db, exam_id, exam_results::statistics);
    if (!loaded)
        return std::nullopt;
    auto const& context = loaded->context;
    auto const& stats = loaded->data;
    scoring::item_report report;
    report.header = header_of(db, context, now);
    auto const& t = stats["test"];
    auto& test = report.analysis.test;
    test.candidates = stats["attempts"].get<int>();
    test.questions = t["questions_analysed"].get<int>();
    test.mean = optional_number(t["mean"]);
    test.standard_deviation = optional_number(t["standard_deviation"]);
    test.kr20 = optional_number(t["kr20"]);
    test.alpha = optional_number(t["alpha"]);
    test.standard_error = optional_number(t["standard_error"]);
    int n = 0;
    for (auto const& q : stats["questions"]) {
        report.analysis.items.push_back(item_of(q));
        scoring::item_report_question question{
            "Câu " + std::to_string(++n), plain(q["stem"].get<std::string>(), q), {}};
        for (auto const& o : q["options"])
            question.options.push_back(plain(o["text"].get<std::string>(), q));
        report.questions.push_back(std::move(question));
    }
    return report;
}

} // namespace phongthi::server::report_data
