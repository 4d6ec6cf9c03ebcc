#pragma once

#include "server/http/message.hpp"

#include <optional>

namespace phongthi::server {

/// Answers GET/HEAD for an embedded web-client file: 304 when the ETag matches, the gzip body
/// when the browser accepts it. nullopt when the path is not an asset. Thread-safe.
std::optional<http_response> serve_static(http_request const& request);

} // namespace phongthi::server
