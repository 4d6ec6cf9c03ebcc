#include "server/accounts/password_policy.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace phongthi::server {

namespace {

/// Common passwords and their stems, lower case: the most used English ones, the Vietnamese
/// ones seen in leaked lists, and the product's own name. A password whose stem (trailing
/// digits and punctuation removed) is one of these, or empty, is refused.
constexpr std::string_view common_password_stems[] = {
    "password", "passw0rd",      "qwerty",        "qwertyuiop",     "qwertyuiopasdf",
    "abc",      "abcdef",        "abcdefgh",      "letmein",        "welcome",
    "admin",    "administrator", "iloveyou",      "monkey",         "dragon",
    "football", "baseball",      "sunshine",      "princess",       "trustno",
    "asdfgh",   "asdfghjkl",     "zxcvbn",        "zxcvbnm",        "qazwsx",
    "matkhau",  "matkhaumoi",    "matkhaucuatoi", "anhyeuem",       "emyeuanh",
    "yeuem",    "vietnam",       "hanoi",         "saigon",         "hochiminh",
    "quantri",  "quantrivien",   "giaovien",      "giangvien",      "giamthi",
    "thisinh",  "hocvien",       "phongthi",      "phongthi.local",
};

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    });
    return out;
}

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool is_common(std::string_view password) {
    std::string stem = ascii_lower(password);
    while (!stem.empty()) {
        unsigned char const last = static_cast<unsigned char>(stem.back());
        bool const digit = last >= '0' && last <= '9';
        bool const punctuation = last < 0x80 && !digit && !(last >= 'a' && last <= 'z');
        if (!digit && !punctuation)
            break;
        stem.pop_back();
    }
    return stem.empty() ||
           std::ranges::find(common_password_stems, stem) != std::end(common_password_stems);
}

} // namespace

password_problem check_password(std::string_view password, std::string_view username, role r) {
    if (password.size() > max_password_bytes)
        return password_problem::too_long;
    std::size_t const length = code_points(password);
    if (!is_staff(r))
        return length < min_candidate_password_length ? password_problem::too_short
                                                      : password_problem::none;
    if (length < min_staff_password_length)
        return password_problem::too_short;
    if (!username.empty() && ascii_lower(password).find(ascii_lower(username)) != std::string::npos)
        return password_problem::contains_username;
    if (is_common(password))
        return password_problem::too_common;
    return password_problem::none;
}

std::string_view password_problem_code(password_problem problem) {
    switch (problem) {
    case password_problem::too_short:
        return "password_too_short";
    case password_problem::too_long:
        return "password_too_long";
    case password_problem::contains_username:
        return "password_contains_username";
    case password_problem::too_common:
        return "password_too_common";
    case password_problem::none:
        break;
    }
    return "";
}

int generated_password_length(role r) {
    return is_staff(r) ? 14 : static_cast<int>(min_candidate_password_length);
}

} // namespace phongthi::server
