#pragma once

#include <span>
#include <string_view>

namespace phongthi::web {

/// One file of the browser client, embedded in the binary at build time.
struct asset {
    std::string_view path; ///< URL path, e.g. "/js/app.js"
    std::string_view content_type;
    std::string_view body;
    std::string_view gzip_body; ///< empty when compression does not help
    std::string_view etag;      ///< quoted strong validator derived from the content
};

/// Every embedded asset. Thread-safe: the table is constant.
std::span<asset const> all_assets();

/// The asset served at `path` ("/" means "/index.html"), or nullptr.
asset const* find_asset(std::string_view path);

} // namespace phongthi::web
