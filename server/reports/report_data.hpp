#pragma once

#include "scoring/class_report.hpp"
#include "scoring/item_report.hpp"
#include "scoring/report_header.hpp"
#include "scoring/unit_notices.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// From an exam in the database to the values the scoring writers print: the report header, the
/// class report, the unit notices and the item report. Reads only, on any connection of the
/// caller's thread.
namespace phongthi::server::report_data {

/// An exam with its class and course, as reports name them.
struct exam_context {
    exam_store::exam_record exam;
    exam_settings settings;
    std::string class_code;
    std::string class_name;
    std::string course_name;
};

/// nullopt when there is no such exam.
std::optional<exam_context> find_context(store::database& db, std::int64_t exam_id);

/// An exam's context with a report of exam_results on it (results or statistics).
struct exam_report {
    exam_context context;
    nlohmann::json data;
};
/// nullopt when there is no such exam.
std::optional<exam_report> load(store::database& db, std::int64_t exam_id,
                                std::optional<nlohmann::json> (*report)(store::database&,
                                                                        std::int64_t));

/// The header of a report on `context` printed at `now`: the stored report_header setting, the
/// course, class and exam, the exam's day (when it was started, else its opening, else its
/// creation) and the place and date of printing.
scoring::report_header header_of(store::database& db, exam_context const& context,
                                 std::int64_t now);

/// The class score report from exam_results::results. nullopt: no such exam.
std::optional<scoring::class_report> class_report(store::database& db, std::int64_t exam_id,
                                                  std::int64_t now);

/// The unit notices with their header. Learners are grouped by party cell: their unit, or the
/// nearest unit above it whose name starts with "Chi bộ"; a cell's notice is addressed "Kính gửi:
/// Chi uỷ <cell>", another unit's "Kính gửi: <unit>". Notices in the order their first learner
/// is listed; learners without a unit come last under "Chưa xác định đơn vị".
struct notices {
    scoring::report_header header;
    std::vector<scoring::unit_notice> units;
};
std::optional<notices> unit_notices(store::database& db, std::int64_t exam_id, std::int64_t now);

/// The item report from exam_results::statistics: every question (the ones not on every paper
/// with their counts only), stems and options as plain text. nullopt: no such exam.
std::optional<scoring::item_report> item_report(store::database& db, std::int64_t exam_id,
                                                std::int64_t now);

} // namespace phongthi::server::report_data
