#pragma once

#include "server/accounts/user.hpp"
#include "server/classes/roster_plan.hpp"

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace phongthi::store {
class database;
}

namespace phongthi::server {

/// The roster no longer plans as it did when its passwords were hashed (someone changed the class
/// or its accounts meanwhile): nothing was written; try again.
class roster_conflict : public std::runtime_error {
public:
    roster_conflict() : std::runtime_error("the class changed while the roster was imported") {}
};

/// Reads what plan_roster() matches against for class `class_id`. On a read or the writer
/// connection.
roster_state load_roster_state(store::database& db, std::int64_t class_id);

/// Plans `file` again on the writer's connection and writes it: new units (under the class's
/// organising unit), new accounts with the password hashes in `hashes` (by row index, one for
/// every row the plan creates; must_change_password set), updated details, enrollments with
/// their list numbers, and audit rows (unit.create, user.create, class.roster_import). Returns
/// the plan written. Throws roster_conflict when a new account has no hash, std::logic_error
/// when the plan has errors. Inside a writer job (one transaction).
roster_plan apply_roster(store::database& db, std::int64_t class_id, roster_file const& file,
                         bool create_units, std::map<std::size_t, std::string> const& hashes,
                         actor const& who, std::int64_t now);

} // namespace phongthi::server
