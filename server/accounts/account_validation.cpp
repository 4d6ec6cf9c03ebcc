#include "server/accounts/account_validation.hpp"

#include "question-bank/text.hpp"

#include <algorithm>

namespace phongthi::server {

namespace {

bool is_code(std::string_view text, std::size_t min_length, std::size_t max_length) {
    return text.size() >= min_length && text.size() <= max_length &&
           std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
           });
}

/// The normalized name, or "" when it is not valid UTF-8 or too long.
std::string clean_name(std::string_view text) {
    if (text.size() > 800 || !bank::is_valid_utf8(text))
        return {};
    std::string name = bank::normalize_text(text);
    return name.size() <= 800 ? name : std::string();
}

} // namespace

checked_account check_new_account(account_input const& input) {
    checked_account out;
    out.username = input.username;
    out.full_name = clean_name(input.full_name);
    out.unit_code = input.unit_code;
    out.password = input.password;
    auto const parsed_role = parse_role(input.role);
    if (!is_code(out.username, 3, 64))
        out.error_field = "username";
    else if (out.full_name.empty())
        out.error_field = "full_name";
    else if (!parsed_role)
        out.error_field = "role";
    else if (!out.unit_code.empty() && !is_code(out.unit_code, 1, 32))
        out.error_field = "unit_code";
    out.user_role = parsed_role.value_or(role::candidate);
    if (out.error_field.empty() && !out.password.empty()) {
        out.password_issue = check_password(out.password, out.username, out.user_role);
        if (out.password_issue != password_problem::none)
            out.error_field = "password";
    }
    return out;
}

checked_unit check_new_unit(unit_input const& input) {
    checked_unit out{input.code, clean_name(input.name), input.parent_code, {}};
    if (!is_code(out.code, 1, 32))
        out.error_field = "code";
    else if (out.name.empty())
        out.error_field = "name";
    else if (!out.parent_code.empty() && !is_code(out.parent_code, 1, 32))
        out.error_field = "parent_code";
    return out;
}

} // namespace phongthi::server
