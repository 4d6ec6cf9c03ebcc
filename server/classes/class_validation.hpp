#pragma once

#include "server/classes/class_store.hpp"

#include <string>
#include <string_view>

namespace phongthi::server {

/// True for a real calendar day written 'YYYY-MM-DD' (years 1900-2199).
bool is_iso_date(std::string_view text);

/// Checks and normalizes a course as typed (code 1-32 of A-Z a-z 0-9 . _ -, name NFC 1-200
/// characters, a known kind, optional ISO dates in order). Returns the first bad field, or ""
/// when every field is valid. Any thread.
std::string check_course(class_store::course_record& course);

/// Checks and normalizes a class's code, name and dates as check_course() does; the ids are
/// checked against the database by the caller. Returns the first bad field or "". Any thread.
std::string check_class(class_store::class_fields& fields);

/// True for "lecturer", "proctor" and "homeroom".
bool is_class_duty(std::string_view duty);

} // namespace phongthi::server
