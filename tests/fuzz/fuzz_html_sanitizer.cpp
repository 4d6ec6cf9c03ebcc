// libFuzzer target: the HTML sanitizer keeps only its subset, and sanitizing twice changes nothing.
#include "question-bank/html_sanitizer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// Every '<' of a sanitized text opens one of the tags it may keep, written as it writes them.
bool only_kept_tags(std::string_view html) {
    constexpr std::array<std::string_view, 19> kept{"<b>",
                                                    "</b>",
                                                    "<i>",
                                                    "</i>",
                                                    "<u>",
                                                    "</u>",
                                                    "<em>",
                                                    "</em>",
                                                    "<sub>",
                                                    "</sub>",
                                                    "<sup>",
                                                    "</sup>",
                                                    "<p>",
                                                    "</p>",
                                                    "<br>",
                                                    "<strong>",
                                                    "</strong>",
                                                    "<img src=\"@@PLUGINFILE@@/",
                                                    "<img src=\"data:image/"};
    for (std::size_t at = html.find('<'); at != std::string_view::npos;
         at = html.find('<', at + 1)) {
        bool const known = std::any_of(kept.begin(), kept.end(), [&](std::string_view tag) {
            return html.substr(at).starts_with(tag);
        });
        if (!known)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    std::string const once = phongthi::bank::sanitize_html(text);
    if (!only_kept_tags(once) || phongthi::bank::sanitize_html(once) != once)
        std::abort();
    return 0;
}
