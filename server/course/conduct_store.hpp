#pragma once

#include "scoring/classification.hpp"
#include "server/accounts/user.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// Conduct grades (kết quả rèn luyện) of a class's learners: one key of the classification
/// rules' conduct_grades per enrollment, with a note, editable until the course is closed, every
/// change audited. Plain functions over one connection: reads on a read-side connection, writes
/// in a writer job or the CLI's write().
namespace phongthi::server::conduct_store {

/// The conduct grades the rules know (scoring/rules/party_course_default.json), best first.
/// Any thread.
std::vector<scoring::conduct_grade> const& conduct_grades();
/// Whether `key` is one of conduct_grades(). Any thread.
bool is_conduct_grade(std::string_view key);

/// One enrolled learner's conduct grade; `grade` is empty while not graded.
struct conduct_entry {
    std::int64_t user_id = 0;
    std::string username;
    std::string full_name;
    int list_number = 0; ///< 0: none
    std::string grade;
    std::string note;
    std::int64_t set_at = 0; ///< 0: never set through PhòngThi
    std::string set_by;      ///< the username who set it, or empty
};

/// The enrolled learners of the class (by list number, then name) with their grades; nullopt
/// when there is no such class.
std::optional<std::vector<conduct_entry>> class_conduct(store::database& db, std::int64_t class_id);

/// The conduct key of a learner of the class, or empty (not graded, not enrolled).
std::string learner_conduct(store::database& db, std::int64_t class_id, std::int64_t user_id);

/// What set_conduct() and fill_conduct() did.
enum class conduct_result { saved, unchanged, no_class, not_enrolled, course_closed };

/// Sets (an empty `grade`: clears) the learner's grade and note, and audits "conduct.set" with
/// the grade and note before and after. `grade` must be empty or is_conduct_grade().
conduct_result set_conduct(store::database& db, std::int64_t class_id, std::int64_t user_id,
                           std::string const& grade, std::string const& note, actor const& who,
                           std::int64_t now);

/// Gives `grade` to every enrolled learner of the class not graded yet, audited once as
/// "conduct.fill" with the users changed; `filled` counts them.
conduct_result fill_conduct(store::database& db, std::int64_t class_id, std::string const& grade,
                            actor const& who, std::int64_t now, int& filled);

} // namespace phongthi::server::conduct_store
