#include "server/accounts/account_store.hpp"
#include "server/accounts/account_validation.hpp"
#include "server/api/api_support.hpp"
#include "server/auth/password_hasher.hpp"
#include "server/auth/session_token.hpp"
#include "server/cli/args.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iomanip>
#include <iostream>

namespace phongthi::server {

namespace {

/// The --password refused by the policy, in both languages, naming the rule.
usage_error password_usage_error(password_problem problem) {
    return usage_error(
        "--password: " + std::string(error_message(password_problem_code(problem), language::vi)) +
        " / " + std::string(error_message(password_problem_code(problem), language::en)));
}

/// --password when given (checked against the policy of `username`'s role), else a generated
/// one long enough for that role.
std::string password_or_generated(command_args const& args, std::string_view username, role r,
                                  bool& generated) {
    auto chosen = args.value("password");
    generated = !chosen;
    if (!chosen)
        return auth::random_password(generated_password_length(r));
    if (auto const problem = check_password(*chosen, username, r);
        problem != password_problem::none)
        throw password_usage_error(problem);
    return *chosen;
}

int add_user(command_args const& args) {
    account_input input{args.required("username"), args.required("name"), args.required("role"),
                        args.value("unit").value_or(""), args.value("password").value_or("")};
    bool const generated = input.password.empty();
    if (generated)
        input.password = auth::random_password(
            generated_password_length(parse_role(input.role).value_or(role::candidate)));
    auto const checked = check_new_account(input);
    if (checked.password_issue != password_problem::none)
        throw password_usage_error(checked.password_issue);
    if (!checked.error_field.empty())
        throw usage_error("invalid " + checked.error_field +
                          " (account names: 3-64 of A-Z a-z 0-9 . _ -; roles: admin, lecturer, "
                          "proctor, candidate)");
    store::data_store data(data_dir_of(args));
    std::optional<std::int64_t> unit_id;
    if (!checked.unit_code.empty()) {
        auto const unit = data.read_side().with(
            [&](store::database& db) { return account_store::find_unit(db, checked.unit_code); });
        if (!unit)
            throw std::runtime_error("no unit with code \"" + checked.unit_code + "\"");
        unit_id = unit->id;
    }
    account_store::new_user const user{checked.username,
                                       checked.full_name,
                                       checked.user_role,
                                       unit_id,
                                       auth::hash_password(checked.password),
                                       true};
    try {
        data.write_side().write([&](store::database& db) {
            std::int64_t const now = now_ms();
            account_store::insert_user(db, user, now);
            account_store::append_audit(db, cli_actor(), "user.create", user.username,
                                        json{{"role", role_key(user.user_role)}}.dump(), now);
        });
    } catch (store::sqlite_error const& e) {
        if (e.is_unique_violation())
            throw std::runtime_error("the account name \"" + user.username + "\" is already taken");
        throw;
    }
    std::cout << "created " << role_key(user.user_role) << " " << user.username;
    if (generated)
        std::cout << " with initial password " << checked.password;
    std::cout << "\n";
    return 0;
}

int list_users(command_args const& args) {
    store::data_store data(data_dir_of(args));
    auto const users =
        data.read_side().with([](store::database& db) { return account_store::list_users(db); });
    for (auto const& user : users) {
        std::cout << std::left << std::setw(6) << user.id << std::setw(20) << user.username
                  << std::setw(11) << role_key(user.user_role) << std::setw(12)
                  << (user.unit ? user.unit->code : "-")
                  << (user.disabled ? "disabled  " : "active    ") << user.full_name << "\n";
    }
    return 0;
}

int change_password(command_args const& args) {
    std::string const username = args.required("username");
    store::data_store data(data_dir_of(args));
    user_record const user = account_named(data, username);
    std::int64_t const id = user.id;
    bool generated = false;
    std::string const password =
        password_or_generated(args, user.username, user.user_role, generated);
    std::string const hash = auth::hash_password(password);
    data.write_side().write([&](store::database& db) {
        std::int64_t const now = now_ms();
        account_store::set_password(db, id, hash, generated, now);
        account_store::revoke_user_sessions(db, id, now);
        account_store::append_audit(db, cli_actor(), "user.password_reset", username, "", now);
    });
    std::cout << "password of " << username << " changed";
    if (generated)
        std::cout << " to " << password << " (to be changed at next sign-in)";
    std::cout << "\n";
    return 0;
}

int set_disabled(command_args const& args, bool disabled) {
    std::string const username = args.required("username");
    store::data_store data(data_dir_of(args));
    std::int64_t const id = account_named(data, username).id;
    data.write_side().write([&](store::database& db) {
        std::int64_t const now = now_ms();
        account_store::set_disabled(db, id, disabled, now);
        if (disabled)
            account_store::revoke_user_sessions(db, id, now);
        account_store::append_audit(db, cli_actor(), disabled ? "user.disable" : "user.enable",
                                    username, "", now);
    });
    std::cout << username << (disabled ? " disabled\n" : " enabled\n");
    return 0;
}

int add_unit(command_args const& args) {
    auto const checked = check_new_unit(
        {args.required("code"), args.required("name"), args.value("parent").value_or("")});
    if (!checked.error_field.empty())
        throw usage_error("invalid " + checked.error_field + " (codes: 1-32 of A-Z a-z 0-9 . _ -)");
    store::data_store data(data_dir_of(args));
    std::optional<std::int64_t> parent_id;
    if (!checked.parent_code.empty()) {
        auto const parent = data.read_side().with(
            [&](store::database& db) { return account_store::find_unit(db, checked.parent_code); });
        if (!parent)
            throw std::runtime_error("no unit with code \"" + checked.parent_code + "\"");
        parent_id = parent->id;
    }
    try {
        data.write_side().write([&](store::database& db) {
            std::int64_t const now = now_ms();
            account_store::insert_unit(db, checked.code, checked.name, parent_id, now);
            account_store::append_audit(db, cli_actor(), "unit.create", checked.code,
                                        json{{"name", checked.name}}.dump(), now);
        });
    } catch (store::sqlite_error const& e) {
        if (e.is_unique_violation())
            throw std::runtime_error("the unit code \"" + checked.code + "\" is already taken");
        throw;
    }
    std::cout << "created unit " << checked.code << "\n";
    return 0;
}

int list_units(command_args const& args) {
    store::data_store data(data_dir_of(args));
    auto const units =
        data.read_side().with([](store::database& db) { return account_store::list_units(db); });
    for (auto const& unit : units)
        std::cout << std::left << std::setw(14) << unit.code << std::setw(14)
                  << unit.parent_code.value_or("-") << unit.name << "\n";
    return 0;
}

std::string_view action_of(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing");
    return argv[first];
}

} // namespace

int run_user(int argc, char** argv, int first) {
    std::string_view const action = action_of(argc, argv, first);
    if (action == "add")
        return add_user(command_args(argc, argv, first + 1,
                                     {"data", "username", "name", "role", "unit", "password"}, {}));
    if (action == "list")
        return list_users(command_args(argc, argv, first + 1, {"data"}, {}));
    if (action == "passwd")
        return change_password(
            command_args(argc, argv, first + 1, {"data", "username", "password"}, {}));
    if (action == "disable" || action == "enable")
        return set_disabled(command_args(argc, argv, first + 1, {"data", "username"}, {}),
                            action == "disable");
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

int run_unit(int argc, char** argv, int first) {
    std::string_view const action = action_of(argc, argv, first);
    if (action == "add")
        return add_unit(
            command_args(argc, argv, first + 1, {"data", "code", "name", "parent"}, {}));
    if (action == "list")
        return list_units(command_args(argc, argv, first + 1, {"data"}, {}));
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

} // namespace phongthi::server
