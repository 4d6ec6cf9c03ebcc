#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for the key corrections of an exam (a fixed key or a voided question).
namespace phongthi::server::key_corrections {

/// The newest correction of one question; both empty means "the original key again".
struct correction {
    std::int64_t question_id = 0;
    std::optional<std::vector<double>> weights;
    std::optional<std::string> void_mode; ///< full_credit or drop
    std::string reason;
    std::int64_t created_at = 0;
};

/// The newest correction of each corrected question of an exam, by question id.
std::map<std::int64_t, correction> current(store::database& db, std::int64_t exam_id);

void insert(store::database& db, std::int64_t exam_id, correction const& c,
            std::optional<std::int64_t> author_id, std::int64_t now);

} // namespace phongthi::server::key_corrections
