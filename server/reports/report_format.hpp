#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// How dates and numbers are written on printed reports, as a Vietnamese office writes them.
/// Pure; any thread.
namespace phongthi::server::report_format {

/// "1990-03-07" → "07/03/1990"; any other text is returned as it is.
std::string date_text(std::string_view iso_date);

/// The day of `ms` in Vietnam (UTC+7) as "2026-11-26".
std::string iso_day_in_vietnam(std::int64_t ms);

/// "Bắc Ninh, ngày 05 tháng 3 năm 2026" (days below 10 and months 1 and 2 with a leading zero,
/// as official documents write them); without a place "Ngày 05 tháng 3 năm 2026".
std::string place_and_date(std::string_view place, std::int64_t ms);

/// A score with at most two decimals and a decimal comma: 8.5 → "8,5", 10 → "10".
std::string score_text(double score);

/// An ASCII file name from any text: Vietnamese letters without their marks, other characters
/// as '-', runs of '-' collapsed, lower case; "bao-cao" when nothing is left.
std::string ascii_slug(std::string_view text);

/// The Content-Disposition of a download: an ASCII `filename` (the slug) and the UTF-8 name as
/// RFC 5987 `filename*`.
std::string content_disposition(std::string_view utf8_name, std::string_view extension);

} // namespace phongthi::server::report_format
