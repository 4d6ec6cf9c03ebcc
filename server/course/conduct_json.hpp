#pragma once

#include "server/course/conduct_store.hpp"

#include <nlohmann/json.hpp>

/// The JSON of a class's conduct grades, as the API sends it and `phongthi conduct list --json`
/// prints it (docs/COURSE.md). Any thread.
namespace phongthi::server::conduct_json {

/// {"class_id", "closed", "grades":[{key, vi, en, passing}], "entries":[{user_id, username,
/// full_name, list_number, grade, note, set_at, set_by}]}.
nlohmann::json class_conduct(std::int64_t class_id, bool closed,
                             std::vector<conduct_store::conduct_entry> const& entries);

} // namespace phongthi::server::conduct_json
