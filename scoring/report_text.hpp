#pragma once

#include <cstdint>
#include <string>

namespace phongthi::scoring {

/// `value` with at most `decimals` decimals, trailing zeros dropped, and `point` as the decimal
/// separator: ',' for print ("7,25"), '.' for files ("7.25"). "—" when not finite. Any thread.
std::string decimal_text(double value, int decimals, char point);

/// A share 0..1 as a percentage with one decimal at most: "87,5%". "—" when not finite. Any
/// thread.
std::string percent_text(double share, char point);

/// UTF-8 text in capitals, Vietnamese letters included: "Trường chính trị" → "TRƯỜNG CHÍNH TRỊ".
/// Invalid bytes are kept as they are. Any thread.
std::string upper_case(std::string const& text);

/// `text` as a file name in ASCII: Vietnamese letters without their marks (đ as d), letters,
/// digits, '-' and '_' kept, every other run of characters as one '-', none at the ends:
/// "CB Tổ chức/01" → "CB-To-chuc-01". Any thread.
std::string ascii_name(std::string const& text);

/// A duration as mm:ss, or h:mm:ss from an hour on; empty when `ms` is below 0. Any thread.
std::string duration_text(std::int64_t ms);

/// What a summary value counts.
enum class summary_kind { count, score, share };

/// One line of the summary: "Điểm trung bình" 7.25.
struct summary_line {
    std::string label;
    double value = 0; ///< NaN when undefined (no mean without a graded paper)
    summary_kind kind = summary_kind::count;
};

/// A summary value as printed: counts as integers, scores with 2 decimals at most, shares as
/// percentages; `point` as the decimal separator. Any thread.
std::string summary_value_text(summary_line const& line, char point);

} // namespace phongthi::scoring
