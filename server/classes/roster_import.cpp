#include "server/classes/roster_import.hpp"

#include "server/accounts/account_store.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::server {

namespace {

using store::statement;

std::string column_or_empty(statement const& row, int column) {
    return row.is_null(column) ? std::string() : row.column_text(column);
}

roster_person read_person(statement const& row) {
    roster_person person;
    person.user_id = row.column_int64(0);
    person.username = row.column_text(1);
    person.profile = {row.column_text(2),      column_or_empty(row, 3),
                      column_or_empty(row, 4), row.is_null(5) ? 0 : row.column_int64(5),
                      column_or_empty(row, 6), column_or_empty(row, 7)};
    person.list_number = row.is_null(8) ? 0 : static_cast<int>(row.column_int64(8));
    person.status = column_or_empty(row, 9);
    return person;
}

constexpr std::string_view person_columns =
    "SELECT u.id, u.username, u.full_name, u.birth_date, u.gender, u.unit_id, u.position, "
    "u.phone, e.list_number, e.status FROM users u ";

} // namespace

roster_state load_roster_state(store::database& db, std::int64_t class_id) {
    roster_state state;
    auto members = db.prepare(std::string(person_columns) +
                              "JOIN enrollments e ON e.user_id = u.id AND e.class_id = ?1");
    members.bind(1, class_id);
    while (members.step())
        state.members.push_back(read_person(members));
    auto others = db.prepare(
        std::string(person_columns) +
        "LEFT JOIN enrollments e ON e.user_id = u.id AND e.class_id = ?1 "
        "WHERE e.id IS NULL AND u.role = 'candidate' AND u.birth_date IS NOT NULL ORDER BY u.id");
    others.bind(1, class_id);
    while (others.step())
        state.candidates.push_back(read_person(others));
    auto units = db.prepare("SELECT id, code, name FROM units ORDER BY id");
    while (units.step())
        state.units.push_back({units.column_int64(0), units.column_text(1), units.column_text(2)});
    auto names = db.prepare("SELECT lower(username) FROM users");
    while (names.step())
        state.usernames.insert(names.column_text(0));
    auto parent = db.prepare("SELECT unit_id FROM classes WHERE id = ?1");
    parent.bind(1, class_id);
    if (parent.step() && !parent.is_null(0))
        state.parent_unit_id = parent.column_int64(0);
    return state;
}

roster_plan apply_roster(store::database& db, std::int64_t class_id, roster_file const& file,
                         bool create_units, std::map<std::size_t, std::string> const& hashes,
                         actor const& who, std::int64_t now) {
    roster_state const state = load_roster_state(db, class_id);
    roster_plan plan = plan_roster(file, state, create_units);
    if (plan.has_errors())
        throw std::logic_error("a roster with errors cannot be imported");
    std::string const target = "class:" + std::to_string(class_id);
    std::vector<std::int64_t> unit_ids;
    for (auto const& unit : plan.new_units) {
        unit_ids.push_back(account_store::insert_unit(
            db, unit.code, unit.name,
            state.parent_unit_id != 0 ? std::optional(state.parent_unit_id) : std::nullopt, now));
        account_store::append_audit(db, who, "unit.create", unit.code,
                                    nlohmann::json{{"name", unit.name}, {"via", target}}.dump(),
                                    now);
    }
    nlohmann::json created = nlohmann::json::array();
    for (auto& action : plan.actions) {
        if (action.new_unit >= 0)
            action.profile.unit_id = unit_ids[static_cast<std::size_t>(action.new_unit)];
        if (action.change == roster_change::unchanged)
            continue;
        if (action.change == roster_change::create) {
            auto const hash = hashes.find(action.row);
            if (hash == hashes.end())
                throw roster_conflict();
            account_store::new_user const user{action.username, action.profile.full_name,
                                               role::candidate, std::nullopt,
                                               hash->second,    true};
            action.user_id = account_store::insert_user(db, user, now);
            account_store::append_audit(db, who, "user.create", action.username,
                                        nlohmann::json{{"role", "candidate"},
                                                       {"full_name", user.full_name},
                                                       {"via", target}}
                                            .dump(),
                                        now);
            created.push_back(action.username);
        }
        class_store::set_profile(db, action.user_id, action.profile, now);
        class_store::enroll(db, class_id, action.user_id, action.list_number);
    }
    if (hashes.size() != static_cast<std::size_t>(plan.summary.created))
        throw roster_conflict(); // hashed for someone who now matches an account
    account_store::append_audit(db, who, "class.roster_import", target,
                                nlohmann::json{{"created", plan.summary.created},
                                               {"updated", plan.summary.updated},
                                               {"unchanged", plan.summary.unchanged},
                                               {"units_created", plan.new_units.size()},
                                               {"accounts", created}}
                                    .dump(),
                                now);
    return plan;
}

} // namespace phongthi::server
