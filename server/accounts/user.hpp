#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phongthi::server {

enum class role { admin, lecturer, proctor, candidate };

/// "admin", "lecturer", "proctor" or "candidate", as stored and sent.
std::string_view role_key(role r);
std::optional<role> parse_role(std::string_view text);
/// True for the roles that run the course (admin, lecturer, proctor).
bool is_staff(role r);

/// A party cell or organisation; units nest through their parent.
struct unit_record {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::optional<std::string> parent_code;
};

/// An account as the application uses it (never carries the password hash).
struct user_record {
    std::int64_t id = 0;
    std::string username;
    std::string full_name;
    role user_role = role::candidate;
    std::optional<unit_record> unit;
    bool must_change_password = false;
    bool disabled = false;
    std::int64_t created_at = 0;
};

/// Who did something, for audit rows: a signed-in user, or the CLI's operating-system user.
struct actor {
    std::optional<std::int64_t> user_id;
    std::string name;
    std::string address;
};

} // namespace phongthi::server
