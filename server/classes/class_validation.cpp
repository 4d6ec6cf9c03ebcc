#include "server/classes/class_validation.hpp"

#include "server/accounts/account_validation.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace phongthi::server {

namespace {

constexpr std::array<std::string_view, 5> course_kinds{"admission", "new_member", "cell_secretary",
                                                       "professional", "update"};

/// Code and name checked as a unit's are; "" or the bad field named as the caller calls it.
std::string check_code_and_name(std::string& code, std::string& name) {
    auto const checked = check_new_unit({code, name, ""});
    code = checked.code;
    name = checked.name;
    return checked.error_field;
}

/// The dates' field when one is not a date or they are out of order, else "".
std::string check_dates(std::string const& starts_on, std::string const& ends_on) {
    if (!starts_on.empty() && !is_iso_date(starts_on))
        return "starts_on";
    if (!ends_on.empty() && (!is_iso_date(ends_on) || (!starts_on.empty() && ends_on < starts_on)))
        return "ends_on";
    return "";
}

} // namespace

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    int parts[3] = {0, 0, 0};
    std::size_t const starts[3] = {0, 5, 8};
    std::size_t const lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (std::size_t i = 0; i < lengths[p]; ++i) {
            char const c = text[starts[p] + i];
            if (c < '0' || c > '9')
                return false;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    }
    std::chrono::year_month_day const day{std::chrono::year(parts[0]),
                                          std::chrono::month(static_cast<unsigned>(parts[1])),
                                          std::chrono::day(static_cast<unsigned>(parts[2]))};
    return day.ok() && parts[0] >= 1900 && parts[0] < 2200;
}

std::string check_course(class_store::course_record& course) {
    if (auto bad = check_code_and_name(course.code, course.name); !bad.empty())
        return bad;
    bool const known_kind =
        std::find(course_kinds.begin(), course_kinds.end(), course.kind) != course_kinds.end();
    if (!known_kind)
        return "kind";
    return check_dates(course.starts_on, course.ends_on);
}

std::string check_class(class_store::class_fields& fields) {
    if (auto bad = check_code_and_name(fields.code, fields.name); !bad.empty())
        return bad;
    return check_dates(fields.starts_on, fields.ends_on);
}

bool is_class_duty(std::string_view duty) {
    return duty == "lecturer" || duty == "proctor" || duty == "homeroom";
}

} // namespace phongthi::server
