#pragma once

#include "server/classes/class_store.hpp"
#include "server/classes/roster_file.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::server {

/// An account a roster row may name: a learner of the class, or another candidate account.
struct roster_person {
    std::int64_t user_id = 0;
    std::string username;
    class_store::learner_profile profile;
    int list_number = 0; ///< in this class; 0: none
    std::string status;  ///< in this class: enrolled | withdrawn; "" when not a member
};

/// A unit a roster's "Đơn vị" cell may name, by code or by name.
struct roster_unit {
    std::int64_t id = 0;
    std::string code;
    std::string name;
};

/// What a roster is matched against, read in one go.
struct roster_state {
    std::vector<roster_person> members;    ///< the class's enrollments, withdrawn ones included
    std::vector<roster_person> candidates; ///< candidate accounts outside the class
    std::vector<roster_unit> units;
    std::set<std::string> usernames; ///< every account name taken, in lower case
    std::int64_t parent_unit_id = 0; ///< the class's organising unit, 0: none
};

enum class roster_change { create, update, unchanged };

/// What an import does with one row of the roster.
struct roster_action {
    std::size_t row = 0; ///< index into roster_file::rows
    roster_change change = roster_change::unchanged;
    std::int64_t user_id = 0;             ///< 0 for a new account
    std::string username;                 ///< the existing or new account name
    class_store::learner_profile profile; ///< the details to store
    int new_unit = -1; ///< index into roster_plan::new_units when the unit is to be created
    int list_number = 0;
};

/// A unit the import creates (only with create_units).
struct roster_new_unit {
    std::string code;
    std::string name;
};

struct roster_summary {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int withdrawn = 0;   ///< always 0: an import never withdraws anyone
    int not_in_file = 0; ///< enrolled learners the file does not list, left as they are
};

/// The whole import worked out before anything is written.
struct roster_plan {
    std::vector<roster_action> actions;
    std::vector<roster_new_unit> new_units;
    std::vector<roster_problem> problems;
    roster_summary summary;
    bool has_errors() const;
};

/// Matches every row of `file` against `state`: the same person is the same full name (NFC,
/// case-folded) and birth date, first among the class's learners, then among other candidate
/// accounts (the oldest one). A match is updated (name, birth date and the columns the file has;
/// enrolled again if withdrawn) or left unchanged; anyone else gets a new account named from
/// their name (unique_username()). A unit is found by code or name, case and diacritics aside;
/// an unknown one is an error on its row, or with `create_units` a new unit under the class's
/// organising unit. Pure; any thread.
roster_plan plan_roster(roster_file const& file, roster_state const& state, bool create_units);

/// An account name from a full name: plain_key() of it, at most 60 characters, "hocvien" when
/// nothing is left: "Nguyễn Văn An" → "nguyenvanan", "Đặng Thị Đào" → "dangthidao". Any thread.
std::string username_base(std::string_view full_name);

/// `base`, or `base` followed by 2, 3, ... when taken (compared in lower case); the result is
/// added to `taken`. Any thread.
std::string unique_username(std::string_view base, std::set<std::string>& taken);

} // namespace phongthi::server
