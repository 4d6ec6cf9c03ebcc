#pragma once

#include "server/accounts/user.hpp"

#include <cstddef>
#include <string_view>

namespace phongthi::server {

/// The fewest characters (Unicode code points) of a staff password (admin, lecturer, proctor).
constexpr std::size_t min_staff_password_length = 12;
/// The fewest characters of a candidate's password (they get generated ones printed on cards).
constexpr std::size_t min_candidate_password_length = 8;
/// The most bytes of any password (Argon2 would take more, but nobody types more).
constexpr std::size_t max_password_bytes = 256;

/// The first rule a chosen password breaks.
enum class password_problem { none, too_short, too_long, contains_username, too_common };

/// Checks a password chosen for the account `username` of role `r`: every role needs
/// min_candidate_password_length characters and at most max_password_bytes bytes; staff need
/// min_staff_password_length characters, no copy of the username (ASCII case folded) and no
/// common password (an embedded English and Vietnamese blocklist, matched case-folded once
/// trailing digits and punctuation are taken off, so "Matkhau@2026" is refused too).
/// Any thread.
password_problem check_password(std::string_view password, std::string_view username, role r);

/// The error code of a problem, as in the API's error table: "password_too_short",
/// "password_too_long", "password_contains_username", "password_too_common" ("" for none).
std::string_view password_problem_code(password_problem problem);

/// How many characters a generated password of role `r` has: 14 for staff, so it passes the
/// staff rule, 8 for candidates (typed from a printed card). Any thread.
int generated_password_length(role r);

} // namespace phongthi::server
