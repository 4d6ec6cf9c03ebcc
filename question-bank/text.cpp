#include "question-bank/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <utf8proc.h>

namespace phongthi::bank {

bool is_valid_utf8(std::string_view text) {
    auto const* p = reinterpret_cast<utf8proc_uint8_t const*>(text.data());
    auto remaining = static_cast<utf8proc_ssize_t>(text.size());
    while (remaining > 0) {
        utf8proc_int32_t codepoint = 0;
        utf8proc_ssize_t const used = utf8proc_iterate(p, remaining, &codepoint);
        if (used < 0)
            return false;
        p += used;
        remaining -= used;
    }
    return true;
}

std::string_view trim_ascii(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_ascii_space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string shortest_number(double value) {
    std::array<char, 32> buffer{};
    auto const [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return ec == std::errc() ? std::string(buffer.data(), end) : "0";
}

namespace {

std::string map_utf8(std::string_view text, int options) {
    if (!is_valid_utf8(text))
        throw std::invalid_argument("text is not valid UTF-8");
    utf8proc_uint8_t* out = nullptr;
    utf8proc_ssize_t const size = utf8proc_map(
        reinterpret_cast<utf8proc_uint8_t const*>(text.data()),
        static_cast<utf8proc_ssize_t>(text.size()), &out, static_cast<utf8proc_option_t>(options));
    if (size < 0)
        throw std::invalid_argument(utf8proc_errmsg(size));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
    return std::string(reinterpret_cast<char const*>(out), static_cast<std::size_t>(size));
}

} // namespace

std::string to_nfc(std::string_view text) {
    return map_utf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string normalize_text(std::string_view text) {
    std::string const nfc = to_nfc(text);
    std::string result;
    result.reserve(nfc.size());
    bool pending_space = false;
    for (char const c : nfc) {
        bool const space =
            c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (space) {
            pending_space = !result.empty();
            continue;
        }
        if (pending_space)
            result += ' ';
        pending_space = false;
        result += c;
    }
    return result;
}

std::string normalize_multiline(std::string_view text) {
    std::string result;
    bool pending_blank = false;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto const end = std::min(text.find('\n', start), text.size());
        std::string const line = normalize_text(text.substr(start, end - start));
        start = end + 1;
        if (line.empty()) {
            pending_blank = !result.empty();
            continue;
        }
        if (!result.empty())
            result += pending_blank ? "\n\n" : "\n";
        pending_blank = false;
        result += line;
    }
    return result;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char const c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string fold_case(std::string_view text) {
    return map_utf8(normalize_text(text), UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

} // namespace phongthi::bank
