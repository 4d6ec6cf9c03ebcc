#pragma once

#include "server/classes/class_store.hpp"
#include "server/classes/roster_plan.hpp"

#include <nlohmann/json.hpp>

/// The JSON of courses, classes and roster reports, as the API sends them and `phongthi class
/// show --json` prints them (docs/CLASSES.md). Any thread.
namespace phongthi::server::class_json {

nlohmann::json course(class_store::course_record const& course);
nlohmann::json class_summary(class_store::class_record const& c);
/// The class with its learners (list number, name, birth date, gender, unit, position, seat,
/// conduct, status) and staff.
nlohmann::json class_detail(class_store::class_record const& c,
                            std::vector<class_store::enrollment_record> const& learners,
                            std::vector<class_store::staff_record> const& staff);

/// {"problems":[{row, field, code, vi, en, level}], "summary":{created, updated, unchanged,
/// withdrawn, not_in_file, units_created}, "rows":[{row, full_name, birth_date, action,
/// username}]}: what an import does or did, row by row.
nlohmann::json roster_report(roster_file const& file, roster_plan const& plan);

} // namespace phongthi::server::class_json
