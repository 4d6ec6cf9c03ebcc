#pragma once

#include "server/accounts/password_policy.hpp"
#include "server/accounts/user.hpp"

#include <string>
#include <string_view>

namespace phongthi::server {

/// A new account as typed by an administrator (API or CLI), before checking.
struct account_input {
    std::string username;
    std::string full_name;
    std::string role;
    std::string unit_code; ///< empty: no unit
    std::string password;  ///< empty: generate one
};

/// The checked account: texts normalized (NFC, trimmed), or the first bad field named.
struct checked_account {
    std::string username;
    std::string full_name;
    role user_role = role::candidate;
    std::string unit_code;
    std::string password;
    std::string error_field; ///< empty when every field is valid
    /// Which password rule failed when error_field is "password".
    password_problem password_issue = password_problem::none;
};

struct unit_input {
    std::string code;
    std::string name;
    std::string parent_code; ///< empty: top level
};

struct checked_unit {
    std::string code;
    std::string name;
    std::string parent_code;
    std::string error_field;
};

/// Account names: 3-64 of A-Z a-z 0-9 . _ - ; full names: 1-200 characters of valid UTF-8;
/// a chosen password must pass the role's password policy (password_policy.hpp).
checked_account check_new_account(account_input const& input);
/// Unit codes: 1-32 of A-Z a-z 0-9 . _ - ; names: 1-200 characters of valid UTF-8.
checked_unit check_new_unit(unit_input const& input);

} // namespace phongthi::server
