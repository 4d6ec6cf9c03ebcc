#pragma once

#include <string>
#include <string_view>

namespace phongthi::bank {

/// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

/// Returns `text` in Unicode NFC, so "ế" typed as e + combining marks compares equal to "ế".
/// Throws std::invalid_argument when the input is not valid UTF-8.
std::string to_nfc(std::string_view text);

/// NFC plus trimmed ends and runs of whitespace collapsed to one space: the form used to
/// compare stems and options for duplicates and to store names.
std::string normalize_text(std::string_view text);

/// Like normalize_text() but keeps line breaks: each line normalized, runs of blank lines reduced
/// to one, blank lines at the ends removed. For stems and explanations written on several lines.
std::string normalize_multiline(std::string_view text);

/// True for the ASCII white space characters: space, \t, \n, \r, \f, \v.
constexpr bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// True for '0'..'9'.
constexpr bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

/// `text` without ASCII white space at either end.
std::string_view trim_ascii(std::string_view text);

/// The shortest decimal that reads back as `value` ("2.5", "100", "-0.25").
std::string shortest_number(double value);

/// `text` with & < > " written as HTML entities, for plain text placed inside HTML.
std::string html_escape(std::string_view text);

/// normalize_text() with Unicode case folding: the key for case-insensitive matching
/// ("NHẬN BIẾT" matches "nhận biết").
std::string fold_case(std::string_view text);

} // namespace phongthi::bank
