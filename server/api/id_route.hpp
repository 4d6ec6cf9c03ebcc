#pragma once

#include "server/api/router.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace phongthi::server {

/// Handles a call on one record whose id the route's first {placeholder} holds.
using id_handler = std::function<void(services&, api_call const&, responder, std::int64_t)>;

/// The route handler that parses the first placeholder as an id, answers 404 `missing` when it
/// is not one, and otherwise calls `handler` with it. Start-up; the handler then runs on any
/// thread.
api_handler with_id(services& shared, id_handler handler, std::string missing = "not_found");

} // namespace phongthi::server
